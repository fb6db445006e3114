import type { EvidenceRef } from '@ooh/eventing';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageQueryDto, InstantField, PhotosField, Optional } from '@ooh/http-kit';
import { SiteIdField } from '../shared/fields';

const WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

export class PowerCycleDto {
  @InstantField('Switched off (evening)', '2026-11-24T22:00:00+08:00')
  offAt!: string;

  @InstantField('Switched back on (09:00 next morning)', '2026-11-25T09:00:00+08:00')
  onAt!: string;
}

export class RecordMaintenanceDto {
  @SiteIdField() siteId!: string;

  @InstantField('When the maintenance was done', '2026-11-25T09:05:00+08:00')
  performedAt!: string;

  @ApiPropertyOptional({ type: PowerCycleDto, description: 'Required for LED screens and tablets' })
  @Optional()
  @ValidateNested()
  @Type(() => PowerCycleDto)
  powerCycle?: PowerCycleDto;

  @ApiProperty({ enum: ['done', 'cleaner-checked'], description: 'Cleaned by us, or the cleaner\u2019s work checked' })
  @IsIn(['done', 'cleaner-checked'])
  cleaning!: 'done' | 'cleaner-checked';

  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(2000) notes?: string;

  @PhotosField()
  photos!: EvidenceRef[];
}

export class MaintenanceQueryDto extends PageQueryDto {
  @SiteIdField({ optional: true }) siteId?: string;
  @ApiPropertyOptional({ example: '2026-W48' }) @Optional() @Matches(WEEK, { message: 'week must be YYYY-Www' }) week?: string;
}
