import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { payablePaidV1, receivableSettledV1, type PayablePaidV1, type ReceivableSettledV1 } from '@ooh/contracts';
import { commandContext, SYSTEM_ACTORS } from '@ooh/eventing';
import { Aggregates, BusContext, Consumes, Delivery } from '@ooh/http-kit';
import { cfJobAggregate } from '@ooh/production-domain';

/** Finance's settlements of production milestones: they open production's payment gates. Others' are not ours and are skipped. */
@Controller()
export class ProductionFinanceFeedConsumer {
  private readonly cfJobs;

  constructor(aggregates: Aggregates) {
    this.cfJobs = aggregates.commands(cfJobAggregate);
  }

  @Consumes(receivableSettledV1, { group: 'production.settlements' })
  async settled(@Payload() d: ReceivableSettledV1, @Delivery() context: BusContext): Promise<void> {
    if (d.source.context !== 'production' || d.source.kind !== 'cf-job') return;
    const command = d.milestone === 'prepayment' ? 'RecordPrepaymentSettled' : 'RecordBalanceSettled';
    await this.cfJobs.execute(
      d.source.id,
      command,
      { receivableId: d.receivableId, settledAt: d.settledAt },
      commandContext.fromMessage(context.message, SYSTEM_ACTORS.finance),
    );
  }

  @Consumes(payablePaidV1, { group: 'production.vendor-payments' })
  async paid(@Payload() d: PayablePaidV1, @Delivery() context: BusContext): Promise<void> {
    if (d.source?.context !== 'production' || d.source.kind !== 'vendor-cost') return;
    const [jobId, costId] = d.source.id.split('/');
    const data = { costId, payableId: d.payableId, reference: d.paymentReference, paidOn: d.paidOn };
    await this.cfJobs.execute(jobId, 'RecordVendorCostPaid', data, commandContext.fromMessage(context.message, SYSTEM_ACTORS.finance));
  }
}
