import type { EvidenceRef } from '@ooh/eventing';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { DateField, MoneyDto, MonthField, NestedField, Optional, PageQueryDto, PhotosField } from '@ooh/http-kit';

export const DEPARTMENTS = ['operations', 'media', 'production', 'accounts', 'sales', 'finance', 'admin'] as const;
export const CATEGORIES = ['office', 'travel', 'ad-production', 'installation', 'maintenance', 'electricity', 'other'] as const;

export class InvoiceDto {
  @ApiProperty({ example: 'INV-2026-0042' }) @IsString() @IsNotEmpty() @MaxLength(64) invoiceNumber!: string;
  @DateField('A due date of its own (default: the receivable\u2019s)', '2026-12-31', { optional: true }) dueDate?: string;
}

export class PaymentDto extends MoneyDto {
  @ApiProperty({ description: 'Bank or payment reference', example: 'ICBC-77812' }) @IsString() @IsNotEmpty() @MaxLength(100) reference!: string;
  @DateField('The day the money arrived', '2026-11-26') receivedOn!: string;
}

export class VendorDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64) vendorId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
}

export class RequestPayableDto extends MoneyDto {
  @NestedField(() => VendorDto) vendor!: VendorDto;
  @ApiProperty({ enum: ['prepayment', 'balance', 'full'] }) @IsIn(['prepayment', 'balance', 'full']) milestone!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) purpose!: string;
  @DateField('When the vendor is to be paid', '2026-12-15', { optional: true }) dueDate?: string;
}

export class PayDto {
  @ApiProperty({ example: 'ICBC-OUT-5531' }) @IsString() @IsNotEmpty() @MaxLength(100) paymentReference!: string;
  @DateField('The day it was paid', '2026-11-30') paidOn!: string;
}

export class RequestExpenseDto extends MoneyDto {
  @ApiProperty({ enum: DEPARTMENTS }) @IsIn(DEPARTMENTS) department!: (typeof DEPARTMENTS)[number];
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) category!: (typeof CATEGORIES)[number];
  @ApiProperty({ example: 'Light-box bulbs for Chongqing North' }) @IsString() @IsNotEmpty() @MaxLength(1000) purpose!: string;
}

export class IncurredDto extends MoneyDto {
  @DateField('The day it was spent', '2026-11-27') incurredOn!: string;
  @PhotosField({ description: 'The receipt' }) receipt!: EvidenceRef[];
}

export class ReimburseDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) paymentReference!: string;
}

export class FinanceListQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(40) status?: string;
}

export class ReceivableQueryDto extends FinanceListQueryDto {
  @ApiPropertyOptional({ description: 'The source the receivable was opened for, e.g. a booking id' }) @Optional() @IsString() @MaxLength(64) sourceId?: string;
  @ApiPropertyOptional({ example: 'booking' }) @Optional() @IsString() @MaxLength(40) sourceKind?: string;
}

export class AgingQueryDto {
  @DateField('Age as of this date (default: today in the operator time zone)', '2026-12-31', { optional: true }) asOf?: string;
}

export class PayablesDueQueryDto {
  @DateField('First day', '2026-11-01') from!: string;
  @DateField('Last day', '2026-12-31') to!: string;
}

export class LedgerQueryDto {
  @MonthField('The ledger month', '2026-11') month!: string;
  @ApiPropertyOptional({ enum: DEPARTMENTS }) @Optional() @IsIn(DEPARTMENTS) department?: string;
}
