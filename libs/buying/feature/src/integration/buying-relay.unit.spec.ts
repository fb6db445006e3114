import { audienceDeliveredV1, vendorCreditDueV1 } from '@ooh/contracts';
import type { Actor, RecordedEvent } from '@ooh/eventing';
import type { MediaOrderEvent } from '@ooh/buying-domain';
import { toIntegrationMessage } from './buying-relay';

const mm: Actor = { userId: 'chen', role: 'media-manager' };
const AT = '2027-01-20T02:00:00.000Z';
const doc = { blobId: 'b-1', sha256: 'a'.repeat(64), contentType: 'application/pdf', capturedAt: AT };
const recorded = (event: MediaOrderEvent, n: number): RecordedEvent => ({
  ...event,
  eventId: `e-${n}`,
  streamId: 'buying.media_order-o-1',
  revision: n,
  position: n + 1,
  recordedAt: AT,
  metadata: { correlationId: 'c-1', causationId: 'c-1', actor: mm, occurredAt: AT, schemaVersion: 1 },
});

describe('buying relay: what reporting reconciles and evaluates with', () => {
  it('publishes a rejected makegood’s credit, valid against its contract', () => {
    const credit = { creditId: 'cr-1', unitIds: ['u2'], amountFen: 170, reason: 'Makegood mg-1 rejected: outside the window', at: AT, by: mm };
    const message = toIntegrationMessage(
      recorded({ type: 'MakegoodRejected', data: { orderId: 'o-1', makegoodId: 'mg-1', reason: 'outside the window', credit, at: AT, by: mm } }, 1),
    );
    expect(message).toMatchObject({
      type: 'buying.vendor-credit-due',
      version: 1,
      data: { orderId: 'o-1', creditId: 'cr-1', unitIds: ['u2'], amountFen: 170, dueAt: AT },
    });
    expect(() => vendorCreditDueV1.assertValid(message!.data)).not.toThrow();
  });

  it('publishes a post-buy measurement with its evidence reduced to what the contract carries', () => {
    const measurement = {
      planLineId: 'L1',
      channel: 'tv',
      vendor: { vendorId: 'v-1', name: 'CQTV' },
      measuredOn: '2027-01-20',
      source: 'ratings-panel' as const,
      impressions: null,
      grp: 60,
      reach: 25,
      frequency: 2.4,
      evidence: [doc],
      note: '',
      recordedAt: AT,
      recordedBy: mm,
    };
    const message = toIntegrationMessage(recorded({ type: 'AudienceDeliveryRecorded', data: { orderId: 'o-1', measurement, at: AT, by: mm } }, 2));
    expect(message).toMatchObject({
      type: 'buying.audience-delivered',
      data: { orderId: 'o-1', planLineId: 'L1', grp: 60, vendor: { vendorId: 'v-1', name: 'CQTV' } },
    });
    expect(message!.data).toMatchObject({ evidence: [{ blobId: 'b-1', sha256: 'a'.repeat(64), contentType: 'application/pdf' }] });
    expect((message!.data as { evidence: object[] }).evidence[0]).not.toHaveProperty('capturedAt');
    expect(() => audienceDeliveredV1.assertValid(message!.data)).not.toThrow();
  });
});
