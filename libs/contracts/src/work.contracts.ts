import { z } from 'zod';
import { integrationEnvelope, streamEntityId, type Blocker, type IntegrationMessage, type RecordedEvent } from '@ooh/eventing';
import { defineContract, field } from './contract';

/** Every service publishes it for the documents that wait on people: the work queue's only input. */
export const workItemChangedV1 = defineContract({
  type: 'work.item-changed',
  version: 1,
  producer: 'every service',
  consumers: ['reporting', 'integrators'],
  description:
    'What a document (a booking, a media order, a plan, a production job…) now waits for and who releases it, published whenever that changes: an empty `waiting` means it waits for nobody. `revision` orders the changes of one item.',
  data: z.strictObject({
    context: field.text(),
    kind: field.text(),
    itemId: field.text(),
    title: z.string(),
    status: z.string().nullable(),
    waiting: z.array(
      z.strictObject({
        gate: field.text(),
        waitingFor: field.text(),
        releasedBy: field.text(),
        releasedByRoles: z.array(field.text()).min(1),
        onBehalfOf: z.string().nullable(),
        /** The people (user ids) the step names, when it names any: then only they can release it. */
        assignees: z.array(field.text()),
      }),
    ),
    deadline: field.date().nullable(),
    link: field.text(),
    revision: z.number().int().min(0),
    changedAt: field.instant(),
  }),
});
export type WorkItemChangedV1 = z.output<typeof workItemChangedV1.data>;

/** A document that can wait on people, as its service describes it to the work queue. */
export interface WorkItemSpec<S> {
  context: string;
  kind: string;
  /** Where its API reads it: `{id}` is replaced by its id. */
  path: string;
  title(state: S): string;
  blockers(state: S): ReadonlyArray<Blocker & { onBehalfOf?: string }>;
  /** The day it is due by, when it has one (a deadline, a stage's due date). */
  deadline?(state: S): string | null;
  /** The people a gate names (e.g. a booking's named reviewers), when it names any. */
  assignees?(state: S, gate: string): string[];
}

const waitingOf = <S>(spec: WorkItemSpec<S>, state: S) =>
  spec.blockers(state).map((b) => ({
    gate: b.gate,
    waitingFor: b.waitingFor,
    releasedBy: b.releasedBy,
    releasedByRoles: [...b.releasedByRoles],
    onBehalfOf: b.onBehalfOf ?? null,
    assignees: spec.assignees?.(state, b.gate) ?? [],
  }));

/** A document without its dates yet (a refused request) has no deadline rather than a malformed one. */
const dayOrNull = (day: string | null | undefined): string | null => (day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null);

/**
 * Maps each event of a document to a `work.item-changed` message when what it waits for, its title or
 * its deadline changed (its own message id: the event's other public messages keep theirs).
 */
export function workItemMapper<S extends { status?: string }>(spec: WorkItemSpec<S>) {
  return (event: RecordedEvent, before: S, after: S): IntegrationMessage | undefined => {
    const view = (s: S) => ({ title: spec.title(s), status: s.status ?? null, waiting: waitingOf(spec, s), deadline: dayOrNull(spec.deadline?.(s)) });
    const [was, now] = [view(before), view(after)];
    if (event.revision > 0 && JSON.stringify(was) === JSON.stringify(now)) return undefined;
    const itemId = streamEntityId(event.streamId);
    return workItemChangedV1.message(
      {
        context: spec.context,
        kind: spec.kind,
        itemId,
        title: now.title,
        status: after.status ?? null,
        waiting: now.waiting,
        deadline: now.deadline,
        link: spec.path.replace('{id}', encodeURIComponent(itemId)),
        revision: event.revision,
        changedAt: event.recordedAt,
      },
      { ...integrationEnvelope(event), messageId: `${event.eventId}:work` },
    );
  };
}
