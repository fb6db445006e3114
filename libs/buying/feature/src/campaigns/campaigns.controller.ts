import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Aggregates, AsOfQueryDto, filterOf, HistoryDto, Roles } from '@ooh/http-kit';
import { campaignAggregate } from '@ooh/buying-domain';
import { BUYING_READERS } from '../shared/readers';
import { CampaignPageDto, CampaignQueryDto, CampaignViewDto } from './campaign.dto';
import { CAMPAIGNS, campaignView } from './campaigns.projection';

const CampaignHistoryDto = HistoryDto('briefId', 'CampaignHistoryDto');

/** Campaigns as buying knows them (read only: planning's facts arrive by its feed, commitments by signed orders). */
@ApiTags('buying: campaigns')
@ApiBearerAuth()
@Controller('api/buying/campaigns')
export class CampaignsController {
  private readonly reads;

  constructor(aggregates: Aggregates) {
    this.reads = aggregates.reads(campaignAggregate, {
      collection: CAMPAIGNS,
      sort: { field: 'updatedAt', direction: 'desc' },
      idKey: 'briefId',
      view: campaignView,
    });
  }

  @Get()
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: CampaignPageDto })
  list(@Query() q: CampaignQueryDto) {
    return this.reads.page(filterOf(q, ['clientId']), q);
  }

  @Get(':briefId')
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: CampaignViewDto })
  get(@Param('briefId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':briefId/history')
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: CampaignHistoryDto })
  history(@Param('briefId') id: string) {
    return this.reads.history(id);
  }
}
