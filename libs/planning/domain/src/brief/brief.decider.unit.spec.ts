import type { Actor } from '@ooh/eventing';
import { deciderSpec } from '@ooh/eventing-testing';
import { briefDecider, type BriefCommand } from './brief.decider';
import type { BriefContent, BriefEvent } from './brief.events';

const spec = deciderSpec(briefDecider);
const am: Actor = { userId: 'wang', role: 'account-manager' };
const AT = '2026-12-01T02:00:00.000Z';
const client = { clientId: 'c-1', name: 'CQ Beer', status: 'active' as const };
const content: BriefContent = {
  campaign: 'Winter 2027',
  kpis: [],
  objectives: ['Awareness in rail stations'],
  audience: { ageBands: ['25-34', '35-44'], gender: 'all', regions: ['Chongqing'], habits: ['Commuters'] },
  markets: ['Chongqing'],
  budget: { amountFen: 50_000_000, currency: 'CNY' },
  period: { start: '2027-01-01', end: '2027-02-28' },
  research: { competitors: ['Snow Beer'], trends: ['Festive season'] },
  mandatoryItems: ['Logo on every creative'],
};
const create = (c: Partial<BriefContent> = {}, status: 'active' | 'archived' = 'active'): BriefCommand => ({
  type: 'CreateBrief',
  data: { briefId: 'b-1', client: { ...client, status }, content: { ...content, ...c }, at: AT, by: am },
});
const revise = (c: Partial<BriefContent>, note = 'Budget raised by the client'): BriefCommand => ({
  type: 'ReviseBrief',
  data: { briefId: 'b-1', content: { ...content, ...c }, note, at: AT, by: am },
});
const created: BriefEvent = { type: 'BriefCreated', data: { briefId: 'b-1', clientId: 'c-1', clientName: 'CQ Beer', content, at: AT, by: am } };

describe('Brief decider', () => {
  it('should create version 1 for an active client with objectives, markets, a period and a budget', () => {
    spec.given([]).when(create()).then([created]);
    spec.given([]).when(create({}, 'archived')).thenThrows('CLIENT_ARCHIVED', 'rule-violated');
    spec
      .given([])
      .when(create({ objectives: [] }))
      .thenThrows('OBJECTIVES_REQUIRED', 'rule-violated');
    spec
      .given([])
      .when(create({ markets: [] }))
      .thenThrows('MARKETS_REQUIRED', 'rule-violated');
    spec
      .given([])
      .when(create({ period: { start: '2027-02-01', end: '2027-01-01' } }))
      .thenThrows('PERIOD_REVERSED', 'rule-violated');
    spec.given([created]).when(create()).thenThrows('BRIEF_ALREADY_EXISTS', 'conflict');
  });

  it('should take measurable targets, one per metric and channel, within their range', () => {
    const kpis = [
      { metric: 'grp' as const, channel: 'tv', target: 300 },
      { metric: 'reach' as const, channel: null, target: 60 },
    ];
    expect(spec.given([]).when(create({ kpis })).events()[0]).toMatchObject({ data: { content: { kpis } } });
    spec
      .given([])
      .when(create({ kpis: [...kpis, { metric: 'grp', channel: 'tv', target: 200 }] }))
      .thenThrows('KPI_REPEATED', 'rule-violated');
    spec
      .given([])
      .when(create({ kpis: [{ metric: 'reach', channel: null, target: 120 }] }))
      .thenThrows('KPI_OUT_OF_RANGE', 'rule-violated');
    spec
      .given([])
      .when(create({ kpis: [{ metric: 'frequency', channel: null, target: 0.5 }] }))
      .thenThrows('KPI_OUT_OF_RANGE', 'rule-violated');
    // A brief recorded before KPIs existed has none, and revising it with none changes nothing.
    const { kpis: _none, ...older } = content;
    const legacy: BriefEvent = { type: 'BriefCreated', data: { ...created.data, content: older as typeof content } };
    spec.given([legacy]).when(revise({})).thenThrows('NOTHING_CHANGED', 'rule-violated');
  });

  it('should keep every version, each revision saying why', () => {
    const bigger = { budget: { amountFen: 60_000_000, currency: 'CNY' } };
    spec
      .given([created])
      .when(revise(bigger))
      .then([
        { type: 'BriefRevised', data: { briefId: 'b-1', version: 2, content: { ...content, ...bigger }, note: 'Budget raised by the client', at: AT, by: am } },
      ]);
    spec.given([created]).when(revise(bigger, ' ')).thenThrows('NOTE_REQUIRED', 'rule-violated');
    spec.given([created]).when(revise({})).thenThrows('NOTHING_CHANGED', 'rule-violated');
    spec
      .given([created])
      .when(revise({ budget: { amountFen: 1, currency: 'USD' } }))
      .thenThrows('CURRENCY_CHANGED', 'rule-violated');
    spec.given([]).when(revise(bigger)).thenThrows('BRIEF_NOT_FOUND', 'not-found');
    const revised = spec.given([created]).when(revise(bigger)).events();
    const state = spec.given([created, ...revised]).state();
    expect(state.versions.map((v) => [v.version, v.budget.amountFen])).toEqual([
      [1, 50_000_000],
      [2, 60_000_000],
    ]);
    expect(state.current).toMatchObject({ version: 2, note: 'Budget raised by the client' });
  });
});
