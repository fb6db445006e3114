import { Injectable } from '@nestjs/common';
import {
  AppError,
  commandHandler,
  deterministicId,
  isAppError,
  newId,
  notFound,
  ruleViolated,
  type Actor,
  type CommandContext,
  type EvidenceRef,
} from '@ooh/eventing';
import { EvidenceResolver, type RequestContext } from '@ooh/http-kit';
import {
  bookingDecider,
  bookingStream,
  faceCalendarDecider,
  faceCalendarStream,
  initialBookingState,
  nextDay,
  type BookingCommand,
  type Creative,
  type FaceRef,
  type RequestBooking,
} from '@ooh/operations-domain';
import { OperationsHandlers } from '../shared/operations-handlers';
import type { CreativeDto, RequestBookingDto } from './booking.dto';

type Ctx = RequestContext & { causationId?: string; eventIds?: (i: number) => string };
type Conflict = { siteId: string; face: string; bookingId: string; from: string; to: string };

const faceKey = (f: FaceRef) => faceCalendarStream(f.siteId, f.face);

/**
 * The booking workflow's application side. Requesting a booking first holds every face on its own
 * face calendar (each guarded by its stream revision, so concurrent requests cannot both win), then
 * records the booking; a refused or failed request releases what it held.
 */
@Injectable()
export class BookingsService {
  readonly booking;
  readonly calendar;

  constructor(
    private readonly handlers: OperationsHandlers,
    private readonly evidence: EvidenceResolver,
  ) {
    this.booking = commandHandler(handlers.store, bookingDecider);
    this.calendar = commandHandler(handlers.store, faceCalendarDecider);
  }

  async request(dto: RequestBookingDto, ctx: RequestContext) {
    const bookingId = newId();
    const at = this.handlers.now();
    const faces = dto.faces.map((f) => ({ siteId: f.siteId, face: f.face }));
    const authorities = await this.checkFaces(faces);
    const command: RequestBooking = {
      type: 'RequestBooking',
      data: {
        bookingId,
        advertiser: { name: dto.advertiser.name, clientId: dto.advertiser.clientId ?? null },
        faces,
        period: { start: dto.period.start, end: dto.period.end },
        creative: await this.creative(dto.creative, 'creative'),
        price: { amountFen: dto.amountFen, currency: dto.currency },
        landlordAuthorities: authorities,
        requiredInternalApprovals: this.handlers.config.bookingApprovals,
        namedReviewers: this.handlers.config.bookingReviewers,
        timeZone: this.handlers.config.timeZone,
        at,
        by: ctx.actor,
      },
    };
    // Refuse an invalid request before touching anyone's availability.
    bookingDecider.decide(command, initialBookingState());
    await this.holdAll(bookingId, faces, command.data.period, ctx);
    try {
      return await this.run(bookingId, command, ctx);
    } catch (e) {
      await this.releaseAll(bookingId, faces, null, 'booking request failed', ctx);
      throw e;
    }
  }

  /** Holds each face in a fixed order; on any conflict releases what it held and names every clash. */
  private async holdAll(bookingId: string, faces: FaceRef[], period: { start: string; end: string }, ctx: Ctx) {
    const held: FaceRef[] = [];
    const conflicts: Conflict[] = [];
    let failure: unknown;
    for (const face of [...faces].sort((a, b) => faceKey(a).localeCompare(faceKey(b)))) {
      try {
        await this.calendar(faceKey(face), { type: 'HoldFace', data: { ...face, bookingId, start: period.start, end: period.end, at: this.handlers.now(), by: ctx.actor } }, this.ctx(this.derived(ctx, bookingId, faceKey(face), 'hold')));
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
    throw new AppError(
      'conflict',
      'FACES_UNAVAILABLE',
      `${conflicts.length} face-period(s) are taken: ${conflicts.map((c) => `${c.siteId}/${c.face} ${c.from}..${c.to} by booking ${c.bookingId}`).join('; ')}`,
      conflicts.map((c) => ({ field: 'faces', message: `${c.siteId}/${c.face} is held from ${c.from} to ${c.to} by booking ${c.bookingId}`, ...c })),
      { conflicts },
    );
  }

  async releaseAll(bookingId: string, faces: FaceRef[], from: string | null, reason: string, ctx: Ctx) {
    for (const face of faces) {
      await this.calendar(faceKey(face), { type: 'ReleaseFace', data: { ...face, bookingId, from, reason, at: this.handlers.now(), by: ctx.actor } }, this.ctx(this.derived(ctx, bookingId, faceKey(face), `release:${from ?? 'all'}:${ctx.causationId ?? newId()}`)));
    }
  }

  /** Renewal re-checks availability: every face is extended, or none is. */
  async renew(bookingId: string, newEnd: string, evidence: EvidenceRef[], ctx: RequestContext) {
    const { state } = await this.load(bookingId);
    if (state.status === 'none') throw notFound('BOOKING_NOT_FOUND', `Booking ${bookingId} does not exist`);
    if (state.status !== 'live') throw ruleViolated('NOT_LIVE', `Booking ${bookingId} is ${state.status}, not live`);
    const extended: FaceRef[] = [];
    const conflicts: Conflict[] = [];
    for (const face of state.faces) {
      try {
        await this.calendar(faceKey(face), { type: 'ExtendHold', data: { ...face, bookingId, newEnd, at: this.handlers.now(), by: ctx.actor } }, this.ctx(ctx));
        extended.push(face);
      } catch (e) {
        if (!(isAppError(e) && e.code === 'FACE_UNAVAILABLE')) throw e;
        conflicts.push(...((e.extensions.conflicts as Conflict[]) ?? []));
      }
    }
    if (conflicts.length > 0) {
      const dayAfterEnd = nextDay(state.period.end);
      await this.releaseAll(bookingId, extended, dayAfterEnd, 'renewal refused', ctx);
      throw new AppError('conflict', 'FACES_UNAVAILABLE', `The renewal clashes with other bookings`, [], { conflicts });
    }
    return this.command(bookingId, { type: 'RecordRenewalDecision', data: { bookingId, decision: 'renew', newEnd, creative: null, evidence, at: this.handlers.now(), by: ctx.actor } }, ctx);
  }

  async creative(dto: CreativeDto, field: string): Promise<Creative> {
    return { creativeId: newId(), description: dto.description, kind: dto.kind, files: await this.evidence.resolve(`${field}.files`, dto.files) };
  }

  resolveEvidence(field: string, items?: Array<{ blobId: string; caption?: string }>) {
    return this.evidence.resolve(field, items);
  }

  now(): string {
    return this.handlers.now();
  }

  load(bookingId: string) {
    return this.handlers.loadAggregateOf(bookingDecider, bookingStream(bookingId));
  }

  /** Runs any command on an existing booking (404 when it does not exist). */
  async command(bookingId: string, command: BookingCommand, ctx: Ctx) {
    return this.run(bookingId, command, ctx);
  }

  private async run(bookingId: string, command: BookingCommand, ctx: Ctx) {
    const result = await this.booking(bookingStream(bookingId), command, this.ctx(ctx, command.data.at));
    return { id: bookingId, revision: result.revision, status: result.state.status, events: result.events.map((e) => e.type) };
  }

  private async checkFaces(faces: FaceRef[]): Promise<string[]> {
    const authorities = new Set<string>();
    for (const [index, f] of faces.entries()) {
      const { state } = await this.handlers.loadSite(f.siteId);
      if (state.status === 'unregistered') {
        throw new AppError('not-found', 'SITE_NOT_FOUND', `Site ${f.siteId} is not registered`, [{ field: `faces.${index}.siteId`, message: 'unknown site' }]);
      }
      if (state.status === 'retired') throw ruleViolated('SITE_RETIRED', `Site ${f.siteId} is retired`);
      if (!state.faces.includes(f.face)) {
        throw new AppError('rule-violated', 'UNKNOWN_FACE', `Site ${f.siteId} has no face ${f.face} (it has ${state.faces.join(', ')})`, [
          { field: `faces.${index}.face`, message: 'no such face on this site' },
        ]);
      }
      authorities.add(state.landlordAuthority);
    }
    return [...authorities];
  }

  private ctx(ctx: Ctx, occurredAt = this.handlers.now()): CommandContext {
    return { actor: ctx.actor, correlationId: ctx.correlationId, causationId: ctx.causationId, occurredAt, expectedRevision: ctx.expectedRevision, eventIds: ctx.eventIds };
  }

  private derived(ctx: Ctx, ...parts: string[]): Ctx {
    return { ...ctx, expectedRevision: undefined, eventIds: (i) => deterministicId(...parts, String(i)) };
  }
}

export const SYSTEM_ACTOR: Actor = { userId: 'system:scheduler', role: 'system' };
