import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MonthField, Optional } from '@ooh/http-kit';
import { ReportTimesQueryDto } from '../campaigns/campaign.dto';

export class OccupancyQueryDto extends ReportTimesQueryDto {
  @MonthField('The month', '2026-12') month!: string;
  @ApiPropertyOptional({ maxLength: 100 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(100) city?: string;
  @ApiPropertyOptional({ enum: ['led-screen', 'light-box', 'tablet', 'other'] })
  @Optional()
  @IsIn(['led-screen', 'light-box', 'tablet', 'other'])
  kind?: string;
}

class OccupancyFiguresDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) faces!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Face-days in service (registered, not faulty, under maintenance or retired)' })
  faceDaysInService!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Of those, face-days a booking held (under review, booked or live)' }) faceDaysTaken!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Taken over in service, percent to one decimal' }) occupancyPercent!: number | null;
}

class OccupancyRowDto extends OccupancyFiguresDto {
  @ApiProperty() city!: string;
  @ApiProperty() station!: string;
  @ApiProperty() kind!: string;
}

export class OccupancyDto {
  @ApiProperty({ example: '2026-12' }) month!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) asOf!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) knownAt!: string | null;
  @ApiProperty({ type: [OccupancyRowDto] }) rows!: OccupancyRowDto[];
  @ApiProperty({ type: OccupancyFiguresDto }) total!: OccupancyFiguresDto;
}
