import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bookingPaymentRequestedV1, CONTRACTS, payablePaidV1, renderCatalogue, renderSchemas, receivableSettledV1 } from './index';
import type { Contract } from './contract';

const valid = {
  bookingId: 'b-1',
  advertiser: { name: 'Chongqing Beer', clientId: null },
  amountFen: 1_200_000,
  currency: 'CNY',
  milestone: 'full',
  description: 'OOH booking',
  requestedAt: '2026-11-25T01:00:00.000Z',
};

describe('integration contracts', () => {
  it('accepts data that matches the schema and wraps it in a message', () => {
    const m = bookingPaymentRequestedV1.message(valid as never, {
      messageId: 'm1',
      key: 'b-1',
      correlationId: 'c',
      causationId: 'e',
      occurredAt: valid.requestedAt,
    });
    expect(m).toMatchObject({ type: 'operations.booking-payment-requested', version: 1, producer: 'operations', data: valid });
  });

  it('refuses invalid data as a poison message naming each field', () => {
    let caught: { code?: string; details?: Array<{ field: string }> } = {};
    try {
      const contract: Contract<unknown> = bookingPaymentRequestedV1;
      contract.assertValid({ ...valid, amountFen: 12.5, currency: 'yuan', extra: true, advertiser: { name: '' } });
    } catch (e) {
      caught = e as typeof caught;
    }
    expect(caught.code).toBe('POISON_MESSAGE');
    const fields = caught.details!.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['amountFen', 'currency', 'advertiser.name', 'advertiser.clientId', 'extra']));
  });

  it('refuses money as floating point and dates that are not instants', () => {
    expect(() =>
      receivableSettledV1.assertValid({
        receivableId: 'r',
        source: { context: 'operations', kind: 'booking', id: 'b' },
        milestone: 'full',
        amountFen: 10.1,
        currency: 'CNY',
        paymentReferences: [],
        settledAt: 'yesterday',
      }),
    ).toThrow('does not match its contract');
  });

  it('has one entry per type and version', () => {
    const keys = CONTRACTS.map((c) => `${c.type}@${c.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps docs/integration-events.md and its JSON Schemas current (run `npm run contracts:catalogue`)', () => {
    const onDisk = readFileSync(join(__dirname, '../../../docs/integration-events.md'), 'utf8');
    expect(onDisk).toBe(renderCatalogue());
    expect(readFileSync(join(__dirname, '../../../docs/integration-events.schema.json'), 'utf8')).toBe(renderSchemas());
  });

  it('derives the JSON Schema from the same definition that validates: closed objects, integer money, real calendar dates', () => {
    expect(bookingPaymentRequestedV1.schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { amountFen: { type: 'integer', minimum: 1 } },
    });
    expect(() =>
      payablePaidV1.assertValid({
        payableId: 'p',
        source: null,
        vendor: { vendorId: 'v', name: 'V' },
        milestone: 'full',
        amountFen: 1,
        currency: 'CNY',
        paymentReference: 'r',
        paidOn: '2026-02-30',
      }),
    ).toThrow('does not match its contract');
    const ok = {
      payableId: 'p',
      source: null,
      vendor: { vendorId: 'v', name: 'V' },
      milestone: 'full',
      amountFen: 1,
      currency: 'CNY',
      paymentReference: 'r',
      paidOn: '2026-02-28',
    };
    expect(() => payablePaidV1.assertValid(ok)).not.toThrow();
  });
});
