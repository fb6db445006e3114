import { newId } from '@ooh/eventing';
import { messageBusConformance } from '@ooh/eventing-testing';
import { connectMongo, MongoDeadLetterStore, MongoProcessedMessages } from '@ooh/adapter-mongodb';
import type { Connection } from 'mongoose';
import { KafkaMessageBus } from './kafka-message-bus';

const brokers = process.env.KAFKA_BROKERS;
const mongoUrl = process.env.MONGO_URL;

if (!brokers || !mongoUrl) {
  console.warn('SKIPPED: Kafka message bus conformance — set KAFKA_BROKERS and MONGO_URL (npm run test:infra starts Kafka and FerretDB and sets them)');
  describe.skip('Kafka message bus (KAFKA_BROKERS or MONGO_URL not set)', () => it('needs KAFKA_BROKERS and MONGO_URL', () => undefined));
} else {
  jest.setTimeout(60_000);
  const connections: Connection[] = [];
  afterAll(async () => {
    for (const c of connections) {
      await c.dropDatabase().catch(() => undefined);
      await c.close();
    }
  });

  const open = async (namespace: string) => {
    const connection = await connectMongo({ url: mongoUrl, dbName: namespace.replace(/\W/g, '_') });
    connections.push(connection);
    return new KafkaMessageBus({
      brokers: brokers.split(','),
      clientId: 'conformance',
      namespace,
      processed: new MongoProcessedMessages(connection),
      deadLetters: new MongoDeadLetterStore(connection),
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 500,
      retryDelayMs: 10,
    });
  };
  const namespaces = new WeakMap<KafkaMessageBus, string>();

  messageBusConformance('Kafka', {
    create: async () => {
      const namespace = `t${newId().replace(/-/g, '').slice(-16)}.`;
      const bus = await open(namespace);
      namespaces.set(bus, namespace);
      return bus;
    },
    reopen: async (previous) => {
      const namespace = namespaces.get(previous as KafkaMessageBus)!;
      await previous.close();
      const bus = await open(namespace);
      namespaces.set(bus, namespace);
      return bus;
    },
  });
}
