import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { CommandContext, EvidenceRef } from '@ooh/eventing';
import { Aggregates, HistoryDto, AsOfQueryDto, CommandRoute, Ctx, filterOf, MonthField, Optional, PageQueryDto, PhotosField, Roles } from '@ooh/http-kit';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { proofOfPlayAggregate } from '@ooh/operations-domain';
import { renderProofOfPlay } from './proof-of-play.document';
import { PROOF_OF_PLAY } from './proof-of-play.projection';
import { ProofOfPlayService } from './proof-of-play.service';
import { ProofOfPlayPageDto, ProofOfPlayViewDto } from './proof-of-play.view.dto';

const ProofOfPlayHistoryDto = HistoryDto('reportId', 'ProofOfPlayHistoryDto');

export class ProofOfPlayQueryDto extends PageQueryDto {
  @MonthField('The month reported', '2026-12', { optional: true }) month?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(200) advertiser?: string;
}

export class GenerateProofOfPlayDto {
  @MonthField('The month to report', '2026-12') month!: string;
}

export class ProofOfPlayGeneratedDto {
  @ApiProperty({ example: '2026-12' }) month!: string;
  @ApiProperty({ type: [String], description: 'One archived report per advertiser live that month (the same ids when generated again)' }) reportIds!: string[];
}

export class MarkSentDto {
  @ApiProperty({ example: 'marketing@chongqing-beer.example' }) @IsString() @IsNotEmpty() @MaxLength(300) sentTo!: string;
  @PhotosField({ optional: true, description: 'Proof of sending (e-mail, signed receipt)' }) evidence?: EvidenceRef[];
}

const READERS = ['sales', 'ops-staff', 'ops-manager', 'executive', 'admin'] as const;

@ApiTags('operations: proof of play')
@ApiBearerAuth()
@Controller('api/operations/proof-of-play')
export class ProofOfPlayController {
  private readonly reads;

  constructor(
    private readonly reports: ProofOfPlayService,
    aggregates: Aggregates,
  ) {
    this.reads = aggregates.reads(proofOfPlayAggregate, { collection: PROOF_OF_PLAY, sort: { field: 'month', direction: 'desc' }, idKey: 'reportId' });
  }

  /** The scheduler does this after each month end; by hand it is idempotent (an archived report is not regenerated). */
  @Post('generate')
  @HttpCode(200)
  @ApiOkResponse({ type: ProofOfPlayGeneratedDto })
  @Roles('ops-manager')
  async generate(@Body() dto: GenerateProofOfPlayDto) {
    return { month: dto.month, reportIds: await this.reports.generate(dto.month) };
  }

  @Post(':reportId/mark-sent')
  @CommandRoute()
  @Roles('ops-manager', 'sales')
  markSent(@Param('reportId') id: string, @Body() dto: MarkSentDto, @Ctx() ctx: CommandContext) {
    return this.reports.reports.execute(id, 'MarkProofOfPlaySent', { sentTo: dto.sentTo, evidence: dto.evidence ?? [] }, ctx);
  }

  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: ProofOfPlayPageDto })
  list(@Query() q: ProofOfPlayQueryDto) {
    return this.reads.page(filterOf(q, ['month', 'advertiser']), q);
  }

  @Get(':reportId')
  @Roles(...READERS)
  @ApiOkResponse({ type: ProofOfPlayViewDto })
  get(@Param('reportId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':reportId/history')
  @ApiOkResponse({ type: ProofOfPlayHistoryDto })
  @Roles(...READERS)
  history(@Param('reportId') id: string) {
    return this.reads.history(id);
  }

  @Get(':reportId/document')
  @Roles(...READERS)
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The report as a printable HTML page', content: { 'text/html': { schema: { type: 'string' } } } })
  async document(@Param('reportId') id: string) {
    return renderProofOfPlay(await this.reads.document<Parameters<typeof renderProofOfPlay>[0]>(id));
  }
}
