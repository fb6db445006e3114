import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { invalid, notFound, type EventStore, type Filter, type ReadModelStore } from '@ooh/eventing';
import { EVENT_STORE, IfMatch, Idempotent, READ_MODELS, Roles, historyEntry, Ctx, type CallerContext, type RequestContext } from '@ooh/http-kit';
import { bookingStream, type BookingCommand } from '@ooh/operations-domain';
import {
  BookingQueryDto,
  ClientConfirmationDto,
  CreativeReplacedDto,
  EmptyBookingActionDto,
  LandlordDecisionDto,
  PostingDto,
  ProposeScheduleDto,
  ReasonDto,
  RemovalDto,
  RenewalDecisionDto,
  RequestBookingDto,
  ReviewDto,
  ReviseCreativeDto,
  TerminateDto,
} from './booking.dto';
import { BOOKINGS } from './bookings.projection';
import { BookingsService } from './bookings.service';
import { BookingHistoryDto, BookingPageDto, BookingViewDto } from './booking.view.dto';

const READERS = ['sales', 'ops-staff', 'ops-manager', 'executive', 'finance', 'admin'] as const;
type Data<T extends BookingCommand['type']> = Omit<Extract<BookingCommand, { type: T }>['data'], 'bookingId' | 'at' | 'by'>;

/** 上刊/下刊: a booking from the sales request through both reviews, payment, posting and removal. */
@ApiTags('operations: bookings')
@ApiBearerAuth()
@Controller('api/operations/bookings')
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private act<T extends BookingCommand['type']>(id: string, type: T, data: Data<T>, ctx: RequestContext) {
    const command = { type, data: { ...data, bookingId: id, at: this.bookings.now(), by: ctx.actor } } as BookingCommand;
    return this.bookings.command(id, command, ctx);
  }

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('sales')
  request(@Body() dto: RequestBookingDto, @Ctx() ctx: CallerContext) {
    return this.bookings.request(dto, ctx);
  }

  @Post(':bookingId/submit-for-review')
  @HttpCode(200)
  @Roles('ops-manager')
  submit(@Param('bookingId') id: string, @Body() _dto: EmptyBookingActionDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.act(id, 'SubmitForInternalReview', {}, { ...ctx, expectedRevision });
  }

  @Post(':bookingId/internal-review')
  @HttpCode(200)
  @Roles('executive')
  review(@Param('bookingId') id: string, @Body() dto: ReviewDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.act(id, 'RecordInternalReview', { decision: dto.decision, reason: dto.reason ?? null }, { ...ctx, expectedRevision });
  }

  @Post(':bookingId/landlord-decision')
  @HttpCode(200)
  @Roles('ops-manager', 'ops-staff')
  async landlord(@Param('bookingId') id: string, @Body() dto: LandlordDecisionDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    const evidence = await this.bookings.resolveEvidence('evidence', dto.evidence);
    return this.act(id, 'RecordLandlordDecision', { authority: dto.authority, decision: dto.decision, reference: dto.reference ?? null, reason: dto.reason ?? null, evidence }, { ...ctx, expectedRevision });
  }

  @Post(':bookingId/revise-creative')
  @HttpCode(200)
  @Roles('ops-manager', 'sales')
  async revise(@Param('bookingId') id: string, @Body() dto: ReviseCreativeDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.act(id, 'ReviseCreative', { creative: await this.bookings.creative(dto.creative, 'creative') }, { ...ctx, expectedRevision });
  }

  @Post(':bookingId/propose-schedule')
  @HttpCode(200)
  @Roles('ops-manager')
  propose(@Param('bookingId') id: string, @Body() dto: ProposeScheduleDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.act(id, 'ProposeSchedule', { postingDate: dto.postingDate, production: dto.production, installationJobId: dto.installationJobId ?? null }, { ...ctx, expectedRevision });
  }

  @Post(':bookingId/approve-schedule')
  @HttpCode(200)
  @Roles('executive')
  approveSchedule(@Param('bookingId') id: string, @Body() _dto: EmptyBookingActionDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.act(id, 'ApproveSchedule', {}, { ...ctx, expectedRevision });
  }

  @Post(':bookingId/reject-schedule')
  @HttpCode(200)
  @Roles('executive')
  rejectSchedule(@Param('bookingId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.act(id, 'RejectSchedule', { reason: dto.reason }, { ...ctx, expectedRevision });
  }

  @Post(':bookingId/posting')
  @HttpCode(200)
  @Roles('ops-staff')
  async posting(@Param('bookingId') id: string, @Body() dto: PostingDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    const photos = await this.bookings.resolveEvidence('photos', dto.photos);
    return this.act(id, 'RecordPosting', { postedOn: dto.postedOn, photos, notes: dto.notes ?? null }, { ...ctx, expectedRevision });
  }

  @Post(':bookingId/confirm-posting')
  @HttpCode(200)
  @Roles('sales')
  async confirmPosting(@Param('bookingId') id: string, @Body() dto: ClientConfirmationDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.act(id, 'ConfirmPostingReport', { evidence: await this.bookings.resolveEvidence('evidence', dto.evidence) }, { ...ctx, expectedRevision });
  }

  @Post(':bookingId/renewal-decision')
  @HttpCode(200)
  @Roles('sales')
  async renewal(@Param('bookingId') id: string, @Body() dto: RenewalDecisionDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    const evidence = await this.bookings.resolveEvidence('evidence', dto.evidence);
    if (dto.decision === 'renew') {
      if (!dto.newEnd) throw invalid('VALIDATION_FAILED', 'newEnd is required to renew', [{ field: 'newEnd', message: 'required to renew' }]);
      return this.bookings.renew(id, dto.newEnd, evidence, { ...ctx, expectedRevision });
    }
    const creative = dto.creative ? await this.bookings.creative(dto.creative, 'creative') : null;
    return this.act(id, 'RecordRenewalDecision', { decision: dto.decision, newEnd: null, creative, evidence }, { ...ctx, expectedRevision });
  }

  @Post(':bookingId/creative-replaced')
  @HttpCode(200)
  @Roles('ops-staff')
  async creativeReplaced(@Param('bookingId') id: string, @Body() dto: CreativeReplacedDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.act(id, 'RecordCreativeReplaced', { photos: await this.bookings.resolveEvidence('photos', dto.photos) }, { ...ctx, expectedRevision });
  }

  @Post(':bookingId/terminate')
  @HttpCode(200)
  @Roles('ops-manager')
  terminate(@Param('bookingId') id: string, @Body() dto: TerminateDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.act(id, 'TerminateEarly', { reason: dto.reason, effectiveDate: dto.effectiveDate }, { ...ctx, expectedRevision });
  }

  @Post(':bookingId/removal')
  @HttpCode(200)
  @Roles('ops-staff')
  async removal(@Param('bookingId') id: string, @Body() dto: RemovalDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    const resolved = await this.bookings.resolveEvidence('photos', dto.photos);
    const photos = resolved.map((p, i) => ({ ...p, ...(dto.photos[i].masthead ? { masthead: true } : {}) }));
    return this.act(id, 'RecordRemoval', { removedOn: dto.removedOn, photos }, { ...ctx, expectedRevision });
  }

  @Post(':bookingId/confirm-removal')
  @HttpCode(200)
  @Roles('sales')
  async confirmRemoval(@Param('bookingId') id: string, @Body() dto: ClientConfirmationDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.act(id, 'ConfirmRemovalReport', { evidence: await this.bookings.resolveEvidence('evidence', dto.evidence) }, { ...ctx, expectedRevision });
  }

  @Post(':bookingId/cancel')
  @HttpCode(200)
  @Roles('sales', 'ops-manager')
  cancel(@Param('bookingId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.act(id, 'CancelBooking', { reason: dto.reason }, { ...ctx, expectedRevision });
  }

  @Get()
  @ApiOkResponse({ type: BookingPageDto })
  @Roles(...READERS)
  list(@Query() q: BookingQueryDto) {
    const filter: Filter = {};
    if (q.status) filter.status = q.status;
    if (q.advertiser) filter['advertiser.name'] = q.advertiser;
    return this.readModels.find(BOOKINGS, { filter, sort: { field: 'updatedAt', direction: 'desc' }, limit: q.limit ?? 50, cursor: q.cursor });
  }

  @Get(':bookingId')
  @ApiOkResponse({ type: BookingViewDto })
  @Roles(...READERS)
  async get(@Param('bookingId') id: string) {
    const found = await this.readModels.get(BOOKINGS, id);
    if (!found) throw notFound('BOOKING_NOT_FOUND', `No booking ${id}`);
    return found.doc;
  }

  @Get(':bookingId/history')
  @ApiOkResponse({ type: BookingHistoryDto })
  @Roles(...READERS)
  async history(@Param('bookingId') id: string) {
    const events = await this.store.readStream(bookingStream(id));
    if (events.length === 0) throw notFound('BOOKING_NOT_FOUND', `No booking ${id}`);
    return { bookingId: id, items: events.map(historyEntry) };
  }
}
