import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActorDto, EvidenceRefViewDto, PageDto } from '@ooh/http-kit';

const DAY_STATES = ['available', 'held', 'booked', 'live', 'out-of-service'];

export class AvailabilityRunDto {
  @ApiProperty({ example: '2026-12-01' }) from!: string;
  @ApiProperty({ example: '2026-12-31' }) to!: string;
  @ApiProperty({ enum: DAY_STATES }) state!: string;
  @ApiPropertyOptional({ description: 'The booking that holds, books or runs on these days' }) bookingId?: string;
}

export class AvailabilityFaceDto {
  @ApiProperty() siteId!: string;
  @ApiProperty() face!: string;
  @ApiProperty() city!: string;
  @ApiProperty() station!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ type: [AvailabilityRunDto], description: 'Runs of equal days, in date order, covering the range' }) runs!: AvailabilityRunDto[];
}

export class AvailabilityTotalsDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) available!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) held!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) booked!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) live!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) 'out-of-service'!: number;
}

/** The availability calendar (销控): per face, runs of days in one state; face-days per state. */
export class AvailabilityDto {
  @ApiProperty({ example: '2026-12-01' }) from!: string;
  @ApiProperty({ example: '2026-12-31' }) to!: string;
  @ApiProperty({ example: 'Asia/Shanghai', description: 'The days are local days of this zone' }) timeZone!: string;
  @ApiProperty({ type: [AvailabilityFaceDto] }) faces!: AvailabilityFaceDto[];
  @ApiProperty({ type: AvailabilityTotalsDto, description: 'Face-days per state' }) totals!: AvailabilityTotalsDto;
}

/** One posting or removal of one face (媒体上下刊登记表). */
export class PostingRegisterEntryDto {
  @ApiProperty({ enum: ['posting', 'removal'] }) kind!: string;
  @ApiProperty() bookingId!: string;
  @ApiProperty({ example: '2026-12-01' }) date!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Days after the day it was due' }) daysLate!: number;
  @ApiProperty() siteId!: string;
  @ApiProperty() face!: string;
  @ApiProperty() advertiser!: string;
  @ApiProperty() creativeId!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) photos!: EvidenceRefViewDto[];
  @ApiProperty() earlyTermination!: boolean;
  @ApiProperty({ type: ActorDto }) recordedBy!: ActorDto;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export const PostingRegisterPageDto = PageDto(PostingRegisterEntryDto, 'PostingRegisterPageDto');
