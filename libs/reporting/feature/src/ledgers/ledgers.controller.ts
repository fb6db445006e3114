import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Aggregates, AsOfQueryDto, HistoryDto, Roles } from '@ooh/http-kit';
import { ledgerAggregate } from '@ooh/reporting-domain';
import { LedgerViewDto } from '../campaigns/campaign.dto';
import { REPORTING_READERS } from '../shared/readers';
import { LEDGERS } from './ledgers.projection';

const LedgerHistoryDto = HistoryDto('ledgerId', 'LedgerHistoryDto');

/** A document's ledger: every fact reporting recorded about it, from which message, and the history of its recording. */
@ApiTags('reporting: campaigns')
@ApiBearerAuth()
@Controller('api/reporting/ledgers')
export class LedgersController {
  private readonly reads;

  constructor(aggregates: Aggregates) {
    this.reads = aggregates.reads(ledgerAggregate, { collection: LEDGERS, sort: { field: 'firstRecordedAt', direction: 'desc' }, idKey: 'ledgerId' });
  }

  @Get(':ledgerId')
  @Roles(...REPORTING_READERS)
  @ApiOkResponse({ type: LedgerViewDto })
  get(@Param('ledgerId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':ledgerId/history')
  @Roles(...REPORTING_READERS)
  @ApiOkResponse({ type: LedgerHistoryDto })
  history(@Param('ledgerId') id: string) {
    return this.reads.history(id);
  }
}
