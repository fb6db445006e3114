import { ApiProperty } from '@nestjs/swagger';
import { EvidenceRefViewDto } from '@ooh/http-kit';
import { VendorViewDto } from '../finance.view.dto';

const fen = (description?: string) => ApiProperty({ type: 'integer', minimum: 0, ...(description ? { description } : {}) });

/** Outstanding fen per aging bucket (days past the due date). */
export class AgingBucketsDto {
  @fen('Not yet due') current!: number;
  @fen() '1-30'!: number;
  @fen() '31-60'!: number;
  @fen() '61-90'!: number;
  @fen() '90+'!: number;
}

export class AgingClientDto {
  @ApiProperty() client!: string;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiProperty({ type: AgingBucketsDto }) buckets!: AgingBucketsDto;
  @fen('Outstanding in all buckets') totalFen!: number;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Open receivables' }) receivables!: number;
}

export class ReceivablesAgingDto {
  @ApiProperty({ example: '2026-11-30' }) asOf!: string;
  @ApiProperty({ type: [String], example: ['current', '1-30', '31-60', '61-90', '90+'] }) buckets!: string[];
  @ApiProperty({ type: [AgingClientDto], description: 'Per client and currency, largest outstanding first' }) clients!: AgingClientDto[];
  @ApiProperty({ type: AgingBucketsDto }) totals!: AgingBucketsDto;
}

export class DuePayableDto {
  @ApiProperty() payableId!: string;
  @ApiProperty({ type: VendorViewDto }) vendor!: VendorViewDto;
  @fen() amountFen!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ example: '2026-12-10' }) dueDate!: string;
  @ApiProperty() status!: string;
}

export class PayablesDueWeekDto {
  @ApiProperty({ example: '2026-W50' }) week!: string;
  @fen() totalFen!: number;
  @ApiProperty({ type: [DuePayableDto] }) payables!: DuePayableDto[];
}

export class PayablesDueDto {
  @ApiProperty({ example: '2026-12-01' }) from!: string;
  @ApiProperty({ example: '2026-12-31' }) to!: string;
  @ApiProperty({ type: [PayablesDueWeekDto], description: 'ISO weeks in order' }) weeks!: PayablesDueWeekDto[];
}

export class LedgerEntryDto {
  @ApiProperty() expenseId!: string;
  @ApiProperty() department!: string;
  @ApiProperty() category!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: 'integer', minimum: 0, nullable: true, description: 'What was actually spent' }) amountFen!: number | null;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-25' }) incurredOn!: string | null;
  @ApiProperty({ enum: ['incurred', 'reimbursed'] }) status!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) receipt!: EvidenceRefViewDto[];
  @ApiProperty() requestedBy!: string;
}

export class LedgerTotalsDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Fen per department' }) byDepartment!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Fen per category' }) byCategory!: Record<string, number>;
  @fen() totalFen!: number;
}

export class ExpenseLedgerDto {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: String, nullable: true }) department!: string | null;
  @ApiProperty({ type: [LedgerEntryDto] }) entries!: LedgerEntryDto[];
  @ApiProperty({ type: LedgerTotalsDto }) totals!: LedgerTotalsDto;
}
