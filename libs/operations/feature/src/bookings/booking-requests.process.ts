import { Inject, Injectable } from '@nestjs/common';
import { AppError, commandContext, isAppError, newId, type Clock, type CommandContext, type CommandResult, type EvidenceRef } from '@ooh/eventing';
import { nextDay } from '@ooh/calendar';
import { Aggregates, CLOCK, PLATFORM_CONFIG, type PlatformConfig } from '@ooh/http-kit';
import { OPERATIONS_SETTINGS, type OperationsSettings } from '../operations.settings';
import {
  bookingAggregate,
  faceCalendarAggregate,
  faceKey,
  initialBookingState,
  requireRenewable,
  type Advertiser,
  type AgencyOrderRef,
  type BookingPeriod,
  type Creative,
  type FaceRef,
  type Money,
} from '@ooh/operations-domain';
import { SiteSnapshots } from '../sites/site-snapshots';

type Conflict = { siteId: string; face: string; bookingId: string; from: string; to: string };

/** The face calendar's stream name: part of the deterministic ids of holds and releases. */
const faceStream = (face: FaceRef) => faceCalendarAggregate.stream(faceKey(face));
const noPin = (ctx: CommandContext): CommandContext => ({ ...ctx, expectedRevision: undefined });

/** One answer for every clash, from a request or a renewal: each face-period taken, by which booking. */
const facesUnavailable = (conflicts: Conflict[]) =>
  new AppError(
    'conflict',
    'FACES_UNAVAILABLE',
    `${conflicts.length} face-period(s) are taken: ${conflicts.map((c) => `${c.siteId}/${c.face} ${c.from}..${c.to} by booking ${c.bookingId}`).join('; ')}`,
    conflicts.map((c) => ({ field: 'faces', message: `${c.siteId}/${c.face} is held from ${c.from} to ${c.to} by booking ${c.bookingId}`, ...c })),
    { conflicts },
  );

/**
 * Requesting a booking holds every face on its own face calendar (each guarded by its stream
 * revision, so concurrent requests cannot both win), then records the booking; a refused or failed
 * request releases what it held. Renewal extends every face or none.
 */
@Injectable()
export class BookingRequests {
  readonly bookings;
  private readonly calendars;

  constructor(
    aggregates: Aggregates,
    private readonly sites: SiteSnapshots,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(OPERATIONS_SETTINGS) private readonly settings: OperationsSettings,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.bookings = aggregates.commands(bookingAggregate);
    this.calendars = aggregates.commands(faceCalendarAggregate);
  }

  async request(
    input: { advertiser: Advertiser; faces: FaceRef[]; period: BookingPeriod; creative: Creative; price: Money; agencyOrder?: AgencyOrderRef },
    requestCtx: CommandContext,
    bookingId: string = newId(),
  ): Promise<CommandResult> {
    const ctx = { ...requestCtx, at: requestCtx.at ?? this.clock.now().toISOString() };
    const faces = input.faces.map((f) => ({ siteId: f.siteId, face: f.face }));
    const data = {
      ...input,
      faces,
      sites: await this.sites.bookedSites(faces.map((f) => f.siteId)),
      requiredInternalApprovals: this.settings.bookingApprovals,
      namedReviewers: this.settings.bookingReviewers,
      timeZone: this.config.timeZone,
    };
    // Refuse an invalid request before touching anyone's availability.
    bookingAggregate.decider.decide(this.bookings.command(bookingId, 'RequestBooking', data, ctx), initialBookingState());
    await this.holdAll(bookingId, faces, input.period, ctx);
    try {
      return await this.bookings.execute(bookingId, 'RequestBooking', data, ctx);
    } catch (e) {
      await this.releaseAll(bookingId, faces, null, 'booking request failed', ctx);
      throw e;
    }
  }

  /** Holds each face in a fixed order; on any conflict releases what it held and names every clash. */
  private async holdAll(bookingId: string, faces: FaceRef[], period: BookingPeriod, ctx: CommandContext) {
    const held: FaceRef[] = [];
    const conflicts: Conflict[] = [];
    let failure: unknown;
    for (const face of [...faces].sort((a, b) => faceStream(a).localeCompare(faceStream(b)))) {
      try {
        await this.calendars.execute(
          faceKey(face),
          'HoldFace',
          { ...face, bookingId, start: period.start, end: period.end },
          commandContext.derived(ctx, bookingId, faceStream(face), 'hold'),
        );
        held.push(face);
      } catch (e) {
        if (isAppError(e) && e.code === 'FACE_UNAVAILABLE') conflicts.push(...((e.extensions.conflicts as Conflict[]) ?? []));
        else {
          failure = e;
          break;
        }
      }
    }
    if (conflicts.length === 0 && failure === undefined) return;
    await this.releaseAll(bookingId, held, null, 'booking request refused', ctx);
    if (failure !== undefined) throw failure;
    throw facesUnavailable(conflicts);
  }

  async releaseAll(bookingId: string, faces: FaceRef[], from: string | null, reason: string, ctx: CommandContext) {
    for (const face of faces) {
      const purpose = `release:${from ?? 'all'}:${ctx.causationId ?? newId()}`;
      await this.calendars.execute(
        faceKey(face),
        'ReleaseFace',
        { ...face, bookingId, from, reason },
        commandContext.derived(ctx, bookingId, faceStream(face), purpose),
      );
    }
  }

  /** Renewal re-checks availability: every face is extended, or none is. */
  async renew(bookingId: string, newEnd: string, evidence: EvidenceRef[], ctx: CommandContext): Promise<CommandResult> {
    const { state } = await this.bookings.load(bookingId);
    requireRenewable(state, bookingId, newEnd);
    const extended: FaceRef[] = [];
    const conflicts: Conflict[] = [];
    for (const face of state.faces) {
      try {
        await this.calendars.execute(faceKey(face), 'ExtendHold', { ...face, bookingId, newEnd }, noPin(ctx));
        extended.push(face);
      } catch (e) {
        if (!(isAppError(e) && e.code === 'FACE_UNAVAILABLE')) throw e;
        conflicts.push(...((e.extensions.conflicts as Conflict[]) ?? []));
      }
    }
    if (conflicts.length > 0) {
      await this.releaseAll(bookingId, extended, nextDay(state.period.end), 'renewal refused', noPin(ctx));
      throw facesUnavailable(conflicts);
    }
    return this.bookings.execute(bookingId, 'RecordRenewalDecision', { decision: 'renew', newEnd, creative: null, evidence }, ctx);
  }
}
