import { schemaIdOf } from '@ooh/eventing';
import type { ContractDefinition, JsonSchema } from './contract';

export interface AsyncApiOptions {
  title: string;
  description: string;
  /** Which service the document describes (null: the whole platform, every event). */
  service: string | null;
  /** The topics' prefix on Kafka (`KAFKA_NAMESPACE`, default `ooh.`). */
  namespace?: string;
}

/** The envelope every integration message travels in; `data` is the event's own schema. */
const envelope = (contract: ContractDefinition): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: ['messageId', 'type', 'version', 'key', 'data', 'correlationId', 'causationId', 'occurredAt', 'producer'],
  properties: {
    messageId: { type: 'string', description: 'Unique per message: a subscriber deduplicates on it (delivery is at least once)' },
    type: { type: 'string', const: contract.type },
    version: { type: 'integer', const: contract.version },
    key: { type: 'string', description: 'The partition key (the aggregate id): one aggregate’s messages arrive in order' },
    data: withoutDialect(contract.schema),
    correlationId: { type: 'string' },
    causationId: { type: 'string' },
    occurredAt: { type: 'string', format: 'date-time', description: 'When the fact happened (the command’s time)' },
    recordedAt: { type: 'string', format: 'date-time', description: 'When the producer’s log recorded it: what “as known at” is judged by' },
    producer: { type: 'string', const: contract.producer },
  },
});

/** The Kafka record headers beside the JSON body: enough to route and pick the schema without parsing it. */
const kafkaHeaders = (contract: ContractDefinition): JsonSchema => ({
  type: 'object',
  required: ['message-id', 'type', 'version', 'content-type', 'schema-id'],
  properties: {
    'message-id': { type: 'string', description: 'Equals the body’s messageId' },
    type: { type: 'string', const: contract.type },
    version: { type: 'string', const: String(contract.version) },
    'content-type': { type: 'string', const: 'application/json' },
    'schema-id': { type: 'string', const: schemaIdOf(contract), description: '<type>/v<version>: the message’s schema in this document and in the catalogue' },
  },
});

/** AsyncAPI schemas are JSON Schema without a `$schema` of their own. */
function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

const EVERY_SERVICE = 'every service';

const id = (type: string) => type.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));

/**
 * The AsyncAPI 3 document of the public event feed, generated from the contracts: one channel per
 * event type (its Kafka topic), its message (the envelope around the event's schema), and what the
 * described service does with it — sends what it produces, receives what it consumes.
 */
export function asyncApiDocument(contracts: ContractDefinition[], options: AsyncApiOptions) {
  const namespace = options.namespace ?? 'ooh.';
  const { service } = options;
  // A contract every service produces (what waits on people) is sent by each service that does not consume it.
  const sends = (c: ContractDefinition) => service === null || c.producer === service || (c.producer === EVERY_SERVICE && !c.consumers.includes(service));
  const involved = contracts.filter((c) => service === null || sends(c) || c.consumers.includes(service));
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const c of involved) {
    const channel = id(c.type);
    const message = `${channel}V${c.version}`;
    messages[message] = {
      name: c.type,
      title: `${c.type} v${c.version}`,
      summary: c.description,
      contentType: 'application/json',
      headers: kafkaHeaders(c),
      payload: envelope(c),
      'x-schema-id': schemaIdOf(c),
      'x-producer': c.producer,
      'x-consumers': c.consumers,
    };
    channels[channel] = {
      address: `${namespace}${c.type}`,
      title: c.type,
      description: `${c.description} Produced by ${c.producer}; consumed by ${c.consumers.join(', ')}.`,
      messages: { [message]: { $ref: `#/components/messages/${message}` } },
    };
    const sent = sends(c);
    operations[`${sent ? 'send' : 'receive'}${channel[0].toUpperCase()}${channel.slice(1)}`] = {
      action: sent ? 'send' : 'receive',
      channel: { $ref: `#/channels/${channel}` },
      summary: sent ? `${service ?? c.producer} publishes ${c.type}` : `${service} consumes ${c.type}`,
      messages: [{ $ref: `#/channels/${channel}/messages/${message}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: { title: options.title, version: '1', description: options.description },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: 'localhost:9092',
        protocol: 'kafka',
        description: 'The deployment’s Kafka brokers (KAFKA_BROKERS); one topic per event type, keyed by aggregate id',
      },
    },
    channels,
    operations,
    components: { messages },
  };
}
