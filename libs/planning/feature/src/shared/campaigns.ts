import { Inject, Injectable } from '@nestjs/common';
import { readAll, type ReadModelStore } from '@ooh/eventing';
import { Aggregates, READ_MODELS } from '@ooh/http-kit';
import { briefAggregate, clientAggregate, type CampaignSnapshot, type PlanCampaign } from '@ooh/planning-domain';
import { BUDGETS } from '../budgets/budgets.projection';

/**
 * A campaign as commands about it carry it: its brief (read from the brief's stream, so it is never
 * stale) and what the client authorized for it (summed from the authorizations' read model).
 */
@Injectable()
export class Campaigns {
  private readonly briefs;
  private readonly clients;

  constructor(
    aggregates: Aggregates,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {
    this.briefs = aggregates.commands(briefAggregate);
    this.clients = aggregates.commands(clientAggregate);
  }

  async snapshot(briefId: string): Promise<CampaignSnapshot> {
    const { state } = await this.briefs.load(briefId);
    const current = state.current;
    return {
      briefId,
      exists: state.status !== 'none',
      clientId: state.clientId,
      campaign: current?.campaign ?? '',
      currency: current?.budget.currency ?? '',
      period: current?.period ?? { start: '', end: '' },
    };
  }

  async forPlan(briefId: string): Promise<PlanCampaign> {
    const { state } = await this.briefs.load(briefId);
    const client = state.status === 'none' ? undefined : (await this.clients.load(state.clientId)).state;
    const authorized = await readAll<{ totalFen: number }>(this.readModels, BUDGETS, { briefId, status: 'authorized' });
    return {
      briefId,
      exists: state.status !== 'none',
      client: { clientId: state.clientId, name: client?.name ?? '', status: client?.status ?? 'none' },
      campaign: state.current?.campaign ?? '',
      currency: state.current?.budget.currency ?? '',
      budgetFen: state.current?.budget.amountFen ?? 0,
      authorizedFen: authorized.length > 0 ? authorized.reduce((sum, a) => sum + a.totalFen, 0) : null,
    };
  }
}
