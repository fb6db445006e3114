import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { EvidenceRef } from '@ooh/eventing';
import { MAX_TOLERANCE_PERCENT } from '@ooh/production-domain';
import {
  ActorDto,
  AmountFenField,
  DateField,
  EvidenceInputDto,
  EvidenceRefViewDto,
  NestedField,
  Optional,
  PageDto,
  PageQueryDto,
  PhotosField,
  TwoDecimals,
} from '@ooh/http-kit';
import { BriefIdField, ProductionBlockerDto, VendorRefViewDto } from '../shared/production-dto';
import { CfClientDto } from '../cf-jobs/cf-job.dto';

/** Every status a print job can show (`none` never: a job exists once opened). */
export const PRINT_STATUSES = [
  'proofing',
  'specified',
  'printer-chosen',
  'client-contract',
  'awaiting-prepayment',
  'printer-contract',
  'printing',
  'samples',
  'awaiting-balance',
  'balance-received',
  'delivered',
  'closed',
  'cancelled',
] as const;

const Sha256 = () => Matches(/^[a-f0-9]{64}$/, { message: 'sha256 must be 64 lowercase hex digits' });

export class OpenPrintJobDto {
  @NestedField(() => CfClientDto) client!: CfClientDto;
  @BriefIdField() briefId?: string;
  @ApiProperty({ maxLength: 200, example: 'Winter posters, 5000 A1' }) @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @ApiProperty({ example: 'CNY', pattern: '^[A-Z]{3}$' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency!: string;
  @DateField('When the client needs the goods (today to two years ahead): the due date of every stage', '2026-12-20') neededBy!: string;
}

export class FilmProofDto {
  @NestedField(() => EvidenceInputDto, { description: 'The film proof (菲林打样) file: the client’s signature is bound to its sha256' }) file!: EvidenceRef;
}

export class ProofSignatureDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000, description: 'The proof signed (the latest)' }) @IsInt() @Min(1) @Max(1000) proofNo!: number;
  @ApiProperty({ pattern: '^[a-f0-9]{64}$', description: 'The sha256 of the proof the client signed' }) @Sha256() sha256!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10_000_000, example: 5000 }) @IsInt() @Min(1) @Max(10_000_000) quantity!: number;
  @ApiProperty({ maxLength: 200, example: '157g coated art paper' }) @IsString() @IsNotEmpty() @MaxLength(200) material!: string;
  @ApiProperty({ minimum: 0, maximum: MAX_TOLERANCE_PERCENT, example: 2, description: 'How far the delivered quantity may fall short or over, percent' })
  @TwoDecimals(0, MAX_TOLERANCE_PERCENT)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_TOLERANCE_PERCENT)
  tolerancePercent!: number;
  @PhotosField({ description: 'The proof as the client signed it (required)' }) evidence!: EvidenceRef[];
}

export class ChoosePrinterDto {
  @ApiProperty({ maxLength: 64, description: 'The request for quotes whose award names the printer' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  requestId!: string;
}

export class PrintClientContractDto {
  @AmountFenField('What the client pays for the print job, in fen', 120_000) valueFen!: number;
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) terms!: string;
}

export class PrinterContractDto {
  @ApiProperty({ maxLength: 4000, description: 'Its value is the awarded bid’s price' }) @IsString() @IsNotEmpty() @MaxLength(4000) terms!: string;
}

export class ContractReviewDto {
  @ApiProperty({ enum: ['approve', 'return'] }) @IsIn(['approve', 'return']) decision!: 'approve' | 'return';
  @ApiPropertyOptional({ maxLength: 4000, description: 'Required when returned' }) @Optional() @IsString() @MaxLength(4000) notes?: string;
}

export class PrinterSignatureDto {
  @DateField('The day it was signed (not in the future)', '2026-12-01') signedOn!: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) signatory!: string;
  @PhotosField({ description: 'The signed contract (required)' }) evidence!: EvidenceRef[];
}

export class PrintClientSignatureDto extends PrinterSignatureDto {
  @ApiProperty({ minimum: 1, maximum: 99, example: 50, description: 'The prepayment, percent of the contract value (two decimals, rounded)' })
  @TwoDecimals(1, 99)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(1)
  @Max(99)
  prepaymentPercent!: number;
}

export class PrinterPaymentDto {
  @ApiProperty({ enum: ['prepayment', 'balance'], description: 'The prepayment once the printer’s contract is signed; the balance after delivery' })
  @IsIn(['prepayment', 'balance'])
  milestone!: 'prepayment' | 'balance';
  @ApiPropertyOptional({ minimum: 1, maximum: 99, example: 30, description: 'Required for the prepayment: percent of the printer’s price' })
  @Optional()
  @TwoDecimals(1, 99)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(1)
  @Max(99)
  prepaymentPercent?: number;
}

export class HandOverDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000 }) @IsInt() @Min(1) @Max(1000) proofNo!: number;
  @ApiProperty({ pattern: '^[a-f0-9]{64}$', description: 'The sha256 of the proof handed over: must be the one the client signed' }) @Sha256() sha256!: string;
  @PhotosField({ description: 'The printer’s receipt (required)' }) receipt!: EvidenceRef[];
}

export class PrintCheckpointDto {
  @ApiProperty({ enum: ['progress', 'quality'], description: 'Progress by the account executive or art director; quality by the art director' })
  @IsIn(['progress', 'quality'])
  kind!: 'progress' | 'quality';
  @ApiProperty() @IsBoolean() passed!: boolean;
  @ApiPropertyOptional({ maxLength: 4000, description: 'Required when not passed' }) @Optional() @IsString() @MaxLength(4000) notes?: string;
  @PhotosField({ optional: true, description: 'Press photos, colour bars' }) evidence?: EvidenceRef[];
}

export class PrintSamplesDto {
  @PhotosField({ description: 'The samples sent to the client (photos, delivery note): required' }) evidence!: EvidenceRef[];
}

export class PrintSamplesReviewDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000 }) @IsInt() @Min(1) @Max(1000) sampleNo!: number;
  @ApiProperty({ enum: ['accept', 'reject'] }) @IsIn(['accept', 'reject']) decision!: 'accept' | 'reject';
  @ApiPropertyOptional({ maxLength: 4000, description: 'Required when rejected' }) @Optional() @IsString() @MaxLength(4000) reason?: string;
  @ApiPropertyOptional({ enum: ['printer', 'agency', 'client'], description: 'Required when rejected: who bears the reprint' })
  @Optional()
  @IsIn(['printer', 'agency', 'client'])
  reprintCostBorneBy?: 'printer' | 'agency' | 'client';
  @PhotosField({ description: 'The client’s answer (required)' }) evidence!: EvidenceRef[];
}

export class PrintDeliveryDto {
  @DateField('The day the goods were delivered (not in the future)', '2026-12-18') deliveredOn!: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 20_000_000, example: 5000 }) @IsInt() @Min(0) @Max(20_000_000) quantity!: number;
  @PhotosField({ description: 'The client’s signed receipt (required)' }) receipt!: EvidenceRef[];
  @ApiPropertyOptional({ description: 'Accept a delivery short beyond the tolerance, crediting the client for the units missing (default: refuse it)' })
  @Optional()
  @IsBoolean()
  acceptShortfall?: boolean;
}

export class PrintJobQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PRINT_STATUSES }) @Optional() @IsIn(PRINT_STATUSES) status?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) clientId?: string;
}

class PrintAtByDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class PrintClientViewDto {
  @ApiProperty() clientId!: string;
  @ApiProperty() name!: string;
}

class FilmProofViewDto extends PrintAtByDto {
  @ApiProperty({ type: 'integer' }) proofNo!: number;
  @ApiProperty({ type: EvidenceRefViewDto }) file!: EvidenceRefViewDto;
}

class SignedProofViewDto extends PrintAtByDto {
  @ApiProperty({ type: 'integer' }) proofNo!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty() material!: string;
  @ApiProperty() tolerancePercent!: number;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
}

class ChosenPrinterViewDto {
  @ApiProperty() requestId!: string;
  @ApiProperty() bidId!: string;
  @ApiProperty({ type: VendorRefViewDto }) printer!: VendorRefViewDto;
  @ApiProperty({ type: 'integer' }) priceFen!: number;
}

class ContractReviewViewDto extends PrintAtByDto {
  @ApiProperty({ enum: ['approve', 'return'] }) decision!: string;
  @ApiProperty() notes!: string;
}

class ContractSignatureViewDto extends PrintAtByDto {
  @ApiProperty({ format: 'date' }) signedOn!: string;
  @ApiProperty() signatory!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
}

class ReviewedContractViewDto {
  @ApiProperty({ type: 'integer' }) valueFen!: number;
  @ApiProperty() terms!: string;
  @ApiProperty({ format: 'date-time' }) draftedAt!: string;
  @ApiProperty({ type: ActorDto }) draftedBy!: ActorDto;
  @ApiProperty({ type: ContractReviewViewDto, nullable: true }) review!: ContractReviewViewDto | null;
  @ApiProperty({ type: ContractSignatureViewDto, nullable: true }) signed!: ContractSignatureViewDto | null;
}

class SettlementViewDto {
  @ApiProperty() receivableId!: string;
  @ApiProperty({ format: 'date-time' }) settledAt!: string;
}

class HandOverViewDto extends PrintAtByDto {
  @ApiProperty({ type: 'integer' }) proofNo!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) receipt!: EvidenceRefViewDto[];
}

class PrinterPaymentPaidViewDto {
  @ApiProperty() payableId!: string;
  @ApiProperty({ format: 'date' }) paidOn!: string;
}

class PrinterPaymentViewDto {
  @ApiProperty() costId!: string;
  @ApiProperty({ enum: ['prepayment', 'balance'] }) milestone!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ type: PrinterPaymentPaidViewDto, nullable: true }) paid!: PrinterPaymentPaidViewDto | null;
}

class CheckpointViewDto extends PrintAtByDto {
  @ApiProperty({ enum: ['progress', 'quality'] }) kind!: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty() notes!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
  @ApiProperty({ type: 'integer', description: 'How many samples had gone to the client when it was made (a reprint is checked again)' }) round!: number;
}

class SampleReviewViewDto extends PrintAtByDto {
  @ApiProperty({ enum: ['accept', 'reject'] }) decision!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['printer', 'agency', 'client'] }) reprintCostBorneBy!: string | null;
}

class SampleViewDto {
  @ApiProperty({ type: 'integer' }) sampleNo!: number;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
  @ApiProperty({ type: SampleReviewViewDto, nullable: true }) review!: SampleReviewViewDto | null;
}

class ShortfallViewDto {
  @ApiProperty({ type: 'integer' }) units!: number;
  @ApiProperty({ type: 'integer', description: 'Credited to the client' }) creditFen!: number;
}

class PrintDeliveryViewDto extends PrintAtByDto {
  @ApiProperty({ format: 'date' }) deliveredOn!: string;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty({ type: [EvidenceRefViewDto] }) receipt!: EvidenceRefViewDto[];
  @ApiProperty({ type: ShortfallViewDto, nullable: true }) shortfall!: ShortfallViewDto | null;
}

class PrintCancellationViewDto extends PrintAtByDto {
  @ApiProperty() reason!: string;
}

export class PrintJobViewDto {
  @ApiProperty({ enum: PRINT_STATUSES }) status!: string;
  @ApiProperty() jobId!: string;
  @ApiProperty({ type: PrintClientViewDto }) client!: PrintClientViewDto;
  @ApiProperty() clientId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The campaign brief it is for' }) briefId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ format: 'date' }) neededBy!: string;
  @ApiProperty({ type: [FilmProofViewDto], description: 'Every film proof output (its sha256)' }) proofs!: FilmProofViewDto[];
  @ApiProperty({ type: SignedProofViewDto, nullable: true, description: 'The proof the client signed, with quantity, material and tolerance' })
  signedProof!: SignedProofViewDto | null;
  @ApiProperty({ type: ChosenPrinterViewDto, nullable: true }) printer!: ChosenPrinterViewDto | null;
  @ApiProperty({ type: ReviewedContractViewDto, nullable: true }) clientContract!: ReviewedContractViewDto | null;
  @ApiProperty({ type: 'integer', description: 'What the client’s signature invoiced in advance' }) clientPrepaymentFen!: number;
  @ApiProperty({ type: SettlementViewDto, nullable: true }) prepayment!: SettlementViewDto | null;
  @ApiProperty({ type: ReviewedContractViewDto, nullable: true }) printerContract!: ReviewedContractViewDto | null;
  @ApiProperty({ type: HandOverViewDto, nullable: true }) handOver!: HandOverViewDto | null;
  @ApiProperty({ type: [PrinterPaymentViewDto], description: 'Payments to the printer requested as payables' }) printerPayments!: PrinterPaymentViewDto[];
  @ApiProperty({ type: [CheckpointViewDto] }) checkpoints!: CheckpointViewDto[];
  @ApiProperty({ type: [SampleViewDto] }) samples!: SampleViewDto[];
  @ApiProperty({ type: SettlementViewDto, nullable: true }) balance!: SettlementViewDto | null;
  @ApiProperty({ type: PrintDeliveryViewDto, nullable: true }) delivery!: PrintDeliveryViewDto | null;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: ActorDto }) openedBy!: ActorDto;
  @ApiProperty({ type: PrintCancellationViewDto, nullable: true }) cancellation!: PrintCancellationViewDto | null;
  @ApiProperty({ type: [ProductionBlockerDto], description: 'What the job waits for and who releases it' }) blockedBy!: ProductionBlockerDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const PrintJobPageDto = PageDto(PrintJobViewDto);
