import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ooh/http-kit';
import { InspectionComplianceQueryDto, MaintenanceComplianceQueryDto } from './compliance.dto';
import { ComplianceQueries } from './compliance.queries';

@ApiTags('operations: reports')
@ApiBearerAuth()
@Controller('api/operations/reports')
export class ReportsController {
  constructor(private readonly compliance: ComplianceQueries) {}

  @Get('inspection-compliance')
  @Roles('ops-manager', 'executive', 'ops-staff', 'admin')
  inspectionCompliance(@Query() q: InspectionComplianceQueryDto) {
    return this.compliance.inspections(q);
  }

  @Get('maintenance-compliance')
  @Roles('ops-manager', 'executive', 'ops-staff', 'admin')
  maintenanceCompliance(@Query() q: MaintenanceComplianceQueryDto) {
    return this.compliance.maintenance(q);
  }
}
