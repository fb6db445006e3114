import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { EvidenceRef } from '@ooh/eventing';
import { DISPOSITIONS, MATCH_RESULTS } from '@ooh/buying-domain';
import {
  ActorDto,
  DateField,
  EvidenceInputDto,
  EvidenceRefViewDto,
  InstantField,
  MAX_AMOUNT_FEN,
  NestedField,
  Optional,
  PageDto,
  PageQueryDto,
  PhotosField,
} from '@ooh/http-kit';
import { BlockerViewDto } from '../client-contracts/client-contract.dto';

export class InvoiceLineDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1_000_000 }) @IsInt() @Min(1) @Max(1_000_000) lineNo!: number;
  @ApiPropertyOptional({ maxLength: 64, description: 'The ordered unit it bills (absent: the vendor names none)' })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  unitId?: string;
  @DateField('The day billed', '2027-01-25') date!: string;
  @InstantField('When it aired, as the vendor bills it', '2027-01-25T21:10:00+08:00', { optional: true }) airedAt?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 3600 }) @Optional() @IsInt() @Min(1) @Max(3600) lengthSeconds?: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_AMOUNT_FEN }) @IsInt() @Min(0) @Max(MAX_AMOUNT_FEN) rateFen!: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100_000, default: 1 }) @Optional() @IsInt() @Min(1) @Max(100_000) quantity?: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_AMOUNT_FEN, description: 'rate × quantity' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_FEN)
  amountFen!: number;
}

class InvoiceHeaderDto {
  @ApiProperty({ maxLength: 64, description: 'The media order billed' }) @IsString() @IsNotEmpty() @MaxLength(64) orderId!: string;
  @ApiProperty({ maxLength: 64, example: 'CQTV-2027-0131' }) @IsString() @IsNotEmpty() @MaxLength(64) invoiceNumber!: string;
  @DateField('The invoice date (not in the future)', '2027-02-05') invoiceDate!: string;
}

export class RecordVendorInvoiceDto extends InvoiceHeaderDto {
  @ApiProperty({ type: [InvoiceLineDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineDto)
  lines!: InvoiceLineDto[];
  @PhotosField({ description: 'The invoice document (PDF, e-invoice): required' }) evidence!: EvidenceRef[];
}

export class ImportVendorInvoiceDto extends InvoiceHeaderDto {
  @NestedField(() => EvidenceInputDto, {
    description:
      'The invoice lines as text/csv: line_no, unit_id, date, aired_at, length_seconds, rate_fen, quantity, amount_fen (date, rate_fen and amount_fen required)',
  })
  file!: EvidenceRef;
  @PhotosField({ optional: true, description: 'The invoice document itself' }) evidence?: EvidenceRef[];
}

export class DispositionDto {
  @ApiProperty({ enum: DISPOSITIONS }) @IsIn(DISPOSITIONS) kind!: (typeof DISPOSITIONS)[number];
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export const INVOICE_STATUSES = ['matching', 'approved', 'rejected', 'paid'] as const;

export class VendorInvoiceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES }) @Optional() @IsIn(INVOICE_STATUSES) status?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) orderId?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) vendorId?: string;
}

export class DiscrepancyQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: not dispositioned yet' }) @Optional() @IsIn(['true', 'false']) open?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) vendorId?: string;
  @ApiPropertyOptional({ enum: MATCH_RESULTS }) @Optional() @IsIn(MATCH_RESULTS) result?: string;
}

class InvoiceLineViewDto {
  @ApiProperty({ type: 'integer' }) lineNo!: number;
  @ApiProperty({ type: String, nullable: true }) unitId!: string | null;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) airedAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) lengthSeconds!: number | null;
  @ApiProperty({ type: 'integer' }) rateFen!: number;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
}

class DispositionViewDto {
  @ApiProperty({ enum: DISPOSITIONS }) kind!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class InvoiceMatchViewDto {
  @ApiProperty({ type: 'integer' }) lineNo!: number;
  @ApiProperty({ type: String, nullable: true }) unitId!: string | null;
  @ApiProperty({ enum: MATCH_RESULTS }) result!: string;
  @ApiProperty() detail!: string;
  @ApiProperty({ type: 'integer' }) invoicedFen!: number;
  @ApiProperty({ type: 'integer', description: 'The order’s net for the unit (0: not ordered)' }) orderedNetFen!: number;
  @ApiProperty({ type: DispositionViewDto, nullable: true }) disposition!: DispositionViewDto | null;
}

class InvoiceVendorViewDto {
  @ApiProperty() vendorId!: string;
  @ApiProperty() name!: string;
}

class InvoiceApprovalViewDto {
  @ApiProperty({ type: 'integer', description: 'What the matched and accepted lines are worth' }) linesFen!: number;
  @ApiProperty({ type: 'integer' }) prepaymentDeductedFen!: number;
  @ApiProperty({ type: 'integer', description: 'What finance pays' }) payableFen!: number;
  @ApiProperty({ type: 'integer', description: 'Invoiced but not paid (credits, makegoods, disputes, bonus units)' }) withheldFen!: number;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class InvoiceRejectionViewDto {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class InvoicePaymentViewDto {
  @ApiProperty() payableId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ format: 'date' }) paidOn!: string;
}

export class VendorInvoiceViewDto {
  @ApiProperty({ enum: INVOICE_STATUSES }) status!: string;
  @ApiProperty() invoiceId!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty({ type: InvoiceVendorViewDto }) vendor!: InvoiceVendorViewDto;
  @ApiProperty() vendorId!: string;
  @ApiProperty() invoiceNumber!: string;
  @ApiProperty({ format: 'date' }) invoiceDate!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: [InvoiceLineViewDto] }) lines!: InvoiceLineViewDto[];
  @ApiProperty({ type: 'integer' }) totalFen!: number;
  @ApiProperty({ type: [InvoiceMatchViewDto] }) matches!: InvoiceMatchViewDto[];
  @ApiProperty({ type: EvidenceRefViewDto, nullable: true }) file!: EvidenceRefViewDto | null;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: ActorDto }) recordedBy!: ActorDto;
  @ApiProperty({ type: [String], description: 'Who recorded or dispositioned it (none of them approves it)' }) handledBy!: string[];
  @ApiProperty({ type: InvoiceApprovalViewDto, nullable: true }) approval!: InvoiceApprovalViewDto | null;
  @ApiProperty({ type: InvoiceRejectionViewDto, nullable: true }) rejection!: InvoiceRejectionViewDto | null;
  @ApiProperty({ type: InvoicePaymentViewDto, nullable: true }) payment!: InvoicePaymentViewDto | null;
  @ApiProperty({ type: [BlockerViewDto] }) blockedBy!: BlockerViewDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const VendorInvoicePageDto = PageDto(VendorInvoiceViewDto);

export class DiscrepancyRowDto extends InvoiceMatchViewDto {
  @ApiProperty() invoiceId!: string;
  @ApiProperty() invoiceNumber!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty({ description: 'Not dispositioned yet' }) open!: boolean;
  @ApiProperty({ enum: INVOICE_STATUSES }) invoiceStatus!: string;
}

export const DiscrepancyPageDto = PageDto(DiscrepancyRowDto);
