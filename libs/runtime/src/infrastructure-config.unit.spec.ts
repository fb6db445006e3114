import { isDistributed, loadInfrastructureConfig } from './infrastructure-config';

describe('infrastructure configuration from the environment', () => {
  it('defaults to the embedded adapters under DATA_DIR', () => {
    const config = loadInfrastructureConfig('operations', '/data', {});
    expect(config).toMatchObject({
      eventStore: { kind: 'sqlite', path: '/data/events.db' },
      bus: { kind: 'embedded', path: '/data/bus.db' },
      readStore: { kind: 'sqlite' },
      blobStore: { kind: 'fs', path: '/data/blobs' },
    });
    expect(isDistributed(config)).toBe(false);
  });

  it('names Kafka, MongoDB (with GridFS evidence) and EventStoreDB from their URLs', () => {
    const config = loadInfrastructureConfig('finance', '/data', {
      MESSAGE_BUS: 'kafka',
      KAFKA_BROKERS: 'a:9092, b:9092',
      READ_STORE: 'mongodb',
      MONGO_URL: 'mongodb://m/',
      EVENT_STORE: 'eventstoredb',
      ESDB_URL: 'esdb://e:2113?tls=false',
    });
    expect(config.bus).toEqual({ kind: 'kafka', brokers: ['a:9092', 'b:9092'], namespace: 'ooh.', sessionTimeoutMs: 30_000 });
    expect(config.readStore).toEqual({ kind: 'mongodb', url: 'mongodb://m/', dbName: 'ooh_finance' });
    expect(config.blobStore).toEqual({ kind: 'gridfs' });
    expect(config.eventStore).toEqual({ kind: 'eventstoredb', url: 'esdb://e:2113?tls=false' });
    expect(isDistributed(config)).toBe(true);
  });

  it.each([
    [{ MESSAGE_BUS: 'rabbit' }, 'MESSAGE_BUS'],
    [{ MESSAGE_BUS: 'kafka' }, 'KAFKA_BROKERS'],
    [{ READ_STORE: 'mongodb' }, 'MONGO_URL'],
    [{ EVENT_STORE: 'eventstoredb' }, 'ESDB_URL'],
    [{ BLOB_STORE: 'gridfs' }, 'BLOB_STORE'],
    [{ MESSAGE_BUS: 'kafka', KAFKA_BROKERS: 'k:9092', KAFKA_SESSION_TIMEOUT_MS: 'soon' }, 'KAFKA_SESSION_TIMEOUT_MS'],
  ])('refuses %j, naming %s', (env, field) => {
    expect(() => loadInfrastructureConfig('operations', '/data', env)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', details: [expect.objectContaining({ field })] }),
    );
  });
});
