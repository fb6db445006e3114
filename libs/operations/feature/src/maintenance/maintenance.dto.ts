import type { EvidenceRef } from '@ooh/eventing';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import { InstantField, Optional, PageQueryDto, PhotosField, WeekField } from '@ooh/http-kit';
import { SiteIdField } from '../shared/fields';

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
  @WeekField('The ISO week the visits count for', '2026-W48', { optional: true }) week?: string;
}
