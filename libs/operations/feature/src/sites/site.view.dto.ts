import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EvidenceRefViewDto, HistoryDto, HistoryEntryDto, PageDto } from '@ooh/http-kit';
import { SITE_KINDS, SITE_STATUSES } from './site.dto';

export class SiteStatusChangeDto {
  @ApiProperty({ enum: SITE_STATUSES }) status!: string;
  @ApiProperty() from!: string;
}

export class SiteViewDto {
  @ApiProperty() siteId!: string;
  @ApiProperty() city!: string;
  @ApiProperty() station!: string;
  @ApiProperty() location!: string;
  @ApiProperty({ enum: SITE_KINDS }) kind!: string;
  @ApiProperty({ type: [String] }) faces!: string[];
  @ApiProperty() landlordAuthority!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) photos!: EvidenceRefViewDto[];
  @ApiProperty({ enum: SITE_STATUSES }) status!: string;
  @ApiProperty() registeredAt!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiPropertyOptional({ type: [SiteStatusChangeDto] }) statusHistory?: SiteStatusChangeDto[];
  @ApiPropertyOptional() updatedAt?: string;
  @ApiPropertyOptional({ description: 'With asOf' }) statusChangedAt?: string;
  @ApiPropertyOptional({ description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const SitePageDto = PageDto(SiteViewDto);
export const SiteHistoryDto = HistoryDto('siteId', 'SiteHistoryDto');

class SiteTimelineEntryDto extends HistoryEntryDto {
  @ApiProperty({ enum: ['site', 'inspection', 'maintenance', 'fault'], description: 'Whose event it is' }) aggregate!: string;
  @ApiProperty({ description: 'The id of that site, inspection, maintenance visit or fault' }) id!: string;
}

export class SiteTimelineDto {
  @ApiProperty() siteId!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ type: [SiteTimelineEntryDto], description: 'In the order they happened' }) items!: SiteTimelineEntryDto[];
}
