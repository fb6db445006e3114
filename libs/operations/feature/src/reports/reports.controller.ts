import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CsvExport, Roles, tableCsv, tablesWorkbook, XlsxExport } from '@ooh/http-kit';
import { complianceMissed, complianceSummary, faultBreachesTable, faultSlaTable } from './fault-sla.tables';
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

  @Get('inspection-compliance.csv')
  @Roles('ops-manager', 'executive', 'ops-staff', 'admin')
  @CsvExport('Inspection compliance: every site-day required and not inspected')
  async inspectionCsv(@Query() q: InspectionComplianceQueryDto) {
    return tableCsv(complianceMissed(await this.compliance.inspections(q)), `inspection-compliance-${q.from}-${q.to}.csv`);
  }

  @Get('inspection-compliance.xlsx')
  @Roles('ops-manager', 'executive', 'ops-staff', 'admin')
  @XlsxExport('Inspection compliance: the figures, and every site-day required and not inspected')
  async inspectionXlsx(@Query() q: InspectionComplianceQueryDto) {
    const report = await this.compliance.inspections(q);
    return tablesWorkbook(
      [complianceSummary(report, 'requiredSiteDays', 'inspectedSiteDays'), complianceMissed(report)],
      `inspection-compliance-${q.from}-${q.to}.xlsx`,
    );
  }

  @Get('maintenance-compliance.csv')
  @Roles('ops-manager', 'executive', 'ops-staff', 'admin')
  @CsvExport('Maintenance compliance: every site-week required and not maintained')
  async maintenanceCsv(@Query() q: MaintenanceComplianceQueryDto) {
    return tableCsv(complianceMissed(await this.compliance.maintenance(q)), `maintenance-compliance.csv`);
  }

  @Get('maintenance-compliance.xlsx')
  @Roles('ops-manager', 'executive', 'ops-staff', 'admin')
  @XlsxExport('Maintenance compliance: the figures, and every site-week required and not maintained')
  async maintenanceXlsx(@Query() q: MaintenanceComplianceQueryDto) {
    const report = await this.compliance.maintenance(q);
    return tablesWorkbook([complianceSummary(report, 'requiredSiteWeeks', 'maintainedSiteWeeks'), complianceMissed(report)], `maintenance-compliance.xlsx`);
  }
}
