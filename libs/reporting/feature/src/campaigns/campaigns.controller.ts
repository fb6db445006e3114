import { Controller, Get, Header, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { ReadModelStore } from '@ooh/eventing';
import { filterOf, OperatorToday, READ_MODELS, Roles, safeName, tablesWorkbook, XlsxExport } from '@ooh/http-kit';
import { campaign360, countedFacts, isMeasure, MEASURES, reconciliation, totalFaceDays, type Measure } from '@ooh/reporting-domain';
import { CAMPAIGNS } from '../ledgers/ledgers.projection';
import { REPORTING_READERS } from '../shared/readers';
import { cutoffOf, timesOf } from '../shared/report-times';
import { campaign360Workbook } from './campaign-360.workbook';
import { CampaignLedgers } from './campaign-ledgers';
import { reconciliationLines, reconciliationReasons } from './reconciliation.tables';
import {
  ReconciliationDto,
  ReconciliationQueryDto,
  Campaign360Dto,
  CampaignFactsDto,
  CampaignFactsQueryDto,
  ReportingCampaignPageDto,
  ReportingCampaignQueryDto,
  ReportTimesQueryDto,
} from './campaign.dto';

/** Campaign 360: a campaign's money from plan to payment and its delivery, from every service's feed, for any day and as known at any instant. */
@ApiTags('reporting: campaigns')
@ApiBearerAuth()
@Controller('api/reporting/campaigns')
export class ReportingCampaignsController {
  constructor(
    private readonly ledgers: CampaignLedgers,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    private readonly today: OperatorToday,
  ) {}

  @Get()
  @Roles(...REPORTING_READERS)
  @ApiOkResponse({ type: ReportingCampaignPageDto })
  list(@Query() q: ReportingCampaignQueryDto) {
    const sort = { field: 'lastRecordedAt', direction: 'desc' as const };
    return this.readModels.find(CAMPAIGNS, { filter: filterOf(q, ['clientId']), sort, limit: q.limit ?? 50, cursor: q.cursor });
  }

  @Get(':briefId/360')
  @Roles(...REPORTING_READERS)
  @ApiOkResponse({ type: Campaign360Dto })
  async report(@Param('briefId') briefId: string, @Query() q: ReportTimesQueryDto): Promise<Campaign360Dto> {
    const ledgers = await this.ledgers.of(briefId);
    const times = timesOf(q);
    const head = ledgers.find((l) => l.campaign) ?? ledgers[0];
    const oohFaceDays = totalFaceDays(reconciliation(ledgers, times, cutoffOf(q, this.today)));
    return { briefId, clientId: head.clientId, campaign: head.campaign, ...times, ...campaign360(ledgers, times), oohFaceDays };
  }

  @Get(':briefId/360/facts')
  @Roles(...REPORTING_READERS)
  @ApiOkResponse({ type: CampaignFactsDto, description: 'The facts behind one figure: each with its document and the message it came from' })
  async facts(@Param('briefId') briefId: string, @Query() q: CampaignFactsQueryDto): Promise<CampaignFactsDto> {
    const measure = (q.measure as Measure | undefined) ?? null;
    const items = countedFacts(await this.ledgers.of(briefId), timesOf(q))
      .filter((f) => isMeasure(f.measure) && (measure === null || f.measure === measure))
      .sort((a, b) => a.businessDate.localeCompare(b.businessDate) || a.factId.localeCompare(b.factId))
      .map(({ supersedes: _s, message, ...f }) => ({ ...f, messageId: message.messageId, messageType: message.type }));
    return { briefId, measure, total: measure === null ? null : items.reduce((s, f) => s + f.amount, 0), items };
  }

  @Get(':briefId/reconciliation')
  @Roles(...REPORTING_READERS)
  @ApiOkResponse({
    type: ReconciliationDto,
    description: 'Ordered, delivered and vendor-invoiced per order line (billed for the campaign), and why each line that does not balance does not',
  })
  async reconcile(@Param('briefId') briefId: string, @Query() q: ReconciliationQueryDto): Promise<ReconciliationDto> {
    const ledgers = await this.ledgers.of(briefId);
    const times = timesOf(q);
    const cutoff = cutoffOf(q, this.today);
    const { figures } = campaign360(ledgers, times);
    const orders = reconciliation(ledgers, times, cutoff).map((o) => ({ ...o, lines: o.lines.filter((l) => q.unbalanced !== 'true' || !l.balanced) }));
    return { briefId, ...times, cutoff, contractedFen: figures.contracted, billedFen: figures.billed, collectedFen: figures.collected, orders };
  }

  @Get(':briefId/reconciliation.csv')
  @Roles(...REPORTING_READERS)
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The reconciliation as CSV: one row per order line and reason (a balanced line: one row, reason empty); money in fen',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async reconciliationCsv(@Param('briefId') briefId: string, @Query() q: ReconciliationQueryDto): Promise<string> {
    const { orders } = await this.reconcile(briefId, q);
    const head = [
      'order_id',
      'line_id',
      'channel',
      'units',
      'aired',
      'face_days_ordered',
      'face_days_live',
      'ordered_fen',
      'delivered_fen',
      'invoiced_fen',
      'credited_fen',
      'balanced',
      'reason',
      'unit_ids',
      'reason_fen',
      'note',
    ];
    const rows = orders.flatMap((o) =>
      o.lines.flatMap((l) => {
        const line = [
          o.orderId,
          l.lineId,
          l.channel,
          l.units,
          l.aired,
          l.faceDays?.ordered ?? '',
          l.faceDays?.live ?? '',
          l.orderedFen,
          l.deliveredFen,
          l.invoicedFen,
          l.creditedFen,
          String(l.balanced),
        ];
        return l.reasons.length ? l.reasons.map((r) => [...line, r.code, r.unitIds.join(' '), r.amountFen, r.note]) : [[...line, '', '', '', '']];
      }),
    );
    return stringify([head, ...rows]);
  }

  @Get(':briefId/reconciliation.xlsx')
  @Roles(...REPORTING_READERS)
  @XlsxExport('The reconciliation: a sheet of order lines, a sheet of the reasons lines do not balance')
  async reconciliationXlsx(@Param('briefId') briefId: string, @Query() q: ReconciliationQueryDto): Promise<StreamableFile> {
    const rec = await this.reconcile(briefId, q);
    return tablesWorkbook([reconciliationLines(rec), reconciliationReasons(rec)], `reconciliation-${safeName(briefId)}.xlsx`);
  }

  @Get(':briefId/360.csv')
  @Roles(...REPORTING_READERS)
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Campaign 360 as CSV: one row for the campaign, each channel, month and document; one column per figure (money in fen)',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async csv(@Param('briefId') briefId: string, @Query() q: ReportTimesQueryDto): Promise<string> {
    const report = campaign360(await this.ledgers.of(briefId), timesOf(q));
    const rows = [
      ['campaign', briefId, report.figures] as const,
      ...report.byChannel.map((c) => ['channel', c.channel, c.figures] as const),
      ...report.byMonth.map((m) => ['month', m.month, m.figures] as const),
      ...report.documents.map((d) => [d.kind, d.documentId, d.figures] as const),
    ];
    return stringify([['scope', 'id', ...MEASURES], ...rows.map(([scope, id, figures]) => [scope, id, ...MEASURES.map((m) => figures[m])])]);
  }

  @Get(':briefId/360.xlsx')
  @Roles(...REPORTING_READERS)
  @Header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'Campaign 360 as an Excel workbook: the figures by scope (money in yuan), the differences, and every fact counted (written as a stream)',
    content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } },
  })
  async xlsx(@Param('briefId') briefId: string, @Query() q: ReportTimesQueryDto): Promise<StreamableFile> {
    const ledgers = await this.ledgers.of(briefId);
    const times = timesOf(q);
    const facts = countedFacts(ledgers, times)
      .filter((f) => isMeasure(f.measure))
      .sort((a, b) => a.businessDate.localeCompare(b.businessDate) || a.factId.localeCompare(b.factId));
    return new StreamableFile(campaign360Workbook(briefId, campaign360(ledgers, times), facts), {
      disposition: `attachment; filename="campaign-360-${briefId.replace(/[^A-Za-z0-9_-]/g, '_')}.xlsx"`,
    });
  }
}
