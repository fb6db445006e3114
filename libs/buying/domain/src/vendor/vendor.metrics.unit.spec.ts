import { audienceDelivery, vendorMetrics, type MeasuredUnit } from './vendor.metrics';

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

describe('the audience side of a vendor’s evaluation', () => {
  it('gives what the measured lines delivered as a percent of what their plans promised, per metric over the lines that have both', () => {
    const line = (estimated: [number | null, number | null], delivered: [number | null, number | null]) => ({
      estimated: { impressions: estimated[0], grp: estimated[1] },
      delivered: { impressions: delivered[0], grp: delivered[1] },
    });
    expect(audienceDelivery([line([null, 100], [null, 90]), line([null, 50], [null, 60]), line([1_000, null], [800, 20])])).toEqual({
      measuredLines: 3,
      grpIndexPercent: 100,
      impressionsIndexPercent: 80,
    });
    expect(audienceDelivery([])).toEqual({ measuredLines: 0, grpIndexPercent: null, impressionsIndexPercent: null });
  });
});
