import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext, type ReadModelStore } from '@ooh/eventing';
import {
  Aggregates,
  AsOfQueryDto,
  CommandRoute,
  Ctx,
  EmptyBodyDto,
  filterOf,
  HistoryDto,
  Idempotent,
  READ_MODELS,
  ReasonDto,
  Roles,
  OperatorToday,
} from '@ooh/http-kit';
import { mediaOrderAggregate, ORDER_BUYERS, ORDER_SIGNERS, vendorAggregate, type OrderVendorSnapshot } from '@ooh/buying-domain';
import { ApprovedPlans } from '../shared/approved-plans';

import { clientName } from '../shared/client-names';
import { BUYING_READERS } from '../shared/readers';
import {
  DraftMediaOrderDto,
  MaterialsSentDto,
  MediaOrderPageDto,
  MediaOrderQueryDto,
  MediaOrderViewDto,
  OrderContentDto,
  OrderRevisionRefDto,
  ReturnOrderDto,
  SendOrderDto,
  VendorConfirmationDto,
  VendorDeclineDto,
  VendorPaymentDto,
} from './media-order.dto';
import { MEDIA_ORDERS, orderView } from './media-orders.projection';
import { contentOf } from './order-content';
import { OrderSigning } from './order-signing.process';
import { vendorPaymentRequestId } from './vendor-payment-id';

const MediaOrderHistoryDto = HistoryDto('orderId', 'MediaOrderHistoryDto');

/** Media orders (媒介合同): drafted by a media manager, signed by another media director once every gate holds, sent and confirmed. */
@ApiTags('buying: media orders')
@ApiBearerAuth()
@Controller('api/buying/media-orders')
export class MediaOrdersController {
  private readonly commands;
  private readonly reads;
  private readonly vendors;

  constructor(
    aggregates: Aggregates,
    private readonly plans: ApprovedPlans,
    private readonly signing: OrderSigning,
    private readonly clock: OperatorToday,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {
    this.commands = aggregates.commands(mediaOrderAggregate);
    this.vendors = aggregates.commands(vendorAggregate);
    this.reads = aggregates.reads(mediaOrderAggregate, {
      collection: MEDIA_ORDERS,
      sort: { field: 'draftedAt', direction: 'desc' },
      idKey: 'orderId',
      view: orderView,
    });
  }

  private async vendor(vendorId: string): Promise<OrderVendorSnapshot> {
    const { state } = await this.vendors.load(vendorId);
    const p = state.profile;
    return {
      vendorId,
      exists: state.status !== 'none',
      active: state.status === 'active',
      name: p?.name ?? '',
      aliases: p?.aliases ?? [],
      terms: p?.terms ?? { prepaymentPercent: 0, balanceDaysAfterAiring: 0 },
      payee: p?.payee ?? { accountName: '', bank: '', accountNumber: '' },
      rateCards: state.rateCards,
    };
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles(...ORDER_BUYERS)
  async draft(@Body() dto: DraftMediaOrderDto, @Ctx() ctx: CommandContext) {
    const [vendor, { latestApprovedVersion: _latest, ...plan }] = await Promise.all([
      this.vendor(dto.vendorId),
      this.plans.forOrder(dto.planId, dto.planVersion),
    ]);
    return this.commands.execute(
      newId(),
      'DraftMediaOrder',
      { vendor, plan, contractId: dto.contractId, content: contentOf(dto), today: this.clock.today() },
      ctx,
    );
  }

  @Put(':orderId/lines')
  @CommandRoute()
  @Roles(...ORDER_BUYERS)
  async replaceLines(@Param('orderId') id: string, @Body() dto: OrderContentDto, @Ctx() ctx: CommandContext) {
    const { state } = await this.commands.require(id);
    const { latestApprovedVersion: _latest, ...plan } = await this.plans.forOrder(state.plan?.planId ?? '', state.plan?.version ?? 0);
    return this.commands.execute(id, 'ReplaceOrderLines', { plan, content: contentOf(dto), today: this.clock.today() }, ctx);
  }

  @Post(':orderId/submit')
  @CommandRoute()
  @Roles(...ORDER_BUYERS)
  submit(@Param('orderId') id: string, @Body() _dto: EmptyBodyDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'SubmitMediaOrder', {}, ctx);
  }

  @Post(':orderId/return')
  @CommandRoute()
  @Roles(...ORDER_SIGNERS)
  return(@Param('orderId') id: string, @Body() dto: ReturnOrderDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ReturnMediaOrder', { revision: dto.revision, reasons: dto.reasons }, ctx);
  }

  @Post(':orderId/sign')
  @CommandRoute()
  @Roles(...ORDER_SIGNERS)
  sign(@Param('orderId') id: string, @Body() dto: OrderRevisionRefDto, @Ctx() ctx: CommandContext) {
    return this.signing.sign(id, dto.revision, ctx);
  }

  @Post(':orderId/send')
  @CommandRoute()
  @Roles(...ORDER_BUYERS)
  async send(@Param('orderId') id: string, @Body() dto: SendOrderDto, @Ctx() ctx: CommandContext) {
    const { state } = await this.commands.require(id);
    const clientId = state.plan?.clientId ?? '';
    const advertiser = { name: (await clientName(this.readModels, clientId)) ?? clientId, clientId };
    return this.commands.execute(id, 'SendMediaOrder', { evidence: dto.evidence ?? [], advertiser }, ctx);
  }

  @Post(':orderId/vendor-confirmation')
  @CommandRoute()
  @Roles(...ORDER_BUYERS)
  confirm(@Param('orderId') id: string, @Body() dto: VendorConfirmationDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'RecordVendorConfirmation', { vendorReference: dto.vendorReference, evidence: dto.evidence }, ctx);
  }

  @Post(':orderId/vendor-decline')
  @CommandRoute()
  @Roles(...ORDER_BUYERS)
  decline(@Param('orderId') id: string, @Body() dto: VendorDeclineDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'RecordVendorDecline', { reason: dto.reason, evidence: dto.evidence ?? [] }, ctx);
  }

  @Post(':orderId/revisions')
  @CommandRoute()
  @Roles(...ORDER_BUYERS)
  revise(@Param('orderId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'OpenOrderRevision', { reason: dto.reason }, ctx);
  }

  @Post(':orderId/revisions/withdraw')
  @CommandRoute()
  @Roles(...ORDER_BUYERS)
  withdrawRevision(@Param('orderId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'WithdrawOrderRevision', { reason: dto.reason }, ctx);
  }

  @Post(':orderId/cancel')
  @CommandRoute()
  @Roles(...ORDER_BUYERS, ...ORDER_SIGNERS)
  cancel(@Param('orderId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'CancelMediaOrder', { reason: dto.reason }, ctx);
  }

  @Post(':orderId/materials')
  @CommandRoute()
  @Roles(...ORDER_BUYERS)
  materials(@Param('orderId') id: string, @Body() dto: MaterialsSentDto, @Ctx() ctx: CommandContext) {
    const creative = dto.creative ? { description: dto.creative.description, kind: dto.creative.kind } : null;
    return this.commands.execute(
      id,
      'RecordMaterialsSent',
      { sentOn: dto.sentOn, note: dto.note, evidence: dto.evidence, creative, today: this.clock.today() },
      ctx,
    );
  }

  @Post(':orderId/vendor-payments')
  @CommandRoute()
  @Roles(...ORDER_BUYERS)
  requestPayment(@Param('orderId') id: string, @Body() dto: VendorPaymentDto, @Ctx() ctx: CommandContext) {
    const requestId = vendorPaymentRequestId(id, dto.milestone);
    return this.commands.execute(id, 'RequestVendorPayment', { requestId, milestone: dto.milestone, today: this.clock.today() }, ctx);
  }

  @Get()
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: MediaOrderPageDto })
  list(@Query() q: MediaOrderQueryDto) {
    return this.reads.page(filterOf(q, ['status', 'vendorId', 'briefId', 'planId']), q);
  }

  @Get(':orderId')
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: MediaOrderViewDto })
  get(@Param('orderId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':orderId/history')
  @ApiOkResponse({ type: MediaOrderHistoryDto })
  @Roles(...BUYING_READERS)
  history(@Param('orderId') id: string) {
    return this.reads.history(id);
  }
}
