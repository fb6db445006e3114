import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { deterministicId, type CommandContext, type EvidenceRef, type ReadModelStore } from '@ooh/eventing';
import {
  Aggregates,
  AsOfQueryDto,
  CommandRoute,
  Ctx,
  EmptyBodyDto,
  filterOf,
  HistoryDto,
  Idempotent,
  NumberParam,
  NumberParamDoc,
  PLATFORM_CONFIG,
  READ_MODELS,
  ReasonDto,
  Roles,
  type PlatformConfig,
  OperatorToday,
} from '@ooh/http-kit';
import { INVOICE_APPROVERS, INVOICE_KEEPERS, mediaOrderAggregate, vendorInvoiceAggregate, type InvoiceLineInput } from '@ooh/buying-domain';

import { BUYING_READERS } from '../shared/readers';
import { InvoiceImport } from './invoice-import';
import { InvoiceBilling, invoicedOrder } from './invoice-billing';
import {
  DiscrepancyPageDto,
  DiscrepancyQueryDto,
  DispositionDto,
  ImportVendorInvoiceDto,
  RecordVendorInvoiceDto,
  VendorInvoicePageDto,
  VendorInvoiceQueryDto,
  VendorInvoiceViewDto,
} from './vendor-invoice.dto';
import { INVOICE_DISCREPANCIES, invoiceView, VENDOR_INVOICES } from './vendor-invoices.projection';

const VendorInvoiceHistoryDto = HistoryDto('invoiceId', 'VendorInvoiceHistoryDto');

/** One invoice per vendor and invoice number: recording it twice is a conflict, not a second invoice. */
const invoiceIdFor = (vendorId: string, invoiceNumber: string) => deterministicId('vendor-invoice', vendorId, invoiceNumber.trim().toUpperCase());

/** Vendor invoices: keyed or imported, matched per unit against the order and its proof, dispositioned, approved by finance. */
@ApiTags('buying: vendor invoices')
@ApiBearerAuth()
@Controller('api/buying')
export class VendorInvoicesController {
  private readonly invoices;
  private readonly orders;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly imports: InvoiceImport,
    private readonly billing: InvoiceBilling,
    private readonly clock: OperatorToday,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.invoices = aggregates.commands(vendorInvoiceAggregate);
    this.orders = aggregates.commands(mediaOrderAggregate);
    this.reads = aggregates.reads(vendorInvoiceAggregate, {
      collection: VENDOR_INVOICES,
      sort: { field: 'recordedAt', direction: 'desc' },
      idKey: 'invoiceId',
      view: invoiceView,
    });
  }

  private async record(
    header: { orderId: string; invoiceNumber: string; invoiceDate: string },
    lines: InvoiceLineInput[],
    file: EvidenceRef | null,
    evidence: EvidenceRef[],
    ctx: CommandContext,
  ) {
    const { state } = await this.orders.require(header.orderId);
    const order = invoicedOrder(header.orderId, state);
    const data = {
      order,
      invoiceNumber: header.invoiceNumber,
      invoiceDate: header.invoiceDate,
      lines,
      file,
      evidence,
      timeZone: this.config.timeZone,
      today: this.clock.today(),
    };
    return this.invoices.execute(invoiceIdFor(order.vendor.vendorId, header.invoiceNumber), 'RecordVendorInvoice', data, ctx);
  }

  @Post('vendor-invoices')
  @CommandRoute(201)
  @Idempotent()
  @Roles(...INVOICE_KEEPERS)
  keyed(@Body() dto: RecordVendorInvoiceDto, @Ctx() ctx: CommandContext) {
    const lines = dto.lines.map((l) => ({
      lineNo: l.lineNo,
      unitId: l.unitId ?? null,
      date: l.date,
      airedAt: l.airedAt ?? null,
      lengthSeconds: l.lengthSeconds ?? null,
      rateFen: l.rateFen,
      quantity: l.quantity ?? 1,
      amountFen: l.amountFen,
    }));
    return this.record(dto, lines, null, dto.evidence, ctx);
  }

  @Post('vendor-invoices/imports')
  @CommandRoute(201)
  @Idempotent()
  @Roles(...INVOICE_KEEPERS)
  async imported(@Body() dto: ImportVendorInvoiceDto, @Ctx() ctx: CommandContext) {
    await this.orders.require(dto.orderId);
    return this.record(dto, await this.imports.lines(dto.file), dto.file, dto.evidence ?? [], ctx);
  }

  @Post('vendor-invoices/:invoiceId/lines/:lineNo/disposition')
  @CommandRoute()
  @Roles(...INVOICE_KEEPERS)
  @NumberParamDoc('lineNo')
  disposition(
    @Param('invoiceId') id: string,
    @NumberParam('lineNo', 'INVOICE_LINE_NOT_FOUND', 'invoice line') lineNo: number,
    @Body() dto: DispositionDto,
    @Ctx() ctx: CommandContext,
  ) {
    return this.invoices.execute(id, 'DispositionDiscrepancy', { lineNo, kind: dto.kind, reason: dto.reason }, ctx);
  }

  @Post('vendor-invoices/:invoiceId/approve')
  @CommandRoute()
  @Roles(...INVOICE_APPROVERS)
  approve(@Param('invoiceId') id: string, @Body() _dto: EmptyBodyDto, @Ctx() ctx: CommandContext) {
    return this.billing.approve(id, ctx);
  }

  @Post('vendor-invoices/:invoiceId/reject')
  @CommandRoute()
  @Roles(...INVOICE_APPROVERS)
  reject(@Param('invoiceId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.invoices.execute(id, 'RejectVendorInvoice', { reason: dto.reason }, ctx);
  }

  @Get('vendor-invoices')
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: VendorInvoicePageDto })
  list(@Query() q: VendorInvoiceQueryDto) {
    return this.reads.page(filterOf(q, ['status', 'orderId', 'vendorId']), q);
  }

  @Get('vendor-invoices/:invoiceId')
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: VendorInvoiceViewDto })
  get(@Param('invoiceId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get('vendor-invoices/:invoiceId/history')
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: VendorInvoiceHistoryDto })
  history(@Param('invoiceId') id: string) {
    return this.reads.history(id);
  }

  @Get('invoice-discrepancies')
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: DiscrepancyPageDto })
  discrepancies(@Query() q: DiscrepancyQueryDto) {
    const filter = { ...filterOf(q, ['vendorId', 'result']), ...(q.open ? { open: q.open === 'true' } : {}) };
    return this.readModels.find(INVOICE_DISCREPANCIES, { filter, sort: { field: 'invoiceNumber', direction: 'asc' }, limit: q.limit ?? 50, cursor: q.cursor });
  }
}
