import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { RATE_UNITS, VENDOR_KINDS } from '@ooh/buying-domain';
import { ActorDto, AmountFenField, DateField, MonthField, NestedField, Optional, PageDto, PageQueryDto, TextList, TwoDecimals } from '@ooh/http-kit';

export class VendorContactDto {
  @ApiProperty({ maxLength: 100, example: 'Zhou Min' }) @IsString() @IsNotEmpty() @MaxLength(100) name!: string;
  @ApiPropertyOptional({ maxLength: 100, example: 'Ad sales' }) @Optional() @IsString() @MaxLength(100) title?: string;
  @ApiPropertyOptional({ maxLength: 40, example: '+86 10 5555 0101' }) @Optional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional({ maxLength: 200, format: 'email', example: 'zhou@example.com' }) @Optional() @IsEmail() @MaxLength(200) email?: string;
}

export class PayeeDto {
  @ApiProperty({ maxLength: 200, example: 'CCTV Advertising Sales Co.' }) @IsString() @IsNotEmpty() @MaxLength(200) accountName!: string;
  @ApiProperty({ maxLength: 200, example: 'ICBC Beijing Branch' }) @IsString() @IsNotEmpty() @MaxLength(200) bank!: string;
  @ApiProperty({ maxLength: 64, example: '6222 0200 0000 0001' }) @IsString() @IsNotEmpty() @MaxLength(64) accountNumber!: string;
}

export class PaymentTermsDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 30, description: 'Share of an order paid when the vendor confirms it (percent, two decimals at most)' })
  @TwoDecimals(0, 100)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  prepaymentPercent!: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 180, example: 30, description: 'The balance falls due this many days after the last unit airs' })
  @IsInt()
  @Min(0)
  @Max(180)
  balanceDaysAfterAiring!: number;
}

export class VendorProfileDto {
  @ApiProperty({ maxLength: 200, example: 'CCTV Advertising Sales' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ enum: VENDOR_KINDS }) @IsIn(VENDOR_KINDS) kind!: (typeof VENDOR_KINDS)[number];
  @TextList({ description: 'Other names the vendor goes by in plans and invoices', example: ['CCTV'], maxItems: 20, maxLength: 200, optional: true })
  aliases?: string[];
  @ApiProperty({ type: [VendorContactDto], maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => VendorContactDto)
  contacts!: VendorContactDto[];
  @NestedField(() => PayeeDto) payee!: PayeeDto;
  @NestedField(() => PaymentTermsDto) terms!: PaymentTermsDto;
}

export class RateCardItemDto {
  @ApiProperty({ maxLength: 100, example: 'prime', description: 'Daypart (TV/radio), position (print) or placement (outdoor)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  daypart!: string;
  @ApiProperty({ enum: RATE_UNITS }) @IsIn(RATE_UNITS) unit!: (typeof RATE_UNITS)[number];
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 3600, example: 15, description: 'Absent: any length' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(3600)
  spotLengthSeconds?: number;
  @AmountFenField('Gross rate per unit, in fen', 1_000_000) rateFen!: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 500, example: 10, description: 'Surcharge on the rate, percent (position, language, short notice)' })
  @Optional()
  @TwoDecimals(0, 500)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(500)
  surchargePercent?: number;
}

export class PublishRateCardDto {
  @ApiProperty({ maxLength: 200, example: 'CCTV-1', description: 'Station, publication, site or platform' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  property!: string;
  @DateField('The day the card takes effect (after the property’s latest version)', '2027-01-01') effectiveFrom!: string;
  @ApiProperty({ type: [RateCardItemDto], maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RateCardItemDto)
  items!: RateCardItemDto[];
}

export class EvaluateVendorDto {
  @MonthField('The month evaluated (begun already)', '2026-11') period!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, example: 4 }) @IsInt() @Min(1) @Max(5) score!: number;
  @ApiProperty({ maxLength: 2000, example: 'Affidavits two days late' }) @IsString() @MaxLength(2000) notes!: string;
}

export class VendorQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'inactive'] }) @Optional() @IsIn(['active', 'inactive']) status?: string;
  @ApiPropertyOptional({ enum: VENDOR_KINDS }) @Optional() @IsIn(VENDOR_KINDS) kind?: string;
}

export class RateCardQueryDto {
  @ApiProperty({ maxLength: 200, example: 'CCTV-1' }) @IsString() @IsNotEmpty() @MaxLength(200) property!: string;
  @DateField('The day asked about', '2027-01-15') on!: string;
}

class ContactViewDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

class PayeeViewDto {
  @ApiProperty() accountName!: string;
  @ApiProperty() bank!: string;
  @ApiProperty() accountNumber!: string;
}

class PaymentTermsViewDto {
  @ApiProperty({ minimum: 0, maximum: 100 }) prepaymentPercent!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) balanceDaysAfterAiring!: number;
}

class ProfileViewDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: VENDOR_KINDS }) kind!: string;
  @ApiProperty({ type: [String] }) aliases!: string[];
  @ApiProperty({ type: [ContactViewDto] }) contacts!: ContactViewDto[];
  @ApiProperty({ type: PayeeViewDto }) payee!: PayeeViewDto;
  @ApiProperty({ type: PaymentTermsViewDto }) terms!: PaymentTermsViewDto;
}

class RateCardItemViewDto {
  @ApiProperty() daypart!: string;
  @ApiProperty({ enum: RATE_UNITS }) unit!: string;
  @ApiProperty({ type: 'integer', nullable: true }) spotLengthSeconds!: number | null;
  @ApiProperty({ type: 'integer', minimum: 1 }) rateFen!: number;
  @ApiProperty({ minimum: 0 }) surchargePercent!: number;
}

export class RateCardViewDto {
  @ApiProperty() property!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
  @ApiProperty({ type: [RateCardItemViewDto] }) items!: RateCardItemViewDto[];
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: ActorDto }) publishedBy!: ActorDto;
}

export class RateCardInForceDto {
  @ApiProperty() vendorId!: string;
  @ApiProperty() property!: string;
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ type: RateCardViewDto, nullable: true, description: 'Null: no version of the card is in force that day' }) card!: RateCardViewDto | null;
}

class EvaluationViewDto {
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) score!: number;
  @ApiProperty() notes!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

/** The view: the aggregate's state as the projection stores it, and as `?asOf=` folds it. */
export class MediaVendorViewDto {
  @ApiProperty({ enum: ['active', 'inactive'] }) status!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty({ type: ProfileViewDto }) profile!: ProfileViewDto;
  @ApiProperty({ type: [RateCardViewDto], description: 'Every version of every property’s card, never overwritten' }) rateCards!: RateCardViewDto[];
  @ApiProperty({ type: [EvaluationViewDto] }) evaluations!: EvaluationViewDto[];
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ type: ActorDto }) registeredBy!: ActorDto;
  @ApiProperty({ type: String, nullable: true }) deactivationReason!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const VendorPageDto = PageDto(MediaVendorViewDto);
