import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActorDto, EvidenceRefViewDto, PageDto } from '@ooh/http-kit';
import { PowerCycleDto } from './maintenance.dto';

/** A recorded maintenance visit: the same shape now and as of any instant since (then with `asOf`). */
export class MaintenanceViewDto {
  @ApiProperty({ enum: ['recorded'] }) status!: string;
  @ApiProperty() maintenanceId!: string;
  @ApiProperty() siteId!: string;
  @ApiProperty({ format: 'date-time' }) performedAt!: string;
  @ApiProperty({ example: '2026-11-25' }) localDate!: string;
  @ApiProperty({ description: 'The ISO week it counts for', example: '2026-W48' }) isoWeek!: string;
  @ApiProperty({ type: PowerCycleDto, nullable: true }) powerCycle!: PowerCycleDto | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Back on at 09:00 (null: no power cycle)' }) powerOnAtNine!: boolean | null;
  @ApiProperty({ enum: ['done', 'cleaner-checked'] }) cleaning!: string;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ type: [EvidenceRefViewDto] }) photos!: EvidenceRefViewDto[];
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const MaintenancePageDto = PageDto(MaintenanceViewDto);
