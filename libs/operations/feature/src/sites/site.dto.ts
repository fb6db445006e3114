import type { EvidenceRef } from '@ooh/eventing';
import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { DateField, PageQueryDto, PhotosField, Optional } from '@ooh/http-kit';
import { FACE_CODE, SiteIdField } from '../shared/fields';

export const SITE_KINDS = ['led-screen', 'light-box', 'tablet', 'other'] as const;
export const SITE_STATUSES = ['in-service', 'faulty', 'under-maintenance', 'retired'] as const;

export class RegisterSiteDto {
  @SiteIdField()
  siteId!: string;

  @ApiProperty({ example: 'Chongqing' }) @IsString() @IsNotEmpty() @MaxLength(100) city!: string;
  @ApiProperty({ example: 'Chongqing North' }) @IsString() @IsNotEmpty() @MaxLength(100) station!: string;
  @ApiProperty({ example: 'South square, exit 2' }) @IsString() @IsNotEmpty() @MaxLength(300) location!: string;

  @ApiProperty({ enum: SITE_KINDS })
  @IsIn(SITE_KINDS)
  kind!: (typeof SITE_KINDS)[number];

  @ApiProperty({ type: [String], example: ['A', 'B'], description: 'Face codes, unique within the site' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(FACE_CODE, { each: true, message: 'each face code is 1-20 characters of A-Z a-z 0-9 _ -' })
  faces!: string[];

  @ApiProperty({ example: 'Chengdu Railway Media, Chongqing branch' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  landlordAuthority!: string;

  @PhotosField({ optional: true })
  photos?: EvidenceRef[];
}

// Fields may be left out, never set to null.
export class UpdateSiteDto extends PartialType(PickType(RegisterSiteDto, ['city', 'station', 'location', 'faces', 'landlordAuthority', 'photos'] as const), {
  skipNullProperties: false,
}) {}

export class TakeOutOfServiceDto {
  @ApiProperty({ enum: ['faulty', 'under-maintenance'] })
  @IsIn(['faulty', 'under-maintenance'])
  reason!: 'faulty' | 'under-maintenance';

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) note!: string;
}

export class ReturnToServiceDto {
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(1000) note?: string;
}

export class SiteQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) city?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) station?: string;
  @ApiPropertyOptional({ enum: SITE_KINDS }) @Optional() @IsIn(SITE_KINDS) kind?: string;
  @ApiPropertyOptional({ enum: SITE_STATUSES }) @Optional() @IsIn(SITE_STATUSES) status?: string;
}

export class SiteTimelineQueryDto {
  @DateField('First local day', '2026-11-01') from!: string;
  @DateField('Last local day, at most 93 days after from', '2026-11-30') to!: string;
}
