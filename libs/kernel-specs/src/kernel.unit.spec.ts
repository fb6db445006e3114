import {
  requireSecondPerson,
  type Actor,
  assertNever,
  fold,
  streamCategory,
  streamEntityId,
  streamName,
  AppError,
  forbidden,
  invalid,
  isAppError,
  isWrongExpectedRevision,
  notFound,
  ruleViolated,
  WrongExpectedRevision,
  deterministicId,
  isUuid,
  newId,
  FixedClock,
  systemClock,
  noInstrumentation,
} from '@ooh/eventing';
import { UUID_V7 } from './fixtures/async';
import { counterDecider, type CounterEvent } from './fixtures/counter';

function thrownBy(fn: () => void): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('requireSecondPerson (four-eyes)', () => {
  describe('When the actor is the same person as the other party', () => {
    it.each(['ops-staff', 'ops-manager', 'finance', 'admin'])('should refuse with forbidden FOUR_EYES_VIOLATION for role %s', (role) => {
      const actor: Actor = { userId: 'u-1', role };
      const error = thrownBy(() => requireSecondPerson(actor, 'u-1', 'Approval'));
      expect(isAppError(error)).toBe(true);
      expect(error).toMatchObject({ kind: 'forbidden', code: 'FOUR_EYES_VIOLATION' });
      expect((error as AppError).message).toContain('Approval');
      expect((error as AppError).message).toContain('u-1');
    });
  });

  describe('When the actor is someone else, or there is no other party yet', () => {
    it('should allow it', () => {
      expect(() => requireSecondPerson({ userId: 'u-2', role: 'ops-manager' }, 'u-1', 'Approval')).not.toThrow();
      expect(() => requireSecondPerson({ userId: 'u-2', role: 'admin' }, undefined, 'Approval')).not.toThrow();
    });

    it('should compare user ids exactly (no case folding or trimming)', () => {
      expect(() => requireSecondPerson({ userId: 'U-1', role: 'admin' }, 'u-1', 'Approval')).not.toThrow();
    });
  });
});

describe('errors', () => {
  describe('When an AppError is created', () => {
    it('should be an Error carrying kind, code, message, details and extensions', () => {
      const e = new AppError('invalid', 'BAD', 'bad input', [{ field: 'x', message: 'required' }], { hint: 1 });
      expect(e).toBeInstanceOf(Error);
      expect(e.name).toBe('AppError');
      expect(e.isAppError).toBe(true);
      expect([e.kind, e.code, e.message]).toEqual(['invalid', 'BAD', 'bad input']);
      expect(e.details).toEqual([{ field: 'x', message: 'required' }]);
      expect(e.extensions).toEqual({ hint: 1 });
      expect(new AppError('conflict', 'C', 'm')).toMatchObject({ details: [], extensions: {} });
    });

    it('should build the common kinds with the helpers', () => {
      expect(ruleViolated('R', 'no', { at: 1 })).toMatchObject({ kind: 'rule-violated', code: 'R', message: 'no', extensions: { at: 1 } });
      expect(forbidden('F', 'nope')).toMatchObject({ kind: 'forbidden', code: 'F', message: 'nope' });
      expect(notFound('N', 'gone')).toMatchObject({ kind: 'not-found', code: 'N', message: 'gone' });
      expect(invalid('I', 'bad', [{ message: 'm' }])).toMatchObject({ kind: 'invalid', code: 'I', details: [{ message: 'm' }] });
      expect(invalid('I', 'bad').details).toEqual([]);
    });
  });

  describe('When recognising AppErrors', () => {
    it('should recognise them by shape, not by class', () => {
      expect(isAppError(forbidden('F', 'x'))).toBe(true);
      // e.g. thrown by another copy of the package, or serialised and rebuilt
      expect(isAppError({ isAppError: true, kind: 'conflict', code: 'X', message: 'm' })).toBe(true);
      expect(isAppError(Object.assign(new Error('plain'), { isAppError: true }))).toBe(true);
    });

    it.each([
      ['a plain Error', new Error('x')],
      ['null', null],
      ['undefined', undefined],
      ['a string', 'AppError'],
      ['a truthy but non-true flag', { isAppError: 'true' }],
      ['an object without the flag', { kind: 'conflict', code: 'X' }],
    ])('should reject %s', (_label, value) => {
      expect(isAppError(value)).toBe(false);
    });
  });

  describe('When a store reports a wrong expected revision', () => {
    it('should be a conflict carrying the stream, expected and actual revisions', () => {
      const e = new WrongExpectedRevision('test.a-1', 'no_stream', 3);
      expect(e).toMatchObject({
        kind: 'conflict',
        code: 'WRONG_EXPECTED_REVISION',
        streamId: 'test.a-1',
        expected: 'no_stream',
        actual: 3,
        extensions: { streamId: 'test.a-1', expected: 'no_stream', actual: 3 },
      });
      expect(e.message).toBe('Stream test.a-1 is at revision 3, expected no_stream');
      expect(isAppError(e)).toBe(true);
      expect(isWrongExpectedRevision(e)).toBe(true);
    });

    it('should be recognised by code and shape only', () => {
      expect(isWrongExpectedRevision({ isAppError: true, code: 'WRONG_EXPECTED_REVISION' })).toBe(true);
      expect(isWrongExpectedRevision(new AppError('conflict', 'CONCURRENT_MODIFICATION', 'x'))).toBe(false);
      expect(isWrongExpectedRevision({ code: 'WRONG_EXPECTED_REVISION' })).toBe(false);
      expect(isWrongExpectedRevision(new Error('WRONG_EXPECTED_REVISION'))).toBe(false);
    });
  });
});

describe('stream names', () => {
  describe('When naming a stream', () => {
    it('should be <context>.<aggregate>-<id>', () => {
      expect(streamName('operations', 'site', 'SH-L2-PSD-001')).toBe('operations.site-SH-L2-PSD-001');
    });

    it('should round-trip the category and the entity id, even when the id contains dashes', () => {
      const name = streamName('operations', 'site', 'SH-L2-PSD-001');
      expect(streamCategory(name)).toBe('operations.site');
      expect(streamEntityId(name)).toBe('SH-L2-PSD-001');
      const uuid = newId();
      expect(streamEntityId(streamName('agency', 'campaign', uuid))).toBe(uuid);
    });
  });

  describe('When a stream name has no dash', () => {
    it('should use the whole name as category and an empty entity id', () => {
      expect(streamCategory('operations.settings')).toBe('operations.settings');
      expect(streamEntityId('operations.settings')).toBe('');
    });
  });

  describe('When the id part is empty', () => {
    it('should give an empty entity id', () => {
      expect(streamCategory('operations.site-')).toBe('operations.site');
      expect(streamEntityId('operations.site-')).toBe('');
    });
  });
});

describe('ids', () => {
  describe('When deriving a deterministic id', () => {
    it('should be a stable UUIDv5 for the same parts', () => {
      const a = deterministicId('reactor:faults', 'evt-1', '0');
      expect(deterministicId('reactor:faults', 'evt-1', '0')).toBe(a);
      expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(isUuid(a)).toBe(true);
    });

    it('should differ for different inputs, order or split of the parts', () => {
      const ids = [
        deterministicId('a', 'b'),
        deterministicId('b', 'a'),
        deterministicId('ab'),
        deterministicId('a', 'b', ''),
        deterministicId('ab', 'c'),
        deterministicId('a', 'bc'),
        deterministicId('reactor:faults', 'evt-1', '0'),
        deterministicId('reactor:faults', 'evt-1', '1'),
        deterministicId('reactor:faults', 'evt-2', '0'),
      ];
      expect(new Set(ids).size).toBe(ids.length);
    });
  });

  describe('When creating a new id', () => {
    it('should be a UUIDv7 (version nibble 7, RFC variant)', () => {
      const id = newId();
      expect(id).toMatch(UUID_V7);
      expect(id[14]).toBe('7');
      expect(isUuid(id)).toBe(true);
    });

    it('should embed the current time in milliseconds', () => {
      const before = Date.now();
      const id = newId();
      const after = Date.now();
      const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(before);
      expect(ms).toBeLessThanOrEqual(after);
    });

    it('should be unique and sort in creation order, also within one millisecond', async () => {
      const ids = Array.from({ length: 2000 }, () => newId());
      await new Promise((r) => setTimeout(r, 3));
      ids.push(newId());
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(ids);
    });
  });

  describe('When checking whether a value is a uuid', () => {
    it('should accept v4, v5 and v7 and refuse others', () => {
      expect(isUuid('9b2e7b1a-3c4d-4e5f-8a6b-7c8d9e0f1a2b')).toBe(true); // v4
      expect(isUuid(deterministicId('x'))).toBe(true); // v5
      expect(isUuid(newId())).toBe(true); // v7
      expect(isUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(false); // v1
      expect(isUuid('not-a-uuid')).toBe(false);
      expect(isUuid('')).toBe(false);
    });
  });
});

describe('fold and assertNever', () => {
  describe('When folding events', () => {
    const events: CounterEvent[] = [
      { type: 'Incremented', data: { amount: 2 } },
      { type: 'Incremented', data: { amount: 3 } },
    ];

    it('should evolve from the initial state in order', () => {
      expect(fold(counterDecider, events)).toEqual({ count: 5, increments: 2, closed: false });
      expect(fold(counterDecider, [])).toEqual(counterDecider.initialState());
    });

    it('should continue from a given state', () => {
      expect(fold(counterDecider, events, { count: 10, increments: 1, closed: false })).toEqual({ count: 15, increments: 3, closed: false });
    });

    it('should accept any iterable', () => {
      function* gen(): Generator<CounterEvent> {
        yield { type: 'Incremented', data: { amount: 1 } };
        yield { type: 'CounterClosed', data: { reason: 'x' } };
      }
      expect(fold(counterDecider, gen())).toEqual({ count: 1, increments: 1, closed: true });
    });
  });

  describe('When an unhandled case reaches assertNever', () => {
    it('should throw naming the value', () => {
      expect(() => assertNever({ type: 'Mystery' } as never)).toThrow('Unhandled case: {"type":"Mystery"}');
    });
  });
});

describe('clocks and instrumentation', () => {
  describe('When a test moves a FixedClock', () => {
    it('should return the set instant and move only by hand', () => {
      const clock = new FixedClock(new Date('2026-03-01T00:00:00.000Z'));
      expect(clock.now().toISOString()).toBe('2026-03-01T00:00:00.000Z');
      clock.advance(90_000);
      expect(clock.now().toISOString()).toBe('2026-03-01T00:01:30.000Z');
      clock.set('2026-04-01T12:00:00.000Z');
      expect(clock.now().toISOString()).toBe('2026-04-01T12:00:00.000Z');
      clock.set(new Date('2026-05-01T00:00:00.000Z'));
      expect(clock.now().toISOString()).toBe('2026-05-01T00:00:00.000Z');
    });

    it('should hand out copies, so a caller mutating the Date does not move the clock', () => {
      const clock = new FixedClock(new Date('2026-03-01T00:00:00.000Z'));
      clock.now().setFullYear(1999);
      expect(clock.now().toISOString()).toBe('2026-03-01T00:00:00.000Z');
    });
  });

  describe('When reading the system clock', () => {
    it('should return the current time', () => {
      const before = Date.now();
      const now = systemClock.now().getTime();
      expect(now).toBeGreaterThanOrEqual(before);
      expect(now).toBeLessThanOrEqual(Date.now());
    });
  });

  describe('When no instrumentation is configured', () => {
    it('should accept every hook and do nothing', () => {
      expect(noInstrumentation.commandHandled('X', 0.1, 'ok')).toBeUndefined();
      expect(noInstrumentation.eventsAppended(3)).toBeUndefined();
      expect(noInstrumentation.subscriptionProgress('s', 1, 2)).toBeUndefined();
    });
  });
});
