import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActorDto, EvidenceRefViewDto, PageDto } from '@ooh/http-kit';

export class ProofOfPlayInspectionDto {
  @ApiProperty() inspectionId!: string;
  @ApiProperty({ example: '2026-12-03' }) date!: string;
  @ApiProperty({ description: 'The booked ad was the one shown' }) adsCorrect!: boolean;
  @ApiProperty({ type: [EvidenceRefViewDto] }) photos!: EvidenceRefViewDto[];
}

export class ProofOfPlayLineDto {
  @ApiProperty() bookingId!: string;
  @ApiProperty() siteId!: string;
  @ApiProperty() face!: string;
  @ApiProperty({ type: [String], description: 'Local dates the ad was live in the month' }) daysLive!: string[];
  @ApiProperty({ type: [ProofOfPlayInspectionDto] }) inspections!: ProofOfPlayInspectionDto[];
}

/** A monthly proof-of-play report (监播报告) for one advertiser, archived, with whether and to whom it was sent. */
export class ProofOfPlayViewDto {
  @ApiProperty({ enum: ['generated', 'sent'] }) status!: string;
  @ApiProperty() reportId!: string;
  @ApiProperty() advertiser!: string;
  @ApiProperty({ example: '2026-12' }) month!: string;
  @ApiProperty({ type: [ProofOfPlayLineDto] }) lines!: ProofOfPlayLineDto[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) generatedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) sentAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) sentTo!: string | null;
  @ApiPropertyOptional({ type: ActorDto }) sentBy?: ActorDto;
  @ApiPropertyOptional({ type: [EvidenceRefViewDto] }) sentEvidence?: EvidenceRefViewDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const ProofOfPlayPageDto = PageDto(ProofOfPlayViewDto);
