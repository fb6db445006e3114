import type { EvidenceRef } from '@ooh/eventing';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { AmountFenField, CurrencyField, NestedField, Optional, PageQueryDto, PhotosField } from '@ooh/http-kit';
import { FACE_CODE, SiteIdField } from '../shared/fields';

export class OpenInstallationJobDto {
  @SiteIdField() siteId!: string;

  @ApiProperty({ type: [String], example: ['A'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(FACE_CODE, { each: true, message: 'each face code is 1-20 characters of A-Z a-z 0-9 _ -' })
  faces!: string[];

  @ApiPropertyOptional({ description: 'The booking whose creative is produced and installed' })
  @Optional()
  @IsString()
  @MaxLength(64)
  bookingId?: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) description!: string;
}

export class VendorDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64) vendorId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
}

export class RecordQuoteDto {
  @NestedField(() => VendorDto) vendor!: VendorDto;
  @AmountFenField('Quoted price in fen (integer)') amountFen!: number;
  @CurrencyField() currency!: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(2000) notes?: string;
  @PhotosField({ optional: true, description: 'The written quote' }) evidence?: EvidenceRef[];
}

export class ChooseVendorDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64) quoteId!: string;

  @ApiPropertyOptional({ description: 'Required when fewer than three vendors quoted' })
  @Optional()
  @IsString()
  @MaxLength(1000)
  reasonForFewerQuotes?: string;
}

export class SafetyAgreementDto {
  @ApiProperty({ description: 'The installers who signed (and put their fingerprints on) the agreement' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  signedBy!: string;

  @PhotosField({ description: 'The signed agreement' }) evidence!: EvidenceRef[];
}

export class CompleteInstallationDto {
  @PhotosField() photos!: EvidenceRef[];
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(2000) notes?: string;
}

export class InstallationQueryDto extends PageQueryDto {
  @SiteIdField({ optional: true }) siteId?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(40) status?: string;
}
