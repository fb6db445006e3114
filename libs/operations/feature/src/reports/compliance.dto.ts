import { Optional } from '@ooh/http-kit';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { SITE_KINDS } from '../sites/site.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

class SiteScopeDto {
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) city?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) station?: string;
  @ApiPropertyOptional({ enum: SITE_KINDS }) @Optional() @IsIn(SITE_KINDS) kind?: string;
}

export class InspectionComplianceQueryDto extends SiteScopeDto {
  @ApiProperty({ example: '2026-11-01' }) @Matches(DATE, { message: 'from must be YYYY-MM-DD' }) from!: string;
  @ApiProperty({ example: '2026-11-30' }) @Matches(DATE, { message: 'to must be YYYY-MM-DD' }) to!: string;
}

export class MaintenanceComplianceQueryDto extends SiteScopeDto {
  @ApiProperty({ example: '2026-W45' }) @Matches(WEEK, { message: 'from must be an ISO week YYYY-Www' }) from!: string;
  @ApiProperty({ example: '2026-W48' }) @Matches(WEEK, { message: 'to must be an ISO week YYYY-Www' }) to!: string;
}
