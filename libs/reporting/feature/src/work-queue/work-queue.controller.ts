import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { forbidden, readAll, type ReadModelStore } from '@ooh/eventing';
import { CsvExport, CurrentCaller, OperatorToday, READ_MODELS, STAFF_ROLES, Roles, tableCsv, tablesWorkbook, XlsxExport } from '@ooh/http-kit';
import { workQueue, type WorkItemState } from '@ooh/reporting-domain';
import { WORK_ITEMS } from './work-items.projection';
import { WorkQueueDto, WorkQueueQueryDto } from './work-queue.dto';
import { workQueueTable } from './work-queue.tables';

const OVERSIGHT = ['admin', 'executive'];

/** What waits for me: every gate of every service that the caller can release, oldest first. */
@ApiTags('reporting: work queue')
@ApiBearerAuth()
@Controller('api/reporting')
export class WorkQueueController {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    private readonly today: OperatorToday,
  ) {}

  @Get('work-queue')
  @Roles(...STAFF_ROLES)
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

  @Get('work-queue.csv')
  @Roles(...STAFF_ROLES)
  @CsvExport('What waits for the caller (or, with scope=everyone, for everyone): a row per gate, oldest first')
  async csv(@Query() q: WorkQueueQueryDto, @CurrentCaller() caller: { userId: string; roles: string[] }) {
    const queue = await this.queue(q, caller);
    return tableCsv(workQueueTable(queue), `work-queue-${queue.today}.csv`);
  }

  @Get('work-queue.xlsx')
  @Roles(...STAFF_ROLES)
  @XlsxExport('What waits for the caller (or, with scope=everyone, for everyone): a row per gate, oldest first')
  async xlsx(@Query() q: WorkQueueQueryDto, @CurrentCaller() caller: { userId: string; roles: string[] }) {
    const queue = await this.queue(q, caller);
    return tablesWorkbook([workQueueTable(queue)], `work-queue-${queue.today}.xlsx`);
  }
}
