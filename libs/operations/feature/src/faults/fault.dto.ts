import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@ooh/http-kit';
import { EvidenceInputDto } from '../shared/evidence.dto';

const SITE_ID = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;
export const FAULT_STATUSES = ['open', 'acknowledged', 'resolved', 'closed'] as const;

export class OpenFaultDto {
  @ApiProperty() @Matches(SITE_ID, { message: 'siteId must be a site code' }) siteId!: string;
  @ApiProperty({ enum: ['minor', 'major'] }) @IsIn(['minor', 'major']) severity!: 'minor' | 'major';
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) description!: string;

  @ApiPropertyOptional({ type: [EvidenceInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInputDto)
  photos?: EvidenceInputDto[];
}

export class AcknowledgeFaultDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class ResolveFaultDto {
  @ApiProperty({ description: 'What was done' }) @IsString() @IsNotEmpty() @MaxLength(2000) action!: string;

  @ApiProperty({ type: [EvidenceInputDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInputDto)
  photos!: EvidenceInputDto[];
}

export class RejectResolutionDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export class CloseFaultDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class FaultQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: FAULT_STATUSES }) @IsOptional() @IsIn(FAULT_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: ['minor', 'major'] }) @IsOptional() @IsIn(['minor', 'major']) severity?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(SITE_ID, { message: 'siteId must be a site code' }) siteId?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'breached must be true or false' })
  breached?: boolean;
}
