import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { workItemChangedV1, type WorkItemChangedV1 } from '@ooh/contracts';
import { commandContext, SYSTEM_ACTORS } from '@ooh/eventing';
import { Aggregates, BusContext, Consumes, Delivery } from '@ooh/http-kit';
import { workItemAggregate, workItemKey } from '@ooh/reporting-domain';

/** Every service's `work.item-changed`: the queue of what waits for whom. */
@Controller()
export class WorkItemsConsumer {
  private readonly items;

  constructor(aggregates: Aggregates) {
    this.items = aggregates.commands(workItemAggregate);
  }

  @Consumes(workItemChangedV1, { group: 'reporting.work-items' })
  async changed(@Payload() d: WorkItemChangedV1, @Delivery() context: BusContext): Promise<void> {
    const key = workItemKey(d.context, d.kind, d.itemId);
    const { context: ctxName, kind, itemId, title, status, waiting, deadline, link, revision, changedAt } = d;
    await this.items.execute(
      key,
      'RecordWorkItemChange',
      { context: ctxName, kind, itemId, title, itemStatus: status, waiting, deadline, link, revision, changedAt },
      commandContext.fromMessage(context.message, SYSTEM_ACTORS.feed),
    );
  }
}
