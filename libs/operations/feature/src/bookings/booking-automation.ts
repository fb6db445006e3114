import { Inject, Injectable, Logger } from '@nestjs/common';
import { commandContext, deterministicId, isAppError, SYSTEM_ACTORS, type ReadModelStore, type RecordedEvent, type ScheduledJob, readAll } from '@ooh/eventing';
import { PLATFORM_CONFIG, READ_MODELS, type PlatformConfig, type ReactorDefinition } from '@ooh/http-kit';
import { localDate } from '@ooh/calendar';
import type { BookingCancelled, TerminatedEarly } from '@ooh/operations-domain';
import { BookingRequests } from './booking-requests.process';
import { BOOKINGS, FACE_HOLDS, type FaceHoldView } from './bookings.projection';

const ORPHAN_HOLD_MINUTES = 10;

/**
 * What moves bookings without a person: faces released when a booking is cancelled or ends early,
 * the renewal check a week before the end, removal due the day after it, and holds left behind by a request that crashed half-way.
 * Every command here derives its ids from its trigger, so a replay or a second run changes nothing.
 */
@Injectable()
export class BookingAutomation {
  private readonly logger = new Logger('BookingAutomation');

  private readonly bookings;

  constructor(
    private readonly requests: BookingRequests,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.bookings = requests.bookings;
  }

  readonly releaseFaces: ReactorDefinition = {
    name: 'operations.booking-releases-faces',
    filter: { categories: ['operations.booking'], eventTypes: ['BookingCancelled', 'TerminatedEarly'] },
    react: async (event: RecordedEvent) => {
      const d = event.data as (BookingCancelled | TerminatedEarly)['data'];
      const { state } = await this.bookings.load(d.bookingId);
      const from = event.type === 'TerminatedEarly' ? (d as TerminatedEarly['data']).effectiveDate : null;
      await this.requests.releaseAll(d.bookingId, state.faces, from, event.type, commandContext.fromEvent(event));
    },
  };

  jobs(everyMs: number): ScheduledJob[] {
    return [
      { name: 'operations.booking-renewal-checks', everyMs, run: (now) => this.flagRenewals(now) },
      { name: 'operations.booking-removals-due', everyMs, run: (now) => this.markRemovalsDue(now) },
      { name: 'operations.orphan-face-holds', everyMs, run: (now) => this.releaseOrphanHolds(now) },
    ];
  }

  async flagRenewals(now: Date): Promise<void> {
    const today = localDate(now.toISOString(), this.config.timeZone);
    for (const b of await readAll<{ bookingId: string; period: { end: string }; renewalFlaggedFor: string | null }>(this.readModels, BOOKINGS, {
      status: 'live',
    })) {
      if (b.renewalFlaggedFor === b.period.end) continue;
      await this.final(b.bookingId, () =>
        this.bookings.execute(
          b.bookingId,
          'FlagRenewalDue',
          { today },
          commandContext.fromSchedule(SYSTEM_ACTORS.scheduler, now, b.bookingId, 'renewal-due', b.period.end),
        ),
      );
    }
  }

  async markRemovalsDue(now: Date): Promise<void> {
    const today = localDate(now.toISOString(), this.config.timeZone);
    for (const b of await readAll<{ bookingId: string; period: { end: string } }>(this.readModels, BOOKINGS, {
      status: { $in: ['live', 'posted'] },
      'period.end': { $lt: today },
    })) {
      await this.final(b.bookingId, () =>
        this.bookings.execute(
          b.bookingId,
          'MarkRemovalDue',
          { today },
          commandContext.fromSchedule(SYSTEM_ACTORS.scheduler, now, b.bookingId, 'removal-due', b.period.end),
        ),
      );
    }
  }

  /** A request that crashed between holding faces and recording the booking leaves holds without a booking. */
  async releaseOrphanHolds(now: Date): Promise<void> {
    const cutoff = new Date(now.getTime() - ORPHAN_HOLD_MINUTES * 60_000).toISOString();
    for (const hold of await readAll<FaceHoldView>(this.readModels, FACE_HOLDS, { bookingKnown: false, released: false, heldAt: { $lt: cutoff } })) {
      const { state } = await this.bookings.load(hold.bookingId);
      if (state.status !== 'none') continue;
      await this.requests.releaseAll(hold.bookingId, [{ siteId: hold.siteId, face: hold.face }], null, 'orphan hold: the booking was never recorded', {
        actor: SYSTEM_ACTORS.scheduler,
        correlationId: deterministicId('orphan-hold', hold.bookingId),
        causationId: deterministicId('orphan-hold', hold.bookingId, hold.siteId, hold.face),
      });
    }
  }

  private async final(id: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (e) {
      if (isAppError(e) && e.kind !== 'conflict') return void this.logger.warn({ bookingId: id, code: e.code, msg: e.message });
      throw e;
    }
  }
}
