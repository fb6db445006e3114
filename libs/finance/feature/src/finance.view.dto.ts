import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EvidenceRefViewDto, HistoryDto, PageDto } from '@ooh/http-kit';
import { CATEGORIES, DEPARTMENTS } from './finance.dto';

export class SourceViewDto {
  @ApiProperty({ example: 'operations' }) context!: string;
  @ApiProperty({ example: 'booking' }) kind!: string;
  @ApiProperty() id!: string;
}

export class ClientViewDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) clientId!: string | null;
}

export class ReceivedPaymentViewDto {
  @ApiProperty() paymentId!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) amountFen!: number;
  @ApiProperty() reference!: string;
  @ApiProperty() receivedOn!: string;
}

export class ReceivableViewDto {
  @ApiProperty() receivableId!: string;
  @ApiProperty({ enum: ['open', 'invoiced', 'partially-paid', 'settled'] }) status!: string;
  @ApiProperty({ type: ClientViewDto }) client!: ClientViewDto;
  @ApiProperty({ type: SourceViewDto }) source!: SourceViewDto;
  @ApiProperty({ enum: ['prepayment', 'balance', 'full'] }) milestone!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) amountFen!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, nullable: true }) invoiceNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) invoicedAt!: string | null;
  @ApiProperty({ type: [ReceivedPaymentViewDto] }) payments!: ReceivedPaymentViewDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) paidTotalFen!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) outstandingFen!: number;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ type: String, nullable: true }) settledAt!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export class VendorViewDto {
  @ApiProperty() vendorId!: string;
  @ApiProperty() name!: string;
}

class ApprovalsViewDto {
  @ApiProperty() needsExecutive!: boolean;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ type: String, nullable: true }) financeApprovedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) executiveApprovedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) paymentReference!: string | null;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ type: String, nullable: true }) approvedAt!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export class PayableViewDto extends ApprovalsViewDto {
  @ApiProperty() payableId!: string;
  @ApiProperty({ enum: ['requested', 'finance-approved', 'executive-approved', 'approved', 'paid', 'rejected'] }) status!: string;
  @ApiProperty({ type: VendorViewDto }) vendor!: VendorViewDto;
  @ApiProperty({ type: SourceViewDto, nullable: true }) source!: SourceViewDto | null;
  @ApiProperty() milestone!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) amountFen!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: String, nullable: true }) dueDate!: string | null;
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: String, nullable: true }) paidOn!: string | null;
}

export class ExpenseViewDto extends ApprovalsViewDto {
  @ApiProperty() expenseId!: string;
  @ApiProperty({ enum: ['requested', 'finance-approved', 'executive-approved', 'approved', 'rejected', 'withdrawn', 'incurred', 'reimbursed'] })
  status!: string;
  @ApiProperty({ enum: DEPARTMENTS }) department!: string;
  @ApiProperty({ enum: CATEGORIES }) category!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The approved ceiling' }) requestedAmountFen!: number;
  @ApiProperty({ type: 'integer', minimum: 0, nullable: true }) actualAmountFen!: number | null;
  @ApiProperty({ type: String, nullable: true }) incurredOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) month!: string | null;
  @ApiProperty({ type: [EvidenceRefViewDto] }) receipt!: EvidenceRefViewDto[];
  @ApiProperty({ type: String, nullable: true }) reimbursedAt!: string | null;
  @ApiPropertyOptional({ description: 'Why the requester withdrew it' }) withdrawalReason?: string;
  @ApiPropertyOptional({ description: 'Who recorded what was spent: the requester, or finance for them' }) incurredBy?: string;
}

export const ReceivablePageDto = PageDto(ReceivableViewDto);
export const PayablePageDto = PageDto(PayableViewDto);
export const ExpensePageDto = PageDto(ExpenseViewDto);
export const ReceivableHistoryDto = HistoryDto('receivableId', 'ReceivableHistoryDto');
export const PayableHistoryDto = HistoryDto('payableId', 'PayableHistoryDto');
export const ExpenseHistoryDto = HistoryDto('expenseId', 'ExpenseHistoryDto');
