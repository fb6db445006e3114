import { Module, type OnModuleInit } from '@nestjs/common';
import type { Projection } from '@ooh/eventing';
import { EvidenceCategories, SubscriptionsHost } from '@ooh/http-kit';
import { ExpensesController } from './expenses/expenses.controller';
import { expensesProjection, payablesProjection, receivablesProjection } from './finance.projections';
import { financeRelay } from './integration/finance-relay';
import { PaymentRequestsConsumer } from './integration/payment-requests.consumer';
import { PayablesController } from './payables/payables.controller';
import { ReceivablesController } from './receivables/receivables.controller';
import { FinanceReports, FinanceReportsController } from './reports/finance-reports';
import { FINANCE_EVIDENCE } from './finance.evidence';
import { financeSettings } from './finance.settings';

/** The read models of finance. */
const PROJECTIONS: Projection[] = [receivablesProjection, payablesProjection, expensesProjection];

/** Finance (财务): receivables from other departments' payment requests, payables, expenses, and their reports. */
@Module({
  controllers: [ReceivablesController, PayablesController, ExpensesController, FinanceReportsController, PaymentRequestsConsumer],
  providers: [financeSettings.provider, FinanceReports],
})
export class FinanceModule implements OnModuleInit {
  constructor(
    private readonly host: SubscriptionsHost,
    private readonly evidence: EvidenceCategories,
  ) {}

  onModuleInit(): void {
    PROJECTIONS.forEach((p) => this.host.registerProjection(p));
    this.evidence.declare(FINANCE_EVIDENCE);
    this.host.registerRelay(financeRelay);
  }
}
