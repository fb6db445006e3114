import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, unprocessable, type CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, EmptyBodyDto, filterOf, Idempotent, ReasonDto, Roles } from '@ooh/http-kit';
import { bookingAggregate, type Creative } from '@ooh/operations-domain';
import {
  BookingQueryDto,
  ClientConfirmationDto,
  CreativeReplacedDto,
  LandlordDecisionDto,
  PostingDto,
  ProposeScheduleDto,
  RemovalDto,
  RenewalDecisionDto,
  RequestBookingDto,
  ReviewDto,
  ReviseCreativeDto,
  TerminateDto,
  type CreativeDto,
} from './booking.dto';
import { BookingRequests } from './booking-requests.process';
import { BOOKINGS } from './bookings.projection';
import { BookingHistoryDto, BookingPageDto, BookingViewDto } from './booking.view.dto';

const READERS = ['sales', 'ops-staff', 'ops-manager', 'executive', 'finance', 'admin'] as const;
const creative = (dto: CreativeDto): Creative => ({ creativeId: newId(), description: dto.description, kind: dto.kind, files: dto.files });

/** 上刊/下刊: a booking from the sales request through both reviews, payment, posting and removal. */
@ApiTags('operations: bookings')
@ApiBearerAuth()
@Controller('api/operations/bookings')
export class BookingsController {
  private readonly bookings;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly requests: BookingRequests,
  ) {
    this.bookings = aggregates.commands(bookingAggregate);
    this.reads = aggregates.reads(bookingAggregate, { collection: BOOKINGS, sort: { field: 'updatedAt', direction: 'desc' }, idKey: 'bookingId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles('sales')
  request(@Body() dto: RequestBookingDto, @Ctx() ctx: CommandContext) {
    const advertiser = { name: dto.advertiser.name, clientId: dto.advertiser.clientId ?? null };
    const period = { start: dto.period.start, end: dto.period.end };
    return this.requests.request(
      { advertiser, faces: dto.faces, period, creative: creative(dto.creative), price: { amountFen: dto.amountFen, currency: dto.currency } },
      ctx,
    );
  }

  @Post(':bookingId/submit-for-review')
  @CommandRoute()
  @Roles('ops-manager')
  submit(@Param('bookingId') id: string, @Body() _dto: EmptyBodyDto, @Ctx() ctx: CommandContext) {
    return this.bookings.execute(id, 'SubmitForInternalReview', {}, ctx);
  }

  @Post(':bookingId/internal-review')
  @CommandRoute()
  @Roles('executive')
  review(@Param('bookingId') id: string, @Body() dto: ReviewDto, @Ctx() ctx: CommandContext) {
    return this.bookings.execute(id, 'RecordInternalReview', { decision: dto.decision, reason: dto.reason ?? null }, ctx);
  }

  @Post(':bookingId/landlord-decision')
  @CommandRoute()
  @Roles('ops-manager', 'ops-staff')
  landlord(@Param('bookingId') id: string, @Body() dto: LandlordDecisionDto, @Ctx() ctx: CommandContext) {
    const { authority, decision, evidence } = dto;
    return this.bookings.execute(
      id,
      'RecordLandlordDecision',
      { authority, decision, reference: dto.reference ?? null, reason: dto.reason ?? null, evidence: evidence ?? [] },
      ctx,
    );
  }

  @Post(':bookingId/revise-creative')
  @CommandRoute()
  @Roles('ops-manager', 'sales')
  revise(@Param('bookingId') id: string, @Body() dto: ReviseCreativeDto, @Ctx() ctx: CommandContext) {
    return this.bookings.execute(id, 'ReviseCreative', { creative: creative(dto.creative) }, ctx);
  }

  @Post(':bookingId/propose-schedule')
  @CommandRoute()
  @Roles('ops-manager')
  propose(@Param('bookingId') id: string, @Body() dto: ProposeScheduleDto, @Ctx() ctx: CommandContext) {
    return this.bookings.execute(
      id,
      'ProposeSchedule',
      { postingDate: dto.postingDate, production: dto.production, installationJobId: dto.installationJobId ?? null },
      ctx,
    );
  }

  @Post(':bookingId/approve-schedule')
  @CommandRoute()
  @Roles('executive')
  approveSchedule(@Param('bookingId') id: string, @Body() _dto: EmptyBodyDto, @Ctx() ctx: CommandContext) {
    return this.bookings.execute(id, 'ApproveSchedule', {}, ctx);
  }

  @Post(':bookingId/reject-schedule')
  @CommandRoute()
  @Roles('executive')
  rejectSchedule(@Param('bookingId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.bookings.execute(id, 'RejectSchedule', { reason: dto.reason }, ctx);
  }

  @Post(':bookingId/posting')
  @CommandRoute()
  @Roles('ops-staff')
  posting(@Param('bookingId') id: string, @Body() dto: PostingDto, @Ctx() ctx: CommandContext) {
    return this.bookings.execute(id, 'RecordPosting', { postedOn: dto.postedOn, photos: dto.photos, notes: dto.notes ?? null }, ctx);
  }

  @Post(':bookingId/confirm-posting')
  @CommandRoute()
  @Roles('sales')
  confirmPosting(@Param('bookingId') id: string, @Body() dto: ClientConfirmationDto, @Ctx() ctx: CommandContext) {
    return this.bookings.execute(id, 'ConfirmPostingReport', { evidence: dto.evidence }, ctx);
  }

  @Post(':bookingId/renewal-decision')
  @CommandRoute()
  @Roles('sales')
  renewal(@Param('bookingId') id: string, @Body() dto: RenewalDecisionDto, @Ctx() ctx: CommandContext) {
    const evidence = dto.evidence ?? [];
    if (dto.decision === 'renew') {
      if (!dto.newEnd) throw unprocessable('NEW_END_REQUIRED', 'newEnd is required to renew', [{ field: 'newEnd', message: 'required to renew' }]);
      return this.requests.renew(id, dto.newEnd, evidence, ctx);
    }
    return this.bookings.execute(
      id,
      'RecordRenewalDecision',
      { decision: dto.decision, newEnd: null, creative: dto.creative ? creative(dto.creative) : null, evidence },
      ctx,
    );
  }

  @Post(':bookingId/creative-replaced')
  @CommandRoute()
  @Roles('ops-staff')
  creativeReplaced(@Param('bookingId') id: string, @Body() dto: CreativeReplacedDto, @Ctx() ctx: CommandContext) {
    return this.bookings.execute(id, 'RecordCreativeReplaced', { photos: dto.photos }, ctx);
  }

  @Post(':bookingId/terminate')
  @CommandRoute()
  @Roles('ops-manager')
  terminate(@Param('bookingId') id: string, @Body() dto: TerminateDto, @Ctx() ctx: CommandContext) {
    return this.bookings.execute(id, 'TerminateEarly', { reason: dto.reason, effectiveDate: dto.effectiveDate }, ctx);
  }

  @Post(':bookingId/removal')
  @CommandRoute()
  @Roles('ops-staff')
  removal(@Param('bookingId') id: string, @Body() dto: RemovalDto, @Ctx() ctx: CommandContext) {
    return this.bookings.execute(id, 'RecordRemoval', { removedOn: dto.removedOn, photos: dto.photos }, ctx);
  }

  @Post(':bookingId/confirm-removal')
  @CommandRoute()
  @Roles('sales')
  confirmRemoval(@Param('bookingId') id: string, @Body() dto: ClientConfirmationDto, @Ctx() ctx: CommandContext) {
    return this.bookings.execute(id, 'ConfirmRemovalReport', { evidence: dto.evidence }, ctx);
  }

  @Post(':bookingId/cancel')
  @CommandRoute()
  @Roles('sales', 'ops-manager')
  cancel(@Param('bookingId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.bookings.execute(id, 'CancelBooking', { reason: dto.reason }, ctx);
  }

  @Get()
  @ApiOkResponse({ type: BookingPageDto })
  @Roles(...READERS)
  list(@Query() q: BookingQueryDto) {
    return this.reads.page(filterOf(q, { status: 'status', advertiser: 'advertiser.name' }), q);
  }

  @Get(':bookingId')
  @ApiOkResponse({ type: BookingViewDto })
  @Roles(...READERS)
  get(@Param('bookingId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':bookingId/history')
  @ApiOkResponse({ type: BookingHistoryDto })
  @Roles(...READERS)
  history(@Param('bookingId') id: string) {
    return this.reads.history(id);
  }
}
