import { eventProjection, type DomainEvent } from '@ooh/eventing';
import { projectionSpec } from '@ooh/eventing-testing';

type Noted = DomainEvent<'Noted', { text: string }>;
const given = [
  { streamId: 'test.note-1', type: 'Noted', data: { text: 'a' } },
  { streamId: 'test.note-1', type: 'Noted', data: { text: 'b' } },
];

describe('projectionSpec', () => {
  it('passes a projection whose documents depend only on the events', async () => {
    const notes = eventProjection<Noted>({
      name: 'notes',
      collections: ['notes'],
      categories: ['test.note'],
      on: { Noted: ({ data }, { event, put }) => put('notes', `${event.streamId}|${event.revision}`, { text: data.text }) },
    });
    await projectionSpec(notes)
      .given(...given)
      .then({ notes: { 'test.note-1|0': { text: 'a' }, 'test.note-1|1': { text: 'b' } } });
  });

  it('fails a projection that a redelivered event changes (a document per delivery)', async () => {
    let deliveries = 0;
    const leaky = eventProjection<Noted>({
      name: 'leaky',
      collections: ['notes'],
      categories: ['test.note'],
      on: { Noted: ({ data }, { put }) => put('notes', `delivery-${++deliveries}`, { text: data.text }) },
    });
    await expect(
      projectionSpec(leaky)
        .given(...given)
        .documents(),
    ).rejects.toThrow();
  });

  it('fails a projection that counts an event twice when it reads a document from an earlier batch', async () => {
    const counter = eventProjection<Noted>({
      name: 'counter',
      collections: ['counts', 'log'],
      categories: ['test.note'],
      on: {
        async Noted(_e, { event, get, put }) {
          const count = await get<{ n: number }>('counts', 'all');
          // Wrong on purpose: the log line is keyed by the count, so a redelivery writes a new line.
          put('log', String(count?.n ?? 0), { position: event.position });
          put('counts', 'all', { n: (count?.n ?? 0) + 1 });
        },
      },
    });
    await expect(
      projectionSpec(counter)
        .given(...given)
        .documents(),
    ).rejects.toThrow();
  });

  it('filters the subscription by the event types it has handlers for, within its categories', () => {
    const notes = eventProjection<Noted>({ name: 'n', collections: ['notes'], categories: ['test.note'], on: { Noted: () => undefined } });
    expect(notes.filter).toEqual({ categories: ['test.note'], eventTypes: ['Noted'] });
  });
});
