import { get } from '../api';
import { h, table } from '../dom';
import { t } from '../i18n';
import { monthForm, monthOf } from '../month';
import { timesForm, timesOf } from '../times';
import { toolbar } from '../toolbar';

interface Figures {
  faces: number;
  faceDaysInService: number;
  faceDaysTaken: number;
  occupancyPercent: number | null;
}
interface Occupancy {
  rows: Array<Figures & { city: string; station: string; kind: string }>;
  total: Figures;
}

/**
 * OOH occupancy for a month per city, station and kind (reporting's read model of operations' sites
 * and face holds): face-days taken (held, booked or live) over face-days in service.
 */
export async function occupancyPage(query: URLSearchParams, today: string): Promise<HTMLElement> {
  const { month } = monthOf(query, today);
  const times = timesOf(query);
  const path = `/api/reporting/occupancy?${new URLSearchParams([['month', month], ...times])}`;
  const report = await get<Occupancy>(path);
  const pct = (n: number | null) => (n === null ? '—' : `${n.toFixed(1)}%`);
  const cells = (f: Figures) => [String(f.faces), String(f.faceDaysTaken), String(f.faceDaysInService), pct(f.occupancyPercent)];
  return h(
    'section',
    {},
    h('h2', {}, t('occupancy')),
    monthForm('occupancy', month),
    timesForm('occupancy', times, { month }),
    toolbar(path, `occupancy-${month}`),
    report.rows.length
      ? table(
          [t('city'), t('station'), t('kind'), t('faces'), t('takenDays'), t('inServiceDays'), t('occupancy')],
          [...report.rows.map((r) => [r.city, r.station, r.kind, ...cells(r)]), [h('strong', {}, t('total')), '', '', ...cells(report.total)]],
          { 'data-testid': 'occupancy-table' },
        )
      : h('p', { class: 'empty' }, t('empty')),
  );
}
