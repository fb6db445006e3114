import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { EvidenceRef } from '@ooh/eventing';
import { JOB_KINDS } from '@ooh/production-domain';
import { ActorDto, DateField, EvidenceRefViewDto, Optional, PageDto, PageQueryDto, PhotosField, TextList } from '@ooh/http-kit';
import { CostLineDto, CostLineViewDto, ProductionBlockerDto, VendorRefViewDto } from '../shared/production-dto';

export class OpenBidRequestDto {
  @ApiProperty({ enum: JOB_KINDS }) @IsIn(JOB_KINDS) jobKind!: (typeof JOB_KINDS)[number];
  @ApiProperty({ maxLength: 64 }) @IsString() @IsNotEmpty() @MaxLength(64) jobId!: string;
  @ApiProperty({ maxLength: 4000, example: '30s TVC, two shoot days in Chongqing' }) @IsString() @IsNotEmpty() @MaxLength(4000) spec!: string;
  @TextList({
    description: 'The vendors invited to quote, by their id in buying’s vendor library (known and active)',
    example: ['v-1', 'v-2', 'v-3'],
    minItems: 1,
    maxItems: 20,
    maxLength: 64,
  })
  invited!: string[];
  @DateField('When the bids are due (within 90 days)', '2026-12-10') responseDue!: string;
}

export class RecordBidDto {
  @ApiProperty({ maxLength: 64 }) @IsString() @IsNotEmpty() @MaxLength(64) vendorId!: string;
  @ApiProperty({ type: [CostLineDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CostLineDto)
  lines!: CostLineDto[];
  @DateField('The last day the bid holds', '2026-12-31') validUntil!: string;
  @PhotosField({ description: 'The vendor’s quote (required)' }) evidence!: EvidenceRef[];
}

export class AwardBidDto {
  @ApiProperty({ maxLength: 64 }) @IsString() @IsNotEmpty() @MaxLength(64) bidId!: string;
  @ApiPropertyOptional({ maxLength: 2000, description: 'Required with fewer than three valid bids' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  reasonForFewerBids?: string;
}

export class BidNoticeDto {
  @ApiProperty({ maxLength: 64 }) @IsString() @IsNotEmpty() @MaxLength(64) vendorId!: string;
  @PhotosField({ optional: true, description: 'The letter or e-mail sent' }) evidence?: EvidenceRef[];
}

export class BidRequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'awarded', 'cancelled'] }) @Optional() @IsIn(['open', 'awarded', 'cancelled']) status?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) jobId?: string;
}

class JobRefViewDto {
  @ApiProperty({ enum: JOB_KINDS }) kind!: string;
  @ApiProperty() jobId!: string;
}

class BidViewDto {
  @ApiProperty() bidId!: string;
  @ApiProperty({ type: VendorRefViewDto }) vendor!: VendorRefViewDto;
  @ApiProperty({ type: [CostLineViewDto] }) lines!: CostLineViewDto[];
  @ApiProperty({ type: 'integer' }) totalFen!: number;
  @ApiProperty({ format: 'date' }) validUntil!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: ActorDto }) receivedBy!: ActorDto;
}

class AwardViewDto {
  @ApiProperty() bidId!: string;
  @ApiProperty({ type: VendorRefViewDto }) vendor!: VendorRefViewDto;
  @ApiProperty({ type: [CostLineViewDto] }) lines!: CostLineViewDto[];
  @ApiProperty({ type: 'integer' }) totalFen!: number;
  @ApiProperty({ type: 'integer', description: 'Valid bids compared on the day of the award' }) comparableBids!: number;
  @ApiProperty({ type: String, nullable: true }) reasonForFewerBids!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class NoticeViewDto {
  @ApiProperty() vendorId!: string;
  @ApiProperty({ enum: ['award', 'decline'] }) notice!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class BidCancellationViewDto {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

export class BidRequestViewDto {
  @ApiProperty({ enum: ['open', 'awarded', 'cancelled'] }) status!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty({ type: JobRefViewDto }) job!: JobRefViewDto;
  @ApiProperty() jobId!: string;
  @ApiProperty() spec!: string;
  @ApiProperty({ type: [VendorRefViewDto] }) invited!: VendorRefViewDto[];
  @ApiProperty({ format: 'date' }) responseDue!: string;
  @ApiProperty({ type: [BidViewDto] }) bids!: BidViewDto[];
  @ApiProperty({ type: AwardViewDto, nullable: true }) award!: AwardViewDto | null;
  @ApiProperty({ type: [NoticeViewDto] }) notices!: NoticeViewDto[];
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: ActorDto }) openedBy!: ActorDto;
  @ApiProperty({ type: BidCancellationViewDto, nullable: true }) cancellation!: BidCancellationViewDto | null;
  @ApiProperty({ type: [ProductionBlockerDto] }) blockedBy!: ProductionBlockerDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const BidRequestPageDto = PageDto(BidRequestViewDto);
