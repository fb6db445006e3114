import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsNumber, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CHANNELS, KPI_METRICS, type KpiMetric } from '@ooh/planning-domain';
import { ActorDto, DateField, MoneyDto, NestedField, Optional, PageDto, PageQueryDto, TextList, TwoDecimals } from '@ooh/http-kit';

const list = (description: string, example: string[], minItems = 0) => TextList({ description, example, minItems, maxItems: 50, maxLength: 500 });

export class AudienceDto {
  @list('Age bands', ['25-34', '35-44']) ageBands!: string[];
  @ApiProperty({ enum: ['all', 'female', 'male'] }) @IsIn(['all', 'female', 'male']) gender!: 'all' | 'female' | 'male';
  @list('Regions', ['Chongqing']) regions!: string[];
  @list('Media and consumption habits', ['Rail commuters']) habits!: string[];
}

export class BriefPeriodDto {
  @DateField('First day', '2027-01-01') start!: string;
  @DateField('Last day', '2027-02-28') end!: string;
}

export class ResearchDto {
  @list('Competitors', ['Snow Beer']) competitors!: string[];
  @list('Trends', ['Festive season']) trends!: string[];
}

export class BriefKpiDto {
  @ApiProperty({ enum: KPI_METRICS, description: 'impressions, GRP, reach %, frequency: at least the target; cpm, cpp (net fen): at most' })
  @IsIn(KPI_METRICS)
  metric!: KpiMetric;
  @ApiPropertyOptional({ enum: CHANNELS, description: 'The channel it is for (absent: the whole campaign)' }) @Optional() @IsIn(CHANNELS) channel?: string;
  @ApiProperty({ minimum: 0.01, maximum: 1e12, example: 300 })
  @TwoDecimals(0.01, 1e12)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(1e12)
  target!: number;
}

export class BriefContentDto {
  @ApiProperty({ maxLength: 200, example: 'Winter 2027' }) @IsString() @IsNotEmpty() @MaxLength(200) campaign!: string;
  @list('Objectives', ['Awareness in rail stations'], 1) objectives!: string[];
  @ApiPropertyOptional({ type: [BriefKpiDto], maxItems: 30, description: 'Measurable targets the post-buy report is judged against' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => BriefKpiDto)
  kpis?: BriefKpiDto[];
  @NestedField(() => AudienceDto) audience!: AudienceDto;
  @list('Markets', ['Chongqing'], 1) markets!: string[];
  @NestedField(() => MoneyDto, { description: 'The campaign budget' }) budget!: MoneyDto;
  @NestedField(() => BriefPeriodDto) period!: BriefPeriodDto;
  @NestedField(() => ResearchDto, { description: 'Market research notes' }) research!: ResearchDto;
  @list('Mandatory items', ['Logo on every creative']) mandatoryItems!: string[];
}

export class CreateBriefDto extends BriefContentDto {
  @ApiProperty({ maxLength: 64 }) @IsString() @IsNotEmpty() @MaxLength(64) clientId!: string;
}

export class ReviseBriefDto extends BriefContentDto {
  @ApiProperty({ maxLength: 2000, description: 'What changed and why' }) @IsString() @IsNotEmpty() @MaxLength(2000) note!: string;
}

export class BriefQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) clientId?: string;
}

class AudienceViewDto {
  @ApiProperty({ type: [String] }) ageBands!: string[];
  @ApiProperty({ enum: ['all', 'female', 'male'] }) gender!: string;
  @ApiProperty({ type: [String] }) regions!: string[];
  @ApiProperty({ type: [String] }) habits!: string[];
}
class MoneyViewDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) amountFen!: number;
  @ApiProperty() currency!: string;
}
class BriefPeriodViewDto {
  @ApiProperty() start!: string;
  @ApiProperty() end!: string;
}
class ResearchViewDto {
  @ApiProperty({ type: [String] }) competitors!: string[];
  @ApiProperty({ type: [String] }) trends!: string[];
}

class BriefKpiViewDto {
  @ApiProperty({ enum: KPI_METRICS }) metric!: string;
  @ApiProperty({ type: String, nullable: true }) channel!: string | null;
  @ApiProperty() target!: number;
}

export class BriefVersionViewDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty() campaign!: string;
  @ApiProperty({ type: [String] }) objectives!: string[];
  @ApiProperty({ type: [BriefKpiViewDto] }) kpis!: BriefKpiViewDto[];
  @ApiProperty({ type: AudienceViewDto }) audience!: AudienceViewDto;
  @ApiProperty({ type: [String] }) markets!: string[];
  @ApiProperty({ type: MoneyViewDto }) budget!: MoneyViewDto;
  @ApiProperty({ type: BriefPeriodViewDto }) period!: BriefPeriodViewDto;
  @ApiProperty({ type: ResearchViewDto }) research!: ResearchViewDto;
  @ApiProperty({ type: [String] }) mandatoryItems!: string[];
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

export class BriefViewDto {
  @ApiProperty({ enum: ['active'] }) status!: string;
  @ApiProperty() briefId!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty({ type: BriefVersionViewDto, description: 'The latest version' }) current!: BriefVersionViewDto;
  @ApiProperty({ type: [BriefVersionViewDto], description: 'Every version, oldest first' }) versions!: BriefVersionViewDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) asOf?: string;
}

export const BriefPageDto = PageDto(BriefViewDto);
