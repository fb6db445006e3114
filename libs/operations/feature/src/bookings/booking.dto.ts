import type { EvidenceRef } from '@ooh/eventing';
import type { RemovalPhoto } from '@ooh/operations-domain';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { AmountFenField, CurrencyField, DateField, EvidenceInputDto, NestedField, Optional, PageQueryDto, PhotosField, ReasonDto } from '@ooh/http-kit';
import { FACE_CODE, SITE_CODE } from '../shared/fields';

export class FaceRefDto {
  @ApiProperty({ example: 'CQN-LED-01' }) @Matches(SITE_CODE, { message: 'siteId must be a site code' }) siteId!: string;
  @ApiProperty({ example: 'A' }) @Matches(FACE_CODE, { message: 'face must be a face code' }) face!: string;
}

export class CreativeDto {
  @ApiProperty({ example: 'Winter campaign 15 s spot' }) @IsString() @IsNotEmpty() @MaxLength(500) description!: string;
  @ApiProperty({ enum: ['video', 'light-box', 'other'] }) @IsIn(['video', 'light-box', 'other']) kind!: 'video' | 'light-box' | 'other';
  @PhotosField({ description: 'The creative files (uploaded evidence)' }) files!: EvidenceRef[];
}

export class AdvertiserDto {
  @ApiProperty({ example: 'Chongqing Beer Co.' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(64) clientId?: string;
}

export class PeriodDto {
  @DateField('First day on display', '2026-12-01') start!: string;
  @DateField('Last day on display', '2026-12-31') end!: string;
}

export class RequestBookingDto {
  @NestedField(() => AdvertiserDto) advertiser!: AdvertiserDto;

  @ApiProperty({ type: [FaceRefDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => FaceRefDto)
  faces!: FaceRefDto[];

  @NestedField(() => PeriodDto) period!: PeriodDto;
  @NestedField(() => CreativeDto) creative!: CreativeDto;
  @AmountFenField('Price in fen (integer)', 12000000) amountFen!: number;
  @CurrencyField() currency!: string;
}

export class ReviewDto {
  @ApiProperty({ enum: ['approve', 'reject'] }) @IsIn(['approve', 'reject']) decision!: 'approve' | 'reject';
  @ApiPropertyOptional({ description: 'Required to reject' }) @Optional() @IsString() @MaxLength(2000) reason?: string;
}

export class LandlordDecisionDto extends ReviewDto {
  @ApiProperty({ example: 'Chengdu Railway Media, Chongqing branch' }) @IsString() @IsNotEmpty() @MaxLength(200) authority!: string;
  @ApiPropertyOptional({ description: 'The approval reference; required to approve' }) @Optional() @IsString() @MaxLength(200) reference?: string;
  @PhotosField({ optional: true, description: 'The authority\u2019s written answer' }) evidence?: EvidenceRef[];
}

export class ReviseCreativeDto {
  @NestedField(() => CreativeDto) creative!: CreativeDto;
}

export class ProposeScheduleDto {
  @DateField('The day the ad goes up', '2026-12-01') postingDate!: string;
  @ApiProperty({ enum: ['video-by-design', 'light-box-installation'] })
  @IsIn(['video-by-design', 'light-box-installation'])
  production!: 'video-by-design' | 'light-box-installation';
  @ApiPropertyOptional({ description: 'Required for light boxes' }) @Optional() @IsString() @MaxLength(64) installationJobId?: string;
}

export class PostingDto {
  @DateField('Local date the ad went up', '2026-12-01') postedOn!: string;
  @PhotosField({ description: 'Posting report photos' }) photos!: EvidenceRef[];
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(2000) notes?: string;
}

export class ClientConfirmationDto {
  @PhotosField({ description: 'The client\u2019s confirmation (signed report, message screenshot)' }) evidence!: EvidenceRef[];
}

export class RenewalDecisionDto {
  @ApiProperty({ enum: ['renew', 'change-creative', 'end'] }) @IsIn(['renew', 'change-creative', 'end']) decision!: 'renew' | 'change-creative' | 'end';
  @DateField('New last day (renew)', '2027-01-31', { optional: true }) newEnd?: string;
  @NestedField(() => CreativeDto, { optional: true }) creative?: CreativeDto;
  @PhotosField({ optional: true, description: 'The client\u2019s answer' }) evidence?: EvidenceRef[];
}

export class CreativeReplacedDto {
  @PhotosField() photos!: EvidenceRef[];
}

export class TerminateDto extends ReasonDto {
  @DateField('First day the ad is no longer shown', '2026-12-15') effectiveDate!: string;
}

export class RemovalPhotoDto extends EvidenceInputDto {
  @ApiPropertyOptional({ description: 'This photo shows a same-day newspaper masthead (报头) as proof of the date' })
  @Optional()
  @IsBoolean()
  masthead?: boolean;
}

export class RemovalDto {
  @DateField('Local date the ad was taken down', '2027-01-01') removedOn!: string;

  @ApiProperty({ type: [RemovalPhotoDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RemovalPhotoDto)
  photos!: RemovalPhoto[];
}

export class BookingQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(40) status?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(200) advertiser?: string;
}

export class AvailabilityQueryDto {
  @DateField('First day', '2026-12-01') from!: string;
  @DateField('Last day', '2026-12-31') to!: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) city?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) station?: string;
  @ApiPropertyOptional({ enum: ['led-screen', 'light-box', 'tablet', 'other'] })
  @Optional()
  @IsIn(['led-screen', 'light-box', 'tablet', 'other'])
  kind?: string;
}

/** The posting register's range, for a file of every entry in it (no pages). */
export class RegisterRangeQueryDto {
  @DateField('From date', '2026-12-01', { optional: true }) from?: string;
  @DateField('To date', '2026-12-31', { optional: true }) to?: string;
  @ApiPropertyOptional() @Optional() @Matches(SITE_CODE, { message: 'siteId must be a site code' }) siteId?: string;
}

export class RegisterQueryDto extends IntersectionType(PageQueryDto, RegisterRangeQueryDto) {}
