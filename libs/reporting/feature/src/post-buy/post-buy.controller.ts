import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { OperatorToday, Roles, safeName, tableCsv, tablesWorkbook, XLSX_TYPE } from '@ooh/http-kit';
import { postBuy, reconciliation } from '@ooh/reporting-domain';
import { CampaignLedgers } from '../campaigns/campaign-ledgers';
import { ReportTimesQueryDto } from '../campaigns/campaign.dto';
import { REPORTING_READERS } from '../shared/readers';
import { cutoffOf, timesOf } from '../shared/report-times';

import { PostBuyDto } from './post-buy.dto';
import { postBuyGroups, postBuyKpis, postBuyLines } from './post-buy.tables';

/** Post-campaign evaluation (宣传效果评估, 媒介效果分析与报告): the audience promised against the audience delivered, and what it cost. */
@ApiTags('reporting: post-buy')
@ApiBearerAuth()
@Controller('api/reporting/campaigns')
export class PostBuyController {
  constructor(
    private readonly ledgers: CampaignLedgers,
    private readonly today: OperatorToday,
  ) {}

  @Get(':briefId/post-buy')
  @Roles(...REPORTING_READERS)
  @ApiOkResponse({
    type: PostBuyDto,
    description:
      'Per plan line, channel, vendor and for the campaign: the plan’s audience estimates against the post-buy measurements, CPM and CPP planned and actual',
  })
  async report(@Param('briefId') briefId: string, @Query() q: ReportTimesQueryDto): Promise<PostBuyDto> {
    const ledgers = await this.ledgers.of(briefId);
    const times = timesOf(q);
    const delivered = new Map<string, number>();
    for (const line of reconciliation(ledgers, times, cutoffOf(q, this.today)).flatMap((o) => o.lines))
      delivered.set(line.lineId, (delivered.get(line.lineId) ?? 0) + line.deliveredFen);
    return { briefId, ...times, ...postBuy(ledgers, times, delivered) };
  }

  @Get(':briefId/post-buy.csv')
  @Roles(...REPORTING_READERS)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The post-buy report as CSV: one row per plan line (money in fen)', content: { 'text/csv': { schema: { type: 'string' } } } })
  async csv(@Param('briefId') briefId: string, @Query() q: ReportTimesQueryDto): Promise<StreamableFile> {
    return tableCsv(postBuyLines(await this.report(briefId, q)), `post-buy-${safeName(briefId)}.csv`);
  }

  @Get(':briefId/post-buy.xlsx')
  @Roles(...REPORTING_READERS)
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({
    description:
      'The post-buy report as an Excel workbook: the brief’s targets met or not, the totals per campaign, channel and vendor, and the lines (money in yuan)',
    content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  async xlsx(@Param('briefId') briefId: string, @Query() q: ReportTimesQueryDto): Promise<StreamableFile> {
    const report = await this.report(briefId, q);
    return tablesWorkbook([postBuyKpis(report), postBuyGroups(report), postBuyLines(report)], `post-buy-${safeName(briefId)}.xlsx`);
  }
}
