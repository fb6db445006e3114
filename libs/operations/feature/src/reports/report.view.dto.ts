import { ApiProperty } from '@nestjs/swagger';

class MissedSiteDayDto {
  @ApiProperty() siteId!: string;
  @ApiProperty({ format: 'date' }) date!: string;
}

class MissedSiteWeekDto {
  @ApiProperty() siteId!: string;
  @ApiProperty({ example: '2026-W48' }) week!: string;
}

class ReportWindowDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
}

export class InspectionComplianceDto extends ReportWindowDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) requiredSiteDays!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) inspectedSiteDays!: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'inspected ÷ required, 4 decimals; 1 when nothing was required' }) compliance!: number;
  @ApiProperty({ type: [MissedSiteDayDto] }) missed!: MissedSiteDayDto[];
}

export class MaintenanceComplianceDto extends ReportWindowDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) requiredSiteWeeks!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) maintainedSiteWeeks!: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'maintained ÷ required, 4 decimals; 1 when nothing was required' }) compliance!: number;
  @ApiProperty({ type: [MissedSiteWeekDto] }) missed!: MissedSiteWeekDto[];
}

class FaultSlaCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) opened!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Resolved or closed, in time or not' }) resolved!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) resolvedWithinSla!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) resolvedLate!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Still running, deadline not passed: no verdict yet' }) openWithinSla!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Still running past the deadline: already a breach' }) openOverdue!: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'resolvedWithinSla ÷ (resolved + openOverdue), 4 decimals; 1 when nothing has a verdict' })
  compliance!: number;
  @ApiProperty({ type: 'integer', nullable: true }) medianResolutionMinutes!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) maxResolutionMinutes!: number | null;
}

class FaultSlaRowDto extends FaultSlaCountsDto {
  @ApiProperty({ enum: ['major', 'minor'] }) severity!: string;
}

class FaultSlaBreachDto {
  @ApiProperty() faultId!: string;
  @ApiProperty() siteId!: string;
  @ApiProperty({ enum: ['major', 'minor'] }) severity!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time' }) slaDeadline!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Past the deadline at resolution, or now while still running' }) overdueMinutes!: number;
}

class FaultSlaSiteRowDto extends FaultSlaCountsDto {
  @ApiProperty() siteId!: string;
}

class FaultSlaMonthRowDto extends FaultSlaCountsDto {
  @ApiProperty({ example: '2027-01', description: 'The month the faults were opened in (operator time)' }) month!: string;
}

export class FaultSlaReportDto extends ReportWindowDto {
  @ApiProperty({ format: 'date-time', description: 'The instant running faults are judged at' }) asOf!: string;
  @ApiProperty({ type: [FaultSlaRowDto] }) rows!: FaultSlaRowDto[];
  @ApiProperty({ type: FaultSlaCountsDto }) total!: FaultSlaCountsDto;
  @ApiProperty({ type: [FaultSlaSiteRowDto] }) bySite!: FaultSlaSiteRowDto[];
  @ApiProperty({ type: [FaultSlaMonthRowDto] }) byMonth!: FaultSlaMonthRowDto[];
  @ApiProperty({ type: [FaultSlaBreachDto], description: 'Worst first' }) breaches!: FaultSlaBreachDto[];
}
