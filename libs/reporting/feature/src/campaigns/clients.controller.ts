import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { notFound, readAll, type ReadModelStore } from '@ooh/eventing';
import { ProblemResponse, READ_MODELS, Roles } from '@ooh/http-kit';
import { campaign360, type LedgerState } from '@ooh/reporting-domain';
import { CAMPAIGNS } from '../ledgers/ledgers.projection';
import { REPORTING_READERS } from '../shared/readers';
import { timesOf } from '../shared/report-times';
import { CampaignLedgers } from './campaign-ledgers';
import { Client360Dto, ReportTimesQueryDto } from './campaign.dto';

/** A client's campaigns together: the 360 figures of all of them, and each one's, as of a day and as known at an instant. */
@ApiTags('reporting: campaigns')
@ApiBearerAuth()
@Controller('api/reporting/clients')
export class ReportingClientsController {
  constructor(
    private readonly ledgers: CampaignLedgers,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {}

  @Get(':clientId/360')
  @Roles(...REPORTING_READERS)
  @ApiOkResponse({ type: Client360Dto })
  @ProblemResponse(404, 'Reporting has no campaign of this client (CLIENT_NOT_FOUND)')
  async report(@Param('clientId') clientId: string, @Query() q: ReportTimesQueryDto): Promise<Client360Dto> {
    const campaigns = await readAll<{ briefId: string; campaign: string | null }>(this.readModels, CAMPAIGNS, { clientId });
    if (campaigns.length === 0) throw notFound('CLIENT_NOT_FOUND', `Reporting has no campaign of client ${clientId}`);
    const times = timesOf(q);
    const all = new Map<string, LedgerState>();
    const each = [];
    for (const c of campaigns.sort((a, b) => a.briefId.localeCompare(b.briefId))) {
      const ledgers = await this.ledgers.of(c.briefId);
      ledgers.forEach((l) => all.set(l.ledgerId, l));
      each.push({ briefId: c.briefId, campaign: c.campaign, figures: campaign360(ledgers, times).figures });
    }
    const { figures, byChannel, byMonth, differences } = campaign360([...all.values()], times);
    return { clientId, ...times, figures, byChannel, byMonth, differences, campaigns: each };
  }
}
