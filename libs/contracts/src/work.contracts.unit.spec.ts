import { blocker, type RecordedEvent } from '@ooh/eventing';
import { workItemMapper } from './work.contracts';

interface Doc {
  status: string;
  title: string;
  gate: string | null;
  reviewers: string[];
}
const map = workItemMapper<Doc>({
  context: 'operations',
  kind: 'booking',
  path: '/api/operations/bookings/{id}',
  title: (s) => s.title,
  blockers: (s) => (s.gate ? [blocker(s.gate, `the ${s.gate}`, ['executive'])] : []),
  assignees: (s, gate) => (gate === 'internal-review' ? s.reviewers : []),
});
const event = (revision: number): RecordedEvent => ({
  eventId: `e-${revision}`,
  type: 'Changed',
  data: {},
  metadata: { correlationId: 'c', causationId: 'c', actor: { userId: 'u', role: 'sales' }, occurredAt: '2026-12-01T02:00:00.000Z', schemaVersion: 1 },
  streamId: 'operations.booking-b-1',
  revision,
  position: revision + 1,
  recordedAt: '2026-12-01T02:00:01.000Z',
});
const doc = (over: Partial<Doc> = {}): Doc => ({ status: 'requested', title: 'Acme', gate: null, reviewers: [], ...over });

describe('work items on the public feed', () => {
  it('says what a document waits for, and whom a named step is for, under its own message id', () => {
    const message = map(event(0), doc({ status: 'none' }), doc({ gate: 'internal-review', reviewers: ['li'] }))!;
    expect(message).toMatchObject({ type: 'work.item-changed', messageId: 'e-0:work', key: 'b-1' });
    expect(message.data).toMatchObject({
      itemId: 'b-1',
      link: '/api/operations/bookings/b-1',
      revision: 0,
      changedAt: '2026-12-01T02:00:01.000Z',
      waiting: [{ gate: 'internal-review', releasedBy: 'executive', releasedByRoles: ['executive'], assignees: ['li'], onBehalfOf: null }],
    });
  });

  it('gives a document without its dates yet no deadline rather than a malformed one', () => {
    const dated = workItemMapper<Doc & { day: string }>({
      context: 'x',
      kind: 'y',
      path: '/y/{id}',
      title: (s) => s.title,
      blockers: () => [],
      deadline: (s) => s.day,
    });
    expect(dated(event(0), { ...doc(), day: '' }, { ...doc(), day: '' })?.data).toMatchObject({ deadline: null });
    expect(dated(event(0), { ...doc(), day: '' }, { ...doc(), day: '2027-01-01' })?.data).toMatchObject({ deadline: '2027-01-01' });
  });

  it('publishes only when what it waits for, its title, status or deadline changed', () => {
    expect(map(event(3), doc({ gate: 'payment' }), doc({ gate: 'payment' }))).toBeUndefined();
    expect(map(event(4), doc({ gate: 'payment' }), doc({ gate: null }))?.data).toMatchObject({ waiting: [], revision: 4 });
  });
});
