import { instantMillis, localDate } from '@ooh/calendar';
import type { Severity } from '../shared';
import type { FaultState } from './fault.events';

export type FaultSlaInput = Pick<FaultState, 'faultId' | 'siteId' | 'severity' | 'status' | 'openedAt' | 'slaDeadline' | 'resolvedAt'>;

export interface FaultSlaRow {
  severity: Severity;
  opened: number;
  /** Resolved or closed, whether or not in time. */
  resolved: number;
  resolvedWithinSla: number;
  resolvedLate: number;
  /** Still running, deadline not yet passed: no verdict yet. */
  openWithinSla: number;
  /** Still running past the deadline: a breach already. */
  openOverdue: number;
  /** resolvedWithinSla ÷ (resolved + openOverdue), 4 decimals; 1 when nothing has a verdict yet. */
  compliance: number;
  /** Minutes from opening to resolution, over the resolved ones; null when none. */
  medianResolutionMinutes: number | null;
  maxResolutionMinutes: number | null;
}

export interface FaultSlaBreach {
  faultId: string;
  siteId: string;
  severity: Severity;
  openedAt: string;
  slaDeadline: string;
  resolvedAt: string | null;
  /** Minutes past the deadline at resolution, or at `now` while still running. */
  overdueMinutes: number;
}

export type FaultSlaCounts = Omit<FaultSlaRow, 'severity'>;

export interface FaultSlaResult {
  rows: FaultSlaRow[];
  total: FaultSlaCounts;
  /** Per site and per month the faults were opened in (operator time): where and when restoring lags. */
  bySite: Array<FaultSlaCounts & { siteId: string }>;
  byMonth: Array<FaultSlaCounts & { month: string }>;
  breaches: FaultSlaBreach[];
}

const MINUTE = 60_000;
const SEVERITIES: Severity[] = ['major', 'minor'];

/**
 * The fault SLA verdicts at `now` (epoch ms): a resolution counts once it is recorded (a rejected one
 * is not, the fault runs again); a fault still running past its deadline is a breach already.
 * Breaches are listed worst first.
 */
export function faultSla(faults: FaultSlaInput[], now: number, timeZone = 'UTC'): FaultSlaResult {
  const breaches: FaultSlaBreach[] = [];
  const rowOf = (subset: FaultSlaInput[]) => {
    const durations: number[] = [];
    let withinSla = 0;
    let openWithinSla = 0;
    let openOverdue = 0;
    for (const f of subset) {
      const deadline = instantMillis(f.slaDeadline);
      if (f.resolvedAt) {
        const at = instantMillis(f.resolvedAt);
        durations.push(Math.round((at - instantMillis(f.openedAt)) / MINUTE));
        if (at <= deadline) withinSla++;
      } else if (now > deadline) openOverdue++;
      else openWithinSla++;
    }
    durations.sort((a, b) => a - b);
    const decided = durations.length + openOverdue;
    return {
      opened: subset.length,
      resolved: durations.length,
      resolvedWithinSla: withinSla,
      resolvedLate: durations.length - withinSla,
      openWithinSla,
      openOverdue,
      compliance: decided === 0 ? 1 : Math.round((withinSla / decided) * 10000) / 10000,
      medianResolutionMinutes: median(durations),
      maxResolutionMinutes: durations.length ? durations[durations.length - 1] : null,
    };
  };
  for (const f of faults) {
    const deadline = instantMillis(f.slaDeadline);
    const end = f.resolvedAt ? instantMillis(f.resolvedAt) : now;
    if (end <= deadline) continue;
    const { faultId, siteId, severity, openedAt, slaDeadline } = f;
    breaches.push({
      faultId,
      siteId,
      severity,
      openedAt,
      slaDeadline,
      resolvedAt: f.resolvedAt ?? null,
      overdueMinutes: Math.round((end - deadline) / MINUTE),
    });
  }
  breaches.sort((a, b) => b.overdueMinutes - a.overdueMinutes || a.faultId.localeCompare(b.faultId));
  const keys = (key: (f: FaultSlaInput) => string) => [...new Set(faults.map(key))].sort();
  const monthOf = (f: FaultSlaInput) => localDate(f.openedAt, timeZone).slice(0, 7);
  return {
    rows: SEVERITIES.map((severity) => ({ severity, ...rowOf(faults.filter((f) => f.severity === severity)) })),
    total: rowOf(faults),
    bySite: keys((f) => f.siteId).map((siteId) => ({ siteId, ...rowOf(faults.filter((f) => f.siteId === siteId)) })),
    byMonth: keys(monthOf).map((month) => ({ month, ...rowOf(faults.filter((f) => monthOf(f) === month)) })),
    breaches,
  };
}

function median(sorted: number[]): number | null {
  if (!sorted.length) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}
