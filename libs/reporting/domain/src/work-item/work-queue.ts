import type { WorkItemState } from './work-item.events';

/** Who is asking: their roles and who they are (a step that names people is theirs only). */
export interface Asker {
  userId: string;
  roles: string[];
}

/**
 * What waits for a person: one row per gate of every item whose gate their roles release (and, where
 * a gate names people, names them), oldest first, overdue flagged against the operator's today.
 * `everyone`: the whole queue (oversight).
 */
export function workQueue(items: WorkItemState[], asker: Asker, today: string, everyone = false) {
  return items
    .flatMap((item) =>
      item.waiting
        .filter((w) => everyone || (w.releasedByRoles.some((r) => asker.roles.includes(r)) && (w.assignees.length === 0 || w.assignees.includes(asker.userId))))
        .map((w) => ({
          key: item.key,
          context: item.context,
          kind: item.kind,
          itemId: item.itemId,
          title: item.title,
          itemStatus: item.itemStatus,
          link: item.link,
          deadline: item.deadline,
          overdue: item.deadline !== null && item.deadline < today,
          ...w,
        })),
    )
    .sort((a, b) => a.since.localeCompare(b.since) || a.key.localeCompare(b.key) || a.gate.localeCompare(b.gate));
}

export type WorkQueueRow = ReturnType<typeof workQueue>[number];

/** How many gates wait on each role (a gate several roles may release counts for each). */
export function waitingPerRole(items: WorkItemState[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) for (const w of item.waiting) for (const role of w.releasedByRoles) counts[role] = (counts[role] ?? 0) + 1;
  return counts;
}
