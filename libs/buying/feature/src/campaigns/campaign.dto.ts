import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Optional, PageDto, PageQueryDto } from '@ooh/http-kit';

export class CampaignQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) clientId?: string;
}

class CampaignLineVendorViewDto {
  @ApiProperty() vendorId!: string;
  @ApiProperty() name!: string;
}

class PlanFaceViewDto {
  @ApiProperty() siteId!: string;
  @ApiProperty() face!: string;
}

class CampaignFlightViewDto {
  @ApiProperty({ format: 'date' }) start!: string;
  @ApiProperty({ format: 'date' }) end!: string;
}

class CampaignPlanLineViewDto {
  @ApiProperty() lineId!: string;
  @ApiProperty() channel!: string;
  @ApiProperty({ type: CampaignLineVendorViewDto }) vendor!: CampaignLineVendorViewDto;
  @ApiProperty() property!: string;
  @ApiProperty({ type: [PlanFaceViewDto], description: 'Operator faces the line buys (none: not on the operator’s faces)' }) faces!: PlanFaceViewDto[];
  @ApiProperty() market!: string;
  @ApiProperty({ type: CampaignFlightViewDto }) flight!: CampaignFlightViewDto;
  @ApiProperty() commissionPercent!: number;
  @ApiProperty({ type: 'integer' }) netFen!: number;
}

class ApprovedPlanViewDto {
  @ApiProperty() planId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() contentHash!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty() campaign!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: [CampaignPlanLineViewDto] }) lines!: CampaignPlanLineViewDto[];
  @ApiProperty({ type: 'integer' }) netFen!: number;
  @ApiProperty({ format: 'date-time' }) approvedAt!: string;
}

class CampaignBucketViewDto {
  @ApiProperty({ type: String, nullable: true }) channel!: string | null;
  @ApiProperty({ type: String, nullable: true }) month!: string | null;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
}

class AuthorizationViewDto {
  @ApiProperty() authorizationId!: string;
  @ApiProperty() poReference!: string;
  @ApiProperty({ type: [CampaignBucketViewDto] }) buckets!: CampaignBucketViewDto[];
  @ApiProperty({ type: 'integer' }) totalFen!: number;
  @ApiProperty({ format: 'date-time' }) authorizedAt!: string;
}

class CommitmentViewDto {
  @ApiProperty() orderId!: string;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({ type: 'integer' }) netFen!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) byChannel!: Record<string, number>;
}

/** A campaign as buying knows it: what the client approved and authorized, and what signed orders commit. */
export class CampaignViewDto {
  @ApiProperty() briefId!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ type: [ApprovedPlanViewDto] }) plans!: ApprovedPlanViewDto[];
  @ApiProperty({ type: [AuthorizationViewDto] }) authorizations!: AuthorizationViewDto[];
  @ApiProperty({ type: [CommitmentViewDto] }) commitments!: CommitmentViewDto[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null: no budget authorized yet' }) authorizedFen!: number | null;
  @ApiProperty({ type: 'integer' }) committedFen!: number;
  @ApiProperty({ type: 'integer', nullable: true }) remainingFen!: number | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const CampaignPageDto = PageDto(CampaignViewDto);
