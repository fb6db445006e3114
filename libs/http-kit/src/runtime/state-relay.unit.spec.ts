import type { EventStore, IntegrationMessage, RecordedEvent } from '@ooh/eventing';
import { stateRelay } from './state-relay';

const event = (revision: number, add: number): RecordedEvent => ({
  eventId: `e-${revision}`,
  type: 'Added',
  data: { add },
  metadata: { correlationId: 'c', causationId: 'c', actor: { userId: 'u', role: 'admin' }, occurredAt: '2026-12-01T00:00:00.000Z', schemaVersion: 1 },
  streamId: 'test.counter-1',
  revision,
  position: revision + 1,
  recordedAt: '2026-12-01T00:00:00.000Z',
});

describe('state relay', () => {
  const stream = [event(0, 1), event(1, 10), event(2, 100)];
  const store = { readStream: jest.fn(async () => stream) } as unknown as EventStore & { readStream: jest.Mock };
  const seen: Array<[number, number, number]> = [];
  const relay = () =>
    stateRelay<number>(
      {
        name: 'counter',
        category: 'test.counter',
        decider: { initialState: () => 0, evolve: (s: number, e: { data: { add: number } }) => s + e.data.add },
        map: (e, before, after) => {
          seen.push([e.revision, before, after]);
          return { messageId: e.eventId } as IntegrationMessage;
        },
      },
      store,
    );

  it('sees the state before and after each event, folding incrementally while events come in order', async () => {
    const r = relay();
    for (const e of stream) await r.map(e);
    expect(seen).toEqual([
      [0, 0, 1],
      [1, 1, 11],
      [2, 11, 111],
    ]);
    // A new stream's events follow from the cache: nothing is read back.
    expect(store.readStream).not.toHaveBeenCalled();
  });

  it('folds the stream up to the event when it starts mid-stream (a restart), and maps the same', async () => {
    seen.length = 0;
    await relay().map(stream[2]);
    expect(seen).toEqual([[2, 11, 111]]);
    expect(store.readStream).toHaveBeenCalledTimes(1);
  });
});
