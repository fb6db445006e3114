import { get } from '../api';
import { h, table } from '../dom';
import { t } from '../i18n';
import { monthForm, monthOf } from '../month';

interface Face {
  city: string;
  station: string;
  kind: string;
  runs: Array<{ from: string; to: string; state: string }>;
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

/**
 * OOH occupancy for a month per city, station and kind, from operations' availability calendar:
 * face-days taken (held, booked or live) over face-days in service.
 */
export async function occupancyPage(query: URLSearchParams, today: string): Promise<HTMLElement> {
  const { month, from, to } = monthOf(query, today);
  const calendar = await get<{ faces: Face[] }>(`/api/operations/availability?from=${from}&to=${to}`);
  const groups = new Map<string, { city: string; station: string; kind: string; faces: number; inService: number; taken: number }>();
  for (const f of calendar.faces) {
    const key = `${f.city}|${f.station}|${f.kind}`;
    const g = groups.get(key) ?? { city: f.city, station: f.station, kind: f.kind, faces: 0, inService: 0, taken: 0 };
    g.faces += 1;
    for (const r of f.runs) {
      const n = days(r.from, r.to);
      if (r.state !== 'out-of-service') g.inService += n;
      if (['held', 'booked', 'live'].includes(r.state)) g.taken += n;
    }
    groups.set(key, g);
  }
  const rows = [...groups.values()]
    .sort((a, b) => a.city.localeCompare(b.city) || a.station.localeCompare(b.station) || a.kind.localeCompare(b.kind))
    .map((g) => [
      g.city,
      g.station,
      g.kind,
      String(g.faces),
      String(g.taken),
      String(g.inService),
      g.inService ? `${((100 * g.taken) / g.inService).toFixed(1)}%` : '—',
    ]);
  return h(
    'section',
    {},
    h('h2', {}, t('occupancy')),
    monthForm('occupancy', month),
    rows.length
      ? table([t('city'), t('station'), t('kind'), t('faces'), t('takenDays'), t('inServiceDays'), t('occupancy')], rows, { 'data-testid': 'occupancy-table' })
      : h('p', { class: 'empty' }, t('empty')),
  );
}
