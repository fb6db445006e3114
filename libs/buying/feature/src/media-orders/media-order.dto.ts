import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { EvidenceRef } from '@ooh/eventing';
import { CREATIVE_KINDS, MAX_UNITS_PER_ORDER, RATE_UNITS } from '@ooh/buying-domain';
import { ActorDto, DateField, EvidenceRefViewDto, MAX_AMOUNT_FEN, NestedField, Optional, PageDto, PageQueryDto, PhotosField, TextList } from '@ooh/http-kit';
import { BlockerViewDto } from '../client-contracts/client-contract.dto';
import { AudienceMeasurementViewDto, CreditViewDto, MakegoodViewDto, ProofPackViewDto, UnitProofViewDto } from './order-delivery.view.dto';

export class OrderFaceDto {
  @ApiProperty({ maxLength: 64 }) @IsString() @IsNotEmpty() @MaxLength(64) siteId!: string;
  @ApiProperty({ maxLength: 32, example: 'A' }) @IsString() @IsNotEmpty() @MaxLength(32) face!: string;
}

export class OrderUnitDto {
  @ApiProperty({ maxLength: 64, example: 'cctv1-0105-prime', description: 'Stable within the order: proof, makegoods and invoices refer to it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  unitId!: string;
  @DateField('Air date, insertion date, or first day on the face', '2027-01-05') date!: string;
  @DateField('Last day (absent: the same day)', '2027-01-05', { optional: true }) endDate?: string;
  @ApiProperty({ maxLength: 100, example: 'prime', description: 'Daypart, position or placement, as the rate card names it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  daypart!: string;
  @ApiProperty({ enum: RATE_UNITS }) @IsIn(RATE_UNITS) unit!: (typeof RATE_UNITS)[number];
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 3600, example: 15 }) @Optional() @IsInt() @Min(1) @Max(3600) spotLengthSeconds?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100_000, default: 1, description: 'Spots, insertions or face-days' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity?: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_AMOUNT_FEN, example: 1_000_000, description: 'Gross rate per quantity, in fen' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_FEN)
  rateFen!: number;
  @ApiPropertyOptional({ maxLength: 2000, description: 'Why the rate is off the vendor’s card (required for such a rate to be signed)' })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  negotiationNote?: string;
  @NestedField(() => OrderFaceDto, { optional: true, description: 'The operator face (lines on the operator’s own faces)' }) face?: OrderFaceDto;
}

export class OrderLineDto {
  @ApiProperty({ maxLength: 64, description: 'The plan line bought' }) @IsString() @IsNotEmpty() @MaxLength(64) planLineId!: string;
  @ApiProperty({ type: [OrderUnitDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OrderUnitDto)
  units!: OrderUnitDto[];
}

export class OrderContentDto {
  @ApiProperty({ type: [OrderLineDto], minItems: 1, maxItems: 100, description: `At most ${MAX_UNITS_PER_ORDER} units in all` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  lines!: OrderLineDto[];
  @DateField('When the materials are due at the media owner (before the first unit airs)', '2026-12-28', { optional: true }) materialsDueDate?: string;
}

export class DraftMediaOrderDto extends OrderContentDto {
  @ApiProperty({ maxLength: 64 }) @IsString() @IsNotEmpty() @MaxLength(64) vendorId!: string;
  @ApiProperty({ maxLength: 64, description: 'The client-approved plan' }) @IsString() @IsNotEmpty() @MaxLength(64) planId!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000 }) @IsInt() @Min(1) @Max(1000) planVersion!: number;
  @ApiProperty({ maxLength: 64, description: 'The client contract covering the campaign' }) @IsString() @IsNotEmpty() @MaxLength(64) contractId!: string;
}

export class OrderRevisionRefDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000, description: 'The revision (it must be the one under way)' })
  @IsInt()
  @Min(1)
  @Max(1000)
  revision!: number;
}

export class ReturnOrderDto extends OrderRevisionRefDto {
  @TextList({ description: 'What to change', example: ['Prime spots over the rate card'], minItems: 1, maxItems: 20, maxLength: 1000 }) reasons!: string[];
}

export class SendOrderDto {
  @PhotosField({ optional: true, description: 'The order as sent (PDF, e-mail)' }) evidence?: EvidenceRef[];
}

export class VendorConfirmationDto {
  @ApiProperty({ maxLength: 100, example: 'CCTV-2027-0012', description: 'The vendor’s reference for the order' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  vendorReference!: string;
  @PhotosField({ description: 'The vendor’s confirmation (signed order, e-mail): required' }) evidence!: EvidenceRef[];
}

export class VendorDeclineDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @PhotosField({ optional: true, description: 'The vendor’s answer' }) evidence?: EvidenceRef[];
}

export class MaterialsCreativeDto {
  @ApiProperty({ maxLength: 500, example: 'Winter beer 15s, 1920×1080' }) @IsString() @IsNotEmpty() @MaxLength(500) description!: string;
  @ApiProperty({ enum: CREATIVE_KINDS }) @IsIn(CREATIVE_KINDS) kind!: (typeof CREATIVE_KINDS)[number];
}

export class MaterialsSentDto {
  @DateField('The day the materials went out (not in the future)', '2026-12-20') sentOn!: string;
  @ApiProperty({ maxLength: 2000, example: 'Masters by courier SF1234' }) @IsString() @MaxLength(2000) note!: string;
  @PhotosField({ description: 'Proof of dispatch (courier receipt, upload confirmation), or the creative files themselves: required' })
  evidence!: EvidenceRef[];
  @NestedField(() => MaterialsCreativeDto, {
    optional: true,
    description: 'The creative these materials are (required before an order on the operator’s own faces is sent: its files are the evidence)',
  })
  creative?: MaterialsCreativeDto;
}

export class VendorPaymentDto {
  @ApiProperty({
    enum: ['prepayment'],
    description: 'The prepayment per the vendor’s terms, once the order is confirmed (the balance is paid against the approved invoice)',
  })
  @IsIn(['prepayment'])
  milestone!: 'prepayment';
}

export const ORDER_STATUSES = ['draft', 'submitted', 'returned', 'signed', 'sent', 'confirmed', 'declined', 'cancelled'] as const;

export class MediaOrderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @Optional() @IsIn(ORDER_STATUSES) status?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) vendorId?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) briefId?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) planId?: string;
}

class OrderFaceViewDto {
  @ApiProperty() siteId!: string;
  @ApiProperty() face!: string;
}

class OrderUnitViewDto {
  @ApiProperty() unitId!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ format: 'date' }) endDate!: string;
  @ApiProperty() daypart!: string;
  @ApiProperty({ enum: RATE_UNITS }) unit!: string;
  @ApiProperty({ type: 'integer', nullable: true }) spotLengthSeconds!: number | null;
  @ApiProperty({ type: 'integer', minimum: 1 }) quantity!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) rateFen!: number;
  @ApiProperty({ type: String, nullable: true }) negotiationNote!: string | null;
  @ApiProperty({ type: OrderFaceViewDto, nullable: true }) face!: OrderFaceViewDto | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) grossFen!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) netFen!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The makegood this unit was offered in' }) makegoodFor!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The makegood that replaced it (it no longer counts)' }) replacedBy!: string | null;
}

class OrderLineFlightViewDto {
  @ApiProperty({ format: 'date' }) start!: string;
  @ApiProperty({ format: 'date' }) end!: string;
}

class OrderLineViewDto {
  @ApiProperty() planLineId!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() property!: string;
  @ApiProperty() market!: string;
  @ApiProperty({ type: OrderLineFlightViewDto }) flight!: OrderLineFlightViewDto;
  @ApiProperty({ type: [OrderFaceViewDto] }) faces!: OrderFaceViewDto[];
  @ApiProperty() commissionPercent!: number;
  @ApiProperty({ type: [OrderUnitViewDto] }) units!: OrderUnitViewDto[];
  @ApiProperty({ type: 'integer' }) grossFen!: number;
  @ApiProperty({ type: 'integer' }) netFen!: number;
}

class OrderTotalsViewDto {
  @ApiProperty({ type: 'integer' }) grossFen!: number;
  @ApiProperty({ type: 'integer' }) netFen!: number;
  @ApiProperty({ type: 'integer' }) units!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) firstDate!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) lastDate!: string | null;
}

class OrderReturnedViewDto {
  @ApiProperty({ type: [String] }) reasons!: string[];
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class OrderRevisionWithdrawnViewDto {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class OrderRevisionViewDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) revision!: number;
  @ApiProperty({ type: [OrderLineViewDto] }) lines!: OrderLineViewDto[];
  @ApiProperty({ type: OrderTotalsViewDto }) totals!: OrderTotalsViewDto;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) materialsDueDate!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the revision was opened' }) reason!: string | null;
  @ApiProperty({ type: [String], description: 'Who wrote it (none of them may sign it)' }) contributors!: string[];
  @ApiProperty({ format: 'date-time' }) draftedAt!: string;
  @ApiProperty({ type: ActorDto }) draftedBy!: ActorDto;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt!: string | null;
  @ApiProperty({ type: OrderReturnedViewDto, nullable: true }) returned!: OrderReturnedViewDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) signedAt!: string | null;
  @ApiProperty({ type: ActorDto, nullable: true }) signedBy!: ActorDto | null;
  @ApiProperty({ type: OrderRevisionWithdrawnViewDto, nullable: true, description: 'Given up before it was signed' })
  withdrawn!: OrderRevisionWithdrawnViewDto | null;
}

class OrderVendorTermsViewDto {
  @ApiProperty() prepaymentPercent!: number;
  @ApiProperty({ type: 'integer' }) balanceDaysAfterAiring!: number;
}

class OrderVendorViewDto {
  @ApiProperty() vendorId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: OrderVendorTermsViewDto }) terms!: OrderVendorTermsViewDto;
}

class OrderPlanViewDto {
  @ApiProperty() planId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() contentHash!: string;
  @ApiProperty() briefId!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty() campaign!: string;
  @ApiProperty() currency!: string;
}

class OrderFactViewDto {
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
  @ApiPropertyOptional() vendorReference?: string;
  @ApiPropertyOptional() reason?: string;
}

class MaterialsCreativeViewDto {
  @ApiProperty() description!: string;
  @ApiProperty({ enum: CREATIVE_KINDS }) kind!: string;
}

class OohRequestFaceViewDto {
  @ApiProperty() siteId!: string;
  @ApiProperty() face!: string;
}

class OohRequestPeriodViewDto {
  @ApiProperty({ format: 'date' }) start!: string;
  @ApiProperty({ format: 'date' }) end!: string;
}

class OohRefusalViewDto {
  @ApiProperty() code!: string;
  @ApiProperty() reason!: string;
}

class OohRequestViewDto {
  @ApiProperty() requestId!: string;
  @ApiProperty() planLineId!: string;
  @ApiProperty({ type: [OohRequestFaceViewDto] }) faces!: OohRequestFaceViewDto[];
  @ApiProperty({ type: OohRequestPeriodViewDto }) period!: OohRequestPeriodViewDto;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({ type: OohRefusalViewDto, nullable: true, description: 'The operator could not book it' }) refusal!: OohRefusalViewDto | null;
}

class MaterialsViewDto {
  @ApiProperty({ type: MaterialsCreativeViewDto, nullable: true }) creative!: MaterialsCreativeViewDto | null;
  @ApiProperty({ format: 'date' }) sentOn!: string;
  @ApiProperty() late!: boolean;
  @ApiProperty() note!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class PaidViewDto {
  @ApiProperty() payableId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ format: 'date' }) paidOn!: string;
}

class PaymentViewDto {
  @ApiProperty() requestId!: string;
  @ApiProperty({ enum: ['prepayment'] }) milestone!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: ActorDto }) requestedBy!: ActorDto;
  @ApiProperty({ type: PaidViewDto, nullable: true }) paid!: PaidViewDto | null;
}

class AppliedInvoiceViewDto {
  @ApiProperty() invoiceId!: string;
  @ApiProperty() invoiceNumber!: string;
  @ApiProperty({ type: [String], description: 'The units it billed' }) unitIds!: string[];
  @ApiProperty({ type: 'integer' }) payableFen!: number;
  @ApiProperty({ type: 'integer' }) prepaymentDeductedFen!: number;
}

class CancellationViewDto {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

export class MediaOrderViewDto {
  @ApiProperty({ enum: ORDER_STATUSES }) status!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty({ type: OrderVendorViewDto }) vendor!: OrderVendorViewDto;
  @ApiProperty({ type: OrderPlanViewDto }) plan!: OrderPlanViewDto;
  @ApiProperty() contractId!: string;
  @ApiProperty({ type: 'integer' }) currentRevision!: number;
  @ApiProperty({ type: 'integer', description: 'The revision in force (0: none signed yet)' }) signedRevision!: number;
  @ApiProperty({ type: [OrderRevisionViewDto] }) revisions!: OrderRevisionViewDto[];
  @ApiProperty({ type: OrderFactViewDto, nullable: true }) sent!: OrderFactViewDto | null;
  @ApiProperty({ type: OrderFactViewDto, nullable: true }) confirmation!: OrderFactViewDto | null;
  @ApiProperty({ type: OrderFactViewDto, nullable: true }) decline!: OrderFactViewDto | null;
  @ApiProperty({ type: MaterialsViewDto, nullable: true }) materials!: MaterialsViewDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'The day the scheduler found the materials late' }) materialsLateFlaggedOn!:
    string | null;
  @ApiProperty({ type: [OohRequestViewDto], description: 'Booking requests sent to the operator for lines on its own faces' })
  oohRequests!: OohRequestViewDto[];
  @ApiProperty({ type: [PaymentViewDto] }) payments!: PaymentViewDto[];
  @ApiProperty({ type: [AppliedInvoiceViewDto], description: 'Approved vendor invoices and the units they billed' }) invoices!: AppliedInvoiceViewDto[];
  @ApiProperty({ type: 'integer' }) billedFen!: number;
  @ApiProperty({ type: CancellationViewDto, nullable: true }) cancellation!: CancellationViewDto | null;
  @ApiProperty({ type: ActorDto }) draftedBy!: ActorDto;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(UnitProofViewDto) }, description: 'Proof of airing by unit id' })
  proofs!: Record<string, UnitProofViewDto>;
  @ApiProperty({ type: [MakegoodViewDto] }) makegoods!: MakegoodViewDto[];
  @ApiProperty({ type: [CreditViewDto], description: 'Credits due from the vendor' }) credits!: CreditViewDto[];
  @ApiProperty({ type: [ProofPackViewDto] }) proofPacks!: ProofPackViewDto[];
  @ApiProperty({ type: [AudienceMeasurementViewDto], description: 'Post-buy audience measurements, in order recorded (the latest per line counts)' })
  audience!: AudienceMeasurementViewDto[];
  @ApiProperty({ type: [BlockerViewDto] }) blockedBy!: BlockerViewDto[];
  @ApiProperty() vendorId!: string;
  @ApiProperty() briefId!: string;
  @ApiProperty() planId!: string;
  @ApiProperty({ type: 'integer', description: 'Net of the revision in force (0 before signing)' }) committedNetFen!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) materialsDueDate!: string | null;
  @ApiProperty({ format: 'date-time' }) draftedAt!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const MediaOrderPageDto = PageDto(MediaOrderViewDto);
