import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { notFound, type Filter, type ReadModelStore } from '@ooh/eventing';
import { EvidenceResolver, IfMatch, PageQueryDto, READ_MODELS, Roles, type EvidenceInputDto, PhotosField, Ctx, type CallerContext, Optional } from '@ooh/http-kit';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { renderProofOfPlay } from './proof-of-play.document';
import { PROOF_OF_PLAY } from './proof-of-play.projection';
import { ProofOfPlayService } from './proof-of-play.service';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class ProofOfPlayQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-12' }) @Optional() @Matches(MONTH, { message: 'month must be YYYY-MM' }) month?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(200) advertiser?: string;
}

export class GenerateProofOfPlayDto {
  @ApiProperty({ example: '2026-12' }) @Matches(MONTH, { message: 'month must be YYYY-MM' }) month!: string;
}

export class MarkSentDto {
  @ApiProperty({ example: 'marketing@chongqing-beer.example' }) @IsString() @IsNotEmpty() @MaxLength(300) sentTo!: string;
  @PhotosField({ optional: true, description: 'Proof of sending (e-mail, signed receipt)' }) evidence?: EvidenceInputDto[];
}

const READERS = ['sales', 'ops-staff', 'ops-manager', 'executive', 'admin'] as const;

@ApiTags('operations: proof of play')
@ApiBearerAuth()
@Controller('api/operations/proof-of-play')
export class ProofOfPlayController {
  constructor(
    private readonly reports: ProofOfPlayService,
    private readonly evidence: EvidenceResolver,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {}

  /** The scheduler does this after each month end; by hand it is idempotent (an archived report is not regenerated). */
  @Post('generate')
  @HttpCode(200)
  @Roles('ops-manager')
  async generate(@Body() dto: GenerateProofOfPlayDto) {
    return { month: dto.month, reportIds: await this.reports.generate(dto.month) };
  }

  @Post(':reportId/mark-sent')
  @HttpCode(200)
  @Roles('ops-manager', 'sales')
  async markSent(@Param('reportId') id: string, @Body() dto: MarkSentDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.reports.markSent(id, dto.sentTo, await this.evidence.resolve('evidence', dto.evidence), { ...ctx, expectedRevision });
  }

  @Get()
  @Roles(...READERS)
  list(@Query() q: ProofOfPlayQueryDto) {
    const filter: Filter = {};
    if (q.month) filter.month = q.month;
    if (q.advertiser) filter.advertiser = q.advertiser;
    return this.readModels.find(PROOF_OF_PLAY, { filter, sort: { field: 'month', direction: 'desc' }, limit: q.limit ?? 50, cursor: q.cursor });
  }

  @Get(':reportId')
  @Roles(...READERS)
  async get(@Param('reportId') id: string) {
    const found = await this.readModels.get(PROOF_OF_PLAY, id);
    if (!found) throw notFound('REPORT_NOT_FOUND', `No proof-of-play report ${id}`);
    return found.doc;
  }

  @Get(':reportId/document')
  @Roles(...READERS)
  @Header('content-type', 'text/html; charset=utf-8')
  async document(@Param('reportId') id: string) {
    const found = await this.readModels.get<Parameters<typeof renderProofOfPlay>[0]>(PROOF_OF_PLAY, id);
    if (!found) throw notFound('REPORT_NOT_FOUND', `No proof-of-play report ${id}`);
    return renderProofOfPlay(found.doc);
  }
}
