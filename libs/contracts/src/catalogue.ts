import {
  audienceDeliveredV1,
  buyingVendorPaymentRequestedV1,
  clientContractSignedV1,
  makegoodAcceptedV1,
  mediaOrderSignedV1,
  mediaOrderUnitsV1,
  oohBookingRequestedV1,
  unitDeliveryRecordedV1,
  vendorChangedV1,
  vendorCreditDueV1,
  vendorInvoiceApprovedV1,
  vendorInvoiceLinesV1,
} from './buying.contracts';
import type { ContractDefinition } from './contract';
import { productionJobOpenedV1, productionMilestoneV1, productionPaymentRequestedV1, productionVendorCostRequestedV1 } from './production.contracts';
import { invoiceIssuedV1, payablePaidV1, paymentReceivedV1, receivableSettledV1 } from './finance.contracts';
import {
  agencyBookingRefusedV1,
  bookingPaymentRequestedV1,
  bookingPostedV1,
  bookingRemovedV1,
  faceHoldChangedV1,
  faultSlaBreachedV1,
  proofOfPlayIssuedV1,
  siteChangedV1,
  vendorPaymentRequestedV1,
} from './operations.contracts';
import { workItemChangedV1 } from './work.contracts';
import {
  briefIssuedV1,
  budgetAuthorizedV1,
  clientRegisteredV1,
  clientUpdatedV1,
  mediaPlanApprovedV1,
  mediaPlanEstimatesV1,
  meetingFlaggedV1,
  proposalOutcomeV1,
} from './planning.contracts';

/** Every public integration event, in catalogue order. */
export const CONTRACTS: ContractDefinition[] = [
  bookingPaymentRequestedV1,
  vendorPaymentRequestedV1,
  faultSlaBreachedV1,
  siteChangedV1,
  faceHoldChangedV1,
  bookingPostedV1,
  bookingRemovedV1,
  proofOfPlayIssuedV1,
  agencyBookingRefusedV1,
  receivableSettledV1,
  invoiceIssuedV1,
  paymentReceivedV1,
  payablePaidV1,
  clientRegisteredV1,
  clientUpdatedV1,
  briefIssuedV1,
  budgetAuthorizedV1,
  mediaPlanApprovedV1,
  mediaPlanEstimatesV1,
  proposalOutcomeV1,
  meetingFlaggedV1,
  clientContractSignedV1,
  mediaOrderSignedV1,
  mediaOrderUnitsV1,
  buyingVendorPaymentRequestedV1,
  vendorInvoiceApprovedV1,
  vendorInvoiceLinesV1,
  unitDeliveryRecordedV1,
  makegoodAcceptedV1,
  vendorCreditDueV1,
  audienceDeliveredV1,
  oohBookingRequestedV1,
  vendorChangedV1,
  productionJobOpenedV1,
  productionPaymentRequestedV1,
  productionVendorCostRequestedV1,
  productionMilestoneV1,
  workItemChangedV1,
];

type Schema = Record<string, unknown>;

/** A nullable value is `anyOf: [schema, { type: 'null' }]`: the schema, and whether null is allowed. */
function unwrap(s: Schema): { schema: Schema; nullable: boolean } {
  const anyOf = s.anyOf as Schema[] | undefined;
  if (!anyOf) return { schema: s, nullable: Array.isArray(s.type) && s.type.includes('null') };
  const value = anyOf.find((a) => a.type !== 'null') ?? {};
  return { schema: { ...value, description: s.description ?? value.description }, nullable: anyOf.some((a) => a.type === 'null') };
}

function typeOf(s: Schema, nullable: boolean): string {
  const base = s.enum
    ? (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(' \\| ')
    : Array.isArray(s.type)
      ? s.type.filter((t) => t !== 'null').join(' \\| ')
      : s.type === 'array'
        ? `array of ${String((s.items as Schema | undefined)?.type ?? 'values')}`
        : String(s.type ?? '');
  const detail = s.format ? ` (${s.format})` : s.pattern ? ` \`${s.pattern}\`` : '';
  return `${base}${detail}${nullable ? ' \\| null' : ''}`;
}

function fields(schema: Schema, prefix = ''): string[] {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).flatMap(([name, raw]) => {
    const { schema: s, nullable } = unwrap(raw);
    const line = `| \`${prefix}${name}\` | ${typeOf(s, nullable)} | ${required.has(name) ? 'yes' : 'no'} | ${s.description ?? ''} |`;
    return s.type === 'object' ? [line, ...fields(s, `${prefix}${name}.`)] : [line];
  });
}

/** The human-readable catalogue (docs/integration-events.md), generated so it never drifts from the schemas. */
export function renderCatalogue(contracts: ContractDefinition[] = CONTRACTS): string {
  const out = [
    '# Integration events',
    '',
    'The public, versioned events the services publish to each other and to integrators. Generated from',
    '`libs/contracts` by `npm run contracts:catalogue`; a test fails when this file is out of date.',
    'Every message also carries `messageId` (dedupe on it), `key` (the aggregate id: order is kept per key),',
    '`occurredAt` (when the fact happened), `recordedAt` (when the producer recorded it), `producer`, and:',
    '',
    '- `correlationId` — the business flow: the id of the request that created the first document of the flow,',
    '  carried by every later request on that document (the request becomes the causation), by every command a',
    '  consumer issues for a message and by what it publishes, across services: a booking, its payment request,',
    "  the receivable, its settlement and the booking's release share one correlation id;",
    "- `causationId` — what directly caused the event: the HTTP request id (`x-request-id`) of a person's command,",
    '  the `messageId` of the message a consumer acted on, the event id a reactor reacted to, or the schedule',
    "  key of a scheduled job; never the message's own id.",
    '',
    'On Kafka each record is the JSON message, keyed by `key`, with headers `message-id`, `type`, `version`,',
    '`content-type` (`application/json`) and `schema-id` (`<type>/v<version>`: the section below and the',
    'AsyncAPI message of that name). Consumers marked `integrators` read it from the HTTP feed',
    '(`GET /api/feed`), signed webhooks, or the topic itself.',
    '',
    '| event | version | producer | consumers |',
    '| --- | --- | --- | --- |',
    ...contracts.map((c) => `| [\`${c.type}\`](#${c.type.replace(/\./g, '')}-v${c.version}) | ${c.version} | ${c.producer} | ${c.consumers.join(', ')} |`),
  ];
  for (const c of contracts) {
    out.push(
      '',
      `## ${c.type} v${c.version}`,
      '',
      c.description,
      '',
      '| field | type | required | meaning |',
      '| --- | --- | --- | --- |',
      ...fields(c.schema),
    );
  }
  return out.join('\n') + '\n';
}

/** Every contract's JSON Schema, for integrators' code generators (docs/integration-events.schema.json). */
export function renderSchemas(contracts: ContractDefinition[] = CONTRACTS): string {
  const entries = contracts.map((c) => ({
    type: c.type,
    version: c.version,
    producer: c.producer,
    consumers: c.consumers,
    description: c.description,
    data: c.schema,
  }));
  return JSON.stringify({ events: entries }, null, 2) + '\n';
}
