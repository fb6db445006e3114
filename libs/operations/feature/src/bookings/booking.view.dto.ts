import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BOOKING_GATE_RELEASERS } from '@ooh/operations-domain';
import { EvidenceRefViewDto, HistoryDto, PageDto } from '@ooh/http-kit';

export class AdvertiserViewDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) clientId!: string | null;
}

export class FaceRefViewDto {
  @ApiProperty() siteId!: string;
  @ApiProperty() face!: string;
}

export class PeriodViewDto {
  @ApiProperty() start!: string;
  @ApiProperty() end!: string;
}

export class CreativeViewDto {
  @ApiProperty() creativeId!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ['video', 'light-box', 'other'] }) kind!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) files!: EvidenceRefViewDto[];
}

export class PriceViewDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) amountFen!: number;
  @ApiProperty() currency!: string;
}

export class LandlordApprovalViewDto {
  @ApiProperty() authority!: string;
  @ApiProperty() reference!: string;
}

export class BookingRejectionViewDto {
  @ApiProperty({ enum: ['internal', 'landlord'] }) stage!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'Reviewer userId, or the landlord authority' }) by!: string;
  @ApiProperty() creativeChange!: boolean;
}

export class PendingCreativeViewDto {
  @ApiProperty({ type: CreativeViewDto }) creative!: CreativeViewDto;
  @ApiProperty({ type: 'integer', minimum: 0 }) round!: number;
  @ApiProperty({ enum: ['internal-review', 'landlord-review', 'approved'] }) stage!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ type: [String] }) internalApprovals!: string[];
  @ApiProperty({ type: [LandlordApprovalViewDto] }) landlordApprovalList!: LandlordApprovalViewDto[];
}

export class BlockingReasonViewDto {
  @ApiProperty({ enum: Object.keys(BOOKING_GATE_RELEASERS) }) gate!: string;
  @ApiProperty() waitingFor!: string;
  @ApiProperty({ description: 'The role whose task it is to release the gate' }) releasedBy!: string;
  @ApiProperty({ type: [String], description: 'Every role whose command releases the gate' }) releasedByRoles!: string[];
  @ApiPropertyOptional({ description: 'The landlord authority on whose behalf operations records the approval' }) onBehalfOf?: string;
}

class AgencyOrderViewDto {
  @ApiProperty() orderId!: string;
  @ApiProperty() planLineId!: string;
  @ApiProperty() requestId!: string;
}

class AgencyRefusalViewDto {
  @ApiProperty() code!: string;
  @ApiProperty() reason!: string;
}

export class BookingViewDto {
  @ApiProperty() bookingId!: string;
  @ApiProperty({
    description: 'Where Finance keeps what the client owes for it (its receivables)',
    example: '/api/finance/receivables?sourceKind=booking&sourceId=…',
  })
  receivables!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: AdvertiserViewDto }) advertiser!: AdvertiserViewDto;
  @ApiProperty({ type: [FaceRefViewDto] }) faces!: FaceRefViewDto[];
  @ApiProperty({ type: PeriodViewDto }) period!: PeriodViewDto;
  @ApiProperty({ type: CreativeViewDto }) creative!: CreativeViewDto;
  @ApiProperty({ type: PendingCreativeViewDto, nullable: true }) pendingCreative!: PendingCreativeViewDto | null;
  @ApiProperty({ type: PriceViewDto }) price!: PriceViewDto;
  @ApiProperty({ type: [String] }) landlordAuthorities!: string[];
  @ApiProperty({ type: [LandlordApprovalViewDto] }) landlordApprovalList!: LandlordApprovalViewDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) requiredInternalApprovals!: number;
  @ApiProperty({ type: [String], nullable: true }) namedReviewers!: string[] | null;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) round!: number;
  @ApiProperty({ type: [String] }) internalApprovals!: string[];
  @ApiProperty({ type: BookingRejectionViewDto, nullable: true }) lastRejection!: BookingRejectionViewDto | null;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ type: String, nullable: true }) submittedBy!: string | null;
  @ApiProperty() creativeSuppliedBy!: string;
  @ApiProperty({ type: String, nullable: true }) paymentReference!: string | null;
  @ApiProperty({ type: String, nullable: true }) scheduleProposedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) postingDate!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['video-by-design', 'light-box-installation'] }) production!: string | null;
  @ApiProperty({ type: String, nullable: true }) installationJobId!: string | null;
  @ApiProperty({ type: String, nullable: true }) postedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) renewalFlaggedFor!: string | null;
  @ApiProperty({ type: String, nullable: true }) renewalDeclinedFor!: string | null;
  @ApiProperty({ type: String, nullable: true }) terminatedEffectiveDate!: string | null;
  @ApiProperty({ type: String, nullable: true }) removedOn!: string | null;
  @ApiProperty({ type: AgencyOrderViewDto, nullable: true, description: 'The agency media order line it was requested for (null: requested by sales)' })
  agencyOrder!: AgencyOrderViewDto | null;
  @ApiProperty({ type: AgencyRefusalViewDto, nullable: true, description: 'Why an agency request could not be booked (status refused)' })
  refusal!: AgencyRefusalViewDto | null;
  @ApiProperty({ enum: ['held', 'booked', 'live', 'released'] }) faceStatus!: string;
  @ApiProperty({ type: [BlockingReasonViewDto], description: 'Why it waits and who releases it' }) blockedBy!: BlockingReasonViewDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const BookingPageDto = PageDto(BookingViewDto);
export const BookingHistoryDto = HistoryDto('bookingId', 'BookingHistoryDto');
