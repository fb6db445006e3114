import { FixedClock, Scheduler, type ScheduledJob, type SchedulerLogger } from '@ooh/eventing';
import { deferred } from './fixtures/async';

const T0 = '2026-03-01T02:00:00.000Z';

function recordingJob(name: string, everyMs = 1_000) {
  const runs: string[] = [];
  const job: ScheduledJob = {
    name,
    everyMs,
    run: async (now) => {
      runs.push(now.toISOString());
    },
  };
  return { job, runs };
}

function recordingLogger() {
  const errors: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  const logger: SchedulerLogger = { error: (obj, msg) => errors.push({ obj: obj as Record<string, unknown>, msg }) };
  return { logger, errors };
}

describe('Scheduler', () => {
  describe('When runAll is called', () => {
    it("should pass each job the injected clock's now", async () => {
      const clock = new FixedClock(new Date(T0));
      const a = recordingJob('a');
      const b = recordingJob('b');
      const scheduler = new Scheduler(clock, [a.job, b.job]);

      await scheduler.runAll();
      clock.advance(60 * 60_000);
      await scheduler.runAll();

      expect(a.runs).toEqual([T0, '2026-03-01T03:00:00.000Z']);
      expect(b.runs).toEqual([T0, '2026-03-01T03:00:00.000Z']);
    });

    it('should run the jobs one after the other, in order', async () => {
      const order: string[] = [];
      const gate = deferred();
      const slow: ScheduledJob = {
        name: 'slow',
        everyMs: 1_000,
        run: async () => {
          order.push('slow:start');
          await gate.promise;
          order.push('slow:end');
        },
      };
      const fast: ScheduledJob = { name: 'fast', everyMs: 1_000, run: async () => void order.push('fast') };
      const done = new Scheduler(new FixedClock(new Date(T0)), [slow, fast]).runAll();
      await new Promise((r) => setImmediate(r));
      expect(order).toEqual(['slow:start']);
      gate.resolve();
      await done;
      expect(order).toEqual(['slow:start', 'slow:end', 'fast']);
    });
  });

  describe('When a job is triggered again while its previous run is in flight', () => {
    it('should not start an overlapping run, and join the one in flight', async () => {
      const gate = deferred();
      let runs = 0;
      let concurrent = 0;
      let maxConcurrent = 0;
      const job: ScheduledJob = {
        name: 'sweep',
        everyMs: 1_000,
        run: async () => {
          runs += 1;
          concurrent += 1;
          maxConcurrent = Math.max(maxConcurrent, concurrent);
          await gate.promise;
          concurrent -= 1;
        },
      };
      const scheduler = new Scheduler(new FixedClock(new Date(T0)), [job]);

      let firstDone = false;
      const first = scheduler.runAll().then(() => (firstDone = true));
      const second = scheduler.runAll();
      const third = scheduler.runAll();
      await new Promise((r) => setImmediate(r));
      expect(runs).toBe(1);
      expect(firstDone).toBe(false);

      gate.resolve();
      await Promise.all([first, second, third]);
      expect(runs).toBe(1);
      expect(maxConcurrent).toBe(1);

      // Once finished, the next trigger runs it again.
      await scheduler.runAll();
      expect(runs).toBe(2);
    });
  });

  describe('When a job fails', () => {
    it('should log the error with the job name and not throw', async () => {
      const { logger, errors } = recordingLogger();
      const boom = new Error('upstream down');
      const failing: ScheduledJob = { name: 'sla-sweep', everyMs: 1_000, run: async () => Promise.reject(boom) };
      const after = recordingJob('after');
      const scheduler = new Scheduler(new FixedClock(new Date(T0)), [failing, after.job], logger);

      await expect(scheduler.runAll()).resolves.toBeUndefined();

      expect(errors).toEqual([{ obj: { err: boom, job: 'sla-sweep' }, msg: 'scheduled job failed' }]);
      expect(after.runs).toEqual([T0]);
    });

    it('should log a job that throws before returning its promise, too', async () => {
      const { logger, errors } = recordingLogger();
      const boom = new Error('sync failure');
      const failing: ScheduledJob = {
        name: 'sync',
        everyMs: 1_000,
        run: () => {
          throw boom;
        },
      };
      const scheduler = new Scheduler(new FixedClock(new Date(T0)), [failing], logger);
      await expect(scheduler.runAll()).resolves.toBeUndefined();
      expect(errors).toEqual([{ obj: { err: boom, job: 'sync' }, msg: 'scheduled job failed' }]);
      // The failed run is not left "in flight": the next trigger runs the job again.
      await scheduler.runAll();
      expect(errors).toHaveLength(2);
    });

    it('should swallow the error when no logger is given, and run the job again next time', async () => {
      let calls = 0;
      const failing: ScheduledJob = {
        name: 'x',
        everyMs: 1_000,
        run: async () => {
          calls += 1;
          throw new Error('nope');
        },
      };
      const scheduler = new Scheduler(new FixedClock(new Date(T0)), [failing]);
      await expect(scheduler.runAll()).resolves.toBeUndefined();
      await expect(scheduler.runAll()).resolves.toBeUndefined();
      expect(calls).toBe(2);
    });
  });

  describe('When started on timers', () => {
    beforeEach(() => {
      jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    });
    afterEach(() => {
      jest.useRealTimers();
    });

    it('should run each job every everyMs with the clock of that moment, until stopped', async () => {
      const clock = new FixedClock(new Date(T0));
      const fast = recordingJob('fast', 1_000);
      const slow = recordingJob('slow', 5_000);
      const scheduler = new Scheduler(clock, [fast.job, slow.job]);
      scheduler.start();

      await jest.advanceTimersByTimeAsync(999);
      expect(fast.runs).toHaveLength(0);
      clock.advance(60_000);
      await jest.advanceTimersByTimeAsync(1);
      expect(fast.runs).toEqual(['2026-03-01T02:01:00.000Z']);
      await jest.advanceTimersByTimeAsync(4_000);
      expect(fast.runs).toHaveLength(5);
      expect(slow.runs).toHaveLength(1);

      await scheduler.stop();
      await jest.advanceTimersByTimeAsync(10_000);
      expect(fast.runs).toHaveLength(5);
      expect(slow.runs).toHaveLength(1);
    });

    it('should not overlap a slow run with the next ticks, and stop should wait for it', async () => {
      const gate = deferred();
      let runs = 0;
      let finished = false;
      const job: ScheduledJob = {
        name: 'slow',
        everyMs: 100,
        run: async () => {
          runs += 1;
          await gate.promise;
          finished = true;
        },
      };
      const scheduler = new Scheduler(new FixedClock(new Date(T0)), [job]);
      scheduler.start();
      await jest.advanceTimersByTimeAsync(1_000);
      expect(runs).toBe(1);

      let stopped = false;
      const stopping = scheduler.stop().then(() => (stopped = true));
      await jest.advanceTimersByTimeAsync(0);
      expect(stopped).toBe(false);
      gate.resolve();
      await stopping;
      expect(finished).toBe(true);
      expect(runs).toBe(1);
    });

    it('should keep jobs independent: one stuck job does not hold up another', async () => {
      const gate = deferred();
      let blockedRuns = 0;
      const blocked: ScheduledJob = { name: 'blocked', everyMs: 1_000, run: () => ((blockedRuns += 1), gate.promise) };
      const other = recordingJob('other', 1_000);
      const scheduler = new Scheduler(new FixedClock(new Date(T0)), [blocked, other.job]);
      scheduler.start();
      await jest.advanceTimersByTimeAsync(3_000);
      expect(blockedRuns).toBe(1);
      expect(other.runs).toHaveLength(3);
      gate.resolve();
      await scheduler.stop();
    });

    it('should log, not crash, when a job fails on a timer', async () => {
      const { logger, errors } = recordingLogger();
      const failing: ScheduledJob = {
        name: 'sync',
        everyMs: 100,
        run: () => {
          throw new Error('sync failure');
        },
      };
      const scheduler = new Scheduler(new FixedClock(new Date(T0)), [failing], logger);
      scheduler.start();
      await jest.advanceTimersByTimeAsync(300);
      await scheduler.stop();
      expect(errors.map((e) => e.obj.job)).toEqual(['sync', 'sync', 'sync']);
    });
  });
});
