import { MongoDBContainer } from '@testcontainers/mongodb';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';

/**
 * `npm run test:infra` where a Docker engine answers: Kafka (KRaft), MongoDB (a one-member replica
 * set) and EventStoreDB/KurrentDB started with testcontainers on loopback. Writes the servers'
 * variables to the file named by its argument, then runs until SIGTERM or SIGINT and stops the
 * containers (testcontainers' reaper removes them too if this process dies).
 * Images: OOH_KAFKA_IMAGE (apache/kafka:4.1.0), OOH_MONGO_IMAGE (mongo:7.0), OOH_ESDB_IMAGE
 * (eventstore/eventstore:24.10; a KurrentDB image speaks the same protocol to @eventstore/db-client).
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function kafka(): Promise<{ container: StartedTestContainer; brokers: string }> {
  // Clients must reach the broker at the address it advertises: bind a known host port and advertise it.
  const port = await freePort();
  const container = await new GenericContainer(process.env.OOH_KAFKA_IMAGE ?? 'apache/kafka:4.1.0')
    .withExposedPorts({ container: 9092, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(120_000)
    .start();
  return { container, brokers: `127.0.0.1:${port}` };
}

async function eventStore(): Promise<{ container: StartedTestContainer; url: string }> {
  const container = await new GenericContainer(process.env.OOH_ESDB_IMAGE ?? 'eventstore/eventstore:24.10')
    .withExposedPorts(2113)
    .withEnvironment({
      EVENTSTORE_CLUSTER_SIZE: '1',
      EVENTSTORE_RUN_PROJECTIONS: 'None',
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_ENABLE_ATOM_PUB_OVER_HTTP: 'false',
      KURRENTDB_CLUSTER_SIZE: '1',
      KURRENTDB_RUN_PROJECTIONS: 'None',
      KURRENTDB_INSECURE: 'true',
    })
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((status) => status === 204 || status === 200))
    .withStartupTimeout(120_000)
    .start();
  return { container, url: `esdb://127.0.0.1:${container.getMappedPort(2113)}?tls=false` };
}

async function main(): Promise<void> {
  const envFile = process.argv[2];
  if (!envFile) throw new Error('usage: node dist/tools/infra/containers.js <env file>');
  const started: StartedTestContainer[] = [];
  const stop = async () => {
    await Promise.all(started.map((c) => c.stop().catch(() => undefined)));
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  try {
    const [k, m, e] = await Promise.all([kafka(), new MongoDBContainer(process.env.OOH_MONGO_IMAGE ?? 'mongo:7.0').start(), eventStore()]);
    started.push(k.container, m, e.container);
    const mongoUrl = `${m.getConnectionString()}/?directConnection=true`;
    writeFileSync(envFile, `KAFKA_BROKERS=${k.brokers}\nMONGO_URL=${mongoUrl}\nESDB_URL=${e.url}\n`);
    process.stderr.write(`testcontainers: Kafka ${k.brokers}, MongoDB ${mongoUrl}, EventStoreDB ${e.url}\n`);
  } catch (error) {
    process.stderr.write(`testcontainers could not start the servers: ${error instanceof Error ? error.message : String(error)}\n`);
    await Promise.all(started.map((c) => c.stop().catch(() => undefined)));
    process.exit(1);
  }
  // Runs until told to stop.
  setInterval(() => undefined, 60_000);
}

void main();
