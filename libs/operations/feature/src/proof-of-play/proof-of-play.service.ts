import { Inject, Injectable } from '@nestjs/common';
import { commandContext, deterministicId, SYSTEM_ACTORS, type Clock, type EvidenceRef, type ReadModelStore, readAll } from '@ooh/eventing';
import { Aggregates, CLOCK, PLATFORM_CONFIG, READ_MODELS, type PlatformConfig } from '@ooh/http-kit';
import { daysBetween, proofOfPlayAggregate, type BookingState, type ProofOfPlayLine } from '@ooh/operations-domain';
import { DateTime } from 'luxon';
import { BOOKINGS } from '../bookings/bookings.projection';
import { INSPECTIONS } from '../inspections/inspections.projection';
import { PROOF_OF_PLAY } from './proof-of-play.projection';

type BookingView = Pick<BookingState, 'bookingId' | 'status' | 'advertiser' | 'faces' | 'period' | 'postedOn' | 'removedOn' | 'terminatedEffectiveDate'>;
interface InspectionView {
  inspectionId: string;
  siteId: string;
  localDate: string;
  checks: { adsCorrect: boolean };
  photos: EvidenceRef[];
}

const dayBefore = (date: string) => DateTime.fromISO(date).minus({ days: 1 }).toISODate()!;

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

  /** The month before `now` in the operator's time zone, once it has ended. */
  previousMonth(now: Date): string {
    return DateTime.fromJSDate(now, { zone: this.config.timeZone }).minus({ months: 1 }).toFormat('yyyy-MM');
  }

  async generate(month: string, now: Date = this.clock.now()): Promise<string[]> {
    const start = `${month}-01`;
    const end = DateTime.fromISO(start).endOf('month').toISODate()!;
    const bookings = await readAll<BookingView>(this.readModels, BOOKINGS, {
      status: { $in: ['posted', 'live', 'removal-due', 'removed', 'closed'] },
      postedOn: { $lte: end },
    });
    const byAdvertiser = new Map<string, ProofOfPlayLine[]>();
    const siteIds = new Set<string>();
    for (const b of bookings) {
      const lastDay = b.removedOn ? dayBefore(b.removedOn) : b.terminatedEffectiveDate ? dayBefore(b.terminatedEffectiveDate) : end;
      const from = b.postedOn! > start ? b.postedOn! : start;
      const to = lastDay < end ? lastDay : end;
      if (from > to) continue;
      const daysLive = daysBetween(from, to);
      const lines = byAdvertiser.get(b.advertiser.name) ?? [];
      for (const f of b.faces) {
        lines.push({ bookingId: b.bookingId, siteId: f.siteId, face: f.face, daysLive, inspections: [] });
        siteIds.add(f.siteId);
      }
      byAdvertiser.set(b.advertiser.name, lines);
    }
    if (byAdvertiser.size === 0) return [];
    const inspections = await readAll<InspectionView>(this.readModels, INSPECTIONS, { siteId: { $in: [...siteIds] }, localDate: { $gte: start, $lte: end } });
    const generated: string[] = [];
    for (const [advertiser, lines] of byAdvertiser) {
      for (const line of lines) {
        const days = new Set(line.daysLive);
        line.inspections = inspections
          .filter((i) => i.siteId === line.siteId && days.has(i.localDate))
          .map((i) => ({ inspectionId: i.inspectionId, date: i.localDate, adsCorrect: i.checks.adsCorrect, photos: i.photos }))
          .sort((a, b) => a.date.localeCompare(b.date));
      }
      const reportId = deterministicId('proof-of-play', advertiser, month);
      const ctx = { ...commandContext.fromSchedule(SYSTEM_ACTORS.scheduler, now, reportId, 'generated'), correlationId: reportId };
      await this.reports.execute(reportId, 'GenerateProofOfPlay', { advertiser, month, lines }, ctx);
      generated.push(reportId);
    }
    return generated;
  }

  async generateIfDue(now: Date): Promise<void> {
    const month = this.previousMonth(now);
    if ((await this.readModels.count(PROOF_OF_PLAY, { month })) > 0) return;
    await this.generate(month, now);
  }
}
