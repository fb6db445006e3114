import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

const fen = (description?: string) => ApiProperty({ type: 'integer', minimum: 0, ...(description ? { description } : {}) });
const fenMap = (description: string) => ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description });

export class ClientCampaignsQueryDto {
  @ApiProperty({ maxLength: 64 }) @IsString() @IsNotEmpty() @MaxLength(64) clientId!: string;
}

export class CampaignPlanDto {
  @ApiProperty() planId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Status of its current version' }) status!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) currentVersion!: number;
  @fen('Net of the current version') netFen!: number;
  @ApiProperty({ type: 'integer', nullable: true }) approvedVersion!: number | null;
}

export class ApprovedTotalsDto {
  @fen() netFen!: number;
  @fen() grossFen!: number;
  @fenMap('Net per channel, over the approved versions of the campaign’s plans') byChannel!: Record<string, number>;
  @fenMap('Net per month (pro rata by active days)') byMonth!: Record<string, number>;
}

export class CampaignDto {
  @ApiProperty({ description: 'The brief naming the campaign' }) briefId!: string;
  @ApiProperty() campaign!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) briefVersion!: number;
  @ApiProperty() currency!: string;
  @fen('The brief’s budget') budgetFen!: number;
  @fen('What the client authorized') authorizedFen!: number;
  @ApiProperty({ type: [CampaignPlanDto] }) plans!: CampaignPlanDto[];
  @ApiProperty({ type: ApprovedTotalsDto, description: 'Totals of the client-approved versions' }) approved!: ApprovedTotalsDto;
}

export class ClientCampaignsDto {
  @ApiProperty() clientId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['active', 'archived'] }) status!: string;
  @ApiProperty({ type: [CampaignDto] }) campaigns!: CampaignDto[];
}
