import { Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { notFound, ruleViolated, type CommandContext } from '@ooh/eventing';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/auth.decorators';
import { Ctx } from '../http/request-context';
import { BACKUPS, type BackupOperator } from '../runtime/backups';

const BACKUP_ID = /^\d{8}T\d{9}Z-[0-9a-f]{6}$/;

export class BackupSummaryDto {
  @ApiProperty({ example: '20261205T013000000Z-1a2b3c' }) backupId!: string;
  @ApiProperty({ enum: ['running', 'complete'] }) status!: string;
  @ApiProperty({ enum: ['schedule', 'operator', 'command-line'] }) trigger!: string;
  @ApiPropertyOptional({ description: 'Who asked for it (an operator backup)' }) requestedBy?: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) completedAt?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Events in the copied log: a restore must find as many' }) eventCount?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Head position of the copied log' }) headPosition?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) blobCount?: number;
  @ApiPropertyOptional({ type: [String], description: 'Evidence whose stored bytes no longer matched their sha256: left out, recover from the source' })
  damagedBlobs?: string[];
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) bytes?: number;
}

class BackupFailureDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() backupId!: string;
  @ApiProperty() message!: string;
}

export class BackupStatusDto {
  @ApiProperty({ description: 'Where complete backups are kept (BACKUP_DIR)' }) dir!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Complete backups kept (BACKUP_KEEP)' }) keep!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Scheduled every so many minutes; 0: only when asked (BACKUP_EVERY_MINUTES)' })
  everyMinutes!: number;
  @ApiPropertyOptional({ format: 'date-time' }) nextDueAt?: string;
  @ApiPropertyOptional({ type: BackupSummaryDto }) running?: BackupSummaryDto;
  @ApiPropertyOptional({ type: BackupSummaryDto }) lastCompleted?: BackupSummaryDto;
  @ApiPropertyOptional({ type: BackupFailureDto }) lastFailure?: BackupFailureDto;
}

class BackupListDto {
  @ApiProperty({ type: [BackupSummaryDto], description: 'Every kept backup (at most BACKUP_KEEP, so not paged), newest first; a running one first of all' })
  backups!: BackupSummaryDto[];
  @ApiProperty({ type: BackupStatusDto }) status!: BackupStatusDto;
}

/** Online backups of the embedded runtime, for the operator (restore is a command-line step: README). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/backups')
export class BackupsController {
  constructor(@Inject(BACKUPS) private readonly backups: BackupOperator | null) {}

  private operator(): BackupOperator {
    if (this.backups) return this.backups;
    throw ruleViolated(
      'BACKUP_NOT_EMBEDDED',
      'this service runs on shared engines (EventStoreDB, MongoDB, Kafka): back each one up with its own tools, as deploy/README.md describes',
    );
  }

  /** Starts a backup while the platform keeps serving; poll its Location until it is complete. */
  @Post()
  @HttpCode(202)
  @Roles('admin')
  @ApiResponse({ status: 202, type: BackupSummaryDto, description: 'Started; Location names the backup' })
  start(@Ctx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): BackupSummaryDto {
    const summary = this.operator().start('operator', ctx.actor.userId);
    void reply.header('location', `/api/admin/backups/${summary.backupId}`);
    return summary;
  }

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: BackupListDto })
  async list(): Promise<BackupListDto> {
    const operator = this.operator();
    return { backups: await operator.list(), status: await operator.status() };
  }

  @Get(':backupId')
  @Roles('admin')
  @ApiOkResponse({ type: BackupSummaryDto })
  async get(@Param('backupId') backupId: string): Promise<BackupSummaryDto> {
    const found = BACKUP_ID.test(backupId) ? await this.operator().get(backupId) : undefined;
    if (!found) throw notFound('BACKUP_NOT_FOUND', `no backup ${backupId}`);
    return found;
  }
}
