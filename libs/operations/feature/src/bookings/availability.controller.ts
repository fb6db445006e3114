import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Filter, ReadModelStore } from '@ooh/eventing';
import { CsvExport, pagesOf, READ_MODELS, Roles, tableCsv, tablesWorkbook, XlsxExport, type ReportTable } from '@ooh/http-kit';
import { AvailabilityQueryDto, RegisterQueryDto, RegisterRangeQueryDto } from './booking.dto';
import { AvailabilityQueries } from './availability.queries';
import { POSTING_REGISTER } from './bookings.projection';
import { AvailabilityDto, PostingRegisterPageDto, type PostingRegisterEntryDto } from './availability.view.dto';

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
    return this.readModels.find(POSTING_REGISTER, {
      filter: registerFilter(q),
      sort: { field: 'date', direction: 'asc' },
      limit: q.limit ?? 50,
      cursor: q.cursor,
    });
  }

  @Get('posting-register.csv')
  @Roles('sales', 'ops-staff', 'ops-manager', 'executive', 'admin')
  @CsvExport('The posting register in the range: every posting and removal, read page by page as it streams')
  registerCsv(@Query() q: RegisterRangeQueryDto) {
    return tableCsv(this.registerTable(q), `posting-register-${q.from ?? 'all'}-${q.to ?? 'all'}.csv`);
  }

  @Get('posting-register.xlsx')
  @Roles('sales', 'ops-staff', 'ops-manager', 'executive', 'admin')
  @XlsxExport('The posting register in the range: every posting and removal, read page by page as it streams')
  registerXlsx(@Query() q: RegisterRangeQueryDto) {
    return tablesWorkbook([this.registerTable(q)], `posting-register-${q.from ?? 'all'}-${q.to ?? 'all'}.xlsx`);
  }

  private registerTable(q: RegisterRangeQueryDto): ReportTable<PostingRegisterEntryDto> {
    const sort = { field: 'date', direction: 'asc' as const };
    return {
      name: 'Posting register 上下刊登记',
      rows: pagesOf((cursor) => this.readModels.find<PostingRegisterEntryDto>(POSTING_REGISTER, { filter: registerFilter(q), sort, limit: 500, cursor })),
      columns: [
        { key: 'date', header: 'Date 日期', value: (e) => e.date },
        { key: 'kind', header: 'Kind 类型', value: (e) => e.kind },
        { key: 'site_id', header: 'Site 点位', value: (e) => e.siteId },
        { key: 'face', header: 'Face 面', value: (e) => e.face },
        { key: 'advertiser', header: 'Advertiser 广告主', value: (e) => e.advertiser, width: 24 },
        { key: 'booking_id', header: 'Booking 订单', value: (e) => e.bookingId, width: 40 },
        { key: 'days_late', header: 'Days late 延误天数', value: (e) => e.daysLate },
        { key: 'early_termination', header: 'Early termination 提前终止', value: (e) => e.earlyTermination },
        { key: 'photos', header: 'Photos (sha256) 照片', value: (e) => e.photos.map((p) => p.sha256).join(' '), width: 40 },
        { key: 'recorded_by', header: 'Recorded by 记录人', value: (e) => e.recordedBy.userId },
      ],
    };
  }
}

function registerFilter(q: RegisterRangeQueryDto): Filter {
  const filter: Filter = {};
  if (q.from || q.to) filter.date = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) };
  if (q.siteId) filter.siteId = q.siteId;
  return filter;
}
