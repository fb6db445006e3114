import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Filter, ReadModelStore } from '@ooh/eventing';
import { READ_MODELS, Roles } from '@ooh/http-kit';
import { AvailabilityQueryDto, RegisterQueryDto } from './booking.dto';
import { AvailabilityQueries } from './availability.queries';
import { POSTING_REGISTER } from './bookings.projection';
import { AvailabilityDto, PostingRegisterPageDto } from './availability.view.dto';

@ApiTags('operations: availability and posting register')
@ApiBearerAuth()
@Controller('api/operations')
export class AvailabilityController {
  constructor(
    private readonly availability: AvailabilityQueries,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {}

  @Get('availability')
  @Roles('sales', 'ops-staff', 'ops-manager', 'executive', 'admin')
  @ApiOkResponse({ type: AvailabilityDto })
  calendar(@Query() q: AvailabilityQueryDto) {
    return this.availability.calendar(q);
  }

  /** Every posting and removal (媒体上下刊登记表), with date, sites, advertiser, photos and lateness. */
  @Get('posting-register')
  @Roles('sales', 'ops-staff', 'ops-manager', 'executive', 'admin')
  @ApiOkResponse({ type: PostingRegisterPageDto })
  register(@Query() q: RegisterQueryDto) {
    const filter: Filter = {};
    if (q.from || q.to) filter.date = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) };
    if (q.siteId) filter.siteId = q.siteId;
    return this.readModels.find(POSTING_REGISTER, { filter, sort: { field: 'date', direction: 'asc' }, limit: q.limit ?? 50, cursor: q.cursor });
  }
}
