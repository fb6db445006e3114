import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
import { CF_STAGES, PPM_ITEMS } from '@ooh/production-domain';
import {
  ActorDto,
  AmountFenField,
  DateField,
  EvidenceInputDto,
  EvidenceRefViewDto,
  NestedField,
  Optional,
  PageDto,
  PageQueryDto,
  PhotosField,
  TextList,
  TwoDecimals,
} from '@ooh/http-kit';
import { BriefIdField, CostLineDto, CostLineViewDto, ProductionBlockerDto, VendorRefDto, VendorRefViewDto } from '../shared/production-dto';

export class CfClientDto {
  @ApiProperty({ maxLength: 64 }) @IsString() @IsNotEmpty() @MaxLength(64) clientId!: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
}

/** Every status a CF job can show (`none` never: a job exists from its ticket). */
export const CF_STATUSES = [
  'planning',
  'awaiting-prepayment',
  'preparation',
  'ready-to-shoot',
  'shooting',
  'post-production',
  'client-approved',
  'delivered',
  'closed',
  'on-hold',
  'cancelled',
] as const;

export class IssueCfTicketDto {
  @NestedField(() => CfClientDto) client!: CfClientDto;
  @ApiProperty({ maxLength: 200, example: 'Winter 2027' }) @IsString() @MaxLength(200) campaign!: string;
  @BriefIdField() briefId?: string;
  @ApiProperty({ maxLength: 200, example: 'Winter beer 30s TVC' }) @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @TextList({ description: 'What is delivered', example: ['30s master', '15s cut-down'], minItems: 1, maxItems: 20, maxLength: 200 }) deliverables!: string[];
  @PhotosField({ description: 'The client-approved script (required)' }) script!: EvidenceRef[];
}

export class DirectorInputDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) director!: string;
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) notes!: string;
  @PhotosField({ optional: true, description: 'Treatment, mood board' }) evidence?: EvidenceRef[];
}

export class EstimateDto {
  @ApiProperty({ type: [CostLineDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CostLineDto)
  lines!: CostLineDto[];
  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) note?: string;
}

export class ChooseProductionHouseDto {
  @ApiProperty({ maxLength: 64, description: 'The request for quotes whose award names the production house' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  requestId!: string;
}

export class QuoteDto {
  @AmountFenField('The price quoted to the client, in fen', 600_000) amountFen!: number;
  @ApiProperty({ example: 'CNY', pattern: '^[A-Z]{3}$' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency!: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) note?: string;
}

export class ScheduleItemDto {
  @ApiProperty({ enum: CF_STAGES }) @IsIn(CF_STAGES) stage!: (typeof CF_STAGES)[number];
  @DateField('When the stage is due', '2026-12-20') dueDate!: string;
}

export class ScheduleDto {
  @ApiProperty({ type: [ScheduleItemDto], minItems: 1, maxItems: CF_STAGES.length })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CF_STAGES.length)
  @ValidateNested({ each: true })
  @Type(() => ScheduleItemDto)
  schedule!: ScheduleItemDto[];
}

export class ClientEvidenceDto {
  @PhotosField({ description: 'The client’s confirmation (signed quote, e-mail): required' }) evidence!: EvidenceRef[];
}

export class ProductionContractDto {
  @DateField('The day the client signed (not in the future)', '2026-12-01') signedOn!: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) signatory!: string;
  @ApiProperty({ minimum: 1, maximum: 99, example: 50, description: 'The prepayment, percent of the contract value (two decimals, rounded)' })
  @TwoDecimals(1, 99)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(1)
  @Max(99)
  prepaymentPercent!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 20, example: 2, description: 'Review rounds included; more need a change order' })
  @IsInt()
  @Min(1)
  @Max(20)
  includedReviewRounds!: number;
  @PhotosField({ description: 'The signed contract (required)' }) evidence!: EvidenceRef[];
}

export class MeetingDto {
  @DateField('The day it was held', '2026-12-10') heldOn!: string;
  @TextList({ description: 'Who attended', example: ['Zhou (production)', 'Director Li'], minItems: 1, maxItems: 50, maxLength: 200 }) attendees!: string[];
  @ApiPropertyOptional({ maxLength: 4000 }) @Optional() @IsString() @MaxLength(4000) notes?: string;
  @PhotosField({ optional: true, description: 'Minutes, boards' }) evidence?: EvidenceRef[];
}

export class PreparationItemDto {
  @ApiProperty({ maxLength: 200, example: 'Casting call' }) @IsString() @IsNotEmpty() @MaxLength(200) item!: string;
  @ApiProperty() @IsBoolean() done!: boolean;
  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) note?: string;
}

export class PpmAttendeesDto {
  @TextList({ description: 'Agency attendees', example: ['Wang'], maxItems: 30, maxLength: 200 }) agency!: string[];
  @TextList({ description: 'Client attendees', example: ['Ms Liu'], maxItems: 30, maxLength: 200 }) client!: string[];
  @TextList({ description: 'Production house attendees', example: ['Director Li'], maxItems: 30, maxLength: 200 }) production!: string[];
}

export class PpmChecklistDto {
  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) casting?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) wardrobe?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) locations?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) props?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) product?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) schedule?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) deliverables?: string;
}

export class PpmDto {
  @DateField('The day of the PPM', '2026-12-15') heldOn!: string;
  @TextList({ description: 'The agenda', example: ['Casting', 'Locations'], minItems: 1, maxItems: 50, maxLength: 500 }) agenda!: string[];
  @NestedField(() => PpmAttendeesDto) attendees!: PpmAttendeesDto;
  @NestedField(() => PpmChecklistDto, { description: `What was confirmed for each of ${PPM_ITEMS.join(', ')} (all required to sign off)` })
  checklist!: PpmChecklistDto;
  @PhotosField({ description: 'The client’s sign-off (required)' }) evidence!: EvidenceRef[];
}

export class ShootingDto {
  @DateField('The first shoot day (not in the future)', '2026-12-20') startedOn!: string;
}

export class StartPostProductionDto {
  @DateField('The day post-production started (not in the future)', '2026-12-22') startedOn!: string;
}

export class SubmitCutDto {
  @NestedField(() => EvidenceInputDto, { description: 'The cut’s file (video): its sha256 is what every review is bound to' }) file!: EvidenceRef;
  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) note?: string;
}

export class CutReviewDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000 }) @IsInt() @Min(1) @Max(1000) cutNo!: number;
  @ApiProperty({ pattern: '^[a-f0-9]{64}$', description: 'The sha256 of the cut reviewed' })
  @Matches(/^[a-f0-9]{64}$/, { message: 'sha256 must be 64 lowercase hex digits' })
  sha256!: string;
  @ApiProperty({ enum: ['approve', 'send-back'] }) @IsIn(['approve', 'send-back']) decision!: 'approve' | 'send-back';
  @ApiPropertyOptional({ maxLength: 4000, description: 'Required when sent back' }) @Optional() @IsString() @MaxLength(4000) notes?: string;
}

export class ClientCutReviewDto extends CutReviewDto {
  @PhotosField({ description: 'The client’s answer (e-mail, signed sheet): required' }) evidence!: EvidenceRef[];
}

export class ChangeOrderDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) scope!: string;
  @ApiProperty({ type: 'integer', minimum: -100_000_000, maximum: 100_000_000, description: 'What it adds to (or takes from) the price, in fen' })
  @IsInt()
  @Min(-100_000_000)
  @Max(100_000_000)
  costDeltaFen!: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10, description: 'Extra client review rounds' }) @IsInt() @Min(0) @Max(10) extraRounds!: number;
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @PhotosField({ description: 'The client’s agreement (required)' }) clientEvidence!: EvidenceRef[];
}

export class DeliveryDto {
  @DateField('The day the master was delivered (not in the future)', '2027-01-10') deliveredOn!: string;
  @PhotosField({ description: 'The client’s receipt (交付播出带): required' }) receipt!: EvidenceRef[];
}

export class VendorCostDto {
  @NestedField(() => VendorRefDto) vendor!: VendorRefDto;
  @ApiProperty({ maxLength: 100, example: 'production house' }) @IsString() @IsNotEmpty() @MaxLength(100) category!: string;
  @ApiProperty({ enum: ['prepayment', 'balance', 'full'] }) @IsIn(['prepayment', 'balance', 'full']) milestone!: 'prepayment' | 'balance' | 'full';
  @AmountFenField('What the vendor is paid, in fen', 225_000) amountFen!: number;
}

export class CostReportDto {
  @ApiProperty() jobId!: string;
  @ApiProperty({ type: 'integer', description: 'The approved estimate amended by approved change orders' }) budgetFen!: number;
  @ApiProperty({ type: 'integer', description: 'Vendor costs requested from Finance' }) requestedFen!: number;
  @ApiProperty({ type: 'integer', description: 'Of which Finance paid' }) paidFen!: number;
  @ApiProperty({ type: 'integer' }) remainingFen!: number;
  @ApiProperty({ type: 'integer' }) roundsUsed!: number;
  @ApiProperty({ type: 'integer' }) roundsAllowed!: number;
}

export class CfJobQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: CF_STATUSES,
  })
  @Optional()
  @IsIn(CF_STATUSES)
  status?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) clientId?: string;
}

class AtByDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class EstimateViewDto {
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: [CostLineViewDto] }) lines!: CostLineViewDto[];
  @ApiProperty({ type: 'integer' }) totalFen!: number;
  @ApiProperty() note!: string;
  @ApiProperty({ format: 'date-time' }) draftedAt!: string;
  @ApiProperty({ type: ActorDto }) draftedBy!: ActorDto;
  @ApiProperty({ type: AtByDto, nullable: true }) approved!: AtByDto | null;
}

class CfClientViewDto {
  @ApiProperty() clientId!: string;
  @ApiProperty() name!: string;
}

class DirectorViewDto extends AtByDto {
  @ApiProperty() director!: string;
  @ApiProperty() notes!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
}

class ProductionHouseViewDto {
  @ApiProperty() requestId!: string;
  @ApiProperty() bidId!: string;
  @ApiProperty({ type: VendorRefViewDto }) vendor!: VendorRefViewDto;
  @ApiProperty({ type: 'integer' }) totalFen!: number;
}

class QuoteViewDto extends AtByDto {
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() note!: string;
}

class ScheduleViewDto {
  @ApiProperty({ enum: CF_STAGES }) stage!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
}

class ConfirmationViewDto extends AtByDto {
  @ApiProperty({ type: 'integer' }) quoteFen!: number;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
}

class ContractViewDto {
  @ApiProperty({ format: 'date' }) signedOn!: string;
  @ApiProperty() signatory!: string;
  @ApiProperty({ type: 'integer' }) valueFen!: number;
  @ApiProperty({ type: 'integer' }) prepaymentFen!: number;
  @ApiProperty({ type: 'integer' }) balanceFen!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: 'integer' }) includedReviewRounds!: number;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
}

class PrepaymentViewDto {
  @ApiProperty() receivableId!: string;
  @ApiProperty({ format: 'date-time' }) settledAt!: string;
}

class BriefingViewDto {
  @ApiProperty({ format: 'date' }) heldOn!: string;
  @ApiProperty({ type: [String] }) attendees!: string[];
  @ApiProperty() notes!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
}

class PreparationViewDto extends AtByDto {
  @ApiProperty() done!: boolean;
  @ApiProperty() note!: string;
}

class CfMeetingViewDto {
  @ApiProperty({ format: 'date' }) heldOn!: string;
  @ApiProperty({ type: [String] }) attendees!: string[];
  @ApiProperty() notes!: string;
}

class PpmAttendeesViewDto {
  @ApiProperty({ type: [String] }) agency!: string[];
  @ApiProperty({ type: [String] }) client!: string[];
  @ApiProperty({ type: [String] }) production!: string[];
}

class PpmViewDto extends AtByDto {
  @ApiProperty({ format: 'date' }) heldOn!: string;
  @ApiProperty({ type: [String] }) agenda!: string[];
  @ApiProperty({ type: PpmAttendeesViewDto }) attendees!: PpmAttendeesViewDto;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) checklist!: Record<string, string>;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
}

class HoldViewDto extends AtByDto {
  @ApiProperty() reason!: string;
  @ApiProperty() previous!: string;
}

class ReasonViewDto extends AtByDto {
  @ApiProperty() reason!: string;
}

class CutReviewViewDto extends AtByDto {
  @ApiProperty({ enum: ['approve', 'send-back'] }) decision!: string;
  @ApiProperty() notes!: string;
}

class ClientCutReviewViewDto extends CutReviewViewDto {
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
}

class CutViewDto {
  @ApiProperty({ type: 'integer' }) cutNo!: number;
  @ApiProperty({ type: EvidenceRefViewDto }) file!: EvidenceRefViewDto;
  @ApiProperty() note!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: ActorDto }) submittedBy!: ActorDto;
  @ApiProperty({ type: CutReviewViewDto, nullable: true }) internal!: CutReviewViewDto | null;
  @ApiProperty({ type: ClientCutReviewViewDto, nullable: true }) client!: ClientCutReviewViewDto | null;
}

class ChangeOrderViewDto {
  @ApiProperty() changeId!: string;
  @ApiProperty() scope!: string;
  @ApiProperty({ type: 'integer' }) costDeltaFen!: number;
  @ApiProperty({ type: 'integer' }) extraRounds!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) clientEvidence!: EvidenceRefViewDto[];
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: ActorDto }) requestedBy!: ActorDto;
  @ApiProperty({ type: AtByDto, nullable: true }) approved!: AtByDto | null;
}

class VendorCostPaidViewDto {
  @ApiProperty() payableId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ format: 'date' }) paidOn!: string;
}

class VendorCostViewDto {
  @ApiProperty() costId!: string;
  @ApiProperty({ type: VendorRefViewDto }) vendor!: VendorRefViewDto;
  @ApiProperty() category!: string;
  @ApiProperty({ enum: ['prepayment', 'balance', 'full'] }) milestone!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: ActorDto }) requestedBy!: ActorDto;
  @ApiProperty({ type: VendorCostPaidViewDto, nullable: true }) paid!: VendorCostPaidViewDto | null;
}

class DeliveryViewDto extends AtByDto {
  @ApiProperty({ format: 'date' }) deliveredOn!: string;
  @ApiProperty({ type: 'integer' }) cutNo!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) receipt!: EvidenceRefViewDto[];
}

export class CfJobViewDto {
  @ApiProperty({
    enum: CF_STATUSES,
  })
  status!: string;
  @ApiProperty() jobId!: string;
  @ApiProperty({ type: CfClientViewDto }) client!: CfClientViewDto;
  @ApiProperty() clientId!: string;
  @ApiProperty() campaign!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The campaign brief it is for' }) briefId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [String] }) deliverables!: string[];
  @ApiProperty({ type: [EvidenceRefViewDto] }) script!: EvidenceRefViewDto[];
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ type: ActorDto }) issuedBy!: ActorDto;
  @ApiProperty({ type: DirectorViewDto, nullable: true }) director!: DirectorViewDto | null;
  @ApiProperty({ type: [EstimateViewDto], description: 'Every version; the approved one is the budget' }) estimates!: EstimateViewDto[];
  @ApiProperty({ type: 'integer', nullable: true }) approvedEstimate!: number | null;
  @ApiProperty({ type: ProductionHouseViewDto, nullable: true }) productionHouse!: ProductionHouseViewDto | null;
  @ApiProperty({ type: QuoteViewDto, nullable: true }) quote!: QuoteViewDto | null;
  @ApiProperty({ type: [ScheduleViewDto] }) schedule!: ScheduleViewDto[];
  @ApiProperty({ type: ConfirmationViewDto, nullable: true }) clientConfirmation!: ConfirmationViewDto | null;
  @ApiProperty({ type: ContractViewDto, nullable: true }) contract!: ContractViewDto | null;
  @ApiProperty({ type: PrepaymentViewDto, nullable: true }) prepayment!: PrepaymentViewDto | null;
  @ApiProperty({ type: BriefingViewDto, nullable: true }) briefing!: BriefingViewDto | null;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/PreparationViewDto' } }) preparation!: Record<string, PreparationViewDto>;
  @ApiProperty({ type: CfMeetingViewDto, nullable: true }) preProductionMeeting!: CfMeetingViewDto | null;
  @ApiProperty({ type: PpmViewDto, nullable: true }) ppm!: PpmViewDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) shootingStartedOn!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) postStartedOn!: string | null;
  @ApiProperty({ type: [CutViewDto], description: 'Every cut (its sha256); reviews are bound to the cut they saw' }) cuts!: CutViewDto[];
  @ApiProperty({ type: 'integer', description: 'Client review rounds used (the contract and approved change orders allow more)' }) roundsUsed!: number;
  @ApiProperty({ type: [ChangeOrderViewDto] }) changeOrders!: ChangeOrderViewDto[];
  @ApiProperty({ type: PrepaymentViewDto, nullable: true, description: 'The balance as Finance recorded it' }) balance!: PrepaymentViewDto | null;
  @ApiProperty({ type: DeliveryViewDto, nullable: true }) delivery!: DeliveryViewDto | null;
  @ApiProperty({ type: [VendorCostViewDto], description: 'Vendor costs requested as payables (the actuals against the estimate)' })
  vendorCosts!: VendorCostViewDto[];
  @ApiProperty({ type: HoldViewDto, nullable: true }) hold!: HoldViewDto | null;
  @ApiProperty({ type: ReasonViewDto, nullable: true }) cancellation!: ReasonViewDto | null;
  @ApiProperty({ type: [ProductionBlockerDto], description: 'What the job waits for and who releases it' }) blockedBy!: ProductionBlockerDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export { PreparationViewDto };
export const CfJobPageDto = PageDto(CfJobViewDto);
