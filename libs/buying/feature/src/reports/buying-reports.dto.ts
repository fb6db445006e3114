import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ActorDto, MonthField } from '@ooh/http-kit';

export class EvaluationQueryDto {
  @MonthField('The month evaluated', '2027-01') period!: string;
}

export class CommittedSpendQueryDto {
  @ApiProperty({ maxLength: 64, description: 'The campaign (its brief)' }) @IsString() @IsNotEmpty() @MaxLength(64) briefId!: string;
}

class VendorMetricsDto {
  @ApiProperty({ type: 'integer' }) units!: number;
  @ApiProperty({ type: 'integer' }) proven!: number;
  @ApiProperty({ type: 'integer' }) aired!: number;
  @ApiProperty({ type: 'integer' }) preempted!: number;
  @ApiProperty({ type: 'integer' }) missed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Aired of the units with proof, percent' }) deliveryPercent!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Preempted or missed of the units with proof, percent' }) preemptionPercent!: number | null;
  @ApiProperty({ type: 'integer' }) makegoodsOffered!: number;
  @ApiProperty({ type: 'integer' }) makegoodsAcceptedOutsideRule!: number;
  @ApiProperty({ type: 'integer' }) invoiceLines!: number;
  @ApiProperty({ type: 'integer' }) invoiceDiscrepancies!: number;
  @ApiProperty({ type: Number, nullable: true }) invoiceAccuracyPercent!: number | null;
  @ApiProperty({ type: 'integer' }) lateProofs!: number;
  @ApiProperty({ type: Number, nullable: true }) proofTimelinessPercent!: number | null;
  @ApiProperty({ type: 'integer' }) airedOffSchedule!: number;
}

class ManualEvaluationDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) score!: number;
  @ApiProperty() notes!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class VendorAudienceDto {
  @ApiProperty({ type: 'integer', description: 'Order lines of the vendor measured after they ran (post-buy) in the month' }) measuredLines!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'GRP delivered, percent of what the client-approved plans promised' }) grpIndexPercent!:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Impressions delivered, percent of the promise' }) impressionsIndexPercent!: number | null;
}

export class VendorEvaluationDto {
  @ApiProperty() vendorId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '2027-01' }) period!: string;
  @ApiProperty({
    type: VendorMetricsDto,
    description: 'Computed from the facts buying recorded: units airing in the month, makegoods offered and invoices dated in it',
  })
  metrics!: VendorMetricsDto;
  @ApiProperty({ type: VendorAudienceDto, description: 'The audience side, from the post-buy measurements recorded in the month' })
  audience!: VendorAudienceDto;
  @ApiProperty({ type: ManualEvaluationDto, nullable: true, description: 'The media team’s score and notes for the month' })
  manual!: ManualEvaluationDto | null;
}

class SpendRowDto {
  @ApiProperty() channel!: string;
  @ApiProperty({ example: '2027-01' }) month!: string;
  @ApiProperty({ type: 'integer' }) netFen!: number;
}

class OrderSpendDto {
  @ApiProperty() orderId!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty() vendorName!: string;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty() status!: string;
  @ApiProperty({ type: 'integer' }) netFen!: number;
  @ApiProperty({ type: 'integer', description: 'Requested from or approved for payment through finance' }) billedFen!: number;
}

export class CommittedSpendDto {
  @ApiProperty() briefId!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null: no budget authorized' }) authorizedFen!: number | null;
  @ApiProperty({ type: 'integer' }) committedFen!: number;
  @ApiProperty({ type: [SpendRowDto], description: 'Committed net per channel and month (a unit in the month it starts)' }) byChannelMonth!: SpendRowDto[];
  @ApiProperty({ type: [OrderSpendDto] }) orders!: OrderSpendDto[];
}
