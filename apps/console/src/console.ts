import './styles.css';
import { ApiError, get, signIn, signOut, token } from './api';
import { h } from './dom';
import { setTimeZone } from './format';
import { currentLang, setLang, t } from './i18n';
import { agingPage } from './pages/aging';
import { availabilityPage } from './pages/availability';
import { campaign360Page } from './pages/campaign360';
import { campaignsPage } from './pages/campaigns';
import { faultSlaPage } from './pages/fault-sla';
import { occupancyPage } from './pages/occupancy';
import { pipelinePage } from './pages/pipeline';
import { postBuyPage } from './pages/post-buy';
import { postingRegisterPage } from './pages/posting-register';
import { reconciliationPage } from './pages/reconciliation';
import { queuePage } from './pages/queue';

const app = document.getElementById('app')!;

function signInForm(message?: string): HTMLElement {
  return h(
    'form',
    {
      class: 'sign-in',
      'data-testid': 'sign-in',
      onsubmit: (e: Event) => {
        e.preventDefault();
        signIn(String(new FormData(e.target as HTMLFormElement).get('token') ?? ''));
        void render();
      },
    },
    h('h1', {}, t('title')),
    message ? h('p', { class: 'error' }, message) : null,
    h('label', {}, t('token'), h('textarea', { name: 'token', rows: '4', required: true, 'data-testid': 'token' })),
    h('p', { class: 'hint' }, t('tokenHint')),
    h('button', { type: 'submit' }, t('signIn')),
  );
}

function shell(content: Node): HTMLElement {
  const route = location.hash.split('?')[0];
  const link = (href: string, label: string) => h('a', { href, class: route.startsWith(href) ? 'active' : '' }, label);
  return h(
    'div',
    { class: 'shell' },
    h(
      'header',
      {},
      h('strong', {}, t('title')),
      h(
        'nav',
        {},
        link('#/queue', t('queue')),
        link('#/campaigns', t('campaigns')),
        link('#/pipeline', t('pipeline')),
        link('#/availability', t('availability')),
        link('#/occupancy', t('occupancy')),
        link('#/aging', t('aging')),
        link('#/fault-sla', t('faultSla')),
        link('#/postings', t('postings')),
      ),
      h(
        'span',
        { class: 'tools' },
        h('button', { 'data-testid': 'lang', onclick: () => (setLang(currentLang() === 'zh' ? 'en' : 'zh'), void render()) }, t('language')),
        h('button', { onclick: () => (signOut(), void render()) }, t('signOut')),
      ),
    ),
    h('main', {}, content),
  );
}

let today = '';

async function page(): Promise<HTMLElement> {
  const [path, query] = (location.hash.replace(/^#/, '') || '/queue').split('?');
  const params = new URLSearchParams(query ?? '');
  const reconcile = /^\/campaigns\/(.+)\/reconciliation$/.exec(path);
  if (reconcile) return reconciliationPage(decodeURIComponent(reconcile[1]), params);
  const postBuy = /^\/campaigns\/(.+)\/post-buy$/.exec(path);
  if (postBuy) return postBuyPage(decodeURIComponent(postBuy[1]), params);
  const campaign = /^\/campaigns\/(.+)$/.exec(path);
  if (campaign) return campaign360Page(decodeURIComponent(campaign[1]), params);
  if (path === '/campaigns') return campaignsPage();
  if (path === '/pipeline') return pipelinePage();
  if (path === '/availability') return availabilityPage(params, today);
  if (path === '/occupancy') return occupancyPage(params, today);
  if (path === '/aging') return agingPage(today);
  if (path === '/fault-sla') return faultSlaPage(params, today);
  if (path === '/postings') return postingRegisterPage(params, today);
  return queuePage();
}

async function render(): Promise<void> {
  document.documentElement.lang = currentLang() === 'zh' ? 'zh-CN' : 'en';
  if (!token()) return void app.replaceChildren(signInForm());
  app.replaceChildren(shell(h('p', { class: 'loading', 'data-testid': 'loading' }, t('loading'))));
  try {
    const settings = await get<{ timeZone: string; today: string }>('/api/reporting/settings');
    setTimeZone(settings.timeZone);
    today = settings.today;
    app.replaceChildren(shell(await page()));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      signOut();
      return void app.replaceChildren(signInForm(e.message));
    }
    app.replaceChildren(shell(h('p', { class: 'error', 'data-testid': 'error' }, `${t('error')}: ${(e as Error).message}`)));
  }
}

window.addEventListener('hashchange', () => void render());
void render();
