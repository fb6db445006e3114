import { Inject, Injectable } from '@nestjs/common';
import { commandHandler, type Clock, type CommandContext, type EventStore, type Instrumentation } from '@ooh/eventing';
import { CLOCK, EVENT_STORE, INSTRUMENTATION, PLATFORM_CONFIG, type PlatformConfig, type RequestContext } from '@ooh/http-kit';
import {
  expenseDecider,
  expenseStream,
  payableDecider,
  payableStream,
  receivableDecider,
  receivableStream,
  type ExpenseCommand,
  type PayableCommand,
  type ReceivableCommand,
} from '@ooh/finance-domain';

type Ctx = Omit<CommandContext, 'occurredAt'> & Partial<Pick<RequestContext, 'expectedRevision'>>;
const outcome = (id: string, r: { revision: number; state: { status: string }; events: Array<{ type: string }> }) => ({
  id,
  revision: r.revision,
  status: r.state.status,
  events: r.events.map((e) => e.type),
});

/** The finance deciders bound to the event store; every command answers with id, revision, status and events. */
@Injectable()
export class FinanceHandlers {
  private readonly receivable;
  private readonly payable;
  private readonly expense;

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) readonly config: PlatformConfig,
    @Inject(INSTRUMENTATION) instrumentation: Instrumentation,
  ) {
    this.receivable = commandHandler(store, receivableDecider, { instrumentation });
    this.payable = commandHandler(store, payableDecider, { instrumentation });
    this.expense = commandHandler(store, expenseDecider, { instrumentation });
  }

  now(): string {
    return this.clock.now().toISOString();
  }

  async onReceivable(id: string, command: ReceivableCommand, ctx: Ctx) {
    return outcome(id, await this.receivable(receivableStream(id), command, { ...ctx, occurredAt: command.data.at }));
  }

  async onPayable(id: string, command: PayableCommand, ctx: Ctx) {
    return outcome(id, await this.payable(payableStream(id), command, { ...ctx, occurredAt: command.data.at }));
  }

  async onExpense(id: string, command: ExpenseCommand, ctx: Ctx) {
    return outcome(id, await this.expense(expenseStream(id), command, { ...ctx, occurredAt: command.data.at }));
  }
}
