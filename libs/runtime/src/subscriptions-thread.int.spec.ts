import { AppError } from '@ooh/eventing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubscriptionsWorker } from './subscriptions-thread';

/*
 * The request thread's side of the subscriptions thread, against a stand-in worker speaking the same
 * messages: snapshots, calls and their errors, a death and the restart, the stop. The real worker (the
 * platform's) is exercised by the fault suite (case 16) and every test that starts a service process.
 */
const STAND_IN = `
const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ type: 'snapshot', snapshot: { replica: 'crash-point=' + process.env.OOH_CRASH_POINT, heldLeases: ['projection:x'], subscriptions: [{ name: 'projection:x', position: 7 }] } });
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (m) => {
  if (m.type === 'stop') setTimeout(() => process.exit(0), 20);
  else if (m.method === 'catchUp') parentPort.postMessage({ type: 'reply', id: m.id, result: 'caught up within ' + m.args[0] });
  else if (m.method === 'rebuild') parentPort.postMessage({ type: 'reply', id: m.id, error: { message: 'no projection nope', app: { kind: 'unprocessable', code: 'PROJECTION_NOT_FOUND', details: [{ field: 'projections', message: 'unknown' }], extensions: {} } } });
  else if (m.method === 'runJobs') process.exit(3);
});
`;

describe('SubscriptionsWorker (the request thread side)', () => {
  const script = join(mkdtempSync(join(tmpdir(), 'subscriptions-thread-')), 'stand-in.js');
  writeFileSync(script, STAND_IN);
  const logged: string[] = [];
  const died: string[] = [];
  const make = () =>
    new SubscriptionsWorker({
      script,
      argv: [],
      execArgv: [],
      env: { ...process.env, OOH_CRASH_POINT: 'after-publish' },
      log: (level, message) => logged.push(`${level} ${message}`),
      restartDelayMs: () => 50,
      died: async (replica) => void died.push(replica),
    });
  const until = async (what: string, check: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('reports nothing caught up before the thread does, then its snapshot; relays calls and their errors', async () => {
    const worker = make();
    expect(worker.snapshot().subscriptions).toEqual([{ name: 'subscriptions-worker', position: 0 }]);
    await expect(worker.assertStarted()).rejects.toThrow('starting');
    worker.start();
    await until('the first snapshot', () => worker.snapshot().subscriptions[0].name === 'projection:x');
    await until('ready', () =>
      worker.assertStarted().then(
        () => true,
        () => false,
      ),
    );
    expect(worker.snapshot()).toEqual({
      replica: 'crash-point=after-publish',
      heldLeases: ['projection:x'],
      subscriptions: [{ name: 'projection:x', position: 7 }],
    });
    expect(await worker.call('catchUp', 5000)).toBe('caught up within 5000');
    const refused = await worker.call('rebuild', ['nope']).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ kind: 'unprocessable', code: 'PROJECTION_NOT_FOUND', message: 'no projection nope', details: [{ field: 'projections' }] });
    await worker.stop();
  });

  it('fails the calls in flight when the thread dies, says so while it restarts, releases its leases and starts it again without the crash point', async () => {
    const worker = make();
    worker.start();
    await until('ready', () => worker.snapshot().subscriptions[0].name === 'projection:x');
    await expect(worker.call('runJobs')).rejects.toThrow('the subscriptions thread exited with code 3');
    expect(worker.snapshot().subscriptions[0]).toMatchObject({ name: 'subscriptions-worker', error: expect.stringContaining('restarting') });
    await expect(worker.call('catchUp', 1)).rejects.toThrow('not running');
    await until('the restart', () => worker.snapshot().subscriptions[0].name === 'projection:x');
    expect(worker.restarted).toBe(1);
    // Its leases were released under the name it had, before the new thread (with a new name) started.
    expect(died).toEqual(['crash-point=after-publish']);
    expect(worker.snapshot().replica).toBe('crash-point=');
    expect(logged).toContain('error the subscriptions thread exited; restarting it from its checkpoints');
    // A started service stays ready through a restart: commands are still served.
    await expect(worker.assertStarted()).resolves.toBeUndefined();
    await worker.stop();
  });

  it('stops the thread when asked and does not start it again', async () => {
    const worker = make();
    worker.start();
    await until('ready', () => worker.snapshot().subscriptions[0].name === 'projection:x');
    await worker.stop();
    await new Promise((r) => setTimeout(r, 200));
    expect(worker.restarted).toBe(0);
    await expect(worker.call('catchUp', 1)).rejects.toThrow('not running');
  });
});
