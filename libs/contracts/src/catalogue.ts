import type { ContractDefinition } from './contract';
import { payablePaidV1, receivableSettledV1 } from './finance.contracts';
import { bookingPaymentRequestedV1, faultSlaBreachedV1, vendorPaymentRequestedV1 } from './operations.contracts';

/** Every public integration event, in catalogue order. */
export const CONTRACTS: ContractDefinition[] = [bookingPaymentRequestedV1, vendorPaymentRequestedV1, faultSlaBreachedV1, receivableSettledV1, payablePaidV1];

function fields(schema: Record<string, unknown>, prefix = ''): string[] {
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).flatMap(([name, s]) => {
    const type = s.enum ? (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(' \\| ') : Array.isArray(s.type) ? s.type.join(' \\| ') : String(s.type ?? '');
    const line = `| \`${prefix}${name}\` | ${type}${s.format ? ` (${s.format})` : ''}${s.pattern ? ` \`${s.pattern}\`` : ''} | ${required.has(name) ? 'yes' : 'no'} | ${s.description ?? ''} |`;
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
    '`correlationId`, `causationId`, `occurredAt` and `producer`.',
    '',
    '| event | version | producer | consumers |',
    '| --- | --- | --- | --- |',
    ...contracts.map((c) => `| [\`${c.type}\`](#${c.type.replace(/\./g, '')}-v${c.version}) | ${c.version} | ${c.producer} | ${c.consumers.join(', ')} |`),
  ];
  for (const c of contracts) {
    out.push('', `## ${c.type} v${c.version}`, '', c.description, '', '| field | type | required | meaning |', '| --- | --- | --- | --- |', ...fields(c.schema));
  }
  return out.join('\n') + '\n';
}
