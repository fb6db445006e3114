import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { EvidenceRef } from '@ooh/eventing';
import { PageQueryDto, PhotosField, Optional } from '@ooh/http-kit';
import { SiteIdField } from '../shared/fields';

export const FAULT_STATUSES = ['open', 'acknowledged', 'resolved', 'closed'] as const;

export class OpenFaultDto {
  @SiteIdField() siteId!: string;
  @ApiProperty({ enum: ['minor', 'major'] }) @IsIn(['minor', 'major']) severity!: 'minor' | 'major';
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) description!: string;

  @PhotosField({ optional: true })
  photos?: EvidenceRef[];
}

export class AcknowledgeFaultDto {
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(1000) note?: string;
}

export class ResolveFaultDto {
  @ApiProperty({ description: 'What was done' }) @IsString() @IsNotEmpty() @MaxLength(2000) action!: string;

  @PhotosField()
  photos!: EvidenceRef[];
}

export class CloseFaultDto {
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(1000) note?: string;
}

export class FaultQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: FAULT_STATUSES }) @Optional() @IsIn(FAULT_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: ['minor', 'major'] }) @Optional() @IsIn(['minor', 'major']) severity?: string;
  @SiteIdField({ optional: true }) siteId?: string;

  @ApiPropertyOptional({ type: Boolean })
  @Optional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'breached must be true or false' })
  breached?: boolean;
}
