import { vendorMetrics, type MeasuredUnit } from './vendor.metrics';

const unit = (proof: MeasuredUnit['proof'], proofLate = false, discrepancies: string[] = []): MeasuredUnit => ({ proof, proofLate, discrepancies });

describe('vendor evaluation metrics', () => {
  it('counts delivery, preemption, makegoods, invoice accuracy and proof timeliness from the recorded facts', () => {
    const units = [unit('aired'), unit('aired', true), unit('aired', false, ['time']), unit('missed'), unit('preempted', true), unit('pending')];
    expect(
      vendorMetrics(
        units,
        [
          { status: 'accepted', outsideRule: true },
          { status: 'offered', outsideRule: false },
        ],
        { lines: 8, discrepancies: 2 },
      ),
    ).toEqual({
      units: 6,
      proven: 5,
      aired: 3,
      preempted: 1,
      missed: 1,
      deliveryPercent: 60,
      preemptionPercent: 40,
      makegoodsOffered: 2,
      makegoodsAcceptedOutsideRule: 1,
      invoiceLines: 8,
      invoiceDiscrepancies: 2,
      invoiceAccuracyPercent: 75,
      lateProofs: 2,
      proofTimelinessPercent: 60,
      airedOffSchedule: 1,
    });
  });

  it('says nothing rather than 0% or 100% when there is nothing to measure', () => {
    expect(vendorMetrics([unit('pending')], [], { lines: 0, discrepancies: 0 })).toMatchObject({
      deliveryPercent: null,
      preemptionPercent: null,
      invoiceAccuracyPercent: null,
      proofTimelinessPercent: null,
    });
  });
});
