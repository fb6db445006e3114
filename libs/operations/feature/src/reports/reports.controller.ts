import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CsvExport, Roles, tableCsv, tablesWorkbook, XlsxExport } from '@ooh/http-kit';
import { faultBreachesTable, faultSlaTable } from './fault-sla.tables';
import { FaultSlaQueryDto, InspectionComplianceQueryDto, MaintenanceComplianceQueryDto } from './compliance.dto';
import { ComplianceQueries } from './compliance.queries';
import { FaultSlaQueries } from './fault-sla.queries';
import { FaultSlaReportDto, InspectionComplianceDto, MaintenanceComplianceDto } from './report.view.dto';

@ApiTags('operations: reports')
@ApiBearerAuth()
@Controller('api/operations/reports')
export class ReportsController {
  constructor(
    private readonly compliance: ComplianceQueries,
    private readonly faultSla: FaultSlaQueries,
  ) {}

  @Get('inspection-compliance')
  @ApiOkResponse({ type: InspectionComplianceDto })
  @Roles('ops-manager', 'executive', 'ops-staff', 'admin')
  inspectionCompliance(@Query() q: InspectionComplianceQueryDto) {
    return this.compliance.inspections(q);
  }

  @Get('maintenance-compliance')
  @ApiOkResponse({ type: MaintenanceComplianceDto })
  @Roles('ops-manager', 'executive', 'ops-staff', 'admin')
  maintenanceCompliance(@Query() q: MaintenanceComplianceQueryDto) {
    return this.compliance.maintenance(q);
  }

  @Get('fault-sla')
  @ApiOkResponse({ type: FaultSlaReportDto })
  @Roles('ops-manager', 'executive', 'ops-staff', 'admin')
  faultSlaReport(@Query() q: FaultSlaQueryDto) {
    return this.faultSla.report(q);
  }

  @Get('fault-sla.csv')
  @Roles('ops-manager', 'executive', 'ops-staff', 'admin')
  @CsvExport('The fault SLA: a row for the total, each severity, site and month')
  async faultSlaCsv(@Query() q: FaultSlaQueryDto) {
    return tableCsv(faultSlaTable(await this.faultSla.report(q)), `fault-sla-${q.from}-${q.to}.csv`);
  }

  @Get('fault-sla.xlsx')
  @Roles('ops-manager', 'executive', 'ops-staff', 'admin')
  @XlsxExport('The fault SLA by severity, site and month, and every breach')
  async faultSlaXlsx(@Query() q: FaultSlaQueryDto) {
    const report = await this.faultSla.report(q);
    return tablesWorkbook([faultSlaTable(report), faultBreachesTable(report)], `fault-sla-${q.from}-${q.to}.xlsx`);
  }
}
