import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { monthRange } from '@ooh/calendar';
import { readAll, type ReadModelStore } from '@ooh/eventing';
import { CsvExport, READ_MODELS, Roles, tableCsv, tablesWorkbook, XlsxExport, type ReportTable } from '@ooh/http-kit';
import { occupancy, type LedgerState, type OccupancyRow } from '@ooh/reporting-domain';
import { LEDGERS } from '../ledgers/ledgers.projection';
import { REPORTING_READERS } from '../shared/readers';
import { timesOf } from '../shared/report-times';
import { OccupancyDto, OccupancyQueryDto } from './occupancy.dto';

/** Who reads occupancy: the reporting readers, and those who sell and run the faces. */
export const OCCUPANCY_READERS = [...REPORTING_READERS, 'ops-manager', 'sales'] as const;

const occupancyTable = (report: OccupancyDto): ReportTable<OccupancyRow> => ({
  name: `Occupancy ${report.month} 上刊率`,
  rows: report.rows,
  columns: [
    { key: 'city', header: 'City 城市', value: (r) => r.city },
    { key: 'station', header: 'Station 站点', value: (r) => r.station, width: 24 },
    { key: 'kind', header: 'Kind 类型', value: (r) => r.kind },
    { key: 'faces', header: 'Faces 面数', value: (r) => r.faces },
    { key: 'face_days_in_service', header: 'Face-days in service 可售面·天', value: (r) => r.faceDaysInService },
    { key: 'face_days_taken', header: 'Face-days taken 已售面·天', value: (r) => r.faceDaysTaken },
    { key: 'occupancy_percent', header: 'Occupancy % 上刊率', value: (r) => r.occupancyPercent },
  ],
});

/** OOH occupancy per city, station and kind for a month, from operations' published sites and face holds. */
@ApiTags('reporting: occupancy')
@ApiBearerAuth()
@Controller('api/reporting')
export class OccupancyController {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelStore) {}

  @Get('occupancy')
  @Roles(...OCCUPANCY_READERS)
  @ApiOkResponse({ type: OccupancyDto, description: 'Face-days taken over face-days in service, as of a day and as known at an instant' })
  async report(@Query() q: OccupancyQueryDto): Promise<OccupancyDto> {
    const times = timesOf(q);
    const [sites, bookings] = await Promise.all([
      readAll<LedgerState>(this.readModels, LEDGERS, { kind: 'site' }),
      readAll<LedgerState>(this.readModels, LEDGERS, { kind: 'ooh-booking' }),
    ]);
    const { rows, total } = occupancy(sites, bookings, monthRange(q.month), times);
    const chosen = rows.filter((r) => (!q.city || r.city === q.city) && (!q.kind || r.kind === q.kind));
    return { month: q.month, ...times, rows: chosen, total: q.city || q.kind ? totalOf(chosen) : total };
  }

  @Get('occupancy.csv')
  @Roles(...OCCUPANCY_READERS)
  @CsvExport('OOH occupancy: a row per city, station and kind')
  async csv(@Query() q: OccupancyQueryDto) {
    return tableCsv(occupancyTable(await this.report(q)), `occupancy-${q.month}.csv`);
  }

  @Get('occupancy.xlsx')
  @Roles(...OCCUPANCY_READERS)
  @XlsxExport('OOH occupancy: a row per city, station and kind')
  async xlsx(@Query() q: OccupancyQueryDto) {
    return tablesWorkbook([occupancyTable(await this.report(q))], `occupancy-${q.month}.xlsx`);
  }
}

function totalOf(rows: OccupancyRow[]) {
  const faces = rows.reduce((s, r) => s + r.faces, 0);
  const inService = rows.reduce((s, r) => s + r.faceDaysInService, 0);
  const taken = rows.reduce((s, r) => s + r.faceDaysTaken, 0);
  return { faces, faceDaysInService: inService, faceDaysTaken: taken, occupancyPercent: inService ? Math.round((taken * 1000) / inService) / 10 : null };
}
