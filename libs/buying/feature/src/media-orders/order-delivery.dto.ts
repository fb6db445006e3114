import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { EvidenceRef } from '@ooh/eventing';
import { AUDIENCE_SOURCES, PROOF_OUTCOMES, PROOF_SOURCES } from '@ooh/buying-domain';
import { DateField, EvidenceInputDto, TwoDecimals, InstantField, NestedField, Optional, PageDto, PageQueryDto, PhotosField, TextList } from '@ooh/http-kit';
import { OrderUnitDto } from './media-order.dto';
import { MakegoodViewDto } from './order-delivery.view.dto';

export class UnitProofDto {
  @ApiProperty({ maxLength: 64, example: 'u1' }) @IsString() @IsNotEmpty() @MaxLength(64) unitId!: string;
  @ApiProperty({ enum: PROOF_OUTCOMES }) @IsIn(PROOF_OUTCOMES) outcome!: (typeof PROOF_OUTCOMES)[number];
  @InstantField('When it aired (aired units only; not in the future)', '2027-01-05T20:30:00+08:00', { optional: true }) airedAt?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 3600 }) @Optional() @IsInt() @Min(1) @Max(3600) airedLengthSeconds?: number;
  @ApiProperty({ enum: PROOF_SOURCES, example: 'affidavit' }) @IsIn(PROOF_SOURCES) source!: (typeof PROOF_SOURCES)[number];
  @PhotosField({ description: 'Affidavit or e-invoice line, tear sheet, photo (required)' }) evidence!: EvidenceRef[];
  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) note?: string;
}

export class RecordProofsDto {
  @ApiProperty({ type: [UnitProofDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => UnitProofDto)
  proofs!: UnitProofDto[];
}

export class ProofImportDto {
  @NestedField(() => EvidenceInputDto, {
    description:
      'The vendor’s proof file, uploaded as text/csv: a header row, then one row per unit with unit_id, outcome (aired, preempted, missed), aired_at (2027-01-05 20:30 in operator time, or ISO 8601 with offset), aired_length_seconds, source, note',
  })
  file!: EvidenceRef;
}

export class MakegoodOfferDto {
  @ApiProperty({ maxLength: 64 }) @IsString() @IsNotEmpty() @MaxLength(64) planLineId!: string;
  @TextList({ description: 'The missed or preempted units it replaces', example: ['u2'], minItems: 1, maxItems: 200, maxLength: 64 }) forUnitIds!: string[];
  @ApiProperty({ type: [OrderUnitDto], minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrderUnitDto)
  units!: OrderUnitDto[];
}

export class MakegoodDecisionDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Required outside the value rule (a media director only)' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class DeliverProofPackDto {
  @TextList({ description: 'Units in the pack (absent: every unit with proof)', example: ['u1', 'u2'], maxItems: 500, maxLength: 64, optional: true })
  unitIds?: string[];
  @DateField('The day it reached the client (not in the future)', '2027-02-10') deliveredOn!: string;
  @ApiProperty({ maxLength: 200, example: 'Ms Liu, brand manager' }) @IsString() @IsNotEmpty() @MaxLength(200) recipient!: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) note?: string;
}

export class AcknowledgeProofPackDto {
  @DateField('The day the client acknowledged it', '2027-02-12') acknowledgedOn!: string;
  @PhotosField({ description: 'The client’s acknowledgement (signed receipt, e-mail): required' }) evidence!: EvidenceRef[];
}

export const UNIT_PROOF_STATES = ['pending', ...PROOF_OUTCOMES] as const;

export class OrderUnitQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: UNIT_PROOF_STATES, description: 'pending: no proof yet' }) @Optional() @IsIn(UNIT_PROOF_STATES) proof?: string;
  @ApiPropertyOptional({ description: 'true: pending units whose proof is overdue (last day plus the grace days has passed)', enum: ['true'] })
  @Optional()
  @IsIn(['true'])
  overdue?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) vendorId?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) orderId?: string;
}

export class MakegoodQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['offered', 'accepted', 'rejected'] }) @Optional() @IsIn(['offered', 'accepted', 'rejected']) status?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) vendorId?: string;
}

class UnitFaceViewDto {
  @ApiProperty() siteId!: string;
  @ApiProperty() face!: string;
}

export class OrderUnitRowDto {
  @ApiProperty() orderId!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty() vendorName!: string;
  @ApiProperty() briefId!: string;
  @ApiProperty() campaign!: string;
  @ApiProperty() planLineId!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() property!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ format: 'date' }) endDate!: string;
  @ApiProperty() daypart!: string;
  @ApiProperty({ type: 'integer', nullable: true }) spotLengthSeconds!: number | null;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty({ type: 'integer' }) rateFen!: number;
  @ApiProperty({ type: 'integer' }) netFen!: number;
  @ApiProperty({ type: UnitFaceViewDto, nullable: true }) face!: UnitFaceViewDto | null;
  @ApiProperty({ type: String, nullable: true }) makegoodFor!: string | null;
  @ApiProperty({ type: String, nullable: true }) replacedBy!: string | null;
  @ApiProperty() orderStatus!: string;
  @ApiProperty({ enum: UNIT_PROOF_STATES }) proof!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) airedAt!: string | null;
  @ApiProperty() proofLate!: boolean;
  @ApiProperty({ type: [String], enum: ['time', 'length'] }) discrepancies!: string[];
}

export const OrderUnitPageDto = PageDto(OrderUnitRowDto);

export class MakegoodRowDto extends MakegoodViewDto {
  @ApiProperty() orderId!: string;
  @ApiProperty() vendorId!: string;
}

export const MakegoodPageDto = PageDto(MakegoodRowDto);

export class AudienceDeliveryDto {
  @ApiProperty({ maxLength: 64, example: 'L1' }) @IsString() @IsNotEmpty() @MaxLength(64) planLineId!: string;
  @DateField('The day the measurement was taken (between the line’s first day and today)', '2027-02-05') measuredOn!: string;
  @ApiProperty({ enum: AUDIENCE_SOURCES, example: 'ratings-panel' }) @IsIn(AUDIENCE_SOURCES) source!: (typeof AUDIENCE_SOURCES)[number];
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1e12, example: 12_000_000 }) @Optional() @IsInt() @Min(0) @Max(1e12) impressions?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100_000, example: 240.5, description: 'Gross rating points in the line’s target audience' })
  @Optional()
  @TwoDecimals(0, 100_000)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100_000)
  grp?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 62.3, description: 'Percent of the target audience reached at least once' })
  @Optional()
  @TwoDecimals(0, 100)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  reach?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, example: 3.86 })
  @Optional()
  @TwoDecimals(1, 1000)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(1)
  @Max(1000)
  frequency?: number;
  @PhotosField({ description: 'The source report (ratings, ad-server or traffic report): required' }) evidence!: EvidenceRef[];
  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) note?: string;
}
