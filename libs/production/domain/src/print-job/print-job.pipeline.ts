import type { PrintJobState } from './print-job.events';

/**
 * Where a print job stands in the pipeline on a day. A print job has one due date, the day the client
 * needs the goods: every stage before delivery works towards it.
 */
export function printPipelineEntry(state: PrintJobState, today: string) {
  const open = !['delivered', 'closed', 'cancelled', 'none'].includes(state.status);
  const dueDate = open ? state.neededBy : null;
  const daysOverdue = dueDate && today > dueDate ? Math.round((Date.parse(today) - Date.parse(dueDate)) / 86_400_000) : 0;
  return {
    jobKind: 'print' as const,
    jobId: state.jobId,
    title: state.title,
    client: state.client,
    status: state.status,
    stage: open ? ('delivery' as const) : null,
    dueDate,
    overdue: daysOverdue > 0,
    daysOverdue,
    costs: printCosts(state),
  };
}

/** Estimate vs actual of a print job: the printer's contract against what was requested from and paid by Finance. */
export function printCosts(state: PrintJobState) {
  const budgetFen = state.printerContract?.valueFen ?? 0;
  const requestedFen = state.printerPayments.reduce((s, p) => s + p.amountFen, 0);
  const paidFen = state.printerPayments.filter((p) => p.paid).reduce((s, p) => s + p.amountFen, 0);
  return { budgetFen, requestedFen, paidFen, remainingFen: budgetFen - requestedFen };
}
