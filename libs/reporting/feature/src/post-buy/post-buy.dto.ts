import { ApiProperty } from '@nestjs/swagger';
import { AudienceFiguresDto } from '../campaigns/campaign.dto';

class PlannedActualFenDto {
  @ApiProperty({ type: 'integer', nullable: true }) planned!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) actual!: number | null;
}

class LineIndexDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Delivered impressions, percent of the estimate' }) impressions!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Delivered GRP, percent of the estimate' }) grp!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Reach delivered minus reach estimated, in points' }) reachPoints!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Delivered frequency, percent of the estimate' }) frequency!: number | null;
}

class GroupIndexDto {
  @ApiProperty({ type: Number, nullable: true }) impressions!: number | null;
  @ApiProperty({ type: Number, nullable: true }) grp!: number | null;
}

class PostBuyLineDto {
  @ApiProperty({ description: 'The plan line' }) lineId!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() vendor!: string;
  @ApiProperty() pricing!: string;
  @ApiProperty({ type: 'integer', description: 'The approved plan’s net for the line, fen' }) plannedNetFen!: number;
  @ApiProperty({ type: 'integer', description: 'Net of the line’s units delivered (see the reconciliation), fen' }) deliveredNetFen!: number;
  @ApiProperty({ type: AudienceFiguresDto }) estimated!: AudienceFiguresDto;
  @ApiProperty({ type: AudienceFiguresDto, nullable: true, description: 'The latest post-buy measurement (null: not measured yet)' })
  delivered!: AudienceFiguresDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) measuredOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ type: LineIndexDto }) index!: LineIndexDto;
  @ApiProperty({ type: PlannedActualFenDto, description: 'Net cost per thousand impressions' }) cpmFen!: PlannedActualFenDto;
  @ApiProperty({ type: PlannedActualFenDto, description: 'Net cost per rating point' }) cppFen!: PlannedActualFenDto;
}

class PostBuyGroupDto {
  @ApiProperty({ description: 'The channel, the vendor, or `campaign`' }) key!: string;
  @ApiProperty({ type: 'integer' }) lines!: number;
  @ApiProperty({ type: 'integer', description: 'Lines with a post-buy measurement' }) measured!: number;
  @ApiProperty({ type: 'integer' }) plannedNetFen!: number;
  @ApiProperty({ type: 'integer' }) deliveredNetFen!: number;
  @ApiProperty({ type: AudienceFiguresDto, description: 'The estimates of every line' }) estimated!: AudienceFiguresDto;
  @ApiProperty({ type: AudienceFiguresDto, description: 'The estimates of the measured lines: what the delivery is compared with' })
  estimatedMeasured!: AudienceFiguresDto;
  @ApiProperty({ type: AudienceFiguresDto }) delivered!: AudienceFiguresDto;
  @ApiProperty({ type: GroupIndexDto, description: 'Delivered as a percent of the measured lines’ estimates' }) index!: GroupIndexDto;
  @ApiProperty({ type: PlannedActualFenDto }) cpmFen!: PlannedActualFenDto;
  @ApiProperty({ type: PlannedActualFenDto }) cppFen!: PlannedActualFenDto;
}

class KpiAttainmentDto {
  @ApiProperty({ enum: ['impressions', 'grp', 'reach', 'frequency', 'cpm', 'cpp'] }) metric!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The channel it is for (null: the campaign)' }) channel!: string | null;
  @ApiProperty({ description: 'From the brief: audience at least, cost (net fen) at most' }) target!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Null until a line in scope is measured, and for reach or frequency over several lines' })
  actual!: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) met!: boolean | null;
  @ApiProperty({ type: 'integer', description: 'Lines in scope measured so far' }) measuredLines!: number;
  @ApiProperty({ type: 'integer' }) lines!: number;
}

export class PostBuyDto {
  @ApiProperty() briefId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) asOf!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) knownAt!: string | null;
  @ApiProperty({ type: [String], description: 'The brief’s objectives (its latest version)' }) objectives!: string[];
  @ApiProperty({ type: [KpiAttainmentDto], description: 'The brief’s measurable targets against what was delivered' }) kpis!: KpiAttainmentDto[];
  @ApiProperty({ type: PostBuyGroupDto }) campaign!: PostBuyGroupDto;
  @ApiProperty({ type: [PostBuyGroupDto] }) byChannel!: PostBuyGroupDto[];
  @ApiProperty({ type: [PostBuyGroupDto], description: 'Per vendor: the audience side of its evaluation' }) byVendor!: PostBuyGroupDto[];
  @ApiProperty({ type: [PostBuyLineDto] }) lines!: PostBuyLineDto[];
}
