import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { forbidden, readAll, type ReadModelStore } from '@ooh/eventing';
import { CurrentCaller, OperatorToday, READ_MODELS, ROLES, Roles } from '@ooh/http-kit';
import { workQueue, type WorkItemState } from '@ooh/reporting-domain';
import { WORK_ITEMS } from './work-items.projection';
import { WorkQueueDto, WorkQueueQueryDto } from './work-queue.dto';

const OVERSIGHT = ['admin', 'executive'];

/** What waits for me: every gate of every service that the caller can release, oldest first. */
@ApiTags('reporting: work queue')
@ApiBearerAuth()
@Controller('api/reporting/work-queue')
export class WorkQueueController {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    private readonly today: OperatorToday,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: WorkQueueDto })
  async queue(@Query() q: WorkQueueQueryDto, @CurrentCaller() caller: { userId: string; roles: string[] }): Promise<WorkQueueDto> {
    const everyone = q.scope === 'everyone';
    if (everyone && !caller.roles.some((r) => OVERSIGHT.includes(r)))
      throw forbidden('ROLE_NOT_ALLOWED', `The whole queue is for ${OVERSIGHT.join(' or ')}; the others see what waits for them`);
    const today = this.today.today();
    const items = await readAll<WorkItemState>(this.readModels, WORK_ITEMS, { status: 'waiting', ...(q.context ? { context: q.context } : {}) });
    const rows = workQueue(items, caller, today, everyone).filter((r) => q.overdue !== 'true' || r.overdue);
    return { today, total: rows.length, overdue: rows.filter((r) => r.overdue).length, items: rows };
  }
}
