import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { DateField, InstantField, Optional, PageDto, PageQueryDto } from '@ooh/http-kit';
import { DETAIL_MEASURES, DOCUMENT_KINDS, MEASURES, MONEY_MEASURES, RECONCILIATION_REASONS } from '@ooh/reporting-domain';

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
  @ApiProperty({ type: 'integer', description: 'Production contracts signed by the client (TV commercials, print), fen' }) productionContracted!: number;
  @ApiProperty({ type: 'integer', description: 'Production invoiced to the client, fen' }) productionBilled!: number;
  @ApiProperty({ type: 'integer', description: 'Production collected from the client, fen' }) productionCollected!: number;
  @ApiProperty({ type: 'integer', description: 'Paid to production houses and printers, fen' }) productionCost!: number;
  @ApiProperty({ type: 'integer' }) unitsAired!: number;
  @ApiProperty({ type: 'integer' }) unitsPreempted!: number;
  @ApiProperty({ type: 'integer' }) unitsMissed!: number;
  @ApiProperty({ type: 'integer' }) makegoodsAccepted!: number;
  @ApiProperty({ type: 'integer', description: 'OOH bookings posted' }) oohPosted!: number;
  @ApiProperty({ type: 'integer', description: 'OOH bookings removed' }) oohRemoved!: number;
}

export class ChannelFiguresDto {
  @ApiProperty() channel!: string;
  @ApiProperty({ type: FiguresDto }) figures!: FiguresDto;
}

export class MonthFiguresDto {
  @ApiProperty({ pattern: '^\\d{4}-\\d{2}$' }) month!: string;
  @ApiProperty({ type: FiguresDto }) figures!: FiguresDto;
}

export class DifferenceDto {
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

export class FaceDaysDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Face-days bought (each face times the days of its period)' }) ordered!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Not due yet (after the cutoff)' }) pending!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Due and live: posting to the day before removal, or the month’s proof-of-play report' })
  live!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Due and not live: posted late, removed early, out of service' }) short!: number;
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
  @ApiProperty({
    type: FaceDaysDto,
    description: 'The campaign’s OOH faces: days bought against days live, up to asOf (else today); see the reconciliation per line',
  })
  oohFaceDays!: FaceDaysDto;
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

export class AudienceFiguresDto {
  @ApiProperty({ type: Number, nullable: true }) impressions!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Gross rating points in the target audience' }) grp!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Percent of the target audience reached (not summed across lines)' }) reach!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Average frequency (not summed across lines)' }) frequency!: number | null;
}

class FactDetailDto {
  @ApiPropertyOptional({ type: String, nullable: true }) unitId?: string | null;
  @ApiPropertyOptional({ description: 'The plan line an order unit belongs to' }) lineId?: string;
  @ApiPropertyOptional() channel?: string;
  @ApiPropertyOptional({ format: 'date' }) date?: string;
  @ApiPropertyOptional({ format: 'date', description: 'The last day of an OOH unit’s period' }) endDate?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'An OOH unit’s face, `siteId/face`' }) face?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'The days a proof-of-play report saw the face live' }) days?: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) makegoodFor?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) replacedBy?: string | null;
  @ApiPropertyOptional({ type: 'integer' }) lineNo?: number;
  @ApiPropertyOptional({ description: 'An invoice line’s match result' }) result?: string;
  @ApiPropertyOptional({ type: 'integer' }) invoicedFen?: number;
  @ApiPropertyOptional({ type: 'integer' }) orderedNetFen?: number;
  @ApiPropertyOptional({ type: String, nullable: true }) disposition?: string | null;
  @ApiPropertyOptional({ type: AudienceFiguresDto, description: 'A plan line’s audience estimate, or an order line’s post-buy measurement' })
  audience?: AudienceFiguresDto;
  @ApiPropertyOptional() vendor?: string;
  @ApiPropertyOptional() pricing?: string;
  @ApiPropertyOptional({ description: 'Where a post-buy measurement came from' }) source?: string;
}

class LedgerFactViewDto extends FactViewDto {
  @ApiProperty({ enum: [...MEASURES, ...DETAIL_MEASURES], description: 'A campaign figure, or a unit-level fact for reconciliation' }) declare measure: string;
  @ApiPropertyOptional({ type: FactDetailDto, description: 'What a unit-level fact is about' }) detail?: FactDetailDto;
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

export class ReconciliationQueryDto extends ReportTimesQueryDto {
  @ApiPropertyOptional({ enum: ['true'], description: 'Only the lines that do not balance' }) @Optional() @IsIn(['true']) unbalanced?: string;
}

class ReconciliationReasonDto {
  @ApiProperty({ enum: RECONCILIATION_REASONS }) code!: string;
  @ApiProperty({ type: [String] }) unitIds!: string[];
  @ApiProperty({ type: 'integer', description: 'The amount concerned, fen' }) amountFen!: number;
  @ApiProperty() note!: string;
}

class LineCreditDto {
  @ApiProperty({ type: [String], description: 'The units the credit settles' }) unitIds!: string[];
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty() note!: string;
}

class ReconciledLineDto {
  @ApiProperty({ description: 'The plan line the order line buys' }) lineId!: string;
  @ApiProperty() channel!: string;
  @ApiProperty({ type: 'integer', description: 'Units in force (a unit a makegood replaced no longer counts)' }) units!: number;
  @ApiProperty({ type: 'integer' }) makegoods!: number;
  @ApiProperty({ type: 'integer' }) aired!: number;
  @ApiProperty({ type: 'integer', description: 'Missed or preempted, not made good' }) missed!: number;
  @ApiProperty({ type: 'integer', description: 'Due but without proof' }) unproven!: number;
  @ApiProperty({ type: 'integer', description: 'Not due yet (an OOH unit: some of its days)' }) pending!: number;
  @ApiProperty({ type: FaceDaysDto, nullable: true, description: 'An OOH line: its faces’ days bought against days live' }) faceDays!: FaceDaysDto | null;
  @ApiProperty({ type: 'integer' }) orderedFen!: number;
  @ApiProperty({ type: 'integer', description: 'Net of the units that aired; an OOH unit’s net in proportion to its face-days live' })
  deliveredFen!: number;
  @ApiProperty({ type: 'integer', description: 'What approved vendor invoices accepted for its units' }) invoicedFen!: number;
  @ApiProperty({ type: 'integer', description: 'Credits the vendor owes for units that did not air (rejected makegoods), fen' }) creditedFen!: number;
  @ApiProperty({ type: [LineCreditDto] }) credits!: LineCreditDto[];
  @ApiProperty({ description: 'No reason left, and ordered less credits = delivered = vendor-invoiced' }) balanced!: boolean;
  @ApiProperty({ type: [ReconciliationReasonDto] }) reasons!: ReconciliationReasonDto[];
}

class ReconciledOrderDto {
  @ApiProperty() orderId!: string;
  @ApiProperty() ledgerId!: string;
  @ApiProperty({ type: [ReconciledLineDto] }) lines!: ReconciledLineDto[];
  @ApiProperty({ type: [ReconciliationReasonDto], description: 'Invoice lines for no unit of the order' }) unmatchedInvoiceLines!: ReconciliationReasonDto[];
}

export class ReconciliationDto {
  @ApiProperty() briefId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) asOf!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) knownAt!: string | null;
  @ApiProperty({ format: 'date', description: 'Units due by this day must have their proof (asOf, else the operator’s today)' }) cutoff!: string;
  @ApiProperty({ type: 'integer', description: 'The campaign’s client contracts, fen' }) contractedFen!: number;
  @ApiProperty({ type: 'integer', description: 'Billed to the client for the campaign (by contract milestone, not per line), fen' }) billedFen!: number;
  @ApiProperty({ type: 'integer' }) collectedFen!: number;
  @ApiProperty({ type: [ReconciledOrderDto] }) orders!: ReconciledOrderDto[];
}

class ClientCampaignFiguresDto {
  @ApiProperty({ description: 'Its campaign 360: GET /api/reporting/campaigns/{briefId}/360' }) briefId!: string;
  @ApiProperty({ type: String, nullable: true }) campaign!: string | null;
  @ApiProperty({ type: FiguresDto }) figures!: FiguresDto;
}

export class Client360Dto {
  @ApiProperty() clientId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) asOf!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) knownAt!: string | null;
  @ApiProperty({ type: FiguresDto, description: 'Every campaign of the client together' }) figures!: FiguresDto;
  @ApiProperty({ type: [ChannelFiguresDto] }) byChannel!: ChannelFiguresDto[];
  @ApiProperty({ type: [MonthFiguresDto] }) byMonth!: MonthFiguresDto[];
  @ApiProperty({ type: [DifferenceDto] }) differences!: DifferenceDto[];
  @ApiProperty({ type: [ClientCampaignFiguresDto], description: 'Each campaign’s figures' }) campaigns!: ClientCampaignFiguresDto[];
}
