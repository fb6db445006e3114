import { DateField, Optional, WeekField } from '@ooh/http-kit';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { SITE_KINDS } from '../sites/site.dto';

class SiteScopeDto {
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) city?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) station?: string;
  @ApiPropertyOptional({ enum: SITE_KINDS }) @Optional() @IsIn(SITE_KINDS) kind?: string;
}

export class InspectionComplianceQueryDto extends SiteScopeDto {
  @DateField('First day', '2026-11-01') from!: string;
  @DateField('Last day', '2026-11-30') to!: string;
}

export class FaultSlaQueryDto extends SiteScopeDto {
  @DateField('First local day faults were opened on', '2026-11-01') from!: string;
  @DateField('Last local day', '2026-11-30') to!: string;
}

export class MaintenanceComplianceQueryDto extends SiteScopeDto {
  @WeekField('First ISO week', '2026-W45') from!: string;
  @WeekField('Last ISO week', '2026-W48') to!: string;
}
