import type { EvidenceRef } from '@ooh/eventing';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DateField, InstantField, NestedField, Optional, PageQueryDto, PhotosField } from '@ooh/http-kit';
import { SiteIdField } from '../shared/fields';

export class InspectionChecksDto {
  @ApiProperty({ description: 'The device runs normally' }) @IsBoolean() deviceRunning!: boolean;
  @ApiProperty({ description: 'The ads displayed are the booked ones' }) @IsBoolean() adsCorrect!: boolean;
  @ApiProperty({ description: 'A safety hazard was found around the site' }) @IsBoolean() safetyHazardFound!: boolean;
  @ApiProperty({ description: 'The site is clean' }) @IsBoolean() clean!: boolean;
}

export class InspectionProblemDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) description!: string;
  @ApiProperty({ enum: ['minor', 'major'] }) @IsIn(['minor', 'major']) severity!: 'minor' | 'major';
}

export class RecordInspectionDto {
  @SiteIdField() siteId!: string;

  @InstantField('When the inspection was done', '2026-11-25T09:30:00+08:00')
  performedAt!: string;

  @NestedField(() => InspectionChecksDto, { description: 'What the inspector checked' })
  checks!: InspectionChecksDto;

  @ApiPropertyOptional({ type: [InspectionProblemDto], description: 'Each problem opens a fault ticket' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => InspectionProblemDto)
  problems?: InspectionProblemDto[];

  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(2000) notes?: string;

  @PhotosField()
  photos!: EvidenceRef[];
}

export class InspectionQueryDto extends PageQueryDto {
  @SiteIdField({ optional: true }) siteId?: string;
  @DateField('First local date', '2026-11-01', { optional: true }) from?: string;
  @DateField('Last local date', '2026-11-30', { optional: true }) to?: string;
}
