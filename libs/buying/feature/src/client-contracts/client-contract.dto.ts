import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { EvidenceRef } from '@ooh/eventing';
import { MILESTONE_KINDS } from '@ooh/buying-domain';
import { ActorDto, AmountFenField, DateField, EvidenceRefViewDto, Optional, PageDto, PageQueryDto, PhotosField, TextList, TwoDecimals } from '@ooh/http-kit';

export class MilestoneDto {
  @ApiProperty({ enum: MILESTONE_KINDS }) @IsIn(MILESTONE_KINDS) kind!: (typeof MILESTONE_KINDS)[number];
  @ApiProperty({ minimum: 0.01, maximum: 100, example: 30, description: 'Share of the value, percent (two decimals at most)' })
  @TwoDecimals(0.01, 100)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  percent!: number;
  @DateField('When the client pays it (today or later)', '2026-12-20') dueDate!: string;
}

/** A contract's terms: from a client-approved plan version (planId and planVersion) or directly (clientId, campaign, currency). */
export class ContractDraftDto {
  @ApiPropertyOptional({ maxLength: 64, description: 'The client-approved plan it is drafted from' })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  planId?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000 }) @Optional() @IsInt() @Min(1) @Max(1000) planVersion?: number;
  @ApiPropertyOptional({ maxLength: 64, description: 'Drafted directly: the client' }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) clientId?: string;
  @ApiPropertyOptional({ maxLength: 200, description: 'The client’s name as on the contract (default: its planning file)' })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  clientName?: string;
  @ApiPropertyOptional({ maxLength: 200, description: 'Drafted directly: the campaign' })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  campaign?: string;
  @ApiPropertyOptional({ example: 'CNY', pattern: '^[A-Z]{3}$', description: 'Drafted directly: the currency' })
  @Optional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency?: string;
  @AmountFenField('Contract value in fen', 100_000_000) valueFen!: number;
  @ApiProperty({ type: [MilestoneDto], minItems: 1, maxItems: 2, description: 'In full, or a prepayment and a balance' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestones!: MilestoneDto[];
  @ApiProperty({ maxLength: 4000, example: 'TV and outdoor buying for Winter 2027' }) @IsString() @IsNotEmpty() @MaxLength(4000) scope!: string;
}

export class AmendContractDto extends ContractDraftDto {
  @ApiProperty({ maxLength: 2000, example: 'Spring flight added' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class ContractRevisionRefDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000, description: 'The revision reviewed (it must be the one under way)' })
  @IsInt()
  @Min(1)
  @Max(1000)
  revision!: number;
}

export class ReturnContractDto extends ContractRevisionRefDto {
  @TextList({ description: 'What to change', example: ['The balance falls due too early'], minItems: 1, maxItems: 20, maxLength: 1000 }) reasons!: string[];
}

export class RecordSignatureDto extends ContractRevisionRefDto {
  @DateField('The day the client signed (not in the future)', '2026-12-05') signedOn!: string;
  @ApiProperty({ maxLength: 200, example: 'Chen Li, CMO' }) @IsString() @IsNotEmpty() @MaxLength(200) signatory!: string;
  @PhotosField({ description: 'The signed contract (required)' }) evidence!: EvidenceRef[];
}

export class TerminateContractDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @DateField('The day the termination takes effect (today or later)', '2027-02-01') effectiveOn!: string;
}

export const CONTRACT_STATUSES = ['draft', 'in-review', 'returned', 'approved', 'signed', 'terminated'] as const;

export class ClientContractQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES }) @Optional() @IsIn(CONTRACT_STATUSES) status?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) clientId?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) briefId?: string;
}

class MilestoneViewDto {
  @ApiProperty({ enum: MILESTONE_KINDS }) kind!: string;
  @ApiProperty() percent!: number;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) amountFen!: number;
}

class ContractPlanViewDto {
  @ApiProperty() planId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ type: 'integer' }) netFen!: number;
}

class ContractTermsViewDto {
  @ApiProperty() clientId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty({ type: String, nullable: true }) briefId!: string | null;
  @ApiProperty() campaign!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) valueFen!: number;
  @ApiProperty({ type: [MilestoneViewDto] }) milestones!: MilestoneViewDto[];
  @ApiProperty() scope!: string;
  @ApiProperty({ type: ContractPlanViewDto, nullable: true }) plan!: ContractPlanViewDto | null;
}

class ContractRevisionViewDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) revision!: number;
  @ApiProperty({ type: ContractTermsViewDto }) terms!: ContractTermsViewDto;
  @ApiProperty({ format: 'date-time' }) draftedAt!: string;
  @ApiProperty({ type: ActorDto }) draftedBy!: ActorDto;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) reviewedAt!: string | null;
  @ApiProperty({ type: ActorDto, nullable: true }) reviewedBy!: ActorDto | null;
  @ApiProperty({ type: [String] }) returnReasons!: string[];
  @ApiProperty({ type: String, nullable: true, format: 'date' }) signedOn!: string | null;
  @ApiProperty({ type: [EvidenceRefViewDto] }) signedDocument!: EvidenceRefViewDto[];
  @ApiProperty({ type: String, nullable: true }) signatory!: string | null;
}

export class BlockerViewDto {
  @ApiProperty() gate!: string;
  @ApiProperty() waitingFor!: string;
  @ApiProperty({ description: 'The role whose task it is' }) releasedBy!: string;
  @ApiProperty({ type: [String] }) releasedByRoles!: string[];
}

class CollectionViewDto {
  @ApiProperty() receivableId!: string;
  @ApiProperty({ enum: MILESTONE_KINDS }) kind!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ format: 'date-time' }) settledAt!: string;
}

class TerminationViewDto {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date' }) effectiveOn!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

export class ClientContractViewDto {
  @ApiProperty({ enum: CONTRACT_STATUSES }) status!: string;
  @ApiProperty() contractId!: string;
  @ApiProperty({ type: 'integer', description: 'The revision under way' }) currentRevision!: number;
  @ApiProperty({ type: 'integer', description: 'The revision in force (0: none signed yet)' }) signedRevision!: number;
  @ApiProperty({ type: [ContractRevisionViewDto] }) revisions!: ContractRevisionViewDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Billed per milestone over every signed revision' })
  billedFen!: Record<string, number>;
  @ApiProperty({ type: [CollectionViewDto] }) collected!: CollectionViewDto[];
  @ApiProperty({ type: 'integer' }) collectedFen!: number;
  @ApiProperty({ type: TerminationViewDto, nullable: true }) termination!: TerminationViewDto | null;
  @ApiProperty({ type: ActorDto }) draftedBy!: ActorDto;
  @ApiProperty({ type: [BlockerViewDto], description: 'What it waits for and who releases it' }) blockedBy!: BlockerViewDto[];
  @ApiProperty({ type: String, nullable: true }) clientId!: string | null;
  @ApiProperty({ type: String, nullable: true }) briefId!: string | null;
  @ApiProperty({ format: 'date-time' }) draftedAt!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const ClientContractPageDto = PageDto(ClientContractViewDto);
