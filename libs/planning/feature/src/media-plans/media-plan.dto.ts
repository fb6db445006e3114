import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { EvidenceRef } from '@ooh/eventing';
import { AmountFenField, DateField, NestedField, Optional, PageQueryDto, PhotosField, TextList, TwoDecimals } from '@ooh/http-kit';
import { CHANNELS, PRICING_MODELS } from '@ooh/planning-domain';

const ID = /^[A-Za-z0-9_-]{1,40}$/;

export class LineVendorDto {
  @ApiProperty({ maxLength: 64 }) @IsString() @IsNotEmpty() @MaxLength(64) vendorId!: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
}

export class LineFaceDto {
  @ApiProperty({ pattern: '^[A-Z0-9][A-Z0-9_-]{1,39}$', example: 'CQN-LED-01' }) @Matches(/^[A-Z0-9][A-Z0-9_-]{1,39}$/) siteId!: string;
  @ApiProperty({ pattern: '^[A-Za-z0-9_-]{1,20}$', example: 'A' }) @Matches(/^[A-Za-z0-9_-]{1,20}$/) face!: string;
}

export class FlightDto {
  @DateField('First day', '2027-01-04') start!: string;
  @DateField('Last day', '2027-01-31') end!: string;
}

export class GridWeekDto {
  @DateField('The Monday the week starts on', '2027-01-04') weekStart!: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100000, description: 'Units bought that week (0: hiatus)' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  units!: number;
}

export class EstimatesDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1e12 }) @Optional() @IsInt() @Min(1) @Max(1e12) impressions?: number;
  @ApiPropertyOptional({ minimum: 0.01, maximum: 100000 })
  @Optional()
  @TwoDecimals(0.01, 100_000)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100_000)
  grp?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Reach, % of the target audience' })
  @Optional()
  @TwoDecimals(0, 100)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  reach?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1000 })
  @Optional()
  @TwoDecimals(0, 1000)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1000)
  frequency?: number;
}

export class PlanLineDto {
  @ApiProperty({ pattern: ID.source, example: 'L1', description: 'Stable across versions (the diff matches lines by it)' }) @Matches(ID) lineId!: string;
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @NestedField(() => LineVendorDto) vendor!: LineVendorDto;
  @ApiProperty({ maxLength: 200, description: 'Station, publication, site or platform' }) @IsString() @IsNotEmpty() @MaxLength(200) property!: string;
  @ApiPropertyOptional({ type: [LineFaceDto], maxItems: 200, description: 'Operator faces of an OOH line' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => LineFaceDto)
  faces?: LineFaceDto[];
  @ApiPropertyOptional({ maxLength: 200, description: 'Placement / rate-card item' }) @Optional() @IsString() @MaxLength(200) placement?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @Optional() @IsString() @MaxLength(100) format?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 3600 }) @Optional() @IsInt() @Min(1) @Max(3600) spotLengthSeconds?: number;
  @ApiPropertyOptional({ maxLength: 100 }) @Optional() @IsString() @MaxLength(100) adSize?: string;
  @TextList({ description: 'Dayparts', example: ['prime'], maxItems: 20, maxLength: 50, optional: true })
  dayparts?: string[];
  @ApiProperty({ maxLength: 100 }) @IsString() @IsNotEmpty() @MaxLength(100) market!: string;
  @ApiPropertyOptional({ maxLength: 200 }) @Optional() @IsString() @MaxLength(200) targetDemo?: string;
  @NestedField(() => FlightDto) flight!: FlightDto;
  @ApiProperty({
    type: [GridWeekDto],
    maxItems: 106,
    description: 'The weekly grid (continuous, flighting and pulsing are shapes of it); empty: every flight day',
  })
  @IsArray()
  @ArrayMaxSize(106)
  @ValidateNested({ each: true })
  @Type(() => GridWeekDto)
  weeks!: GridWeekDto[];
  @ApiProperty({ enum: PRICING_MODELS }) @IsIn(PRICING_MODELS) pricing!: (typeof PRICING_MODELS)[number];
  @AmountFenField('Gross rate in fen (per unit of the pricing model)', 100_000) grossRateFen!: number;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Agency commission, % of gross' })
  @TwoDecimals(0, 100)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  commissionPercent!: number;
  @NestedField(() => EstimatesDto, { optional: true }) estimates?: EstimatesDto;
}

const lines = () =>
  function (target: object, key: string) {
    ApiProperty({ type: [PlanLineDto], maxItems: 300 })(target, key);
    IsArray()(target, key);
    ArrayMaxSize(300)(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => PlanLineDto)(target, key);
  };

export class CreateMediaPlanDto {
  @ApiProperty({ maxLength: 64, description: 'The campaign (its brief)' }) @IsString() @IsNotEmpty() @MaxLength(64) briefId!: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @lines() lines!: PlanLineDto[];
}

export class SetLinesDto {
  @lines() lines!: PlanLineDto[];
}

export class DraftVersionDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The version it starts from (its parent)' }) @IsInt() @Min(1) @Max(10_000) fromVersion!: number;
  @ApiPropertyOptional({ type: [String], maxItems: 100, description: 'Rehearsal feedback items this version resolves' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(ID, { each: true })
  resolves?: string[];
}

export class OverrideDto {
  @ApiProperty({ maxLength: 2000, description: 'Why the plan may exceed its budget' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class ReturnVersionDto {
  @TextList({ description: 'Why it is returned', example: ['Too much TV'], minItems: 1, maxItems: 50, maxLength: 2000 })
  reasons!: string[];
}

export class ApproveVersionDto {
  @ApiProperty({ pattern: '^[a-f0-9]{64}$', description: 'The content hash of the version as the approver saw it' })
  @Matches(/^[a-f0-9]{64}$/)
  contentHash!: string;
}

export class RehearsalDto {
  @TextList({
    description: 'Feedback items (each resolved by a later version); may be empty',
    example: ['Add a weekend burst'],
    maxItems: 100,
    maxLength: 2000,
  })
  feedback!: string[];
}

export class ClientDecisionDto extends ApproveVersionDto {
  @ApiProperty({ enum: ['approved', 'rejected'] }) @IsIn(['approved', 'rejected']) outcome!: 'approved' | 'rejected';
  @TextList({
    description: 'The client’s feedback (required for a rejection)',
    example: ['Start a week later'],
    maxItems: 100,
    maxLength: 2000,
    optional: true,
  })
  feedback?: string[];
  @PhotosField({ description: 'Signed plan, e-mail, minutes (required)' }) evidence!: EvidenceRef[];
}

export class MediaPlanQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) briefId?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) clientId?: string;
  @ApiPropertyOptional({ enum: ['draft', 'submitted', 'returned', 'approved-internally', 'rehearsed', 'presented', 'client-approved', 'client-rejected'] })
  @Optional()
  @IsIn(['draft', 'submitted', 'returned', 'approved-internally', 'rehearsed', 'presented', 'client-approved', 'client-rejected'])
  status?: string;
}
