import { faultSla, type FaultSlaInput } from './fault.sla';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const fault = (faultId: string, severity: 'major' | 'minor', openedAt: string, slaDeadline: string, resolvedAt?: string): FaultSlaInput => ({
  faultId,
  siteId: `S-${faultId}`,
  severity,
  status: resolvedAt ? 'resolved' : 'open',
  openedAt,
  slaDeadline,
  resolvedAt: resolvedAt ?? null,
});

describe('fault SLA report', () => {
  const faults = [
    fault('F1', 'major', '2026-11-30T00:00:00.000Z', '2026-11-30T04:00:00.000Z', '2026-11-30T03:00:00.000Z'), // 180 min, in time
    fault('F2', 'major', '2026-11-30T00:00:00.000Z', '2026-11-30T04:00:00.000Z', '2026-11-30T05:30:00.000Z'), // 330 min, 90 late
    fault('F3', 'major', '2026-11-30T06:00:00.000Z', '2026-11-30T10:00:00.000Z'), // running, 120 min overdue at NOW
    fault('F4', 'minor', '2026-11-30T08:00:00.000Z', '2026-12-01T08:00:00.000Z'), // running, in time
    fault('F5', 'minor', '2026-11-29T00:00:00.000Z', '2026-11-30T00:00:00.000Z', '2026-11-29T10:00:00.000Z'), // 600 min, in time
  ];

  it('counts verdicts per severity and in total', () => {
    const { rows, total } = faultSla(faults, NOW);
    expect(rows).toEqual([
      {
        severity: 'major',
        opened: 3,
        resolved: 2,
        resolvedWithinSla: 1,
        resolvedLate: 1,
        openWithinSla: 0,
        openOverdue: 1,
        compliance: 0.3333,
        medianResolutionMinutes: 255,
        maxResolutionMinutes: 330,
      },
      {
        severity: 'minor',
        opened: 2,
        resolved: 1,
        resolvedWithinSla: 1,
        resolvedLate: 0,
        openWithinSla: 1,
        openOverdue: 0,
        compliance: 1,
        medianResolutionMinutes: 600,
        maxResolutionMinutes: 600,
      },
    ]);
    expect(total).toMatchObject({ opened: 5, resolved: 3, resolvedWithinSla: 2, openOverdue: 1, compliance: 0.5, medianResolutionMinutes: 330 });
  });

  it('counts them per site and per month opened, in the operator’s time zone', () => {
    const twoAtOneSite = [...faults.slice(0, 2).map((f) => ({ ...f, siteId: 'CQ-1' })), ...faults.slice(2)];
    const { bySite, byMonth } = faultSla(twoAtOneSite, NOW, 'Asia/Shanghai');
    expect(bySite.map((r) => [r.siteId, r.opened, r.resolvedLate, r.compliance])).toEqual([
      ['CQ-1', 2, 1, 0.5],
      ['S-F3', 1, 0, 0],
      ['S-F4', 1, 0, 1],
      ['S-F5', 1, 0, 1],
    ]);
    expect(byMonth.map((r) => [r.month, r.opened])).toEqual([['2026-11', 5]]);
    const lateNight = fault('F6', 'minor', '2026-11-30T17:00:00.000Z', '2026-12-01T17:00:00.000Z');
    expect(faultSla([...faults, lateNight], NOW, 'Asia/Shanghai').byMonth.map((r) => [r.month, r.opened])).toEqual([
      ['2026-11', 5],
      ['2026-12', 1],
    ]);
  });

  it('lists breaches worst first, running ones measured at now', () => {
    expect(faultSla(faults, NOW).breaches).toEqual([
      {
        faultId: 'F3',
        siteId: 'S-F3',
        severity: 'major',
        openedAt: '2026-11-30T06:00:00.000Z',
        slaDeadline: '2026-11-30T10:00:00.000Z',
        resolvedAt: null,
        overdueMinutes: 120,
      },
      {
        faultId: 'F2',
        siteId: 'S-F2',
        severity: 'major',
        openedAt: '2026-11-30T00:00:00.000Z',
        slaDeadline: '2026-11-30T04:00:00.000Z',
        resolvedAt: '2026-11-30T05:30:00.000Z',
        overdueMinutes: 90,
      },
    ]);
  });

  it('gives no verdict while every fault is still in time', () => {
    const { total, breaches } = faultSla([faults[3]], NOW);
    expect(total).toMatchObject({ compliance: 1, medianResolutionMinutes: null, maxResolutionMinutes: null, openWithinSla: 1 });
    expect(breaches).toEqual([]);
    expect(faultSla([], NOW).rows.map((r) => r.opened)).toEqual([0, 0]);
  });
});
