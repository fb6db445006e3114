import type { Actor, RecordedEvent } from '@ooh/eventing';
import type { PrintJobEvent } from '@ooh/production-domain';
import { toIntegrationMessage, toMilestoneMessage } from './production-relay';

const am: Actor = { userId: 'wang', role: 'account-manager' };
const AT = '2026-12-01T02:00:00.000Z';
const base = { jobId: 'p-1', at: AT, by: am };
const recorded = (event: PrintJobEvent, n: number): RecordedEvent => ({
  ...event,
  eventId: `e-${n}`,
  streamId: 'production.print_job-p-1',
  revision: n,
  position: n + 1,
  recordedAt: AT,
  metadata: { correlationId: 'c-1', causationId: 'c-1', actor: am, occurredAt: AT, schemaVersion: 1 },
});

describe('production relay: print jobs', () => {
  const client = { clientId: 'c-7', name: 'Chongqing Beer Co.' };
  const events: PrintJobEvent[] = [
    {
      type: 'PrintClientContractSigned',
      data: {
        ...base,
        signedOn: '2026-12-01',
        signatory: 'Ms Liu',
        evidence: [],
        client,
        title: 'Posters',
        valueFen: 120_000,
        prepaymentFen: 60_000,
        currency: 'CNY',
      },
    },
    {
      type: 'PrinterPaymentRequested',
      data: { ...base, costId: 'k-1', milestone: 'prepayment', amountFen: 24_000, currency: 'CNY', printer: { vendorId: 'v-1', name: 'Golden Press' } },
    },
    {
      type: 'PrintSamplesReviewed',
      data: {
        ...base,
        sampleNo: 1,
        decision: 'accept',
        reason: '',
        reprintCostBorneBy: null,
        evidence: [],
        balance: { amountFen: 60_000, currency: 'CNY', client, title: 'Posters' },
      },
    },
    { type: 'PrintGoodsDelivered', data: { ...base, deliveredOn: '2026-12-01', quantity: 4800, receipt: [], shortfall: { units: 200, creditFen: 4_800 } } },
    { type: 'PrintJobClosed', data: base },
  ];

  it('publishes the client’s payments and the printer’s as finance requests, each valid against its contract', () => {
    const messages = events.map((e, n) => toIntegrationMessage(recorded(e, n)));
    expect(messages.map((m) => m && [m.type, (m.data as { milestone: string }).milestone, (m.data as { amountFen: number }).amountFen])).toEqual([
      ['production.payment-requested', 'prepayment', 60_000],
      ['production.vendor-cost-requested', 'prepayment', 24_000],
      ['production.payment-requested', 'balance', 60_000],
      undefined,
      undefined,
    ]);
    expect(messages[1]?.data).toMatchObject({ jobKind: 'print', vendor: { vendorId: 'v-1' }, requestedBy: 'wang' });
  });

  it('publishes the milestones (the shortfall credited on delivery) under their own message ids', () => {
    const milestones = events.map((e, n) => toMilestoneMessage(recorded(e, n))).filter((m) => m !== undefined);
    expect(milestones.map((m) => [m.messageId, (m.data as { milestone: string }).milestone])).toEqual([
      ['e-0:milestone', 'contract-signed'],
      ['e-3:milestone', 'delivered'],
      ['e-4:milestone', 'closed'],
    ]);
    expect(milestones[1].data).toMatchObject({ jobKind: 'print', shortfall: { units: 200, creditFen: 4_800 }, occurredOn: '2026-12-01' });
    expect(milestones[0].data).toMatchObject({ client, valueFen: 120_000 });
  });
});
