import { get } from '../api';
import { timesForm, timesOf } from '../times';
import { toolbar } from '../toolbar';
import { h, table } from '../dom';
import { yuan } from '../format';
import { t } from '../i18n';

interface Line {
  lineId: string;
  channel: string;
  units: number;
  aired: number;
  faceDays: { ordered: number; live: number; short: number; pending: number } | null;
  orderedFen: number;
  deliveredFen: number;
  invoicedFen: number;
  balanced: boolean;
  reasons: Array<{ code: string; unitIds: string[]; amountFen: number; note: string }>;
}
interface Reconciliation {
  cutoff: string;
  billedFen: number;
  contractedFen: number;
  orders: Array<{ orderId: string; lines: Line[] }>;
}

/** Ordered, delivered and vendor-invoiced per order line, and why a line does not balance. */
export async function reconciliationPage(briefId: string, query: URLSearchParams): Promise<HTMLElement> {
  const times = timesOf(query);
  const path = `/api/reporting/campaigns/${encodeURIComponent(briefId)}/reconciliation?${times}`;
  const rec = await get<Reconciliation>(path);
  const rows = rec.orders.flatMap((o) =>
    o.lines.map((l) => [
      `${o.orderId.slice(0, 8)} / ${l.lineId}`,
      l.channel,
      `${l.aired}/${l.units}`,
      l.faceDays ? `${l.faceDays.live}/${l.faceDays.ordered}` : '—',
      yuan(l.orderedFen),
      yuan(l.deliveredFen),
      yuan(l.invoicedFen),
      l.balanced
        ? h('span', { class: 'ok' }, '✓')
        : h(
            'ul',
            { class: 'reasons' },
            ...l.reasons.map((r) => h('li', {}, h('strong', {}, r.code), ` ${r.unitIds.join(', ')} · ${yuan(r.amountFen)} · ${r.note}`)),
          ),
    ]),
  );
  return h(
    'section',
    {},
    h('p', {}, h('a', { href: `#/campaigns/${encodeURIComponent(briefId)}` }, `← ${t('back')}`)),
    h('h2', {}, t('reconciliation')),
    h('p', { class: 'summary' }, `${t('contracted')}: ${yuan(rec.contractedFen)} · ${t('billed')}: ${yuan(rec.billedFen)} · ${t('cutoff')}: ${rec.cutoff}`),
    timesForm(`campaigns/${encodeURIComponent(briefId)}/reconciliation`, times),
    toolbar(path, `reconciliation-${briefId}`),
    rows.length
      ? table([t('line'), t('channel'), t('aired'), t('faceDays'), t('ordered'), t('delivered'), t('invoiced'), t('why')], rows, {
          'data-testid': 'reconciliation-table',
        })
      : h('p', { class: 'empty' }, t('empty')),
  );
}
