import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { DateField, InstantField, Optional, PageDto, PageQueryDto } from '@ooh/http-kit';
import { DOCUMENT_KINDS, MEASURES, MONEY_MEASURES } from '@ooh/reporting-domain';

export class ReportTimesQueryDto {
  @DateField('The business day the report is for: facts that happened by then (default: every fact)', '2026-12-31', { optional: true }) asOf?: string;
  @InstantField(
    'As the platform knew it at that instant: only facts recorded by then (e.g. a month-end close), whatever was corrected since',
    '2027-01-01T00:00:00+08:00',
    {
      optional: true,
    },
  )
  knownAt?: string;
}

export class CampaignFactsQueryDto extends ReportTimesQueryDto {
  @ApiPropertyOptional({ enum: MEASURES, description: 'The figure to drill into (default: every figure’s facts)' })
  @Optional()
  @IsIn(MEASURES)
  measure?: string;
}

export class ReportingCampaignQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) clientId?: string;
}

/** Every measure: money in fen, then counts. */
export class FiguresDto {
  @ApiProperty({ type: 'integer', description: 'Client-approved plan (net), fen' }) planned!: number;
  @ApiProperty({ type: 'integer', description: 'Budget the client authorized, fen' }) authorized!: number;
  @ApiProperty({ type: 'integer', description: 'Signed client contracts, fen' }) contracted!: number;
  @ApiProperty({ type: 'integer', description: 'Signed media orders (net), fen' }) ordered!: number;
  @ApiProperty({ type: 'integer', description: 'Approved vendor invoices, fen' }) vendorInvoiced!: number;
  @ApiProperty({ type: 'integer', description: 'Invoiced to the client, fen' }) billed!: number;
  @ApiProperty({ type: 'integer', description: 'Collected from the client, fen' }) collected!: number;
  @ApiProperty({ type: 'integer', description: 'Paid to vendors, fen' }) paidOut!: number;
  @ApiProperty({ type: 'integer' }) unitsAired!: number;
  @ApiProperty({ type: 'integer' }) unitsPreempted!: number;
  @ApiProperty({ type: 'integer' }) unitsMissed!: number;
  @ApiProperty({ type: 'integer' }) makegoodsAccepted!: number;
  @ApiProperty({ type: 'integer', description: 'OOH bookings posted' }) oohPosted!: number;
  @ApiProperty({ type: 'integer', description: 'OOH bookings removed' }) oohRemoved!: number;
}

class ChannelFiguresDto {
  @ApiProperty() channel!: string;
  @ApiProperty({ type: FiguresDto }) figures!: FiguresDto;
}

class MonthFiguresDto {
  @ApiProperty({ pattern: '^\\d{4}-\\d{2}$' }) month!: string;
  @ApiProperty({ type: FiguresDto }) figures!: FiguresDto;
}

class DifferenceDto {
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: MONEY_MEASURES }) of!: string;
  @ApiProperty({ enum: MONEY_MEASURES }) against!: string;
  @ApiProperty({ type: 'integer', description: '`of` less `against`, fen' }) differenceFen!: number;
  @ApiProperty({ description: 'The difference needs someone’s attention' }) attention!: boolean;
}

class DocumentFiguresDto {
  @ApiProperty({ description: 'Drill into it: GET /api/reporting/ledgers/{ledgerId}' }) ledgerId!: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind!: string;
  @ApiProperty() documentId!: string;
  @ApiProperty({ type: FiguresDto }) figures!: FiguresDto;
}

export class Campaign360Dto {
  @ApiProperty() briefId!: string;
  @ApiProperty({ type: String, nullable: true }) clientId!: string | null;
  @ApiProperty({ type: String, nullable: true }) campaign!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) asOf!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) knownAt!: string | null;
  @ApiProperty({ type: FiguresDto }) figures!: FiguresDto;
  @ApiProperty({ type: [ChannelFiguresDto], description: 'Figures whose facts name a channel (plan lines, budget buckets, order commitments)' })
  byChannel!: ChannelFiguresDto[];
  @ApiProperty({ type: [MonthFiguresDto], description: 'By the month each fact is for (its business date’s month otherwise)' }) byMonth!: MonthFiguresDto[];
  @ApiProperty({ type: [DifferenceDto] }) differences!: DifferenceDto[];
  @ApiProperty({ type: [DocumentFiguresDto], description: 'The documents behind the figures, each with its share' }) documents!: DocumentFiguresDto[];
}

class FactViewDto {
  @ApiProperty() factId!: string;
  @ApiProperty({ enum: MEASURES }) measure!: string;
  @ApiProperty({ type: 'integer' }) amount!: number;
  @ApiProperty({ format: 'date', description: 'When it happened' }) businessDate!: string;
  @ApiProperty({ format: 'date-time', description: 'When the producing service recorded it' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true }) channel!: string | null;
  @ApiProperty({ type: String, nullable: true }) month!: string | null;
  @ApiProperty() label!: string;
}

class CountedFactDto extends FactViewDto {
  @ApiProperty() messageId!: string;
  @ApiProperty({ description: 'The integration event it came from' }) messageType!: string;
  @ApiProperty() ledgerId!: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind!: string;
  @ApiProperty() documentId!: string;
}

export class CampaignFactsDto {
  @ApiProperty() briefId!: string;
  @ApiProperty({ type: String, enum: MEASURES, nullable: true, description: 'null: every figure' }) measure!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The figure (null when every figure’s facts are listed)' }) total!: number | null;
  @ApiProperty({ type: [CountedFactDto], description: 'The facts the figure counts (superseded revisions left out)' }) items!: CountedFactDto[];
}

export class ReportingCampaignDto {
  @ApiProperty() briefId!: string;
  @ApiProperty({ type: String, nullable: true }) clientId!: string | null;
  @ApiProperty({ type: String, nullable: true }) campaign!: string | null;
  @ApiProperty({ type: [String] }) ledgerIds!: string[];
  @ApiProperty({ format: 'date-time' }) firstRecordedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastRecordedAt!: string;
}

export const ReportingCampaignPageDto = PageDto(ReportingCampaignDto, 'ReportingCampaignPageDto');

class SupersedesViewDto {
  @ApiProperty() key!: string;
  @ApiProperty() rank!: string;
}

class MessageRefDto {
  @ApiProperty() messageId!: string;
  @ApiProperty({ description: 'The integration event it came from' }) type!: string;
}

class LedgerFactViewDto extends FactViewDto {
  @ApiProperty({ type: SupersedesViewDto, nullable: true, description: 'Facts with the same key replace each other: the highest rank counts' })
  supersedes!: SupersedesViewDto | null;
  @ApiProperty({ type: MessageRefDto }) message!: MessageRefDto;
}

class LinkConflictDto {
  @ApiProperty() link!: string;
  @ApiProperty() kept!: string;
  @ApiProperty() offered!: string;
  @ApiProperty() messageId!: string;
}

export class LedgerViewDto {
  @ApiProperty({ enum: ['open'] }) status!: string;
  @ApiProperty() ledgerId!: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind!: string;
  @ApiProperty() documentId!: string;
  @ApiProperty({ type: String, nullable: true }) briefId!: string | null;
  @ApiProperty({ type: String, nullable: true }) clientId!: string | null;
  @ApiProperty({ type: String, nullable: true }) campaign!: string | null;
  @ApiProperty({ type: String, nullable: true }) orderId!: string | null;
  @ApiProperty({ type: [LinkConflictDto] }) conflicts!: LinkConflictDto[];
  @ApiProperty({ type: [LedgerFactViewDto] }) facts!: LedgerFactViewDto[];
  @ApiProperty({ type: [String] }) messageIds!: string[];
  @ApiProperty({ format: 'date-time' }) firstRecordedAt!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) asOf?: string;
}
