import { Inject, Injectable } from '@nestjs/common';
import { commandContext, deterministicId, SYSTEM_ACTORS, type Clock, type ReadModelStore, readAll } from '@ooh/eventing';
import { Aggregates, CLOCK, PLATFORM_CONFIG, READ_MODELS, type PlatformConfig } from '@ooh/http-kit';
import { monthRange, previousMonth } from '@ooh/calendar';
import { proofOfPlayAggregate, proofOfPlayLines, type PlayedBooking, type PlayedInspection } from '@ooh/operations-domain';
import { BOOKINGS } from '../bookings/bookings.projection';
import { INSPECTIONS } from '../inspections/inspections.projection';
import { PROOF_OF_PLAY } from './proof-of-play.projection';

/**
 * 监播报告: after each month ends, one report per advertiser: every face its ads were live on, the
 * days they were live, and the inspections done on those sites on those days, with their photos.
 * Reports are archived as events; generating one again changes nothing.
 */
@Injectable()
export class ProofOfPlayService {
  readonly reports;

  constructor(
    aggregates: Aggregates,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.reports = aggregates.commands(proofOfPlayAggregate);
  }

  async generate(month: string, now: Date = this.clock.now()): Promise<string[]> {
    const { start, end } = monthRange(month);
    const bookings = await readAll<PlayedBooking>(this.readModels, BOOKINGS, {
      status: { $in: ['posted', 'live', 'removal-due', 'removed', 'closed'] },
      postedOn: { $lte: end },
    });
    const siteIds = [...new Set(bookings.flatMap((b) => b.faces.map((f) => f.siteId)))];
    const inspections = siteIds.length
      ? await readAll<PlayedInspection>(this.readModels, INSPECTIONS, { siteId: { $in: siteIds }, localDate: { $gte: start, $lte: end } })
      : [];
    const generated: string[] = [];
    for (const [advertiser, lines] of proofOfPlayLines(month, bookings, inspections)) {
      const reportId = deterministicId('proof-of-play', advertiser, month);
      const ctx = { ...commandContext.fromSchedule(SYSTEM_ACTORS.scheduler, now, reportId, 'generated'), correlationId: reportId };
      await this.reports.execute(reportId, 'GenerateProofOfPlay', { advertiser, month, lines }, ctx);
      generated.push(reportId);
    }
    return generated;
  }

  async generateIfDue(now: Date): Promise<void> {
    const month = previousMonth(now.toISOString(), this.config.timeZone);
    if ((await this.readModels.count(PROOF_OF_PLAY, { month })) > 0) return;
    await this.generate(month, now);
  }
}
