import { fold, SYSTEM_ACTORS } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { ledgerDecider, type Fact, type LedgerCommand } from '@ooh/reporting-domain';
import { CAMPAIGNS, campaignsProjection, LEDGERS, ledgersProjection } from './ledgers.projection';

const AT = '2026-12-01T02:00:00.000Z';
const LATER = '2026-12-02T02:00:00.000Z';
const fact = (factId: string): Fact => ({
  factId,
  measure: 'unitsAired',
  amount: 1,
  businessDate: '2026-12-01',
  recordedAt: AT,
  channel: null,
  month: null,
  supersedes: null,
  label: factId,
  message: { messageId: factId, type: 'buying.unit-delivery-recorded' },
});
const record = (messageId: string, links: object, facts: Fact[], at = AT): LedgerCommand => ({
  type: 'RecordFacts',
  data: { ledgerId: 'media-order:o-1', kind: 'media-order', documentId: 'o-1', links, messageId, facts, at, by: SYSTEM_ACTORS.feed },
});

describe('reporting projections', () => {
  // Proof of airing arrived before the order's signature (another topic): the ledger takes the brief when it comes.
  const commands = [
    record('m-1', { orderId: 'o-1' }, [fact('u-1')]),
    record('m-2', { briefId: 'b-1', clientId: 'c-1', campaign: 'Winter', orderId: 'o-1' }, [], LATER),
  ];
  const events = eventsFrom(ledgerDecider, commands).map((e, i) => ({ streamId: 'reporting.ledger-media-order:o-1', recordedAt: i ? LATER : AT, ...e }));

  it('keeps each document’s ledger with its links and facts, whichever message came first', async () => {
    const state = fold(ledgerDecider, eventsFrom(ledgerDecider, commands));
    await projectionSpec(ledgersProjection)
      .given(...events)
      .then({ [LEDGERS]: { 'media-order:o-1': { ...state, revision: 1, updatedAt: LATER } } });
    expect(state).toMatchObject({ briefId: 'b-1', orderId: 'o-1', facts: [expect.objectContaining({ factId: 'u-1' })] });
  });

  it('lists a campaign once a message links a document to its brief', async () => {
    await projectionSpec(campaignsProjection)
      .given(...events)
      .then({
        [CAMPAIGNS]: {
          'b-1': { briefId: 'b-1', clientId: 'c-1', campaign: 'Winter', ledgerIds: ['media-order:o-1'], firstRecordedAt: LATER, lastRecordedAt: LATER },
        },
      });
  });
});
