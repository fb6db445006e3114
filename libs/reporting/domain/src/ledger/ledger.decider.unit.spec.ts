import { SYSTEM_ACTORS } from '@ooh/eventing';
import { deciderSpec } from '@ooh/eventing-testing';
import { ledgerDecider, type LedgerCommand } from './ledger.decider';
import { evolveLedger, initialLedgerState, type Fact, type LedgerEvent } from './ledger.events';

const spec = deciderSpec(ledgerDecider);
const by = SYSTEM_ACTORS.feed;
const AT = '2026-12-01T02:00:00.000Z';
const ledgerId = 'media-order:o-1';
const fact = (factId: string, over: Partial<Fact> = {}): Fact => ({
  factId,
  measure: 'ordered',
  amount: 100_000,
  businessDate: '2026-12-01',
  recordedAt: AT,
  channel: 'tv',
  month: '2027-01',
  supersedes: { key: 'media-order:o-1', rank: '000001' },
  label: 'Order o-1 revision 1',
  message: { messageId: 'm-1', type: 'buying.media-order-signed' },
  ...over,
});
const record = (messageId: string, facts: Fact[], links = {}): LedgerCommand => ({
  type: 'RecordFacts',
  data: { ledgerId, kind: 'media-order', documentId: 'o-1', links, messageId, facts, at: AT, by },
});
const recorded = (messageId: string, facts: Fact[], links = {}): LedgerEvent => ({
  type: 'FactsRecorded',
  data: { ledgerId, kind: 'media-order', documentId: 'o-1', links, messageId, facts, at: AT, by },
});

describe('Ledger decider', () => {
  it('records what a message says about a document once, however often it is delivered', () => {
    spec
      .given([])
      .when(record('m-1', [fact('m-1:0')], { briefId: 'b-1' }))
      .then([recorded('m-1', [fact('m-1:0')], { briefId: 'b-1' })]);
    spec
      .given([recorded('m-1', [fact('m-1:0')])])
      .when(record('m-1', [fact('m-1:0')]))
      .then([]);
  });

  it('refuses facts it cannot count', () => {
    spec
      .given([])
      .when(record('m-2', [fact('a', { amount: 1.5 })]))
      .thenThrows('AMOUNT_INVALID', 'rule-violated');
    spec
      .given([])
      .when(record('m-2', [fact('a', { businessDate: '2026-12' })]))
      .thenThrows('DATE_INVALID', 'rule-violated');
    spec
      .given([])
      .when(record('m-2', [fact('a', { measure: 'guessed' as Fact['measure'] })]))
      .thenThrows('MEASURE_UNKNOWN', 'rule-violated');
    spec
      .given([recorded('m-1', [fact('a')])])
      .when(record('m-2', [fact('a')]))
      .thenThrows('FACT_DUPLICATE', 'rule-violated');
    spec
      .given([recorded('m-1', [])])
      .when({ type: 'RecordFacts', data: { ledgerId, kind: 'plan', documentId: 'o-1', links: {}, messageId: 'm-3', facts: [], at: AT, by } })
      .thenThrows('LEDGER_KIND_MISMATCH', 'rule-violated');
  });

  it('takes each link from whichever message knows it first, and keeps a contradiction visible', () => {
    const state = [recorded('m-1', [], { orderId: 'o-1' }), recorded('m-2', [], { briefId: 'b-1' }), recorded('m-3', [], { briefId: 'b-2' })].reduce(
      evolveLedger,
      initialLedgerState(),
    );
    expect(state).toMatchObject({ orderId: 'o-1', briefId: 'b-1', conflicts: [{ link: 'briefId', kept: 'b-1', offered: 'b-2', messageId: 'm-3' }] });
  });
});
