import { get } from '../api';
import { h, table } from '../dom';
import { day, instant } from '../format';
import { t } from '../i18n';
import { toolbar } from '../toolbar';

interface QueueRow {
  key: string;
  context: string;
  kind: string;
  title: string;
  gate: string;
  waitingFor: string;
  releasedBy: string;
  since: string;
  deadline: string | null;
  overdue: boolean;
  link: string;
}

/** What waits for the signed-in person, across every service, oldest first. */
export async function queuePage(): Promise<HTMLElement> {
  const queue = await get<{ today: string; total: number; overdue: number; items: QueueRow[] }>('/api/reporting/work-queue');
  const summary = h(
    'p',
    { class: 'summary' },
    h('strong', { 'data-testid': 'queue-total' }, String(queue.total)),
    ` · ${t('overdue')}: `,
    h('strong', { 'data-testid': 'queue-overdue' }, String(queue.overdue)),
  );
  if (queue.items.length === 0) return h('section', {}, h('h2', {}, t('queue')), summary, h('p', { class: 'empty' }, t('nothingWaits')));
  const rows = queue.items.map((r) => [
    h('span', {}, h('span', { class: 'tag' }, `${r.context} · ${r.kind}`), ' ', h('span', { title: r.link }, r.title)),
    h('span', {}, h('strong', {}, r.gate), ' — ', r.waitingFor),
    r.releasedBy,
    instant(r.since),
    h('span', { class: r.overdue ? 'overdue' : '' }, `${day(r.deadline)}${r.overdue ? ` (${t('overdue')})` : ''}`),
  ]);
  return h(
    'section',
    {},
    h('h2', {}, t('queue')),
    summary,
    toolbar('/api/reporting/work-queue', `work-queue-${queue.today}`),
    table([t('item'), t('gate'), t('releasedBy'), t('since'), t('deadline')], rows, { 'data-testid': 'queue-table' }),
  );
}
