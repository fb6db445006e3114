import { Inject, Injectable, Logger } from '@nestjs/common';
import { localDate } from '@ooh/calendar';
import { commandContext, isAppError, SYSTEM_ACTORS, type ReadModelStore, type ScheduledJob } from '@ooh/eventing';
import { Aggregates, PLATFORM_CONFIG, READ_MODELS, type PlatformConfig } from '@ooh/http-kit';
import { mediaOrderAggregate } from '@ooh/buying-domain';
import { MEDIA_ORDERS } from './media-orders.projection';

/** The scheduler's part: flag, once, every signed order whose materials are past their deadline and not sent. */
@Injectable()
export class MaterialsDeadlines {
  private readonly logger = new Logger('MaterialsDeadlines');
  private readonly orders;

  constructor(
    aggregates: Aggregates,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.orders = aggregates.commands(mediaOrderAggregate);
  }

  job(everyMs: number): ScheduledJob {
    return { name: 'buying.materials-deadlines', everyMs, run: (now) => this.flagLate(now) };
  }

  async flagLate(now: Date): Promise<void> {
    const today = localDate(now.toISOString(), this.config.timeZone);
    const filter = { materials: null, materialsLateFlaggedOn: null, signedRevision: { $gt: 0 }, materialsDueDate: { $lt: today } };
    let cursor: string | undefined;
    do {
      const page = await this.readModels.find<{ orderId: string; materialsDueDate: string }>(MEDIA_ORDERS, { filter, limit: 200, cursor });
      for (const order of page.items) {
        try {
          const ctx = commandContext.fromSchedule(SYSTEM_ACTORS.scheduler, now, 'materials-late', order.orderId, order.materialsDueDate);
          await this.orders.execute(order.orderId, 'FlagMaterialsLate', { today }, ctx);
        } catch (error) {
          if (!isAppError(error) || error.kind === 'conflict') throw error;
          this.logger.warn(`media order ${order.orderId}: ${error.code}`);
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
}
