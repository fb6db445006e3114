import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActorDto, EvidenceRefViewDto, PageDto } from '@ooh/http-kit';
import { InspectionChecksDto, InspectionProblemDto } from './inspection.dto';

/** A recorded inspection: the same shape now and as of any instant since (then with `asOf`). */
export class InspectionViewDto {
  @ApiProperty({ enum: ['recorded'] }) status!: string;
  @ApiProperty() inspectionId!: string;
  @ApiProperty() siteId!: string;
  @ApiProperty({ format: 'date-time' }) performedAt!: string;
  @ApiProperty({ description: 'The local day it counts for (operator time zone)', example: '2026-11-25' }) localDate!: string;
  @ApiProperty({ type: InspectionChecksDto }) checks!: InspectionChecksDto;
  @ApiProperty({ type: [InspectionProblemDto], description: 'Each opened a fault ticket' }) problems!: InspectionProblemDto[];
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ type: [EvidenceRefViewDto] }) photos!: EvidenceRefViewDto[];
  @ApiProperty({ type: ActorDto, description: 'Who inspected' }) by!: ActorDto;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const InspectionPageDto = PageDto(InspectionViewDto);
