import { Body, Controller, Get, Header, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { newId, notFound, type CommandContext } from '@ooh/eventing';
import { Aggregates, CommandRoute, Ctx, PLATFORM_CONFIG, Roles, type PlatformConfig, OperatorToday } from '@ooh/http-kit';
import { AUDIENCE_RECORDERS, MAKEGOOD_DECIDERS, mediaOrderAggregate, PROOF_COLLECTORS, PROOF_DELIVERERS, vendorAggregate } from '@ooh/buying-domain';
import { BUYING_SETTINGS, type BuyingSettings } from '../buying.settings';

import { BUYING_READERS } from '../shared/readers';
import {
  AudienceDeliveryDto,
  AcknowledgeProofPackDto,
  DeliverProofPackDto,
  MakegoodDecisionDto,
  MakegoodOfferDto,
  ProofImportDto,
  RecordProofsDto,
} from './order-delivery.dto';
import { UnitProofViewDto } from './order-delivery.view.dto';
import { unitInputOf } from './order-content';
import { ProofImport } from './proof-import';
import { renderProofPack } from './proof-pack.document';

/** Proof of airing per unit (one at a time or a vendor's file), makegoods, and the proof delivered to the client. */
@ApiTags('buying: proof of airing and makegoods')
@ApiBearerAuth()
@ApiExtraModels(UnitProofViewDto)
@Controller('api/buying/media-orders')
export class OrderDeliveryController {
  private readonly orders;
  private readonly vendors;

  constructor(
    aggregates: Aggregates,
    private readonly imports: ProofImport,
    private readonly clock: OperatorToday,
    @Inject(BUYING_SETTINGS) private readonly settings: BuyingSettings,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.orders = aggregates.commands(mediaOrderAggregate);
    this.vendors = aggregates.commands(vendorAggregate);
  }

  private proofContext() {
    return { graceDays: this.settings.proofGraceDays, timeZone: this.config.timeZone };
  }

  @Post(':orderId/proofs')
  @CommandRoute()
  @Roles(...PROOF_COLLECTORS)
  record(@Param('orderId') id: string, @Body() dto: RecordProofsDto, @Ctx() ctx: CommandContext) {
    const proofs = dto.proofs.map((p) => ({
      unitId: p.unitId,
      outcome: p.outcome,
      airedAt: p.airedAt ?? null,
      airedLengthSeconds: p.airedLengthSeconds ?? null,
      source: p.source,
      evidence: p.evidence,
      note: p.note ?? '',
    }));
    return this.orders.execute(id, 'RecordUnitProofs', { proofs, importedFrom: null, ...this.proofContext() }, ctx);
  }

  @Post(':orderId/proof-imports')
  @CommandRoute()
  @Roles(...PROOF_COLLECTORS)
  async import(@Param('orderId') id: string, @Body() dto: ProofImportDto, @Ctx() ctx: CommandContext) {
    await this.orders.require(id);
    const proofs = await this.imports.rows(dto.file);
    return this.orders.execute(id, 'RecordUnitProofs', { proofs, importedFrom: dto.file, ...this.proofContext() }, ctx);
  }

  @Post(':orderId/makegoods')
  @CommandRoute(201)
  @Roles(...PROOF_COLLECTORS)
  async offer(@Param('orderId') id: string, @Body() dto: MakegoodOfferDto, @Ctx() ctx: CommandContext) {
    const { state } = await this.orders.require(id);
    const { state: vendor } = await this.vendors.load(state.vendor?.vendorId ?? '');
    const makegoodId = newId();
    const units = dto.units.map(unitInputOf);
    const result = await this.orders.execute(
      id,
      'OfferMakegood',
      { makegoodId, planLineId: dto.planLineId, forUnitIds: dto.forUnitIds, units, rateCards: vendor.rateCards },
      ctx,
    );
    return { ...result, id: makegoodId };
  }

  @Post(':orderId/makegoods/:makegoodId/accept')
  @CommandRoute()
  @Roles(...MAKEGOOD_DECIDERS)
  accept(@Param('orderId') id: string, @Param('makegoodId') makegoodId: string, @Body() dto: MakegoodDecisionDto, @Ctx() ctx: CommandContext) {
    return this.orders.execute(id, 'AcceptMakegood', { makegoodId, reason: dto.reason ?? '' }, ctx);
  }

  @Post(':orderId/makegoods/:makegoodId/reject')
  @CommandRoute()
  @Roles(...MAKEGOOD_DECIDERS)
  reject(@Param('orderId') id: string, @Param('makegoodId') makegoodId: string, @Body() dto: MakegoodDecisionDto, @Ctx() ctx: CommandContext) {
    return this.orders.execute(id, 'RejectMakegood', { makegoodId, reason: dto.reason ?? '', creditId: newId() }, ctx);
  }

  @Post(':orderId/proof-packs')
  @CommandRoute(201)
  @Roles(...PROOF_DELIVERERS)
  async deliver(@Param('orderId') id: string, @Body() dto: DeliverProofPackDto, @Ctx() ctx: CommandContext) {
    const packId = newId();
    const data = {
      packId,
      unitIds: dto.unitIds ?? [],
      deliveredOn: dto.deliveredOn,
      recipient: dto.recipient,
      note: dto.note ?? '',
      today: this.clock.today(),
    };
    const result = await this.orders.execute(id, 'DeliverProofPack', data, ctx);
    return { ...result, id: packId };
  }

  @Post(':orderId/audience')
  @CommandRoute()
  @Roles(...AUDIENCE_RECORDERS)
  audience(@Param('orderId') id: string, @Body() dto: AudienceDeliveryDto, @Ctx() ctx: CommandContext) {
    const figures = { impressions: dto.impressions ?? null, grp: dto.grp ?? null, reach: dto.reach ?? null, frequency: dto.frequency ?? null };
    const data = { planLineId: dto.planLineId, measuredOn: dto.measuredOn, source: dto.source, figures, evidence: dto.evidence, note: dto.note ?? '' };
    return this.orders.execute(id, 'RecordAudienceDelivery', { ...data, today: this.clock.today() }, ctx);
  }

  @Post(':orderId/proof-packs/:packId/acknowledgement')
  @CommandRoute()
  @Roles(...PROOF_DELIVERERS)
  acknowledge(@Param('orderId') id: string, @Param('packId') packId: string, @Body() dto: AcknowledgeProofPackDto, @Ctx() ctx: CommandContext) {
    return this.orders.execute(
      id,
      'RecordProofAcknowledgement',
      { packId, acknowledgedOn: dto.acknowledgedOn, evidence: dto.evidence, today: this.clock.today() },
      ctx,
    );
  }

  @Get(':orderId/proof-packs/:packId/document')
  @Roles(...BUYING_READERS)
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The proof pack as a printable page for the client', content: { 'text/html': { schema: { type: 'string' } } } })
  async document(@Param('orderId') id: string, @Param('packId') packId: string) {
    const { state } = await this.orders.require(id);
    const pack = state.proofPacks.find((p) => p.packId === packId);
    if (!pack) throw notFound('PROOF_PACK_NOT_FOUND', `Order ${id} has no proof pack ${packId}`);
    return renderProofPack(state, pack);
  }
}
