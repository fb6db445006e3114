import { SYSTEM_ACTORS } from '@ooh/eventing';
import { evolveLedger, initialLedgerState, type DocumentKind, type Fact, type LedgerState } from '../ledger/ledger.events';
import { campaign360, countedFacts } from './campaign-360';

const fact = (factId: string, measure: Fact['measure'], amount: number, over: Partial<Fact> = {}): Fact => ({
  factId,
  measure,
  amount,
  businessDate: '2026-12-01',
  recordedAt: '2026-12-01T02:00:00.000Z',
  channel: null,
  month: null,
  supersedes: null,
  label: factId,
  message: { messageId: factId, type: 'test' },
  ...over,
});
const ledger = (kind: DocumentKind, documentId: string, ...facts: Fact[]): LedgerState =>
  evolveLedger(initialLedgerState(), {
    type: 'FactsRecorded',
    data: { ledgerId: `${kind}:${documentId}`, kind, documentId, links: {}, messageId: 'm', facts, at: '2026-12-01T02:00:00.000Z', by: SYSTEM_ACTORS.feed },
  });

describe('campaign 360', () => {
  const revision = (n: number, amount: number, recordedAt: string, businessDate: string) =>
    fact(`order-r${n}`, 'ordered', amount, {
      supersedes: { key: 'media-order:o-1', rank: String(n).padStart(6, '0') },
      recordedAt,
      businessDate,
      channel: 'tv',
      month: '2027-01',
    });
  const ledgers = [
    ledger('plan', 'p-1', fact('plan', 'planned', 1_000_000, { channel: 'tv', month: '2027-01' })),
    ledger('budget', 'a-1', fact('auth', 'authorized', 900_000)),
    ledger(
      'media-order',
      'o-1',
      revision(1, 800_000, '2026-12-01T02:00:00.000Z', '2026-12-01'),
      revision(2, 700_000, '2027-01-05T02:00:00.000Z', '2027-01-05'),
      fact('aired', 'unitsAired', 3, { businessDate: '2027-01-04' }),
    ),
    ledger(
      'client-contract',
      'c-1',
      fact('signed', 'contracted', 1_000_000),
      fact('inv', 'billed', 400_000),
      fact('pay', 'collected', 150_000, { businessDate: '2026-12-20' }),
    ),
  ];

  it('sums each measure, a later revision replacing the earlier one, and highlights the differences', () => {
    const report = campaign360(ledgers);
    expect(report.figures).toMatchObject({
      planned: 1_000_000,
      authorized: 900_000,
      ordered: 700_000,
      contracted: 1_000_000,
      billed: 400_000,
      collected: 150_000,
      unitsAired: 3,
    });
    expect(report.differences.filter((d) => d.attention).map((d) => d.code)).toEqual(['PLANNED_OVER_AUTHORIZED']);
    expect(report.differences.find((d) => d.code === 'COLLECTED_VS_BILLED')).toMatchObject({ differenceFen: -250_000, attention: false });
    expect(report.byChannel).toEqual([{ channel: 'tv', figures: expect.objectContaining({ planned: 1_000_000, ordered: 700_000 }) }]);
    expect(report.documents.find((d) => d.ledgerId === 'media-order:o-1')?.figures.ordered).toBe(700_000);
  });

  it('answers for a business day, and separately as it was known at an instant: a later correction leaves a closed month as it stood', () => {
    // Known at the December close: revision 2 was not yet recorded.
    expect(campaign360(ledgers, { knownAt: '2026-12-31T15:59:59.999Z' }).figures.ordered).toBe(800_000);
    // As of 31 December, as known today: revision 2 happened in January, so December still shows revision 1.
    expect(campaign360(ledgers, { asOf: '2026-12-31' }).figures).toMatchObject({ ordered: 800_000, unitsAired: 0, collected: 150_000 });
    expect(campaign360(ledgers, { asOf: '2026-12-19' }).figures.collected).toBe(0);
    expect(
      countedFacts(ledgers, { asOf: '2027-01-31' })
        .filter((f) => f.measure === 'ordered')
        .map((f) => f.factId),
    ).toEqual(['order-r2']);
  });
});
