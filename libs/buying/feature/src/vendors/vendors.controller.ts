import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, EmptyBodyDto, filterOf, HistoryDto, Idempotent, ReasonDto, Roles, OperatorToday } from '@ooh/http-kit';
import { rateCardInForce, vendorAggregate, VENDOR_KEEPERS, type VendorProfile } from '@ooh/buying-domain';

import { BUYING_READERS } from '../shared/readers';
import {
  EvaluateVendorDto,
  PublishRateCardDto,
  RateCardInForceDto,
  RateCardQueryDto,
  VendorPageDto,
  VendorProfileDto,
  VendorQueryDto,
  MediaVendorViewDto,
} from './vendor.dto';
import { VENDORS } from './vendors.projection';

const VendorHistoryDto = HistoryDto('vendorId', 'VendorHistoryDto');

const profileOf = (dto: VendorProfileDto): VendorProfile => ({
  name: dto.name,
  kind: dto.kind,
  aliases: dto.aliases ?? [],
  contacts: dto.contacts.map((c) => ({ name: c.name, title: c.title ?? null, phone: c.phone ?? null, email: c.email ?? null })),
  payee: { accountName: dto.payee.accountName, bank: dto.payee.bank, accountNumber: dto.payee.accountNumber },
  terms: { prepaymentPercent: dto.terms.prepaymentPercent, balanceDaysAfterAiring: dto.terms.balanceDaysAfterAiring },
});

/** The vendor library (媒介资源库): vendors, their payee and terms, versioned rate cards and evaluations. */
@ApiTags('buying: vendors')
@ApiBearerAuth()
@Controller('api/buying/vendors')
export class VendorsController {
  private readonly commands;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly clock: OperatorToday,
  ) {
    this.commands = aggregates.commands(vendorAggregate);
    this.reads = aggregates.reads(vendorAggregate, { collection: VENDORS, sort: { field: 'registeredAt', direction: 'desc' }, idKey: 'vendorId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles(...VENDOR_KEEPERS)
  register(@Body() dto: VendorProfileDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(newId(), 'RegisterVendor', { profile: profileOf(dto) }, ctx);
  }

  @Put(':vendorId/profile')
  @CommandRoute()
  @Roles(...VENDOR_KEEPERS)
  update(@Param('vendorId') id: string, @Body() dto: VendorProfileDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'UpdateVendorProfile', { profile: profileOf(dto) }, ctx);
  }

  @Post(':vendorId/rate-cards')
  @CommandRoute()
  @Roles(...VENDOR_KEEPERS)
  publishRateCard(@Param('vendorId') id: string, @Body() dto: PublishRateCardDto, @Ctx() ctx: CommandContext) {
    const items = dto.items.map((i) => ({
      daypart: i.daypart,
      unit: i.unit,
      spotLengthSeconds: i.spotLengthSeconds ?? null,
      rateFen: i.rateFen,
      surchargePercent: i.surchargePercent ?? 0,
    }));
    return this.commands.execute(id, 'PublishRateCard', { property: dto.property, effectiveFrom: dto.effectiveFrom, items, today: this.clock.today() }, ctx);
  }

  @Post(':vendorId/evaluations')
  @CommandRoute()
  @Roles(...VENDOR_KEEPERS)
  evaluate(@Param('vendorId') id: string, @Body() dto: EvaluateVendorDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'EvaluateVendor', { period: dto.period, score: dto.score, notes: dto.notes, currentMonth: this.clock.month() }, ctx);
  }

  @Post(':vendorId/deactivate')
  @CommandRoute()
  @Roles(...VENDOR_KEEPERS)
  deactivate(@Param('vendorId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'DeactivateVendor', { reason: dto.reason }, ctx);
  }

  @Post(':vendorId/reactivate')
  @CommandRoute()
  @Roles(...VENDOR_KEEPERS)
  reactivate(@Param('vendorId') id: string, @Body() _dto: EmptyBodyDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ReactivateVendor', {}, ctx);
  }

  @Get()
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: VendorPageDto })
  list(@Query() q: VendorQueryDto) {
    return this.reads.page({ ...filterOf(q, ['status']), ...(q.kind ? { 'profile.kind': q.kind } : {}) }, q);
  }

  @Get(':vendorId')
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: MediaVendorViewDto })
  get(@Param('vendorId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':vendorId/rate-card')
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: RateCardInForceDto, description: 'The version of a property’s card in force on a day' })
  async rateCard(@Param('vendorId') id: string, @Query() q: RateCardQueryDto): Promise<RateCardInForceDto> {
    const { state } = await this.commands.require(id);
    return { vendorId: id, property: q.property, on: q.on, card: rateCardInForce(state.rateCards, q.property, q.on) };
  }

  @Get(':vendorId/history')
  @ApiOkResponse({ type: VendorHistoryDto })
  @Roles(...BUYING_READERS)
  history(@Param('vendorId') id: string) {
    return this.reads.history(id);
  }
}
