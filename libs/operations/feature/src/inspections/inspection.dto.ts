import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@ooh/http-kit';
import { EvidenceInputDto } from '../shared/evidence.dto';

const SITE_ID = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

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
  @ApiProperty({ example: 'CQN-LED-01' }) @Matches(SITE_ID, { message: 'siteId must be a site code' }) siteId!: string;

  @ApiProperty({ description: 'When the inspection was done (ISO-8601 with offset)', example: '2026-11-25T09:30:00+08:00' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'performedAt must carry a time zone offset' })
  performedAt!: string;

  @ApiProperty({ type: InspectionChecksDto })
  @ValidateNested()
  @Type(() => InspectionChecksDto)
  checks!: InspectionChecksDto;

  @ApiPropertyOptional({ type: [InspectionProblemDto], description: 'Each problem opens a fault ticket' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => InspectionProblemDto)
  problems?: InspectionProblemDto[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notes?: string;

  @ApiProperty({ type: [EvidenceInputDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInputDto)
  photos!: EvidenceInputDto[];
}

export class InspectionQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(SITE_ID, { message: 'siteId must be a site code' }) siteId?: string;
  @ApiPropertyOptional({ example: '2026-11-01' }) @IsOptional() @Matches(DATE, { message: 'from must be YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ example: '2026-11-30' }) @IsOptional() @Matches(DATE, { message: 'to must be YYYY-MM-DD' }) to?: string;
}
