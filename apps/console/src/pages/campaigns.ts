import { get } from '../api';
import { h, table } from '../dom';
import { instant } from '../format';
import { t } from '../i18n';

interface Campaign {
  briefId: string;
  clientId: string | null;
  campaign: string | null;
  lastRecordedAt: string;
}

export async function campaignsPage(): Promise<HTMLElement> {
  const page = await get<{ items: Campaign[] }>('/api/reporting/campaigns?limit=200');
  if (page.items.length === 0) return h('section', {}, h('h2', {}, t('campaigns')), h('p', { class: 'empty' }, t('empty')));
  const rows = page.items.map((c) => [
    h('a', { href: `#/campaigns/${encodeURIComponent(c.briefId)}`, 'data-testid': 'campaign-link' }, c.campaign ?? c.briefId),
    c.clientId ?? '—',
    instant(c.lastRecordedAt),
  ]);
  return h('section', {}, h('h2', {}, t('campaigns')), table([t('campaign'), t('client'), t('lastChange')], rows));
}
