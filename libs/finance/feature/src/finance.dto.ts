import type { EvidenceRef } from '@ooh/eventing';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, MaxLength, Min } from 'class-validator';
import { PageQueryDto, PhotosField, Optional, NestedField } from '@ooh/http-kit';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = (field: string) => ({ message: `${field} must be a date YYYY-MM-DD` });
export const DEPARTMENTS = ['operations', 'media', 'production', 'accounts', 'sales', 'finance', 'admin'] as const;
export const CATEGORIES = ['office', 'travel', 'ad-production', 'installation', 'maintenance', 'electricity', 'other'] as const;

class MoneyDto {
  @ApiProperty({ description: 'Amount in fen (integer)', example: 680000 }) @IsInt() @Min(1) amountFen!: number;
  @ApiProperty({ example: 'CNY' }) @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' }) currency!: string;
}

export class InvoiceDto {
  @ApiProperty({ example: 'INV-2026-0042' }) @IsString() @IsNotEmpty() @MaxLength(64) invoiceNumber!: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @Optional() @Matches(DATE, dateMessage('dueDate')) dueDate?: string;
}

export class PaymentDto extends MoneyDto {
  @ApiProperty({ description: 'Bank or payment reference', example: 'ICBC-77812' }) @IsString() @IsNotEmpty() @MaxLength(100) reference!: string;
  @ApiProperty({ example: '2026-11-26' }) @Matches(DATE, dateMessage('receivedOn')) receivedOn!: string;
}

export class VendorDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64) vendorId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
}

export class RequestPayableDto extends MoneyDto {
  @NestedField(() => VendorDto) vendor!: VendorDto;
  @ApiProperty({ enum: ['prepayment', 'balance', 'full'] }) @IsIn(['prepayment', 'balance', 'full']) milestone!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) purpose!: string;
  @ApiPropertyOptional({ example: '2026-12-15' }) @Optional() @Matches(DATE, dateMessage('dueDate')) dueDate?: string;
}

export class ReasonDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export class EmptyDto {}

export class PayDto {
  @ApiProperty({ example: 'ICBC-OUT-5531' }) @IsString() @IsNotEmpty() @MaxLength(100) paymentReference!: string;
  @ApiProperty({ example: '2026-11-30' }) @Matches(DATE, dateMessage('paidOn')) paidOn!: string;
}

export class RequestExpenseDto extends MoneyDto {
  @ApiProperty({ enum: DEPARTMENTS }) @IsIn(DEPARTMENTS) department!: (typeof DEPARTMENTS)[number];
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) category!: (typeof CATEGORIES)[number];
  @ApiProperty({ example: 'Light-box bulbs for Chongqing North' }) @IsString() @IsNotEmpty() @MaxLength(1000) purpose!: string;
}

export class IncurredDto extends MoneyDto {
  @ApiProperty({ example: '2026-11-27' }) @Matches(DATE, dateMessage('incurredOn')) incurredOn!: string;
  @PhotosField({ description: 'The receipt' }) receipt!: EvidenceRef[];
}

export class ReimburseDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) paymentReference!: string;
}

export class FinanceListQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(40) status?: string;
}

export class AgingQueryDto {
  @ApiPropertyOptional({ description: 'Age as of this date (default: today in the operator time zone)', example: '2026-12-31' })
  @Optional()
  @Matches(DATE, dateMessage('asOf'))
  asOf?: string;
}

export class PayablesDueQueryDto {
  @ApiProperty({ example: '2026-11-01' }) @Matches(DATE, dateMessage('from')) from!: string;
  @ApiProperty({ example: '2026-12-31' }) @Matches(DATE, dateMessage('to')) to!: string;
}

export class LedgerQueryDto {
  @ApiProperty({ example: '2026-11' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' }) month!: string;
  @ApiPropertyOptional({ enum: DEPARTMENTS }) @Optional() @IsIn(DEPARTMENTS) department?: string;
}
