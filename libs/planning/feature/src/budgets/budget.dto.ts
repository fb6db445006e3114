import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { EvidenceRef } from '@ooh/eventing';
import { ActorDto, AmountFenField, EvidenceRefViewDto, MonthField, Optional, PageDto, PageQueryDto, PhotosField } from '@ooh/http-kit';
import { CHANNELS } from '@ooh/planning-domain';

export class BudgetBucketDto {
  @ApiPropertyOptional({ enum: CHANNELS, description: 'Absent: every channel' }) @Optional() @IsIn(CHANNELS) channel?: (typeof CHANNELS)[number];
  @MonthField('Absent: the whole campaign', '2027-01', { optional: true }) month?: string;
  @AmountFenField('Authorized amount in fen', 20_000_000) amountFen!: number;
}

export class RequestBudgetDto {
  @ApiProperty({ maxLength: 64, description: 'The campaign (its brief)' }) @IsString() @IsNotEmpty() @MaxLength(64) briefId!: string;
  @ApiProperty({ type: [BudgetBucketDto], maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BudgetBucketDto)
  buckets!: BudgetBucketDto[];
}

export class AuthorizeBudgetDto {
  @ApiProperty({ maxLength: 100, example: 'PO-7781', description: 'The client’s purchase order reference' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  poReference!: string;
  @PhotosField({ description: 'The client’s PO or signed authorization (required)' }) evidence!: EvidenceRef[];
}

export class RejectBudgetDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @PhotosField({ optional: true, description: 'The client’s answer' }) evidence?: EvidenceRef[];
}

export class BudgetQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) briefId?: string;
  @ApiPropertyOptional({ enum: ['requested', 'authorized', 'rejected'] }) @Optional() @IsIn(['requested', 'authorized', 'rejected']) status?: string;
}

class BucketViewDto {
  @ApiProperty({ enum: CHANNELS, nullable: true, type: String }) channel!: string | null;
  @ApiProperty({ type: String, nullable: true }) month!: string | null;
  @ApiProperty({ type: 'integer', minimum: 1 }) amountFen!: number;
}

export class BudgetViewDto {
  @ApiProperty({ enum: ['requested', 'authorized', 'rejected'] }) status!: string;
  @ApiProperty() authorizationId!: string;
  @ApiProperty() briefId!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty() campaign!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: [BucketViewDto] }) buckets!: BucketViewDto[];
  @ApiProperty({ type: 'integer', minimum: 1 }) totalFen!: number;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: ActorDto }) requestedBy!: ActorDto;
  @ApiProperty({ type: String, nullable: true }) poReference!: string | null;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt!: string | null;
  @ApiProperty({ type: ActorDto, nullable: true }) decidedBy!: ActorDto | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) asOf?: string;
}

export const BudgetPageDto = PageDto(BudgetViewDto);
