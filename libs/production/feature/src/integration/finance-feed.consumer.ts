import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { payablePaidV1, receivableSettledV1, type PayablePaidV1, type ReceivableSettledV1 } from '@ooh/contracts';
import { commandContext, SYSTEM_ACTORS } from '@ooh/eventing';
import { Aggregates, BusContext, Consumes, Delivery } from '@ooh/http-kit';
import { cfJobAggregate, printJobAggregate } from '@ooh/production-domain';

/** Finance's settlements of production milestones (they open the CF and print payment gates) and its payments of production's vendors. Others' are skipped. */
@Controller()
export class ProductionFinanceFeedConsumer {
  private readonly cfJobs;
  private readonly printJobs;

  constructor(aggregates: Aggregates) {
    this.cfJobs = aggregates.commands(cfJobAggregate);
    this.printJobs = aggregates.commands(printJobAggregate);
  }

  @Consumes(receivableSettledV1, { group: 'production.settlements' })
  async settled(@Payload() d: ReceivableSettledV1, @Delivery() context: BusContext): Promise<void> {
    if (d.source.context !== 'production') return;
    const settled = { receivableId: d.receivableId, settledAt: d.settledAt };
    const ctx = commandContext.fromMessage(context.message, SYSTEM_ACTORS.finance);
    const prepayment = d.milestone === 'prepayment';
    if (d.source.kind === 'cf-job') await this.cfJobs.execute(d.source.id, prepayment ? 'RecordPrepaymentSettled' : 'RecordBalanceSettled', settled, ctx);
    if (d.source.kind === 'print-job')
      await this.printJobs.execute(d.source.id, prepayment ? 'RecordPrintPrepaymentSettled' : 'RecordPrintBalanceSettled', settled, ctx);
  }

  @Consumes(payablePaidV1, { group: 'production.vendor-payments' })
  async paid(@Payload() d: PayablePaidV1, @Delivery() context: BusContext): Promise<void> {
    if (d.source?.context !== 'production') return;
    const [jobId, costId] = d.source.id.split('/');
    const ctx = commandContext.fromMessage(context.message, SYSTEM_ACTORS.finance);
    if (d.source.kind === 'vendor-cost')
      await this.cfJobs.execute(jobId, 'RecordVendorCostPaid', { costId, payableId: d.payableId, reference: d.paymentReference, paidOn: d.paidOn }, ctx);
    if (d.source.kind === 'printer-payment')
      await this.printJobs.execute(jobId, 'RecordPrinterPaid', { costId, payableId: d.payableId, paidOn: d.paidOn }, ctx);
  }
}
