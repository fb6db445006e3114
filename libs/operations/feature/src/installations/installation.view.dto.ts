import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActorDto, EvidenceRefViewDto, PageDto } from '@ooh/http-kit';
import { VendorDto } from './installation.dto';

export class InstallationQuoteViewDto {
  @ApiProperty() quoteId!: string;
  @ApiProperty({ type: VendorDto }) vendor!: VendorDto;
  @ApiProperty({ type: 'integer', minimum: 1 }) amountFen!: number;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: ActorDto }) recordedBy!: ActorDto;
}

export class ChosenVendorViewDto {
  @ApiProperty() quoteId!: string;
  @ApiProperty({ type: VendorDto }) vendor!: VendorDto;
  @ApiProperty({ type: 'integer', minimum: 1 }) amountFen!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Vendors with a live quote when it was chosen' }) quotesCompared!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why fewer than three quotes were compared' }) reasonForFewerQuotes!: string | null;
  @ApiProperty({ format: 'date-time' }) chosenAt!: string;
  @ApiProperty({ type: ActorDto }) chosenBy!: ActorDto;
}

export class SafetyAgreementViewDto {
  @ApiProperty({ description: 'The installers who signed' }) signedBy!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: ActorDto }) recordedBy!: ActorDto;
}

/** An installation job with its quotes side by side (货比三家). */
export class InstallationJobViewDto {
  @ApiProperty({ enum: ['quoting', 'vendor-chosen', 'agreement-signed', 'in-progress', 'completed', 'cancelled'] }) status!: string;
  @ApiProperty() jobId!: string;
  @ApiProperty() siteId!: string;
  @ApiProperty({ type: [String] }) faces!: string[];
  @ApiProperty({ type: String, nullable: true }) bookingId!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: ActorDto }) openedBy!: ActorDto;
  @ApiProperty({ type: [InstallationQuoteViewDto], description: 'One live quote per vendor, in the order vendors first quoted' })
  quotes!: InstallationQuoteViewDto[];
  @ApiPropertyOptional({ type: ChosenVendorViewDto }) chosen?: ChosenVendorViewDto;
  @ApiPropertyOptional({ type: SafetyAgreementViewDto }) safetyAgreement?: SafetyAgreementViewDto;
  @ApiProperty({ description: 'Payment of the chosen vendor asked of finance' }) paymentRequested!: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) startedAt?: string;
  @ApiPropertyOptional({ type: ActorDto }) startedBy?: ActorDto;
  @ApiPropertyOptional({ format: 'date-time' }) completedAt?: string;
  @ApiPropertyOptional({ type: ActorDto }) completedBy?: ActorDto;
  @ApiPropertyOptional({ type: [EvidenceRefViewDto] }) completionPhotos?: EvidenceRefViewDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) completionNotes?: string | null;
  @ApiPropertyOptional({ format: 'date-time' }) cancelledAt?: string;
  @ApiPropertyOptional({ type: ActorDto }) cancelledBy?: ActorDto;
  @ApiPropertyOptional() cancelReason?: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const InstallationJobPageDto = PageDto(InstallationJobViewDto);
