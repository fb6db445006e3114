import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActorDto, EvidenceRefViewDto, HistoryDto, PageDto } from '@ooh/http-kit';
import { FAULT_STATUSES } from './fault.dto';

export class FaultSourceDto {
  @ApiProperty({ enum: ['manual', 'inspection'] }) kind!: string;
  @ApiPropertyOptional() inspectionId?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) problemIndex?: number;
}

export class FaultViewDto {
  @ApiProperty() faultId!: string;
  @ApiProperty() siteId!: string;
  @ApiProperty({ enum: ['minor', 'major'] }) severity!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) photos!: EvidenceRefViewDto[];
  @ApiProperty({ type: FaultSourceDto }) source!: FaultSourceDto;
  @ApiProperty() openedAt!: string;
  @ApiProperty() slaDeadline!: string;
  @ApiProperty({ enum: FAULT_STATUSES }) status!: string;
  @ApiProperty() breached!: boolean;
  @ApiProperty({ type: ActorDto }) openedBy!: ActorDto;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ description: 'With asOf: the instant the state is given for' }) asOf?: string;
  @ApiPropertyOptional() acknowledgedAt?: string;
  @ApiPropertyOptional({ type: ActorDto }) acknowledgedBy?: ActorDto;
  @ApiPropertyOptional({ description: 'The note sent with the acknowledgement' }) acknowledgementNote?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) resolvedAt?: string | null;
  @ApiPropertyOptional({ type: ActorDto, nullable: true }) resolvedBy?: ActorDto | null;
  @ApiPropertyOptional() resolution?: string;
  @ApiPropertyOptional({ type: [EvidenceRefViewDto] }) resolutionPhotos?: EvidenceRefViewDto[];
  @ApiPropertyOptional() withinSla?: boolean;
  @ApiPropertyOptional({ description: 'Reason of the last rejected resolution' }) lastRejection?: string;
  @ApiPropertyOptional() closedAt?: string;
  @ApiPropertyOptional({ type: ActorDto }) closedBy?: ActorDto;
  @ApiPropertyOptional() breachDetectedAt?: string;
}

export const FaultPageDto = PageDto(FaultViewDto);
export const FaultHistoryDto = HistoryDto('faultId', 'FaultHistoryDto');
