import { AppError, type IntegrationMessage } from '@ooh/eventing';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** JSON Schema of a contract's data (draft 2020-12 subset that Ajv 8 understands by default). */
export type JsonSchema = Record<string, unknown>;

export interface ContractDefinition {
  /** `<producer context>.<past-tense fact>`, e.g. `operations.booking-payment-requested`. */
  type: string;
  version: number;
  producer: string;
  consumers: string[];
  description: string;
  schema: JsonSchema;
}

export interface Contract<Data> extends ContractDefinition {
  /** Throws a POISON_MESSAGE AppError naming every invalid field. */
  assertValid(data: unknown): asserts data is Data;
  message(data: Data, envelope: Omit<IntegrationMessage<Data>, 'type' | 'version' | 'data' | 'producer'>): IntegrationMessage<Data>;
}

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);

/**
 * A public, versioned integration event. Changing one means a new version (or an upcaster), never a
 * silent edit: the catalogue test fails when a schema changes without its documentation.
 */
export function defineContract<Data>(definition: ContractDefinition): Contract<Data> {
  const validate: ValidateFunction = ajv.compile({ ...definition.schema, $id: `${definition.type}.v${definition.version}` });
  const contract: Contract<Data> = {
    ...definition,
    assertValid(data: unknown): asserts data is Data {
      if (!validate(data)) {
        const details = (validate.errors ?? []).map((e) => {
          const params = e.params as { missingProperty?: string; additionalProperty?: string };
          const path = [...e.instancePath.split('/').filter(Boolean), params.missingProperty ?? params.additionalProperty].filter(Boolean);
          return { field: path.join('.') || '(root)', message: e.message ?? 'invalid' };
        });
        throw new AppError('invalid', 'POISON_MESSAGE', `${definition.type} v${definition.version} does not match its contract`, details);
      }
    },
    message(data, envelope) {
      contract.assertValid(data);
      return { ...envelope, type: definition.type, version: definition.version, producer: definition.producer, data };
    },
  };
  return contract;
}

const text = { type: 'string', minLength: 1 } as const;

/** A closed object schema: every listed property required, nothing else allowed. */
export const record = (properties: Record<string, unknown>, nullable = false) =>
  ({ type: nullable ? ['object', 'null'] : 'object', additionalProperties: false, required: Object.keys(properties), properties }) as const;

/** What a message is about in the producer's terms: context, kind and id. */
export const sourceSchema = (nullable = false) => record({ context: text, kind: text, id: text }, nullable);
export const vendorSchema = record({ vendorId: text, name: text });

export const money = {
  amountFen: { type: 'integer', minimum: 1, description: 'Amount in minor units (fen)' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' },
} as const;

/**
 * Wraps a consumer's handler: a message of an unknown type or version, or whose data breaks its
 * contract, is refused as a POISON_MESSAGE (dead-lettered with the reason, never retried or skipped).
 */
export function validatedHandler(
  accepted: Array<Contract<unknown>>,
  handle: (message: IntegrationMessage) => Promise<void>,
): (message: IntegrationMessage) => Promise<void> {
  const byKey = new Map<string, Contract<unknown>>(accepted.map((c) => [`${c.type}@${c.version}`, c]));
  return async (message) => {
    const found = byKey.get(`${message.type}@${message.version}`);
    if (!found) {
      throw new AppError('invalid', 'POISON_MESSAGE', `no contract for ${message.type} v${message.version}: this consumer accepts ${[...byKey.keys()].join(', ')}`);
    }
    const contract: Contract<unknown> = found;
    contract.assertValid(message.data);
    await handle(message);
  };
}
