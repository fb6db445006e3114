import {
  ANY,
  AccessDeniedError,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  type JSONRecordedEvent,
} from '@eventstore/db-client';
import { isAppError, type EventMetadata, type NewEvent } from '@ooh/eventing';
import {
  SubscriptionDropped,
  actualRevisionOf,
  compileFilter,
  escapeRegex,
  fromEsdbMetadata,
  isConnectionError,
  isRetryableSubscriptionError,
  isStreamNotFound,
  isSystemEvent,
  isWrongExpectedVersion,
  toEsdbExpectedRevision,
  toEsdbMetadata,
  toEsdbPosition,
  toEventData,
  toLogPosition,
  toRecordedEvent,
  withConnectionDefaults,
} from './esdb-mapping';

const metadata: EventMetadata = {
  correlationId: 'c-1',
  causationId: 'k-1',
  actor: { userId: 'u-1', role: 'ops-staff' },
  occurredAt: '2026-01-01T00:00:00.000Z',
  schemaVersion: 1,
};

/** Shaped like what the 6.x client yields for a JSON event read from a stream or $all. */
function esdbEvent(overrides: Partial<JSONRecordedEvent> = {}): JSONRecordedEvent {
  return {
    streamId: 'operations.site-42',
    id: '0190f5d2-7c1e-7a3b-9f00-000000000001',
    revision: 3n,
    type: 'SiteOpened',
    created: new Date('2026-03-04T05:06:07.089Z'),
    data: { name: 'North' },
    metadata: { ...metadata, $correlationId: 'c-1', $causationId: 'k-1' },
    isJson: true,
    position: { commit: 123_456n, prepare: 123_456n },
    ...overrides,
  } as JSONRecordedEvent;
}

describe('positions', () => {
  it('converts commit positions to numbers and refuses what a number cannot hold exactly', () => {
    expect(toLogPosition(0n)).toBe(0);
    expect(toLogPosition(987_654_321n)).toBe(987_654_321);
    expect(toLogPosition(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toLogPosition(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(/above 2\^53-1/);
    expect(() => toLogPosition(-1n)).toThrow(/negative/);
  });

  it('maps a numeric position back to a commit/prepare pair, 0 being the start of the log', () => {
    expect(toEsdbPosition(0)).toBe(START);
    expect(toEsdbPosition(-5)).toBe(START);
    expect(toEsdbPosition(4096)).toEqual({ commit: 4096n, prepare: 4096n });
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      const err = (() => {
        try {
          toEsdbPosition(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(isAppError(err) && err.code).toBe('INVALID_POSITION');
    }
  });
});

describe('filters', () => {
  const streams = [
    'operations.site-1',
    'operations.site-2-b',
    'operations.site',
    'operations.siteX-1',
    'operations.frame-1',
    'operationsXsite-1',
    'finance.invoice-9',
    '$stats-127.0.0.1:2113',
    '$ce-operations.site',
  ];
  const serverSelects = (f: ReturnType<typeof compileFilter>, stream: string, type: string) =>
    new RegExp(f.server.regex).test(f.server.filterOn === 'streamName' ? stream : type);

  it('turns categories into an anchored stream-name regex (category = the part before the first dash)', () => {
    const f = compileFilter({ categories: ['operations.site', 'finance.invoice'] });
    expect(f.server).toEqual({ filterOn: 'streamName', regex: '^(?:operations\\.site|finance\\.invoice)(?:-|$)' });
    expect(streams.filter((s) => f.matches(s, 'T'))).toEqual(['operations.site-1', 'operations.site-2-b', 'operations.site', 'finance.invoice-9']);
    expect(streams.filter((s) => serverSelects(f, s, 'T'))).toEqual(['operations.site-1', 'operations.site-2-b', 'operations.site', 'finance.invoice-9']);
  });

  it('turns a stream prefix into ^prefix, and combines it with categories by a lookahead', () => {
    expect(compileFilter({ streamPrefix: 'operations.' }).server).toEqual({ filterOn: 'streamName', regex: '^operations\\.' });
    const both = compileFilter({ streamPrefix: 'operations.s', categories: ['operations.site', 'operations.frame'] });
    expect(both.server.regex).toBe('^(?=operations\\.s)(?:operations\\.site|operations\\.frame)(?:-|$)');
    expect(streams.filter((s) => both.matches(s, 'T'))).toEqual(['operations.site-1', 'operations.site-2-b', 'operations.site']);
    expect(streams.filter((s) => serverSelects(both, s, 'T'))).toEqual(['operations.site-1', 'operations.site-2-b', 'operations.site']);
  });

  it('filters event types on the server only when there is no stream filter, and always checks them here', () => {
    const typesOnly = compileFilter({ eventTypes: ['SiteOpened', 'Site.Closed'] });
    expect(typesOnly.server).toEqual({ filterOn: 'eventType', regex: '^(?:SiteOpened|Site\\.Closed)$' });
    expect(serverSelects(typesOnly, 'x-1', 'SiteOpened')).toBe(true);
    expect(serverSelects(typesOnly, 'x-1', 'SiteXClosed')).toBe(false);
    expect(serverSelects(typesOnly, 'x-1', 'SiteOpenedLater')).toBe(false);

    const withStreams = compileFilter({ categories: ['operations.site'], eventTypes: ['SiteOpened'] });
    expect(withStreams.server.filterOn).toBe('streamName');
    expect(withStreams.matches('operations.site-1', 'SiteOpened')).toBe(true);
    expect(withStreams.matches('operations.site-1', 'SiteClosed')).toBe(false);
  });

  it('excludes system streams and types, with no filter too', () => {
    const none = compileFilter();
    expect(none.server).toEqual({ filterOn: 'streamName', regex: '^[^$]' });
    expect(streams.filter((s) => serverSelects(none, s, 'T'))).toEqual(streams.filter((s) => !s.startsWith('$')));
    expect(none.matches('operations.site-1', '$>')).toBe(false);
    expect(none.matches('$ce-operations.site', 'SiteOpened')).toBe(false);
    expect(compileFilter({ streamPrefix: '$' }).matches('$stats-1', 'x')).toBe(false);
    expect(isSystemEvent('a-1', '$metadata')).toBe(true);
    expect(isSystemEvent('a-1', 'A')).toBe(false);
  });

  it('treats empty lists as no constraint, like the SQLite adapter', () => {
    const f = compileFilter({ categories: [], eventTypes: [], streamPrefix: '' });
    expect(f.server.regex).toBe('^[^$]');
    expect(f.matches('anything-1', 'Any')).toBe(true);
  });

  it('the server regex never drops what the exact test keeps', () => {
    const filters = [
      { categories: ['operations.site'] },
      { categories: ['a-b'] },
      { streamPrefix: 'operations.site-' },
      { streamPrefix: 'fin', eventTypes: ['X'] },
      { eventTypes: ['T', 'U(1)'] },
      {},
    ];
    const types = ['T', 'U(1)', 'X', '$>'];
    const names = [...streams, 'a-b-c', 'a', 'fin', 'operations.site-'];
    for (const filter of filters) {
      const f = compileFilter(filter);
      for (const s of names) for (const t of types) if (f.matches(s, t)) expect([filter, s, t, serverSelects(f, s, t)]).toEqual([filter, s, t, true]);
    }
  });

  it('escapes every regex metacharacter', () => {
    const nasty = 'a.b*c+d?e^f$g|h(i)j[k]l{m}n\\o-p';
    expect(new RegExp(`^${escapeRegex(nasty)}$`).test(nasty)).toBe(true);
    expect(new RegExp(`^${escapeRegex('a.b')}$`).test('axb')).toBe(false);
  });
});

describe('envelopes', () => {
  it('maps a recorded EventStoreDB event to the port envelope', () => {
    const recorded = toRecordedEvent(esdbEvent());
    expect(recorded).toEqual({
      eventId: '0190f5d2-7c1e-7a3b-9f00-000000000001',
      streamId: 'operations.site-42',
      revision: 3,
      position: 123_456,
      type: 'SiteOpened',
      data: { name: 'North' },
      metadata,
      recordedAt: '2026-03-04T05:06:07.089Z',
    });
  });

  it('refuses events without their $all position (servers before 22.6)', () => {
    expect(() => toRecordedEvent(esdbEvent({ position: undefined }))).toThrow(/22\.6/);
    expect(() => toRecordedEvent(esdbEvent({ position: { commit: 0n, prepare: 0n } }))).toThrow(/22\.6/);
  });

  it('writes correlation and causation also as $correlationId/$causationId, and reads them back without', () => {
    const stored = toEsdbMetadata(metadata);
    expect(stored).toMatchObject({ $correlationId: 'c-1', $causationId: 'k-1', correlationId: 'c-1', actor: metadata.actor });
    expect(fromEsdbMetadata(stored)).toEqual(metadata);
    // An event written by another client with only the EventStoreDB keys.
    expect(fromEsdbMetadata({ $correlationId: 'c-9', $causationId: 'k-9', user: 'x' })).toEqual({ correlationId: 'c-9', causationId: 'k-9', user: 'x' });
    expect(fromEsdbMetadata(undefined)).toEqual({});
    expect(fromEsdbMetadata(new Uint8Array([1, 2]))).toEqual({});
  });

  it('builds JSON event data with our id, type and metadata', () => {
    const event: NewEvent = { eventId: '0190f5d2-7c1e-7a3b-9f00-0000000000aa', type: 'SiteOpened', data: { n: 1 }, metadata };
    const data = toEventData(event);
    expect(data).toMatchObject({ id: event.eventId, contentType: 'application/json', type: 'SiteOpened', data: { n: 1 } });
    expect(data.metadata).toMatchObject({ $correlationId: 'c-1', $causationId: 'k-1' });
    expect(toEventData({ ...event, data: undefined }).data).toBeNull();
  });
});

describe('expected revisions and errors', () => {
  it('maps the port expected revision to the client one', () => {
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision(7)).toBe(7n);
  });

  it('reads the actual revision out of a wrong-expected-version error', () => {
    const atFour = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 1n, current: 4n });
    const none = new WrongExpectedVersionError(undefined, { streamName: 's', expected: STREAM_EXISTS, current: NO_STREAM });
    expect(isWrongExpectedVersion(atFour)).toBe(true);
    expect(actualRevisionOf(atFour)).toBe(4);
    expect(actualRevisionOf(none)).toBe(-1);
    expect(actualRevisionOf({})).toBeUndefined();
    expect(isWrongExpectedVersion(new Error('x'))).toBe(false);
  });

  it('tells connection trouble (retry) from refusals (throw)', () => {
    expect(isConnectionError(new UnavailableError())).toBe(true);
    expect(isConnectionError(new UnknownError())).toBe(false);
    expect(isRetryableSubscriptionError(new UnavailableError())).toBe(true);
    expect(isRetryableSubscriptionError(new UnknownError())).toBe(true);
    expect(isRetryableSubscriptionError(new SubscriptionDropped())).toBe(true);
    expect(isRetryableSubscriptionError(new AccessDeniedError())).toBe(false);
    expect(isRetryableSubscriptionError(new Error('bug'))).toBe(false);
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 's'))).toBe(true);
  });
});

describe('connection string', () => {
  it('pins gRPC keep-alive so a half-open connection is detected', () => {
    expect(withConnectionDefaults('esdb://127.0.0.1:2113?tls=false')).toBe('esdb://127.0.0.1:2113?tls=false&keepAliveInterval=10000&keepAliveTimeout=10000');
    expect(withConnectionDefaults('esdb://127.0.0.1:2113')).toBe('esdb://127.0.0.1:2113?keepAliveInterval=10000&keepAliveTimeout=10000');
  });

  it('gives a string the 6.x client parses into those settings', () => {
    const { parseConnectionString } = require('@eventstore/db-client/dist/Client/parseConnectionString');
    expect(parseConnectionString(withConnectionDefaults('esdb://127.0.0.1:2113?tls=false'))).toMatchObject({
      tls: false,
      keepAliveInterval: 10_000,
      keepAliveTimeout: 10_000,
      hosts: [{ address: '127.0.0.1', port: 2113 }],
    });
  });

  it('keeps explicit settings, however they are spelt', () => {
    expect(withConnectionDefaults('esdb://h:2113?tls=false&keepaliveinterval=20000&keep-alive-timeout=5000')).toBe(
      'esdb://h:2113?tls=false&keepaliveinterval=20000&keep-alive-timeout=5000',
    );
  });

  it('refuses throwOnAppendFailure=false', () => {
    expect(() => withConnectionDefaults('esdb://h:2113?throwOnAppendFailure=false')).toThrow(/throwOnAppendFailure/);
  });
});
