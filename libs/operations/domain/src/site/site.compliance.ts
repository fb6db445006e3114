import { instantMillis } from '@ooh/calendar';
import type { SiteState } from './site.events';

/** Whether a site with this status history was in service at some moment of [start, end) (epoch ms). */
export function inServiceDuring(history: SiteState['statusHistory'], start: number, end: number): boolean {
  for (let i = 0; i < history.length; i++) {
    if (history[i].status !== 'in-service') continue;
    const from = instantMillis(history[i].from);
    const until = i + 1 < history.length ? instantMillis(history[i + 1].from) : undefined;
    if (from < end && (until === undefined || until > start)) return true;
  }
  return false;
}

/** Whether the site was in service at an instant (epoch ms): not before it was registered, nor while faulty, under maintenance or retired. */
export function inServiceAt(history: SiteState['statusHistory'], at: number): boolean {
  let status = 'unregistered';
  for (const h of history) if (instantMillis(h.from) <= at) status = h.status;
  return status === 'in-service';
}

export interface ComplianceResult {
  required: number;
  done: number;
  /** done ÷ required, 4 decimals; 1 when nothing was required. */
  compliance: number;
  missed: Array<{ siteId: string; period: string }>;
}

/**
 * The seed's rules as counts: each period (a local day for inspections, an ISO week for maintenance)
 * requires the work of every site in service at any moment of it; `done` holds `siteId|period` of the
 * work recorded. Every missed site-period is listed, in period then site order.
 */
export function compliance(
  periods: Array<{ period: string; bounds: [number, number] }>,
  sites: Array<Pick<SiteState, 'siteId' | 'statusHistory'>>,
  done: ReadonlySet<string>,
): ComplianceResult {
  const missed: ComplianceResult['missed'] = [];
  let required = 0;
  for (const { period, bounds } of periods) {
    for (const site of sites) {
      if (!inServiceDuring(site.statusHistory, bounds[0], bounds[1])) continue;
      required++;
      if (!done.has(`${site.siteId}|${period}`)) missed.push({ siteId: site.siteId, period });
    }
  }
  const rate = required === 0 ? 1 : Math.round(((required - missed.length) / required) * 10000) / 10000;
  return { required, done: required - missed.length, compliance: rate, missed };
}
