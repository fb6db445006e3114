import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, filterOf, HistoryDto, Idempotent, OperatorToday, ReasonDto, Roles } from '@ooh/http-kit';
import { bidRequestAggregate, printJobAggregate, PRINT_ACCOUNT, PRINT_CHECKERS, PRINT_KEEPERS, PRINT_REVIEWERS } from '@ooh/production-domain';
import { awardedBid } from '../shared/awarded-bid';
import { PRODUCTION_READERS } from '../shared/readers';
import { BriefDirectory } from '../shared/brief-directory';
import {
  ChoosePrinterDto,
  ContractReviewDto,
  FilmProofDto,
  HandOverDto,
  OpenPrintJobDto,
  PrintCheckpointDto,
  PrintClientContractDto,
  PrintClientSignatureDto,
  PrintDeliveryDto,
  PrinterContractDto,
  PrinterPaymentDto,
  PrinterSignatureDto,
  PrintJobPageDto,
  PrintJobQueryDto,
  PrintJobViewDto,
  PrintSamplesDto,
  PrintSamplesReviewDto,
  ProofSignatureDto,
} from './print-job.dto';
import { PRINT_JOBS, printJobView } from './print-jobs.projection';

const PrintJobHistoryDto = HistoryDto('jobId', 'PrintJobHistoryDto');

/**
 * Print jobs (印刷制作): film proofs, the client's signed proof, the printer from an awarded bid, both
 * contracts reviewed by a second account director, the prepayment and balance gates, the hand-over of
 * the very proof signed, checkpoints, samples, delivery within tolerance, the printer paid.
 */
@ApiTags('production: print')
@ApiBearerAuth()
@Controller('api/production/print-jobs')
export class PrintJobsController {
  private readonly commands;
  private readonly bids;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly today: OperatorToday,
    private readonly briefs: BriefDirectory,
  ) {
    this.commands = aggregates.commands(printJobAggregate);
    this.bids = aggregates.commands(bidRequestAggregate);
    this.reads = aggregates.reads(printJobAggregate, {
      collection: PRINT_JOBS,
      sort: { field: 'openedAt', direction: 'desc' },
      idKey: 'jobId',
      view: printJobView,
    });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles(...PRINT_ACCOUNT)
  async open(@Body() dto: OpenPrintJobDto, @Ctx() ctx: CommandContext) {
    const data = { client: { clientId: dto.client.clientId, name: dto.client.name }, title: dto.title, currency: dto.currency, neededBy: dto.neededBy };
    const brief = await this.briefs.snapshot(dto.briefId);
    return this.commands.execute(newId(), 'OpenPrintJob', { ...data, brief, today: this.today.today() }, ctx);
  }

  @Post(':jobId/proofs')
  @CommandRoute()
  @Roles(...PRINT_KEEPERS)
  proof(@Param('jobId') id: string, @Body() dto: FilmProofDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'OutputFilmProof', { file: dto.file }, ctx);
  }

  @Post(':jobId/proof-signature')
  @CommandRoute()
  @Roles(...PRINT_ACCOUNT)
  proofSignature(@Param('jobId') id: string, @Body() dto: ProofSignatureDto, @Ctx() ctx: CommandContext) {
    const { proofNo, sha256, quantity, material, tolerancePercent, evidence } = dto;
    return this.commands.execute(id, 'RecordProofSignature', { proofNo, sha256, quantity, material, tolerancePercent, evidence }, ctx);
  }

  @Post(':jobId/printer')
  @CommandRoute()
  @Roles(...PRINT_KEEPERS)
  async printer(@Param('jobId') id: string, @Body() dto: ChoosePrinterDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ChoosePrinter', { bid: await awardedBid(this.bids, dto.requestId) }, ctx);
  }

  @Post(':jobId/client-contract')
  @CommandRoute()
  @Roles(...PRINT_ACCOUNT)
  clientContract(@Param('jobId') id: string, @Body() dto: PrintClientContractDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'DraftPrintClientContract', { valueFen: dto.valueFen, terms: dto.terms }, ctx);
  }

  @Post(':jobId/client-contract/review')
  @CommandRoute()
  @Roles(...PRINT_REVIEWERS)
  reviewClientContract(@Param('jobId') id: string, @Body() dto: ContractReviewDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ReviewPrintClientContract', { decision: dto.decision, notes: dto.notes ?? '' }, ctx);
  }

  @Post(':jobId/client-contract/signature')
  @CommandRoute()
  @Roles(...PRINT_ACCOUNT)
  signClientContract(@Param('jobId') id: string, @Body() dto: PrintClientSignatureDto, @Ctx() ctx: CommandContext) {
    const { signedOn, signatory, evidence, prepaymentPercent } = dto;
    return this.commands.execute(id, 'SignPrintClientContract', { signedOn, signatory, evidence, prepaymentPercent, today: this.today.today() }, ctx);
  }

  @Post(':jobId/printer-contract')
  @CommandRoute()
  @Roles(...PRINT_ACCOUNT)
  printerContract(@Param('jobId') id: string, @Body() dto: PrinterContractDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'DraftPrinterContract', { terms: dto.terms }, ctx);
  }

  @Post(':jobId/printer-contract/review')
  @CommandRoute()
  @Roles(...PRINT_REVIEWERS)
  reviewPrinterContract(@Param('jobId') id: string, @Body() dto: ContractReviewDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ReviewPrinterContract', { decision: dto.decision, notes: dto.notes ?? '' }, ctx);
  }

  @Post(':jobId/printer-contract/signature')
  @CommandRoute()
  @Roles(...PRINT_ACCOUNT)
  signPrinterContract(@Param('jobId') id: string, @Body() dto: PrinterSignatureDto, @Ctx() ctx: CommandContext) {
    const { signedOn, signatory, evidence } = dto;
    return this.commands.execute(id, 'SignPrinterContract', { signedOn, signatory, evidence, today: this.today.today() }, ctx);
  }

  @Post(':jobId/printer-payments')
  @CommandRoute(201)
  @Roles(...PRINT_KEEPERS)
  async printerPayment(@Param('jobId') id: string, @Body() dto: PrinterPaymentDto, @Ctx() ctx: CommandContext) {
    const costId = newId();
    const data = { costId, milestone: dto.milestone, prepaymentPercent: dto.prepaymentPercent ?? 0 };
    const result = await this.commands.execute(id, 'RequestPrinterPayment', data, ctx);
    return { ...result, id: costId };
  }

  @Post(':jobId/hand-over')
  @CommandRoute()
  @Roles(...PRINT_KEEPERS)
  handOver(@Param('jobId') id: string, @Body() dto: HandOverDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'HandProofToPrinter', { proofNo: dto.proofNo, sha256: dto.sha256, receipt: dto.receipt }, ctx);
  }

  @Post(':jobId/checkpoints')
  @CommandRoute()
  @Roles(...PRINT_CHECKERS)
  checkpoint(@Param('jobId') id: string, @Body() dto: PrintCheckpointDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(
      id,
      'RecordPrintCheckpoint',
      { kind: dto.kind, passed: dto.passed, notes: dto.notes ?? '', evidence: dto.evidence ?? [] },
      ctx,
    );
  }

  @Post(':jobId/samples')
  @CommandRoute()
  @Roles(...PRINT_KEEPERS)
  samples(@Param('jobId') id: string, @Body() dto: PrintSamplesDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'SubmitPrintSamples', { evidence: dto.evidence }, ctx);
  }

  @Post(':jobId/samples/review')
  @CommandRoute()
  @Roles(...PRINT_ACCOUNT)
  reviewSamples(@Param('jobId') id: string, @Body() dto: PrintSamplesReviewDto, @Ctx() ctx: CommandContext) {
    const data = {
      sampleNo: dto.sampleNo,
      decision: dto.decision,
      reason: dto.reason ?? '',
      reprintCostBorneBy: dto.reprintCostBorneBy ?? null,
      evidence: dto.evidence,
    };
    return this.commands.execute(id, 'ReviewPrintSamples', data, ctx);
  }

  @Post(':jobId/delivery')
  @CommandRoute()
  @Roles(...PRINT_KEEPERS)
  deliver(@Param('jobId') id: string, @Body() dto: PrintDeliveryDto, @Ctx() ctx: CommandContext) {
    const { deliveredOn, quantity, receipt } = dto;
    return this.commands.execute(
      id,
      'DeliverPrintGoods',
      { deliveredOn, quantity, receipt, acceptShortfall: dto.acceptShortfall ?? false, today: this.today.today() },
      ctx,
    );
  }

  @Post(':jobId/cancel')
  @CommandRoute()
  @Roles(...PRINT_KEEPERS)
  cancel(@Param('jobId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'CancelPrintJob', { reason: dto.reason }, ctx);
  }

  @Get()
  @Roles(...PRODUCTION_READERS)
  @ApiOkResponse({ type: PrintJobPageDto })
  list(@Query() q: PrintJobQueryDto) {
    return this.reads.page(filterOf(q, ['status', 'clientId']), q);
  }

  @Get(':jobId')
  @Roles(...PRODUCTION_READERS)
  @ApiOkResponse({ type: PrintJobViewDto })
  get(@Param('jobId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':jobId/history')
  @Roles(...PRODUCTION_READERS)
  @ApiOkResponse({ type: PrintJobHistoryDto })
  history(@Param('jobId') id: string) {
    return this.reads.history(id);
  }
}
