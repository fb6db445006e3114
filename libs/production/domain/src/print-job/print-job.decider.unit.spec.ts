import { isAppError, type Actor, type EvidenceRef } from '@ooh/eventing';
import { eventsFrom } from '@ooh/eventing-testing';
import { decidePrintJob, printJobBlockers, printJobDecider, type PrintJobCommand } from './print-job.decider';
import type { PrintJobEvent } from './print-job.events';

const am: Actor = { userId: 'wang', role: 'account-manager' };
const ad: Actor = { userId: 'lee', role: 'account-director' };
const adWhoDrafted: Actor = { userId: 'wang', role: 'account-director' };
const system: Actor = { userId: 'system:finance', role: 'system' };
const AT = '2026-12-01T02:00:00.000Z';
const TODAY = '2026-12-01';
const doc: EvidenceRef = { blobId: 'd'.repeat(64), sha256: 'd'.repeat(64), contentType: 'application/pdf' };
const proof = (n: number): EvidenceRef => ({ blobId: String(n).repeat(64), sha256: String(n).repeat(64), contentType: 'application/pdf' });
const jobId = 'p-1';
const c = (type: PrintJobCommand['type'], data: object, by: Actor = am): PrintJobCommand => ({ type, data: { jobId, at: AT, by, ...data } }) as PrintJobCommand;

const open = c('OpenPrintJob', {
  client: { clientId: 'c-1', name: 'Acme' },
  brief: null,
  title: 'Winter posters',
  currency: 'CNY',
  neededBy: '2026-12-20',
  today: TODAY,
});
const sign = (n: number, sha256 = proof(n).sha256) =>
  c('RecordProofSignature', { proofNo: n, sha256, quantity: 5000, material: '157g coated', tolerancePercent: 2, evidence: [doc] });
const printer = c('ChoosePrinter', {
  bid: { requestId: 'r-1', exists: true, jobId, awarded: { bidId: 'b-1', vendor: { vendorId: 'v9', name: 'Golden Press' }, totalFen: 80_000 } },
});
const clientContract = [
  c('DraftPrintClientContract', { valueFen: 120_000, terms: '5000 posters, delivery in 10 days' }),
  c('ReviewPrintClientContract', { decision: 'approve', notes: '' }, ad),
  c('SignPrintClientContract', { signedOn: TODAY, signatory: 'Ms Liu', evidence: [doc], prepaymentPercent: 50, today: TODAY }),
];
const settled = c('RecordPrintPrepaymentSettled', { receivableId: 'rc-1', settledAt: AT }, system);
const printerContract = [
  c('DraftPrinterContract', { terms: 'Golden Press prints 5000 posters' }),
  c('ReviewPrinterContract', { decision: 'approve', notes: '' }, ad),
  c('SignPrinterContract', { signedOn: TODAY, signatory: 'Mr Gu', evidence: [doc], today: TODAY }),
];
const handOver = (n: number, sha256 = proof(n).sha256) => c('HandProofToPrinter', { proofNo: n, sha256, receipt: [doc] });
const history = (...commands: PrintJobCommand[]): PrintJobEvent[] => eventsFrom(printJobDecider, commands);

function outcome(events: PrintJobEvent[], command: PrintJobCommand): [string, string[]] {
  try {
    decidePrintJob(command, events.reduce(printJobDecider.evolve, printJobDecider.initialState()));
  } catch (e) {
    if (isAppError(e)) return [e.code, ((e.extensions.blockedBy as Array<{ gate: string; releasedBy: string }>) ?? []).map((b) => `${b.gate}:${b.releasedBy}`)];
    throw e;
  }
  return ['accepted', []];
}

describe('Print job decider', () => {
  it('binds the client’s signature to the latest film proof, with quantity, material and tolerance', () => {
    const proofs = history(open, c('OutputFilmProof', { file: proof(1) }), c('OutputFilmProof', { file: proof(2) }));
    expect(outcome(proofs, sign(1))[0]).toBe('PROOF_STALE');
    expect(outcome(proofs, sign(2, proof(1).sha256))[0]).toBe('PROOF_HASH_MISMATCH');
    expect(outcome(proofs, c('OutputFilmProof', { file: proof(2) }))[0]).toBe('PROOF_UNCHANGED');
    expect(outcome(proofs, sign(2))).toEqual(['accepted', []]);
  });

  it('has the client contract reviewed by an account director who did not draft it, then waits for the prepayment', () => {
    const chosen = history(open, c('OutputFilmProof', { file: proof(1) }), sign(1), printer, clientContract[0]);
    expect(outcome(chosen, c('ReviewPrintClientContract', { decision: 'approve', notes: '' }, adWhoDrafted))[0]).toBe('FOUR_EYES_VIOLATION');
    expect(outcome(chosen, clientContract[2])).toEqual(['CONTRACT_NOT_APPROVED', ['contract-review:account-director']]);
    const signed = history(open, c('OutputFilmProof', { file: proof(1) }), sign(1), printer, ...clientContract);
    expect(signed.at(-1)).toMatchObject({ type: 'PrintClientContractSigned', data: { valueFen: 120_000, prepaymentFen: 60_000 } });
    expect(outcome(signed, printerContract[0])).toEqual(['PREPAYMENT_NOT_RECEIVED', ['prepayment:finance']]);
    expect(printJobBlockers(signed.reduce(printJobDecider.evolve, printJobDecider.initialState()))).toEqual([
      expect.objectContaining({ gate: 'prepayment', releasedBy: 'finance' }),
    ]);
  });

  it('hands the printer only the very proof the client signed, once the printer’s contract is signed', () => {
    const ready = history(open, c('OutputFilmProof', { file: proof(1) }), sign(1), printer, ...clientContract, settled, ...printerContract.slice(0, 2));
    expect(outcome(ready, handOver(1))).toEqual(['PRINTER_CONTRACT_NOT_SIGNED', ['printer-contract:account-manager']]);
    const signed = history(open, c('OutputFilmProof', { file: proof(1) }), sign(1), printer, ...clientContract, settled, ...printerContract);
    expect(outcome(signed, handOver(1, proof(7).sha256))[0]).toBe('PROOF_NOT_THE_SIGNED_ONE');
    expect(decidePrintJob(handOver(1), signed.reduce(printJobDecider.evolve, printJobDecider.initialState()))[0]).toMatchObject({
      type: 'ProofHandedToPrinter',
      data: { sha256: proof(1).sha256 },
    });
  });

  it('checks quality before samples, reprints rejected samples at someone’s cost, gates delivery on the balance, and closes once the printer is paid', () => {
    const art: Actor = { userId: 'mo', role: 'art-director' };
    const printing = history(open, c('OutputFilmProof', { file: proof(1) }), sign(1), printer, ...clientContract, settled, ...printerContract, handOver(1));
    const s = (events: PrintJobEvent[]) => events.reduce(printJobDecider.evolve, printJobDecider.initialState());
    const run = (events: PrintJobEvent[], ...commands: PrintJobCommand[]) => commands.reduce((acc, cmd) => [...acc, ...decidePrintJob(cmd, s(acc))], events);
    const samples = c('SubmitPrintSamples', { evidence: [doc] });
    expect(outcome(printing, samples)).toEqual(['QUALITY_NOT_CHECKED', ['quality:art-director']]);
    expect(outcome(printing, c('RecordPrintCheckpoint', { kind: 'quality', passed: true, notes: '', evidence: [] }, am))[0]).toBe('ROLE_NOT_ALLOWED');
    const checked = run(
      printing,
      c('RecordPrintCheckpoint', { kind: 'progress', passed: true, notes: '', evidence: [] }),
      c('RecordPrintCheckpoint', { kind: 'quality', passed: true, notes: '', evidence: [] }, art),
      samples,
    );
    const review = (n: number, decision: 'accept' | 'reject', reprintCostBorneBy: 'printer' | null = null) =>
      c('ReviewPrintSamples', { sampleNo: n, decision, reason: decision === 'reject' ? 'Colour off' : '', reprintCostBorneBy, evidence: [doc] });
    expect(outcome(checked, review(1, 'reject'))[0]).toBe('REPRINT_COST_OWNER_REQUIRED');
    const rejected = run(checked, review(1, 'reject', 'printer'));
    expect(outcome(rejected, samples)).toEqual(['QUALITY_NOT_CHECKED', ['quality:art-director']]);
    const reprinted = run(rejected, c('RecordPrintCheckpoint', { kind: 'quality', passed: true, notes: '', evidence: [] }, art), samples, review(2, 'accept'));
    expect(reprinted.at(-1)).toMatchObject({ type: 'PrintSamplesReviewed', data: { balance: { amountFen: 60_000 } } });
    const deliver = (quantity: number, acceptShortfall = false) =>
      c('DeliverPrintGoods', { deliveredOn: TODAY, quantity, receipt: [doc], acceptShortfall, today: TODAY });
    expect(outcome(reprinted, deliver(5000))).toEqual(['BALANCE_NOT_RECEIVED', ['balance:finance']]);
    const paid = run(reprinted, c('RecordPrintBalanceSettled', { receivableId: 'rc-2', settledAt: AT }, system));
    expect(outcome(paid, deliver(4950))).toEqual(['accepted', []]);
    expect(outcome(paid, deliver(4800))[0]).toBe('SHORT_DELIVERY');
    const short = run(paid, deliver(4800, true));
    expect(short.at(-1)).toMatchObject({ data: { shortfall: { units: 200, creditFen: 4_800 } } });
    const withPrepayment = run(
      history(open, c('OutputFilmProof', { file: proof(1) }), sign(1), printer, ...clientContract, settled, ...printerContract),
      c('RequestPrinterPayment', { costId: 'k-1', milestone: 'prepayment', prepaymentPercent: 30 }),
    );
    expect(withPrepayment.at(-1)).toMatchObject({ type: 'PrinterPaymentRequested', data: { amountFen: 24_000 } });
    // Short by 200 of 5000: the printer is not paid for them either (80 000 × 200 / 5000 withheld).
    const balance = run(short, c('RequestPrinterPayment', { costId: 'k-2', milestone: 'balance', prepaymentPercent: 0 }));
    expect(balance.at(-1)).toMatchObject({ data: { milestone: 'balance', amountFen: 76_800 } });
    const closed = run(balance, c('RecordPrinterPaid', { costId: 'k-2', payableId: 'p-2', paidOn: TODAY }, system));
    expect(closed.slice(-2).map((e) => e.type)).toEqual(['PrinterPaid', 'PrintJobClosed']);
    expect(s(closed).status).toBe('closed');
    expect(run(closed, c('RecordPrinterPaid', { costId: 'k-2', payableId: 'p-2', paidOn: TODAY }, system))).toHaveLength(closed.length);
  });

  it('stays open until every payment to the printer is paid, and refuses a goods date in the past or a prepayment of a cancelled job', () => {
    const s = (events: PrintJobEvent[]) => events.reduce(printJobDecider.evolve, printJobDecider.initialState());
    const run = (events: PrintJobEvent[], ...commands: PrintJobCommand[]) => commands.reduce((acc, cmd) => [...acc, ...decidePrintJob(cmd, s(acc))], events);
    const art: Actor = { userId: 'mo', role: 'art-director' };
    const review = c('ReviewPrintSamples', { sampleNo: 1, decision: 'accept', reason: '', reprintCostBorneBy: null, evidence: [doc] });
    const delivered = run(
      history(open, c('OutputFilmProof', { file: proof(1) }), sign(1), printer, ...clientContract, settled, ...printerContract),
      c('RequestPrinterPayment', { costId: 'k-1', milestone: 'prepayment', prepaymentPercent: 30 }),
      handOver(1),
      c('RecordPrintCheckpoint', { kind: 'quality', passed: true, notes: '', evidence: [] }, art),
      c('SubmitPrintSamples', { evidence: [doc] }),
      review,
      c('RecordPrintBalanceSettled', { receivableId: 'rc-2', settledAt: AT }, system),
      c('DeliverPrintGoods', { deliveredOn: TODAY, quantity: 5000, receipt: [doc], acceptShortfall: false, today: TODAY }),
      c('RequestPrinterPayment', { costId: 'k-2', milestone: 'balance', prepaymentPercent: 0 }),
    );
    const balancePaid = run(delivered, c('RecordPrinterPaid', { costId: 'k-2', payableId: 'p-2', paidOn: TODAY }, system));
    expect(s(balancePaid).status).toBe('delivered');
    const prepaymentPaid = run(balancePaid, c('RecordPrinterPaid', { costId: 'k-1', payableId: 'p-1', paidOn: TODAY }, system));
    expect(s(prepaymentPaid).status).toBe('closed');
    const early = c('OpenPrintJob', {
      client: { clientId: 'c-1', name: 'Acme' },
      brief: null,
      title: 'T',
      currency: 'CNY',
      neededBy: '2026-11-30',
      today: TODAY,
    });
    expect(outcome([], early)[0]).toBe('DATE_IN_PAST');
    const far = c('OpenPrintJob', {
      client: { clientId: 'c-1', name: 'Acme' },
      brief: null,
      title: 'T',
      currency: 'CNY',
      neededBy: '2029-01-01',
      today: TODAY,
    });
    expect(outcome([], far)[0]).toBe('DATE_TOO_FAR');
    const cancelled = history(
      open,
      c('OutputFilmProof', { file: proof(1) }),
      sign(1),
      printer,
      ...clientContract,
      settled,
      ...printerContract,
      c('CancelPrintJob', { reason: 'Client withdrew' }),
    );
    expect(outcome(cancelled, c('RequestPrinterPayment', { costId: 'k-9', milestone: 'prepayment', prepaymentPercent: 30 }))[0]).toBe('PRINT_JOB_STATUS');
  });
  it('refuses, naming why: a draft twice, a second review, a future signature, an odd prepayment, a second request, over-delivery, cancelling delivered goods', () => {
    const s = (events: PrintJobEvent[]) => events.reduce(printJobDecider.evolve, printJobDecider.initialState());
    const run = (events: PrintJobEvent[], ...commands: PrintJobCommand[]) => commands.reduce((acc, cmd) => [...acc, ...decidePrintJob(cmd, s(acc))], events);
    const chosen = history(open, c('OutputFilmProof', { file: proof(1) }), sign(1), printer);
    const drafted = run(chosen, clientContract[0]);
    expect(outcome(drafted, clientContract[0])[0]).toBe('DRAFT_PENDING');
    const reviewed = run(drafted, clientContract[1]);
    expect(outcome(reviewed, clientContract[1])[0]).toBe('ALREADY_REVIEWED');
    expect(
      outcome(reviewed, c('SignPrintClientContract', { signedOn: '2026-12-02', signatory: 'Ms Liu', evidence: [doc], prepaymentPercent: 50, today: TODAY }))[0],
    ).toBe('DATE_IN_FUTURE');
    expect(
      outcome(reviewed, c('SignPrintClientContract', { signedOn: TODAY, signatory: 'Ms Liu', evidence: [doc], prepaymentPercent: 100, today: TODAY }))[0],
    ).toBe('PREPAYMENT_INVALID');
    expect(
      outcome(reviewed, c('SignPrintClientContract', { signedOn: TODAY, signatory: 'Ms Liu', evidence: [], prepaymentPercent: 50, today: TODAY }))[0],
    ).toBe('EVIDENCE_REQUIRED');
    const returned = run(drafted, c('ReviewPrintClientContract', { decision: 'return', notes: 'Wrong value' }, ad));
    expect(outcome(returned, clientContract[0])).toEqual(['accepted', []]);
    const prepaid = run(
      history(open, c('OutputFilmProof', { file: proof(1) }), sign(1), printer, ...clientContract, settled, ...printerContract),
      c('RequestPrinterPayment', { costId: 'k-1', milestone: 'prepayment', prepaymentPercent: 30 }),
    );
    expect(outcome(prepaid, c('RequestPrinterPayment', { costId: 'k-3', milestone: 'prepayment', prepaymentPercent: 30 }))[0]).toBe(
      'PAYMENT_ALREADY_REQUESTED',
    );
    expect(outcome(prepaid, c('RequestPrinterPayment', { costId: 'k-4', milestone: 'balance', prepaymentPercent: 0 }))[0]).toBe('PRINT_JOB_STATUS');
    const art: Actor = { userId: 'mo', role: 'art-director' };
    const balanceReceived = run(
      prepaid,
      handOver(1),
      c('RecordPrintCheckpoint', { kind: 'quality', passed: true, notes: '', evidence: [] }, art),
      c('SubmitPrintSamples', { evidence: [doc] }),
      c('ReviewPrintSamples', { sampleNo: 1, decision: 'accept', reason: '', reprintCostBorneBy: null, evidence: [doc] }),
      c('RecordPrintBalanceSettled', { receivableId: 'rc-2', settledAt: AT }, system),
    );
    expect(
      outcome(balanceReceived, c('DeliverPrintGoods', { deliveredOn: TODAY, quantity: 5101, receipt: [doc], acceptShortfall: false, today: TODAY }))[0],
    ).toBe('OVER_DELIVERED');
    expect(outcome(balanceReceived, c('DeliverPrintGoods', { deliveredOn: TODAY, quantity: 5000, receipt: [], acceptShortfall: false, today: TODAY }))[0]).toBe(
      'EVIDENCE_REQUIRED',
    );
    const delivered = run(
      balanceReceived,
      c('DeliverPrintGoods', { deliveredOn: TODAY, quantity: 5100, receipt: [doc], acceptShortfall: false, today: TODAY }),
    );
    expect(s(delivered).delivery).toMatchObject({ quantity: 5100, shortfall: null });
    expect(outcome(delivered, c('CancelPrintJob', { reason: 'Changed mind' }))[0]).toBe('PRINT_JOB_STATUS');
    expect(outcome(delivered, c('RecordPrinterPaid', { costId: 'nope', payableId: 'p-9', paidOn: TODAY }, system))[0]).toBe('PRINTER_PAYMENT_NOT_FOUND');
  });
});
