import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { briefDecider, type BriefContent } from '@ooh/planning-domain';
import { BRIEFS, briefsProjection } from './briefs.projection';

const am: Actor = { userId: 'wang', role: 'account-manager' };
const AT = '2026-12-01T02:00:00.000Z';
const content: BriefContent = {
  campaign: 'Winter 2027',
  kpis: [],
  objectives: ['Awareness'],
  audience: { ageBands: ['25-34'], gender: 'all', regions: ['Chongqing'], habits: [] },
  markets: ['Chongqing'],
  budget: { amountFen: 1_000_000, currency: 'CNY' },
  period: { start: '2027-01-01', end: '2027-02-28' },
  research: { competitors: [], trends: [] },
  mandatoryItems: [],
};

describe('briefs projection', () => {
  it('keeps each brief with every version', async () => {
    const events = eventsFrom(briefDecider, [
      { type: 'CreateBrief', data: { briefId: 'b-1', client: { clientId: 'c-1', name: 'CQ Beer', status: 'active' }, content, at: AT, by: am } },
      { type: 'ReviseBrief', data: { briefId: 'b-1', content: { ...content, markets: ['Chongqing', 'Chengdu'] }, note: 'Chengdu added', at: AT, by: am } },
    ]);
    await projectionSpec(briefsProjection)
      .given(...events.map((e) => ({ streamId: 'planning.brief-b-1', recordedAt: AT, ...e })))
      .then({ [BRIEFS]: { 'b-1': { ...fold(briefDecider, events), revision: 1, updatedAt: AT } } });
  });
});
