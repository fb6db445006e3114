import { AppError, notFound, ruleViolated, type Actor, type Command } from '@ooh/eventing';
import { blank, blocker, requireRole } from '../shared';
import type { CfJobState } from './cf-job.events';
import type { PostProductionEvent } from './cf-job.post.events';
import { roundsAllowed } from './cf-job.post';

type Base = { jobId: string; at: string; by: Actor };
export type RequestVendorCost = Command<
  'RequestVendorCost',
  Base & { costId: string; vendor: { vendorId: string; name: string }; category: string; milestone: 'prepayment' | 'balance' | 'full'; amountFen: number }
>;
export type RecordVendorCostPaid = Command<'RecordVendorCostPaid', Base & { costId: string; payableId: string; reference: string; paidOn: string }>;
export type VendorCostCommand = RequestVendorCost | RecordVendorCostPaid;

/** The budget a job is measured against: the approved estimate amended by approved change orders. */
export const budgetFen = (state: CfJobState): number =>
  (state.estimates.find((e) => e.version === state.approvedEstimate)?.totalFen ?? 0) +
  state.changeOrders.filter((c) => c.approved).reduce((s, c) => s + c.costDeltaFen, 0);

/** Estimate vs actual: the budget, what vendors' costs were requested and paid, review rounds used and allowed. */
export function costReport(state: CfJobState) {
  const requestedFen = state.vendorCosts.reduce((s, c) => s + c.amountFen, 0);
  const paidFen = state.vendorCosts.filter((c) => c.paid).reduce((s, c) => s + c.amountFen, 0);
  const budget = budgetFen(state);
  return { budgetFen: budget, requestedFen, paidFen, remainingFen: budget - requestedFen, roundsUsed: state.roundsUsed, roundsAllowed: roundsAllowed(state) };
}

/** Vendors' costs of the job requested from Finance, never before the client's prepayment and never beyond the budget without a change order. */
export function decideVendorCost(command: VendorCostCommand, state: CfJobState): PostProductionEvent[] {
  const { jobId, at, by } = command.data;
  switch (command.type) {
    case 'RequestVendorCost': {
      const { costId, vendor, category, milestone, amountFen } = command.data;
      requireRole(by, ['production-manager'], 'Requesting a vendor’s payment');
      if (!state.contract) throw ruleViolated('NO_CONTRACT', 'Vendors are paid once the production contract is signed');
      if (!state.prepayment)
        throw ruleViolated('PREPAYMENT_NOT_RECEIVED', 'No vendor is paid before the client’s prepayment', {
          blockedBy: [blocker('prepayment', 'Finance to record the client’s prepayment of the production contract', ['finance'])],
        });
      if (state.vendorCosts.some((c) => c.costId === costId)) throw new AppError('conflict', 'VENDOR_COST_ALREADY_EXISTS', `Cost ${costId} exists`);
      if (blank(vendor.vendorId) || blank(vendor.name) || blank(category))
        throw ruleViolated('VENDOR_COST_INCOMPLETE', 'A vendor cost names the vendor and the category');
      if (amountFen <= 0) throw ruleViolated('AMOUNT_REQUIRED', 'A vendor cost has a positive amount');
      const report = costReport(state);
      if (report.requestedFen + amountFen > report.budgetFen)
        throw ruleViolated('OVER_BUDGET', `${report.requestedFen + amountFen} fen requested against a budget of ${report.budgetFen}: a change order first`, {
          costs: report,
          blockedBy: [blocker('change-order', 'An approved change order raising the budget', ['production-director'])],
        });
      const cost = { costId, vendor, category, milestone, amountFen, requestedAt: at, requestedBy: by, paid: null };
      return [{ type: 'VendorCostRequested', data: { jobId, cost, currency: state.contract.currency, at, by } }];
    }
    case 'RecordVendorCostPaid': {
      const { costId, payableId, reference, paidOn } = command.data;
      const cost = state.vendorCosts.find((c) => c.costId === costId);
      if (!cost) throw notFound('VENDOR_COST_NOT_FOUND', `Job ${jobId} has no vendor cost ${costId}`);
      if (cost.paid) return [];
      return [{ type: 'VendorCostPaid', data: { jobId, costId, payableId, reference, paidOn, at, by } }];
    }
  }
}
