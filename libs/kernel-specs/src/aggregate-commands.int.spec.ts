import { SqliteEventStore } from '@ooh/adapter-sqlite';
import {
  AggregateCommands,
  commandContext,
  defineAggregate,
  deterministicId,
  FixedClock,
  isAppError,
  SYSTEM_ACTORS,
  WrongExpectedRevision,
  type Actor,
  type Command,
  type Decider,
  type DomainEvent,
  type EventStore,
  type RecordedEvent,
} from '@ooh/eventing';
import { counterDecider, counterStream } from './fixtures/counter';

type Opened = DomainEvent<'TicketOpened', { ticketId: string; title: string; reportedAt: string; at: string; by: Actor }>;
type Closed = DomainEvent<'TicketClosed', { ticketId: string; at: string; by: Actor }>;
type TicketCommand =
  | Command<'OpenTicket', { ticketId: string; title: string; reportedAt: string; at: string; by: Actor }>
  | Command<'CloseTicket', { ticketId: string; at: string; by: Actor }>;
interface TicketState {
  status: 'none' | 'open' | 'closed';
  title: string;
}

const ticketDecider: Decider<TicketCommand, Opened | Closed, TicketState> = {
  initialState: () => ({ status: 'none', title: '' }),
  decide: (command, state) => {
    if (command.type === 'OpenTicket') return state.status === 'none' ? [{ type: 'TicketOpened', data: command.data }] : [];
    if (state.status !== 'open') throw new Error('not open');
    return [{ type: 'TicketClosed', data: command.data }];
  },
  evolve: (state, event) => (event.type === 'TicketOpened' ? { status: 'open', title: event.data.title } : { ...state, status: 'closed' }),
};

const tickets = defineAggregate({
  name: 'ticket',
  decider: ticketDecider,
  stream: (id: string) => `test.ticket-${id}`,
  idField: 'ticketId',
  notFoundCode: 'TICKET_NOT_FOUND',
  occurredAt: (command) => (command.type === 'OpenTicket' ? command.data.reportedAt : undefined),
});

const alice: Actor = { userId: 'alice', role: 'ops-staff' };

describe('AggregateCommands: the one command binder', () => {
  let store: SqliteEventStore;
  let clock: FixedClock;
  let commands: AggregateCommands<TicketCommand, Opened | Closed, TicketState, 'ticketId'>;

  beforeEach(() => {
    clock = new FixedClock(new Date('2026-12-01T02:00:00.000Z'));
    store = new SqliteEventStore({ path: ':memory:', clock });
    commands = new AggregateCommands(store, tickets, { clock });
  });
  afterEach(() => store.close());

  it('fills in the id, the time and the actor, and answers with a CommandResult', async () => {
    const result = await commands.execute(
      't1',
      'OpenTicket',
      { title: 'Dark screen', reportedAt: '2026-11-30T08:00:00.000Z' },
      commandContext.fromRequest(alice, 'req-1'),
    );
    expect(result).toEqual({ id: 't1', revision: 0, status: 'open', events: ['TicketOpened'] });
    const [event] = await store.readStream('test.ticket-t1');
    expect(event.data).toEqual({ ticketId: 't1', title: 'Dark screen', reportedAt: '2026-11-30T08:00:00.000Z', at: '2026-12-01T02:00:00.000Z', by: alice });
    // Business time from the aggregate's definition, the actor and correlation from the context.
    expect(event.metadata).toMatchObject({ occurredAt: '2026-11-30T08:00:00.000Z', actor: alice, correlationId: 'req-1', causationId: 'req-1' });
  });

  it('uses the time of the context over the clock, and the If-Match revision it carries', async () => {
    await commands.execute('t1', 'OpenTicket', { title: 'x', reportedAt: '2026-11-30T08:00:00.000Z' }, commandContext.fromRequest(alice, 'r'));
    const stale = await commands.execute('t1', 'CloseTicket', {}, commandContext.fromRequest(alice, 'r2', 5)).catch((e: unknown) => e);
    expect(isAppError(stale) && stale.code).toBe('STALE_REVISION');
    const closed = await commands.execute('t1', 'CloseTicket', {}, { ...commandContext.fromRequest(alice, 'r3', 0), at: '2026-12-01T03:00:00.000Z' });
    expect(closed).toMatchObject({ revision: 1, status: 'closed' });
    const events = await store.readStream('test.ticket-t1');
    expect(events[1].data).toMatchObject({ at: '2026-12-01T03:00:00.000Z' });
    expect(events[1].metadata.occurredAt).toBe('2026-12-01T03:00:00.000Z');
  });

  it('loads state as of an instant, and refuses an aggregate that did not exist then with its own 404 code', async () => {
    await commands.execute('t1', 'OpenTicket', { title: 'x', reportedAt: '2026-11-30T08:00:00.000Z' }, commandContext.fromRequest(alice, 'r'));
    const [opened] = await store.readStream('test.ticket-t1');
    await expect(commands.require('t1', { recordedUntil: opened.recordedAt })).resolves.toMatchObject({ revision: 0, state: { status: 'open' } });
    const before = await commands.require('t1', { recordedUntil: '2000-01-01T00:00:00.000Z' }).catch((e: unknown) => e);
    expect(isAppError(before) && [before.code, before.kind]).toEqual(['TICKET_NOT_FOUND', 'not-found']);
    const unknown = await commands.require('nope').catch((e: unknown) => e);
    expect(isAppError(unknown) && unknown.code).toBe('TICKET_NOT_FOUND');
  });

  it('queues commands on one stream in this process: twenty at once all succeed, none races for a revision', async () => {
    const counters = defineAggregate({
      name: 'counter',
      decider: counterDecider,
      stream: (id: string) => counterStream(id),
      notFoundCode: 'COUNTER_NOT_FOUND',
      status: (s) => String(s.count),
    });
    let conflicts = 0;
    const watched = {
      readStream: store.readStream.bind(store),
      appendToStream: async (...args: Parameters<typeof store.appendToStream>) => {
        try {
          return await store.appendToStream(...args);
        } catch (e) {
          conflicts++;
          throw e;
        }
      },
    } as unknown as EventStore;
    const bound = new AggregateCommands(watched, counters, { clock, cache: false });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => bound.execute('c1', 'Increment', { amount: 1 }, commandContext.fromRequest(alice, `r${i}`))),
    );
    expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(conflicts).toBe(0);
    expect((await bound.load('c1')).state.count).toBe(20);
  });

  it('names the aggregate in API terms, with when to retry, when another writer keeps winning', async () => {
    const racing = new AggregateCommands(
      {
        readStream: store.readStream.bind(store),
        appendToStream: async () => {
          throw new WrongExpectedRevision('test.ticket-t2', 0, 1);
        },
      } as unknown as EventStore,
      tickets,
      { clock, cache: false },
    );
    const error = await racing
      .execute('t2', 'OpenTicket', { title: 'x', reportedAt: '2026-11-30T08:00:00.000Z' }, commandContext.fromRequest(alice, 'r'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CONCURRENT_MODIFICATION',
      message: expect.stringMatching(/^ticket t2 kept changing/),
      extensions: { retryAfterSeconds: 1 },
    });
  });

  it('derives the same event ids from the same schedule key: a second run appends nothing', async () => {
    const now = new Date('2026-12-02T00:00:00.000Z');
    const ctx = () => commandContext.fromSchedule(SYSTEM_ACTORS.scheduler, now, 'open-ticket', 't9');
    await commands.execute('t9', 'OpenTicket', { title: 'scheduled', reportedAt: now.toISOString() }, ctx());
    const again = await commands.execute('t9', 'OpenTicket', { title: 'scheduled', reportedAt: now.toISOString() }, ctx());
    expect(again.events).toEqual([]);
    const events = await store.readStream('test.ticket-t9');
    expect(events.map((e) => e.eventId)).toEqual([deterministicId('open-ticket', 't9', '0')]);
    expect(events[0].metadata).toMatchObject({ actor: SYSTEM_ACTORS.scheduler, correlationId: deterministicId('open-ticket', 't9') });
  });
});

describe('commandContext constructors', () => {
  const event = {
    eventId: 'e-1',
    streamId: 's-1',
    type: 'X',
    data: {},
    revision: 0,
    position: 1,
    recordedAt: '2026-12-01T00:00:00.000Z',
    metadata: { correlationId: 'corr', causationId: 'cause', actor: alice, occurredAt: '2026-12-01T00:00:00.000Z', schemaVersion: 1 },
  } satisfies RecordedEvent;

  it('from an event: same correlation, caused by the event, ids derived from it and the key', () => {
    const ctx = commandContext.fromEvent(event, { key: ['fault-1'] });
    expect(ctx).toMatchObject({ actor: alice, correlationId: 'corr', causationId: 'e-1' });
    expect(ctx.eventIds!(0)).toBe(deterministicId('e-1', 'fault-1', '0'));
    expect(commandContext.fromEvent(event, { actor: SYSTEM_ACTORS.booking }).actor).toEqual(SYSTEM_ACTORS.booking);
  });

  it('from an integration message: caused by the message, ids derived from its id', () => {
    const message = { messageId: 'm-1', type: 't', version: 1, key: 'k', data: {}, correlationId: 'corr-m', causationId: 'c', occurredAt: '', producer: 'p' };
    const ctx = commandContext.fromMessage(message as never, SYSTEM_ACTORS.finance);
    expect(ctx).toMatchObject({ actor: SYSTEM_ACTORS.finance, correlationId: 'corr-m', causationId: 'm-1' });
    expect(ctx.eventIds!(1)).toBe(deterministicId('m-1', '1'));
  });

  it('derived: keeps who and why, drops the pinned revision, derives its own ids', () => {
    const ctx = commandContext.derived({ ...commandContext.fromRequest(alice, 'req', 3), causationId: 'c' }, 'booking-1', 'hold');
    expect(ctx).toMatchObject({ actor: alice, correlationId: 'req', causationId: 'c' });
    expect(ctx.expectedRevision).toBeUndefined();
    expect(ctx.eventIds!(0)).toBe(deterministicId('booking-1', 'hold', '0'));
  });

  it('system actors carry the system role, which no token can hold', () => {
    expect(Object.values(SYSTEM_ACTORS).every((a) => a.role === 'system' && a.userId.startsWith('system:'))).toBe(true);
  });
});
