import { Module, type OnModuleInit } from '@nestjs/common';
import { SubscriptionsHost } from '@ooh/http-kit';
import { ExpensesController } from './expenses/expenses.controller';
import { expensesProjection, payablesProjection, receivablesProjection } from './finance.projections';
import { financeRelay, FinanceIntegration } from './integration/finance-integration';
import { PayablesController } from './payables/payables.controller';
import { ReceivablesController } from './receivables/receivables.controller';
import { FinanceReports, FinanceReportsController } from './reports/finance-reports';
import { financeSettings } from './finance.settings';

/** Finance (财务): receivables from other departments' payment requests, payables, expenses, and their reports. */
@Module({
  controllers: [ReceivablesController, PayablesController, ExpensesController, FinanceReportsController],
  providers: [financeSettings.provider, FinanceIntegration, FinanceReports],
})
export class FinanceModule implements OnModuleInit {
  constructor(
    private readonly host: SubscriptionsHost,
    private readonly integration: FinanceIntegration,
  ) {}

  onModuleInit(): void {
    [receivablesProjection, payablesProjection, expensesProjection].forEach((p) => this.host.registerProjection(p));
    this.host.registerRelay(financeRelay);
    this.host.registerConsumer(this.integration.bookingPayments);
    this.host.registerConsumer(this.integration.vendorPayments);
  }
}
