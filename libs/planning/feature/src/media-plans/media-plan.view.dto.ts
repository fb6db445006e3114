import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActorDto, EvidenceRefViewDto, PageDto } from '@ooh/http-kit';
import { CHANNELS, PRICING_MODELS } from '@ooh/planning-domain';

const VERSION_STATUSES = ['draft', 'submitted', 'returned', 'approved-internally', 'rehearsed', 'presented', 'client-approved', 'client-rejected'];
const fen = (description?: string) => ApiProperty({ type: 'integer', minimum: 0, ...(description ? { description } : {}) });
const fenMap = (description: string) => ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description });

class PlanVendorViewDto {
  @ApiProperty() vendorId!: string;
  @ApiProperty() name!: string;
}
class FaceViewDto {
  @ApiProperty() siteId!: string;
  @ApiProperty() face!: string;
}
class FlightViewDto {
  @ApiProperty() start!: string;
  @ApiProperty() end!: string;
}
class WeekViewDto {
  @ApiProperty() weekStart!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) units!: number;
}
class EstimatesViewDto {
  @ApiProperty({ type: 'integer', nullable: true }) impressions!: number | null;
  @ApiProperty({ type: Number, nullable: true }) grp!: number | null;
  @ApiProperty({ type: Number, nullable: true }) reach!: number | null;
  @ApiProperty({ type: Number, nullable: true }) frequency!: number | null;
}

export class PlanLineViewDto {
  @ApiProperty() lineId!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ type: PlanVendorViewDto }) vendor!: PlanVendorViewDto;
  @ApiProperty() property!: string;
  @ApiProperty({ type: [FaceViewDto] }) faces!: FaceViewDto[];
  @ApiProperty({ type: String, nullable: true }) placement!: string | null;
  @ApiProperty({ type: String, nullable: true }) format!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) spotLengthSeconds!: number | null;
  @ApiProperty({ type: String, nullable: true }) adSize!: string | null;
  @ApiProperty({ type: [String] }) dayparts!: string[];
  @ApiProperty() market!: string;
  @ApiProperty({ type: String, nullable: true }) targetDemo!: string | null;
  @ApiProperty({ type: FlightViewDto }) flight!: FlightViewDto;
  @ApiProperty({ type: [WeekViewDto] }) weeks!: WeekViewDto[];
  @ApiProperty({ enum: PRICING_MODELS }) pricing!: string;
  @fen() grossRateFen!: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) commissionPercent!: number;
  @ApiProperty({ type: EstimatesViewDto }) estimates!: EstimatesViewDto;
  @ApiProperty({ type: 'integer', minimum: 0 }) units!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Flight days in weeks with units' }) activeDays!: number;
  @fen() grossFen!: number;
  @fen('Gross less commission') netFen!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Net per thousand impressions' }) cpmFen!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Net per rating point' }) cppFen!: number | null;
  @fenMap('Net per month, pro rata by active days') netByMonth!: Record<string, number>;
}

class VendorTotalDto {
  @ApiProperty() name!: string;
  @fen() netFen!: number;
}

export class PlanTotalsDto {
  @fen() grossFen!: number;
  @fen() netFen!: number;
  @fenMap('Net per channel') byChannel!: Record<string, number>;
  @fenMap('Net per month (pro rata by active days)') byMonth!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/VendorTotalDto' }, description: 'Net per vendor id' })
  byVendor!: Record<string, VendorTotalDto>;
}

class BudgetCheckDto {
  @fen() briefBudgetFen!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'What the client authorized (null: nothing yet)' }) authorizedFen!: number | null;
  @fen() netFen!: number;
  @ApiProperty() over!: boolean;
}

class OverrideViewDto {
  @ApiProperty() reason!: string;
  @fen('The net total it lets through') coversNetFen!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class ClashDto {
  @ApiProperty() lineId!: string;
  @ApiProperty() siteId!: string;
  @ApiProperty() face!: string;
  @ApiProperty({ description: 'First day the line asks for' }) start!: string;
  @ApiProperty() end!: string;
  @ApiProperty({ description: 'The booking holding the face' }) bookingId!: string;
  @ApiProperty() holdStart!: string;
  @ApiProperty() holdEnd!: string;
}

class AvailabilityViewDto {
  @ApiProperty({ format: 'date-time' }) checkedAt!: string;
  @ApiProperty({ enum: ['free', 'clashing', 'no-ooh-lines'] }) result!: string;
  @ApiProperty({ type: [ClashDto] }) clashes!: ClashDto[];
}

class ReturnedViewDto {
  @ApiProperty({ type: [String] }) reasons!: string[];
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class ApprovalViewDto {
  @ApiProperty() contentHash!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class StepViewDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class ClientDecisionViewDto {
  @ApiProperty({ enum: ['approved', 'rejected'] }) outcome!: string;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ type: [String] }) feedback!: string[];
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

export class PlanVersionViewDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty({ type: 'integer', nullable: true }) parent!: number | null;
  @ApiProperty({ type: ActorDto }) author!: ActorDto;
  @ApiProperty({ type: [String], description: 'Everyone who wrote in it (none of them may approve it)' }) contributors!: string[];
  @ApiProperty({ enum: VERSION_STATUSES }) status!: string;
  @ApiProperty({ type: [PlanLineViewDto] }) lines!: PlanLineViewDto[];
  @ApiProperty({ type: PlanTotalsDto }) totals!: PlanTotalsDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'sha256 of its lines, once submitted' }) contentHash!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt!: string | null;
  @ApiProperty({ type: ActorDto, nullable: true }) submittedBy!: ActorDto | null;
  @ApiProperty({ type: BudgetCheckDto, nullable: true }) budgetCheck!: BudgetCheckDto | null;
  @ApiProperty({ type: OverrideViewDto, nullable: true }) override!: OverrideViewDto | null;
  @ApiProperty({ type: AvailabilityViewDto, nullable: true, description: 'The operator faces of its OOH lines, as checked when submitted' })
  availability!: AvailabilityViewDto | null;
  @ApiProperty({ type: ReturnedViewDto, nullable: true }) returned!: ReturnedViewDto | null;
  @ApiProperty({ type: ApprovalViewDto, nullable: true }) internalApproval!: ApprovalViewDto | null;
  @ApiProperty({ type: StepViewDto, nullable: true }) rehearsal!: StepViewDto | null;
  @ApiProperty({ type: StepViewDto, nullable: true }) presented!: StepViewDto | null;
  @ApiProperty({ type: ClientDecisionViewDto, nullable: true }) clientDecision!: ClientDecisionViewDto | null;
  @ApiProperty({ type: [String], description: 'Feedback items it resolves' }) resolves!: string[];
}

class FeedbackViewDto {
  @ApiProperty() feedbackId!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty({ enum: ['rehearsal'] }) source!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: 'integer', nullable: true }) resolvedByVersion!: number | null;
}

class PlanBlockerDto {
  @ApiProperty() gate!: string;
  @ApiProperty() waitingFor!: string;
  @ApiProperty() releasedBy!: string;
  @ApiProperty({ type: [String] }) releasedByRoles!: string[];
  @ApiPropertyOptional({ description: 'The party a role acts for (the client)' }) onBehalfOf?: string;
}

export class MediaPlanViewDto {
  @ApiProperty({ enum: VERSION_STATUSES, description: 'The status of its current version' }) status!: string;
  @ApiProperty() planId!: string;
  @ApiProperty() briefId!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty() campaign!: string;
  @ApiProperty() name!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: ActorDto }) createdBy!: ActorDto;
  @ApiProperty({ type: 'integer', minimum: 1 }) currentVersion!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The version the client approved last' }) approvedVersion!: number | null;
  @ApiProperty({ type: [PlanVersionViewDto], description: 'Every version, never overwritten' }) versions!: PlanVersionViewDto[];
  @ApiProperty({ type: [FeedbackViewDto] }) feedback!: FeedbackViewDto[];
  @ApiProperty({ type: [PlanBlockerDto], description: 'Why it cannot move on, and who can release it' }) blockedBy!: PlanBlockerDto[];
  @fen('Net total of the current version') netFen!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) asOf?: string;
}

export const MediaPlanPageDto = PageDto(MediaPlanViewDto);

class LineChangeDto {
  @ApiProperty() lineId!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', properties: { from: {}, to: {} } }, description: 'Each changed field, from → to' })
  fields!: Record<string, { from: unknown; to: unknown }>;
}

class TotalsPairDto {
  @ApiProperty({ type: PlanTotalsDto }) before!: PlanTotalsDto;
  @ApiProperty({ type: PlanTotalsDto }) after!: PlanTotalsDto;
}

export class VersionDiffDto {
  @ApiProperty() planId!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) from!: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) to!: number;
  @ApiProperty({ type: [PlanLineViewDto] }) added!: PlanLineViewDto[];
  @ApiProperty({ type: [PlanLineViewDto] }) removed!: PlanLineViewDto[];
  @ApiProperty({ type: [LineChangeDto] }) changed!: LineChangeDto[];
  @ApiProperty({ type: TotalsPairDto }) totals!: TotalsPairDto;
}

export { VendorTotalDto };
