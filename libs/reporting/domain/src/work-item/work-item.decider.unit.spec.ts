import { SYSTEM_ACTORS } from '@ooh/eventing';
import { eventsFrom } from '@ooh/eventing-testing';
import { workItemDecider, decideWorkItem, type WorkItemCommand } from './work-item.decider';
import { evolveWorkItem, initialWorkItemState, type WorkItemEvent } from './work-item.events';
import { waitingPerRole, workQueue } from './work-queue';

const by = SYSTEM_ACTORS.feed;
const gate = (g: string, roles: string[], assignees: string[] = []) => ({
  gate: g,
  waitingFor: `the ${g}`,
  releasedBy: roles[0],
  releasedByRoles: roles,
  onBehalfOf: null,
  assignees,
});
const change = (key: string, revision: number, changedAt: string, waiting: ReturnType<typeof gate>[], deadline: string | null = null): WorkItemCommand => ({
  type: 'RecordWorkItemChange',
  data: {
    key,
    context: 'production',
    kind: 'print-job',
    itemId: key.split(':')[2],
    title: `Job ${key}`,
    itemStatus: 'x',
    deadline,
    link: `/api/production/print-jobs/${key}`,
    revision,
    changedAt,
    waiting,
    at: changedAt,
    by,
  },
});
const fold = (events: WorkItemEvent[]) => events.reduce(evolveWorkItem, initialWorkItemState());

describe('work items', () => {
  it('keeps the time a gate began waiting while it still waits, and starts a new one when the gate changes', () => {
    const events = eventsFrom(workItemDecider, [
      change('p:k:1', 0, '2026-12-01T02:00:00.000Z', [gate('proof', ['account-manager'])]),
      change('p:k:1', 3, '2026-12-02T02:00:00.000Z', [gate('proof', ['account-manager']), gate('review', ['account-director'])]),
      change('p:k:1', 5, '2026-12-03T02:00:00.000Z', [gate('review', ['account-director'])]),
    ]);
    expect(fold(events).waiting.map((w) => [w.gate, w.since])).toEqual([['review', '2026-12-02T02:00:00.000Z']]);
    expect(fold(events.slice(0, 2))).toMatchObject({ status: 'waiting', waitingSince: '2026-12-01T02:00:00.000Z' });
  });

  it('ignores a redelivered or overtaken change, and clears when the item waits for nobody', () => {
    const events = eventsFrom(workItemDecider, [change('p:k:1', 4, '2026-12-02T02:00:00.000Z', [gate('proof', ['account-manager'])])]);
    expect(decideWorkItem(change('p:k:1', 4, '2026-12-02T02:00:00.000Z', []), fold(events))).toEqual([]);
    expect(decideWorkItem(change('p:k:1', 2, '2026-12-01T02:00:00.000Z', []), fold(events))).toEqual([]);
    const cleared = fold([...events, ...decideWorkItem(change('p:k:1', 6, '2026-12-03T02:00:00.000Z', []), fold(events))]);
    expect(cleared).toMatchObject({ status: 'clear', waiting: [], waitingSince: null });
  });

  it('gives each person the gates their roles release (named people only where a gate names them), oldest first, overdue flagged', () => {
    const item = (key: string, at: string, waiting: ReturnType<typeof gate>[], deadline: string | null = null) =>
      fold(eventsFrom(workItemDecider, [change(key, 0, at, waiting, deadline)]));
    const items = [
      item('p:k:2', '2026-12-02T02:00:00.000Z', [gate('payment', ['finance'])], '2026-12-01'),
      item('p:k:1', '2026-12-01T02:00:00.000Z', [gate('payment', ['finance'])]),
      item('o:b:1', '2026-11-30T02:00:00.000Z', [gate('internal-review', ['executive'], ['li'])]),
    ];
    expect(workQueue(items, { userId: 'qian', roles: ['finance'] }, '2026-12-05').map((r) => [r.key, r.overdue])).toEqual([
      ['p:k:1', false],
      ['p:k:2', true],
    ]);
    expect(workQueue(items, { userId: 'wu', roles: ['executive'] }, '2026-12-05')).toEqual([]);
    expect(workQueue(items, { userId: 'li', roles: ['executive'] }, '2026-12-05').map((r) => r.key)).toEqual(['o:b:1']);
    expect(workQueue(items, { userId: 'root', roles: ['admin'] }, '2026-12-05', true)).toHaveLength(3);
    expect(waitingPerRole(items)).toEqual({ finance: 2, executive: 1 });
  });
});
