import { Controller, Get, Inject, Injectable, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { readAll, unprocessable, type Clock, type Filter, type ReadModelStore } from '@ooh/eventing';
import { CLOCK, CsvExport, PLATFORM_CONFIG, READ_MODELS, Roles, tableCsv, tablesWorkbook, XlsxExport, type PlatformConfig } from '@ooh/http-kit';
import { agingBucket, payableDueOn, type AgingBucket, type ExpenseState, type PayableState, type ReceivableState } from '@ooh/finance-domain';
import { isoWeekOfDate, localDate } from '@ooh/calendar';
import { AgingQueryDto, LedgerQueryDto, PayablesDueQueryDto } from '../finance.dto';
import { EXPENSES, PAYABLES, RECEIVABLES } from '../finance.projections';
import { ExpenseLedgerDto, PayablesDueDto, ReceivablesAgingDto } from './finance-reports.dto';
import { agingTable, payablesDueTable } from './finance-report.tables';

const BUCKETS: AgingBucket[] = ['current', '1-30', '31-60', '61-90', '90+'];
const add = (into: Record<string, number>, key: string, n: number) => (into[key] = (into[key] ?? 0) + n);

/** Receivables aging per client, payables due by ISO week, and the expense ledger per department and month. */
@Injectable()
export class FinanceReports {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  today(): string {
    return localDate(this.clock.now().toISOString(), this.config.timeZone);
  }

  async aging(asOf = this.today()) {
    const open = await readAll<ReceivableState>(this.readModels, RECEIVABLES, { status: { $in: ['open', 'invoiced', 'partially-paid'] } });
    const clients = new Map<string, { client: string; currency: string; buckets: Record<string, number>; totalFen: number; receivables: number }>();
    for (const r of open) {
      const key = `${r.client.name}|${r.currency}`;
      const row = clients.get(key) ?? {
        client: r.client.name,
        currency: r.currency,
        buckets: Object.fromEntries(BUCKETS.map((b) => [b, 0])),
        totalFen: 0,
        receivables: 0,
      };
      add(row.buckets, agingBucket(r.dueDate, asOf), r.outstandingFen);
      row.totalFen += r.outstandingFen;
      row.receivables += 1;
      clients.set(key, row);
    }
    const rows = [...clients.values()].sort((a, b) => b.totalFen - a.totalFen);
    const totals: Record<string, number> = Object.fromEntries(BUCKETS.map((b) => [b, 0]));
    rows.forEach((r) => BUCKETS.forEach((b) => add(totals, b, r.buckets[b])));
    return { asOf, buckets: BUCKETS, clients: rows, totals };
  }

  async payablesDue(from: string, to: string) {
    if (from > to) throw unprocessable('INVALID_RANGE', 'from must not be after to', [{ field: 'from', message: 'after to' }]);
    const unpaid = await readAll<PayableState>(this.readModels, PAYABLES, {
      status: { $in: ['requested', 'finance-approved', 'executive-approved', 'approved'] },
    });
    const weeks = new Map<
      string,
      { week: string; totalFen: number; payables: Array<Pick<PayableState, 'payableId' | 'vendor' | 'amountFen' | 'currency' | 'dueDate' | 'status'>> }
    >();
    for (const p of unpaid) {
      const due = payableDueOn(p, this.config.timeZone);
      if (due < from || due > to) continue;
      const week = isoWeekOfDate(due);
      const row = weeks.get(week) ?? { week, totalFen: 0, payables: [] };
      row.totalFen += p.amountFen;
      row.payables.push({ payableId: p.payableId, vendor: p.vendor, amountFen: p.amountFen, currency: p.currency, dueDate: due, status: p.status });
      weeks.set(week, row);
    }
    return { from, to, weeks: [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week)) };
  }

  async ledger(month: string, department?: string) {
    const filter: Filter = { month, status: { $in: ['incurred', 'reimbursed'] } };
    if (department) filter.department = department;
    const entries = await readAll<ExpenseState>(this.readModels, EXPENSES, filter);
    const byDepartment: Record<string, number> = {};
    const byCategory: Record<string, number> = {};
    for (const e of entries) {
      add(byDepartment, e.department, e.actualAmountFen ?? 0);
      add(byCategory, e.category, e.actualAmountFen ?? 0);
    }
    return {
      month,
      department: department ?? null,
      entries: entries.map((e) => ({
        expenseId: e.expenseId,
        department: e.department,
        category: e.category,
        purpose: e.purpose,
        amountFen: e.actualAmountFen,
        currency: e.currency,
        incurredOn: e.incurredOn,
        status: e.status,
        receipt: e.receipt,
        requestedBy: e.requestedBy,
      })),
      totals: { byDepartment, byCategory, totalFen: Object.values(byDepartment).reduce((a, b) => a + b, 0) },
    };
  }
}

@ApiTags('finance: reports')
@ApiBearerAuth()
@Controller('api/finance/reports')
export class FinanceReportsController {
  constructor(private readonly reports: FinanceReports) {}

  @Get('receivables-aging')
  @Roles('finance', 'executive', 'sales', 'admin')
  @ApiOkResponse({ type: ReceivablesAgingDto })
  aging(@Query() q: AgingQueryDto) {
    return this.reports.aging(q.asOf);
  }

  @Get('receivables-aging.csv')
  @Roles('finance', 'executive', 'sales', 'admin')
  @CsvExport('The receivables aging: a row per client and currency, a column per age bucket')
  async agingCsv(@Query() q: AgingQueryDto) {
    const report = await this.reports.aging(q.asOf);
    return tableCsv(agingTable(report), `receivables-aging-${report.asOf}.csv`);
  }

  @Get('receivables-aging.xlsx')
  @Roles('finance', 'executive', 'sales', 'admin')
  @XlsxExport('The receivables aging: a row per client and currency, a column per age bucket')
  async agingXlsx(@Query() q: AgingQueryDto) {
    const report = await this.reports.aging(q.asOf);
    return tablesWorkbook([agingTable(report)], `receivables-aging-${report.asOf}.xlsx`);
  }

  @Get('payables-due.csv')
  @Roles('finance', 'executive', 'admin')
  @CsvExport('The payables due in the range: a row per payable, with its ISO week')
  async payablesDueCsv(@Query() q: PayablesDueQueryDto) {
    return tableCsv(payablesDueTable(await this.reports.payablesDue(q.from, q.to)), `payables-due-${q.from}-${q.to}.csv`);
  }

  @Get('payables-due.xlsx')
  @Roles('finance', 'executive', 'admin')
  @XlsxExport('The payables due in the range: a row per payable, with its ISO week')
  async payablesDueXlsx(@Query() q: PayablesDueQueryDto) {
    return tablesWorkbook([payablesDueTable(await this.reports.payablesDue(q.from, q.to))], `payables-due-${q.from}-${q.to}.xlsx`);
  }

  @Get('payables-due')
  @Roles('finance', 'executive', 'admin')
  @ApiOkResponse({ type: PayablesDueDto })
  payablesDue(@Query() q: PayablesDueQueryDto) {
    return this.reports.payablesDue(q.from, q.to);
  }

  @Get('expense-ledger')
  @Roles('finance', 'executive', 'admin')
  @ApiOkResponse({ type: ExpenseLedgerDto })
  ledger(@Query() q: LedgerQueryDto) {
    return this.reports.ledger(q.month, q.department);
  }
}
