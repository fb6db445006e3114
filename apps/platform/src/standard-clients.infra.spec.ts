import { newId } from '@ooh/eventing';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, eventually } from './testing/api-client';
import { freePort } from './testing/platform-process';
import { SERVICE_MAINS, ServiceProcess } from './testing/service-process';

const brokers = process.env.KAFKA_BROKERS;
const mongoUrl = process.env.MONGO_URL;
const mongosh = process.env.MONGOSH;
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/**
 * What an integrator and an analyst see with the standard clients, not our code: kcat consumes a
 * topic and the record decodes as an integration event (JSON body, key, headers naming its type and
 * schema), and mongosh reads the read model the API serves (instants as dates).
 */
if (!brokers || !mongoUrl) {
  process.stderr.write('SKIPPED: kcat and mongosh against the services — set KAFKA_BROKERS and MONGO_URL (npm run test:infra starts both)\n');
  describe.skip('standard clients (KAFKA_BROKERS or MONGO_URL not set)', () => it('needs Kafka and MongoDB', () => undefined));
} else {
  jest.setTimeout(120_000);

  describe('kcat and mongosh read what the services publish and serve', () => {
    const run = newId().replace(/-/g, '').slice(-12);
    const secret = `standard-clients-secret-${run}-0123456789abcdef`;
    const namespace = `sc${run}.`;
    const database = `sc${run}_operations`;
    const siteId = `SC-${run.toUpperCase()}`;
    let operations: ServiceProcess;
    let api: ApiClient;

    beforeAll(async () => {
      operations = new ServiceProcess('operations', SERVICE_MAINS.operations, await freePort(), {
        JWT_SECRET: secret,
        MESSAGE_BUS: 'kafka',
        READ_STORE: 'mongodb',
        KAFKA_BROKERS: brokers,
        KAFKA_NAMESPACE: namespace,
        MONGO_URL: mongoUrl,
        MONGO_DB: database,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'sc-')),
        RATE_LIMIT_PER_MINUTE: '0',
      });
      await operations.start('/health/ready', 60_000);
      api = new ApiClient(() => operations.url, secret);
      const created = await api.as('mei', 'ops-manager').post('/api/operations/sites', {
        siteId,
        city: 'Chongqing',
        station: 'North',
        location: 'Hall',
        kind: 'light-box',
        faces: ['A', 'B'],
        landlordAuthority: 'CRM',
      });
      expect(created.status).toBe(201);
    });
    afterAll(() => operations?.stop('SIGTERM'));

    const kcatIt = has('kcat') ? it : it.skip;
    if (!has('kcat')) process.stderr.write('SKIPPED: kcat is not installed (Debian package kcat; npm run test:infra installs it when run as root)\n');
    kcatIt('kcat consumes the topic; the record is the JSON event keyed by its aggregate, with its type, content type and schema id as headers', async () => {
      const topic = `${namespace}operations.site-changed`;
      const record = await eventually('a record on the topic', async () => {
        const out = execFileSync('kcat', ['-b', brokers, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-J'], { encoding: 'utf8', timeout: 20_000 });
        const records = out
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as { key: string; payload: string; headers?: string[] });
        return records.find((r) => r.key === siteId);
      });
      const headers = Object.fromEntries((record.headers ?? []).flatMap((_, i, all) => (i % 2 ? [] : [[all[i], all[i + 1]]])));
      const message = JSON.parse(record.payload) as { messageId: string; type: string; version: number; key: string; data: { siteId: string; faces: unknown } };
      expect(headers).toMatchObject({
        'message-id': message.messageId,
        type: 'operations.site-changed',
        version: '1',
        'content-type': 'application/json',
        'schema-id': 'operations.site-changed/v1',
      });
      expect(message).toMatchObject({ type: 'operations.site-changed', version: 1, key: siteId, data: { siteId } });
      // jq alone decodes the same record.
      const viaJq = execFileSync('jq', ['-r', '.payload | fromjson | .data.siteId'], { input: JSON.stringify(record), encoding: 'utf8' }).trim();
      expect(viaJq).toBe(siteId);
    });

    const javaIt = has('java') && has('mvn') ? it : it.skip;
    javaIt('Kafka’s consumer-group tool (tools/infra/kafka.sh groups) lists the service’s groups and their lag per partition', async () => {
      const script = join(__dirname, '../../../tools/infra/kafka.sh');
      const group = await eventually('a consumer group of the service', async () => {
        const listed = execFileSync('bash', [script, 'groups', '--list'], {
          encoding: 'utf8',
          env: { ...process.env, KAFKA_BROKERS: brokers },
          timeout: 60_000,
        });
        return listed.split('\n').find((g) => g.startsWith(`${namespace}operations.`));
      });
      const described = execFileSync('bash', [script, 'groups', '--describe', '--group', group], {
        encoding: 'utf8',
        env: { ...process.env, KAFKA_BROKERS: brokers },
        timeout: 60_000,
      });
      expect(described).toMatch(/GROUP\s+TOPIC\s+PARTITION\s+CURRENT-OFFSET\s+LOG-END-OFFSET\s+LAG/);
      expect(described).toContain(group);
    });

    const mongoshIt = mongosh && existsSync(mongosh) ? it : it.skip;
    if (!mongosh || !existsSync(mongosh)) process.stderr.write('SKIPPED: mongosh is not installed (npm run test:infra installs it into tmp/tools/mongosh)\n');
    mongoshIt('mongosh reads the read model the API serves: the same document, its instants stored as dates', async () => {
      const served = (await api.as('mei', 'ops-manager').get(`/api/operations/sites/${siteId}`)).body as Record<string, unknown>;
      const shell = (script: string) =>
        execFileSync(mongosh!, [`${mongoUrl.replace(/\/?$/, '/')}${database}`, '--quiet', '--eval', script], { encoding: 'utf8', timeout: 60_000 }).trim();
      const stored = JSON.parse(shell(`JSON.stringify(db.rm_operations_sites.findOne({ _id: ${JSON.stringify(siteId)} }))`)) as {
        _position: number;
        doc: Record<string, unknown>;
      };
      expect(stored._position).toBeGreaterThan(0);
      expect(stored.doc).toEqual(served);
      const dates = shell(`db.rm_operations_sites.countDocuments({ _id: ${JSON.stringify(siteId)}, 'doc.registeredAt': { $type: 'date' } })`);
      expect(dates).toBe('1');
    });
  });
}
