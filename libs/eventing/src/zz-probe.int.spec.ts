import { SqliteEventStore, SqliteReadModelStore } from '@ooh/adapter-sqlite';
import { testEvent } from '@ooh/eventing-testing';
import { ProjectionBatch, Scheduler, FixedClock, startSubscription } from '@ooh/eventing';

it('double write in one event', async () => {
  const es = new SqliteEventStore({ path: ':memory:' });
  const rm = new SqliteReadModelStore({ path: ':memory:' });
  await es.appendToStream('t.a-1', [testEvent('A')], 'no_stream');
  const events = await es.readAll({ after: 0, maxCount: 10 });
  await new ProjectionBatch(rm, {
    name: 'p', collections: ['c'], filter: {},
    async apply(ctx) { await ctx.get('c', '1'); ctx.put('c', '1', { a: 1 }); ctx.put('c', '1', { a: 1, b: 2 }); ctx.put('c', '2', { x: 1 }); ctx.delete('c', '2'); },
  }).apply(events, 1);
  console.log('doc1', JSON.stringify(await rm.get('c', '1')), 'doc2', JSON.stringify(await rm.get('c', '2')));
  await es.close(); await rm.close();
});

it('scheduler sync throw', async () => {
  const errors: unknown[] = [];
  const s = new Scheduler(new FixedClock(new Date()), [{ name: 'j', everyMs: 1000, run: () => { throw new Error('sync'); } }], { error: (o) => errors.push(o) });
  let thrown: unknown;
  try { await s.runAll(); } catch (e) { thrown = e; }
  console.log('sync throw -> thrown:', String(thrown), 'logged:', errors.length);
});

it('closed store busy loop', async () => {
  const es = new SqliteEventStore({ path: ':memory:' });
  let loads = 0;
  const sub = startSubscription({ name: 's', store: es, loadCheckpoint: async () => { loads++; return 0; }, handleBatch: async () => {} });
  await new Promise((r) => setTimeout(r, 20));
  await es.close();
  const t = Date.now();
  await new Promise((r) => setTimeout(r, 50));
  console.log('timer after close fired after', Date.now() - t, 'ms; loads', loads);
  await sub.stop();
  console.log('loads after stop', loads);
});
