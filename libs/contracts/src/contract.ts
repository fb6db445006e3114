import { AppError, type IntegrationMessage } from '@ooh/eventing';
import { z } from 'zod';

/** JSON Schema of a contract's data (draft 2020-12), generated from its definition. */
export type JsonSchema = Record<string, unknown>;

export interface ContractDefinition {
  /** `<producer context>.<aggregate>-<past-tense fact>`, e.g. `operations.booking-payment-requested`. */
  type: string;
  version: number;
  producer: string;
  consumers: string[];
  description: string;
  schema: JsonSchema;
}

export interface Contract<Data> extends ContractDefinition {
  /** The data's definition: the static type, the validation and the JSON Schema all come from it. */
  data: z.ZodType<Data>;
  /** Throws a POISON_MESSAGE AppError naming every invalid field. */
  assertValid(data: unknown): asserts data is Data;
  message(data: Data, envelope: Omit<IntegrationMessage<Data>, 'type' | 'version' | 'data' | 'producer'>): IntegrationMessage<Data>;
}

/** Any contract, whatever its data. */
export interface SomeContract extends ContractDefinition {
  data: z.ZodType;
  assertValid(data: unknown): void;
}

/** The data type of a contract. */
export type DataOf<C> = C extends { data: z.ZodType<infer D> } ? D : never;

function poison(type: string, version: number, error: z.ZodError): AppError {
  const details = error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'not part of the contract' }));
    return [{ field: path.join('.') || '(root)', message: issue.message }];
  });
  return new AppError('invalid', 'POISON_MESSAGE', `${type} v${version} does not match its contract`, details);
}

/**
 * A public, versioned integration event, defined once: its data's zod schema gives the static type,
 * the validation of every message and the JSON Schema of the catalogue. Changing one means a new
 * version (or an upcaster), never a silent edit: the catalogue test fails when a schema changes
 * without its documentation.
 */
export function defineContract<Schema extends z.ZodType>(definition: Omit<ContractDefinition, 'schema'> & { data: Schema }): Contract<z.output<Schema>> {
  type Data = z.output<Schema>;
  const { data: schema, ...rest } = definition;
  const contract: Contract<Data> = {
    ...rest,
    data: schema as z.ZodType<Data>,
    schema: z.toJSONSchema(schema) as JsonSchema,
    assertValid(data: unknown): asserts data is Data {
      const parsed = schema.safeParse(data);
      if (!parsed.success) throw poison(definition.type, definition.version, parsed.error);
    },
    message(data, envelope) {
      contract.assertValid(data);
      return { ...envelope, type: definition.type, version: definition.version, producer: definition.producer, data };
    },
  };
  return contract;
}

/** Building blocks of contract schemas. */
export const field = {
  text: () => z.string().min(1),
  instant: () => z.iso.datetime({ offset: true }),
  date: () => z.iso.date(),
  fen: () => z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('Amount in minor units (fen)'),
  currency: () =>
    z
      .string()
      .regex(/^[A-Z]{3}$/)
      .describe('ISO 4217 code'),
};

/** What a message is about in the producer's terms: context, kind and id. */
export const source = () => z.strictObject({ context: field.text(), kind: field.text(), id: field.text() });
export const vendor = () => z.strictObject({ vendorId: field.text(), name: field.text() });
/** Evidence as the feeds carry it: the blob, its sha256 and its type (fetch it from the producer's evidence store). */
export const evidenceRef = () => z.strictObject({ blobId: field.text(), sha256: z.string().regex(/^[a-f0-9]{64}$/), contentType: field.text() });
/** An operator face: a site and one of its faces. */
export const faceRef = () => z.strictObject({ siteId: field.text(), face: field.text() });

/**
 * Wraps a consumer's handler: a message of an unknown type or version, or whose data breaks its
 * contract, is refused as a POISON_MESSAGE (dead-lettered with the reason, never retried or skipped).
 * The handler receives the message typed by the contracts it accepts.
 */
export function validatedHandler<Accepted extends SomeContract[]>(
  accepted: Accepted,
  handle: (message: IntegrationMessage<DataOf<Accepted[number]>>) => Promise<void>,
): (message: IntegrationMessage) => Promise<void> {
  const byKey = new Map<string, SomeContract>(accepted.map((c) => [`${c.type}@${c.version}`, c]));
  return async (message) => {
    const found = byKey.get(`${message.type}@${message.version}`);
    if (!found) {
      throw new AppError(
        'invalid',
        'POISON_MESSAGE',
        `no contract for ${message.type} v${message.version}: this consumer accepts ${[...byKey.keys()].join(', ')}`,
      );
    }
    found.assertValid(message.data);
    await handle(message as IntegrationMessage<DataOf<Accepted[number]>>);
  };
}
