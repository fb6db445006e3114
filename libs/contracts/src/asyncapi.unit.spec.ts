import { Parser } from '@asyncapi/parser';
import { asyncApiDocument } from './asyncapi';
import { CONTRACTS } from './catalogue';

const errorsOf = async (document: object) => {
  const { diagnostics } = await new Parser().parse(JSON.stringify(document));
  // Severity 0 is an error; warnings and hints are style advice.
  return diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
};

describe('the AsyncAPI document of the event feed', () => {
  jest.setTimeout(60_000);

  it('is valid AsyncAPI 3 for the whole platform: a channel per event type on its topic, every message its envelope and schema', async () => {
    const document = asyncApiDocument(CONTRACTS, { title: 'OOH agency platform', description: 'Every public event', service: null });
    expect(await errorsOf(document)).toEqual([]);
    expect(Object.keys(document.channels)).toHaveLength(CONTRACTS.length);
    const posted = document.channels.operationsBookingPosted as { address: string };
    expect(posted.address).toBe('ooh.operations.booking-posted');
    const message = document.components.messages.operationsBookingPostedV1 as { payload: { properties: { data: { required: string[] } } } };
    expect(message.payload.properties.data.required).toEqual(expect.arrayContaining(['bookingId', 'postedOn', 'photos']));
    const headers = (document.components.messages.operationsBookingPostedV1 as { headers: { properties: Record<string, { const?: string }> } }).headers;
    expect([headers.properties['content-type'].const, headers.properties['schema-id'].const]).toEqual(['application/json', 'operations.booking-posted/v1']);
    expect(Object.values(document.operations).every((o) => (o as { action: string }).action === 'send')).toBe(true);
  });

  it('describes one service as sending what it produces and receiving what it consumes', async () => {
    const buying = asyncApiDocument(CONTRACTS, { title: 'OOH buying service', description: 'Buying', service: 'buying', namespace: 'prod.' });
    expect(await errorsOf(buying)).toEqual([]);
    expect(buying.operations).toHaveProperty('sendBuyingMediaOrderSigned');
    expect(buying.operations).toHaveProperty('receivePlanningMediaPlanApproved');
    expect(buying.operations).toHaveProperty('sendWorkItemChanged');
    expect(buying.operations).not.toHaveProperty('receiveFinanceInvoiceIssued');
    expect((buying.channels.planningMediaPlanApproved as { address: string }).address).toBe('prod.planning.media-plan-approved');
    const reporting = asyncApiDocument(CONTRACTS, { title: 'OOH reporting service', description: 'Reporting', service: 'reporting' });
    expect(Object.values(reporting.operations).every((o) => (o as { action: string }).action === 'receive')).toBe(true);
    expect(reporting.operations).toHaveProperty('receiveWorkItemChanged');
  });
});
