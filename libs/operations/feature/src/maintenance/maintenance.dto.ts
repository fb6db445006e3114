import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@ooh/http-kit';
import { EvidenceInputDto } from '../shared/evidence.dto';

const SITE_ID = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;
const OFFSET = /(Z|[+-]\d{2}:\d{2})$/;
const WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

export class PowerCycleDto {
  @ApiProperty({ description: 'Switched off (evening)', example: '2026-11-24T22:00:00+08:00' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(OFFSET, { message: 'offAt must carry a time zone offset' })
  offAt!: string;

  @ApiProperty({ description: 'Switched back on (09:00 next morning)', example: '2026-11-25T09:00:00+08:00' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(OFFSET, { message: 'onAt must carry a time zone offset' })
  onAt!: string;
}

export class RecordMaintenanceDto {
  @ApiProperty() @Matches(SITE_ID, { message: 'siteId must be a site code' }) siteId!: string;

  @ApiProperty({ example: '2026-11-25T09:05:00+08:00' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(OFFSET, { message: 'performedAt must carry a time zone offset' })
  performedAt!: string;

  @ApiPropertyOptional({ type: PowerCycleDto, description: 'Required for LED screens and tablets' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PowerCycleDto)
  powerCycle?: PowerCycleDto;

  @ApiProperty({ enum: ['done', 'cleaner-checked'], description: 'Cleaned by us, or the cleaner\u2019s work checked' })
  @IsIn(['done', 'cleaner-checked'])
  cleaning!: 'done' | 'cleaner-checked';

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notes?: string;

  @ApiProperty({ type: [EvidenceInputDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInputDto)
  photos!: EvidenceInputDto[];
}

export class MaintenanceQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(SITE_ID, { message: 'siteId must be a site code' }) siteId?: string;
  @ApiPropertyOptional({ example: '2026-W48' }) @IsOptional() @Matches(WEEK, { message: 'week must be YYYY-Www' }) week?: string;
}
