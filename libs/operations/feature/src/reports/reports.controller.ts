import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ooh/http-kit';
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
}
