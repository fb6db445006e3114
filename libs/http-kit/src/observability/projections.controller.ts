import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { ProblemResponse } from '../errors/openapi-problems';
import { Optional } from '../http/optional';
import { SubscriptionsHost } from '../runtime/subscriptions-host';

export class RebuildProjectionsDto {
  @ApiPropertyOptional({ type: [String], maxItems: 200, description: 'Projection names (GET /api/admin/projections); absent or empty: every projection' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  projections?: string[];
}

class RebuildProgressDto {
  @ApiProperty() projection!: string;
  @ApiProperty({ enum: ['queued', 'rebuilding', 'promoting', 'done', 'failed'] }) state!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Log position the shadow generation has reached' }) position!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'The log head when this phase began' }) head!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Events applied to the shadow' }) events!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) finishedAt?: string;
  @ApiPropertyOptional() error?: string;
}

class ProjectionStatusDto {
  @ApiProperty({ example: 'operations.sites' }) name!: string;
  @ApiProperty({ type: [String] }) collections!: string[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Its checkpoint: the log position its read models reflect' }) position!: number;
  @ApiProperty({ description: 'This replica runs it (holds its lease): only that replica rebuilds it' }) held!: boolean;
  @ApiPropertyOptional({ type: RebuildProgressDto, description: 'Its latest rebuild on this replica' }) rebuild?: RebuildProgressDto;
}

class ProjectionsDto {
  @ApiProperty({ type: [ProjectionStatusDto], description: 'Every projection of this service (a fixed, short list: not paged)' })
  projections!: ProjectionStatusDto[];
}

class RebuildAcceptedDto {
  @ApiProperty({ type: [String], description: 'Queued, rebuilt one after the other; follow them with GET /api/admin/projections' }) projections!: string[];
}

/**
 * Projections and their rebuilds: a rebuild fills a shadow generation beside the live read models,
 * which keep serving, and swaps it in when caught up (relay and consumer checkpoints untouched).
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/projections')
export class ProjectionsController {
  constructor(private readonly subscriptions: SubscriptionsHost) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: ProjectionsDto })
  async list() {
    return { projections: await this.subscriptions.projectionsStatus() };
  }

  @Post('rebuild')
  @Roles('admin')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RebuildAcceptedDto })
  @ProblemResponse(409, 'Another replica runs one of them (NOT_LEASE_HOLDER), or it is being rebuilt already (REBUILD_IN_PROGRESS)')
  @ProblemResponse(
    422,
    'A name that is not a projection of this service (PROJECTION_NOT_FOUND, naming the field), or a store that cannot keep a shadow generation (REBUILD_UNSUPPORTED)',
  )
  async rebuild(@Body() body: RebuildProjectionsDto) {
    return { projections: await this.subscriptions.rebuild(body.projections) };
  }
}
