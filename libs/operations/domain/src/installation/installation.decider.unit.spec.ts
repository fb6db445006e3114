import { deciderSpec } from '@ooh/eventing-testing';
import type { Actor, EvidenceRef } from '@ooh/eventing';
import { installationDecider, type InstallationCommand, type OpenInstallationJob, type RecordQuote } from './installation.decider';
import { installationStream, type InstallationEvent, type QuoteRecorded, type VendorRef } from './installation.events';

const spec = deciderSpec(installationDecider);
const ops: Actor = { userId: 'u-ops', role: 'ops-manager' };
const buyer: Actor = { userId: 'u-buyer', role: 'procurement' };
const tech: Actor = { userId: 'u-tech', role: 'technician' };
const doc: EvidenceRef = { blobId: 'b-doc', sha256: 'd'.repeat(64), contentType: 'application/pdf' };
const photo: EvidenceRef = { blobId: 'b-photo', sha256: 'p'.repeat(64), contentType: 'image/jpeg' };
const jobId = 'inst-1';
const AT = '2026-04-01T02:00:00.000Z';
const LATER = '2026-04-03T02:00:00.000Z';

const acme: VendorRef = { vendorId: 'v-acme', name: 'Acme Signs' };
const brite: VendorRef = { vendorId: 'v-brite', name: 'Brite Boxes' };
const cosmo: VendorRef = { vendorId: 'v-cosmo', name: 'Cosmo Print' };

const open = (data: Partial<OpenInstallationJob['data']> = {}): InstallationCommand => ({
  type: 'OpenInstallationJob',
  data: { jobId, siteId: 'SH-001', faces: ['A', 'B'], bookingId: 'bk-1', description: 'New light-box film for the spring campaign', at: AT, by: ops, ...data },
});
const quote = (quoteId: string, vendor: VendorRef, amountFen: number, data: Partial<RecordQuote['data']> = {}): InstallationCommand => ({
  type: 'RecordQuote',
  data: { jobId, quoteId, vendor, amountFen, currency: 'CNY', notes: null, evidence: [doc], at: AT, by: buyer, ...data },
});
const choose = (quoteId: string, reasonForFewerQuotes: string | null = null, by: Actor = ops): InstallationCommand => ({
  type: 'ChooseVendor',
  data: { jobId, quoteId, reasonForFewerQuotes, at: AT, by },
});
const signAgreement = (evidence: EvidenceRef[] = [doc], signedBy = 'Zhang San, Li Si'): InstallationCommand => ({
  type: 'RecordSafetyAgreement',
  data: { jobId, signedBy, evidence, at: AT, by: tech },
});
const start = (): InstallationCommand => ({ type: 'StartWork', data: { jobId, at: AT, by: tech } });
const complete = (photos: EvidenceRef[] = [photo], notes?: string | null): InstallationCommand => ({
  type: 'CompleteInstallation',
  data: { jobId, photos, notes, at: LATER, by: tech },
});
const cancel = (reason = 'Campaign withdrawn'): InstallationCommand => ({ type: 'CancelInstallationJob', data: { jobId, reason, at: LATER, by: ops } });

const opened: InstallationEvent = {
  type: 'InstallationJobOpened',
  data: { jobId, siteId: 'SH-001', faces: ['A', 'B'], bookingId: 'bk-1', description: 'New light-box film for the spring campaign', at: AT, by: ops },
};
const quoted = (quoteId: string, vendor: VendorRef, amountFen: number, replacesQuoteId: string | null = null): QuoteRecorded => ({
  type: 'QuoteRecorded',
  data: { jobId, quoteId, vendor, amountFen, currency: 'CNY', notes: null, evidence: [doc], replacesQuoteId, at: AT, by: buyer },
});
const qAcme = quoted('q-acme', acme, 120_000);
const qBrite = quoted('q-brite', brite, 98_000);
const qCosmo = quoted('q-cosmo', cosmo, 105_000);
const chosenEvents = (quoteId: string, vendor: VendorRef, amountFen: number, quotesCompared: number, reason: string | null = null): InstallationEvent[] => [
  { type: 'VendorChosen', data: { jobId, quoteId, vendor, amountFen, currency: 'CNY', quotesCompared, reasonForFewerQuotes: reason, at: AT, by: ops } },
  {
    type: 'VendorPaymentRequested',
    data: { jobId, siteId: 'SH-001', quoteId, vendor, amountFen, currency: 'CNY', milestone: 'full', at: AT, by: ops },
  },
];
const chosen = chosenEvents('q-brite', brite, 98_000, 3);
const signed: InstallationEvent = { type: 'SafetyAgreementSigned', data: { jobId, signedBy: 'Zhang San, Li Si', evidence: [doc], at: AT, by: tech } };
const started: InstallationEvent = { type: 'WorkStarted', data: { jobId, at: AT, by: tech } };
const completed: InstallationEvent = { type: 'InstallationCompleted', data: { jobId, photos: [photo], notes: null, at: LATER, by: tech } };
const cancelled: InstallationEvent = { type: 'InstallationJobCancelled', data: { jobId, reason: 'Campaign withdrawn', at: LATER, by: ops } };

const quoting = [opened, qAcme, qBrite, qCosmo];
const vendorChosen = [...quoting, ...chosen];
const agreementSigned = [...vendorChosen, signed];
const inProgress = [...agreementSigned, started];

describe('Installation job decider', () => {
  it('should name the stream after the job', () => {
    expect(installationStream('inst-1')).toBe('operations.installation-inst-1');
  });

  describe('When none', () => {
    it('should open the job for quoting', () => {
      spec.given([]).when(open()).then([opened]);
      expect(spec.given([opened]).state()).toMatchObject({
        status: 'quoting',
        jobId,
        siteId: 'SH-001',
        faces: ['A', 'B'],
        bookingId: 'bk-1',
        openedBy: ops,
        quotes: [],
      });
    });

    it('should open a job that serves no booking', () => {
      const [event] = spec
        .given([])
        .when(open({ bookingId: null }))
        .events();
      expect(event.data).toMatchObject({ bookingId: null });
    });

    it('should refuse a job without faces', () => {
      spec
        .given([])
        .when(open({ faces: [] }))
        .thenThrows('FACE_REQUIRED', 'rule-violated');
    });

    it('should refuse a face listed twice', () => {
      spec
        .given([])
        .when(open({ faces: ['A', 'A'] }))
        .thenThrows('DUPLICATE_FACE', 'rule-violated');
    });

    it('should refuse a blank description', () => {
      spec
        .given([])
        .when(open({ description: ' ' }))
        .thenThrows('DESCRIPTION_REQUIRED', 'rule-violated');
    });

    it.each([
      ['recording a quote', quote('q-acme', acme, 100)],
      ['choosing a vendor', choose('q-acme', 'only one')],
      ['recording the safety agreement', signAgreement()],
      ['starting work', start()],
      ['completing', complete()],
      ['cancelling', cancel()],
    ])('should refuse %s as not found', (_what, command) => {
      spec.given([]).when(command).thenThrows('INSTALLATION_JOB_NOT_FOUND', 'not-found');
    });
  });

  describe('When quoting', () => {
    it('should refuse opening it again', () => {
      spec.given([opened]).when(open()).thenThrows('INSTALLATION_JOB_EXISTS', 'conflict');
    });

    it('should record a quote', () => {
      spec
        .given([opened])
        .when(quote('q-acme', acme, 120_000))
        .then([qAcme]);
      expect(spec.given([opened, qAcme]).state().quotes).toEqual([
        { quoteId: 'q-acme', vendor: acme, amountFen: 120_000, currency: 'CNY', notes: null, evidence: [doc], recordedAt: AT, recordedBy: buyer },
      ]);
    });

    it('should record a quote without evidence, with notes', () => {
      const [event] = spec
        .given([opened])
        .when(quote('q-acme', acme, 1, { evidence: [], notes: 'by phone' }))
        .events();
      expect(event.data).toMatchObject({ amountFen: 1, evidence: [], notes: 'by phone' });
    });

    it.each([0, -500, 99.5, Number.NaN, Number.POSITIVE_INFINITY])('should refuse an amount of %s fen', (amountFen) => {
      spec
        .given([opened])
        .when(quote('q-acme', acme, amountFen))
        .thenThrows('INVALID_AMOUNT', 'rule-violated');
    });

    it("should replace the same vendor's earlier quote, keeping one quote per vendor", () => {
      spec
        .given([opened, qAcme])
        .when(quote('q-acme-2', acme, 110_000))
        .then([quoted('q-acme-2', acme, 110_000, 'q-acme')]);
      const state = spec.given([opened, qAcme, qBrite, quoted('q-acme-2', acme, 110_000, 'q-acme')]).state();
      expect(state.quotes.map((q) => [q.quoteId, q.amountFen])).toEqual([
        ['q-acme-2', 110_000],
        ['q-brite', 98_000],
      ]);
    });

    it('should refuse reusing a quote id for another vendor', () => {
      spec
        .given([opened, qAcme])
        .when(quote('q-acme', brite, 90_000))
        .thenThrows('QUOTE_EXISTS', 'conflict');
    });

    it('should choose a vendor from three quotes and request its payment', () => {
      spec.given(quoting).when(choose('q-brite')).then(chosen);
      expect(spec.given(vendorChosen).state()).toMatchObject({
        status: 'vendor-chosen',
        paymentRequested: true,
        chosen: { quoteId: 'q-brite', vendor: brite, amountFen: 98_000, quotesCompared: 3, reasonForFewerQuotes: null, chosenBy: ops, chosenAt: AT },
      });
    });

    it('should let the person who recorded the quotes choose (no four-eyes)', () => {
      const events = spec
        .given(quoting)
        .when(choose('q-acme', null, buyer))
        .events();
      expect(events.map((e) => e.type)).toEqual(['VendorChosen', 'VendorPaymentRequested']);
      expect(events[0].data).toMatchObject({ by: buyer, amountFen: 120_000 });
    });

    it('should choose from two quotes when a reason is given', () => {
      spec
        .given([opened, qAcme, qBrite])
        .when(choose('q-acme', 'Only two vendors can build boxes this size'))
        .then(chosenEvents('q-acme', acme, 120_000, 2, 'Only two vendors can build boxes this size'));
    });

    it('should choose from a single quote when a reason is given', () => {
      const [event] = spec.given([opened, qAcme]).when(choose('q-acme', 'Landlord-appointed vendor')).events();
      expect(event.data).toMatchObject({ quotesCompared: 1, reasonForFewerQuotes: 'Landlord-appointed vendor' });
    });

    it.each([null, '', '   '])('should refuse choosing from two quotes with reason %p (货比三家)', (reason) => {
      spec.given([opened, qAcme, qBrite]).when(choose('q-acme', reason)).thenThrows('THREE_QUOTES_REQUIRED', 'rule-violated');
    });

    it("should count a vendor's replaced quote once", () => {
      const given = [opened, qAcme, qBrite, quoted('q-acme-2', acme, 110_000, 'q-acme')];
      spec.given(given).when(choose('q-brite')).thenThrows('THREE_QUOTES_REQUIRED', 'rule-violated');
      spec
        .given([...given, qCosmo])
        .when(choose('q-acme-2'))
        .then(chosenEvents('q-acme-2', acme, 110_000, 3));
    });

    it('should refuse choosing a replaced quote', () => {
      spec
        .given([...quoting, quoted('q-acme-2', acme, 110_000, 'q-acme')])
        .when(choose('q-acme'))
        .thenThrows('QUOTE_NOT_FOUND', 'not-found');
    });

    it('should refuse choosing an unknown quote', () => {
      spec.given(quoting).when(choose('q-nope')).thenThrows('QUOTE_NOT_FOUND', 'not-found');
    });

    it('should refuse the safety agreement before a vendor is chosen', () => {
      spec.given(quoting).when(signAgreement()).thenThrows('INVALID_STATE', 'rule-violated');
    });

    it('should refuse starting work', () => {
      spec.given(quoting).when(start()).thenThrows('INVALID_STATE', 'rule-violated');
    });

    it('should refuse completing', () => {
      spec.given(quoting).when(complete()).thenThrows('INVALID_STATE', 'rule-violated');
    });

    it('should cancel it', () => {
      spec.given(quoting).when(cancel()).then([cancelled]);
    });

    it('should refuse cancelling without a reason', () => {
      spec.given(quoting).when(cancel('')).thenThrows('REASON_REQUIRED', 'rule-violated');
    });
  });

  describe('When the vendor is chosen', () => {
    it('should refuse more quotes', () => {
      spec
        .given(vendorChosen)
        .when(quote('q-new', acme, 100))
        .thenThrows('QUOTING_CLOSED', 'rule-violated');
    });

    it('should refuse choosing again', () => {
      spec.given(vendorChosen).when(choose('q-acme')).thenThrows('QUOTING_CLOSED', 'rule-violated');
    });

    it('should refuse starting work before the safety agreement is signed', () => {
      spec.given(vendorChosen).when(start()).thenThrows('SAFETY_AGREEMENT_REQUIRED', 'rule-violated');
    });

    it('should record the signed safety agreement', () => {
      spec.given(vendorChosen).when(signAgreement()).then([signed]);
      expect(spec.given(agreementSigned).state()).toMatchObject({
        status: 'agreement-signed',
        safetyAgreement: { signedBy: 'Zhang San, Li Si', evidence: [doc], recordedAt: AT, recordedBy: tech },
      });
    });

    it('should refuse the safety agreement without the signed document', () => {
      spec.given(vendorChosen).when(signAgreement([])).thenThrows('EVIDENCE_REQUIRED', 'rule-violated');
    });

    it('should refuse the safety agreement without who signed it', () => {
      spec
        .given(vendorChosen)
        .when(signAgreement([doc], ' '))
        .thenThrows('SIGNATORY_REQUIRED', 'rule-violated');
    });

    it('should refuse completing', () => {
      spec.given(vendorChosen).when(complete()).thenThrows('INVALID_STATE', 'rule-violated');
    });

    it('should cancel it', () => {
      spec.given(vendorChosen).when(cancel()).then([cancelled]);
    });
  });

  describe('When the safety agreement is signed', () => {
    it('should start work', () => {
      spec.given(agreementSigned).when(start()).then([started]);
      expect(spec.given(inProgress).state()).toMatchObject({ status: 'in-progress', startedAt: AT, startedBy: tech });
    });

    it('should refuse signing it again', () => {
      spec.given(agreementSigned).when(signAgreement()).thenThrows('INVALID_STATE', 'rule-violated');
    });

    it('should refuse more quotes', () => {
      spec
        .given(agreementSigned)
        .when(quote('q-new', acme, 100))
        .thenThrows('QUOTING_CLOSED', 'rule-violated');
    });

    it('should refuse completing before work starts', () => {
      spec.given(agreementSigned).when(complete()).thenThrows('INVALID_STATE', 'rule-violated');
    });

    it('should cancel it', () => {
      spec.given(agreementSigned).when(cancel()).then([cancelled]);
    });
  });

  describe('When in progress', () => {
    it('should complete it with photos', () => {
      spec.given(inProgress).when(complete()).then([completed]);
      expect(spec.given([...inProgress, completed]).state()).toMatchObject({ status: 'completed', completedAt: LATER, completedBy: tech });
    });

    it('should record completion notes', () => {
      const [event] = spec
        .given(inProgress)
        .when(complete([photo], 'Both faces lit'))
        .events();
      expect(event.data).toMatchObject({ notes: 'Both faces lit' });
    });

    it('should refuse completing without photos', () => {
      spec.given(inProgress).when(complete([])).thenThrows('PHOTO_REQUIRED', 'rule-violated');
    });

    it('should refuse starting work again', () => {
      spec.given(inProgress).when(start()).thenThrows('INVALID_STATE', 'rule-violated');
    });

    it('should cancel it', () => {
      spec.given(inProgress).when(cancel()).then([cancelled]);
    });
  });

  describe('When completed', () => {
    const given = [...inProgress, completed];

    it.each([
      ['recording a quote', quote('q-new', acme, 100), 'QUOTING_CLOSED'],
      ['choosing a vendor', choose('q-acme'), 'QUOTING_CLOSED'],
      ['recording the safety agreement', signAgreement(), 'INVALID_STATE'],
      ['starting work', start(), 'INVALID_STATE'],
      ['completing again', complete(), 'INVALID_STATE'],
      ['cancelling', cancel(), 'INVALID_STATE'],
    ])('should refuse %s', (_what, command, code) => {
      spec.given(given).when(command).thenThrows(code, 'rule-violated');
    });

    it('should refuse opening it again', () => {
      spec.given(given).when(open()).thenThrows('INSTALLATION_JOB_EXISTS', 'conflict');
    });
  });

  describe('When cancelled', () => {
    const given = [...vendorChosen, cancelled];

    it('should be cancelled with the reason', () => {
      expect(spec.given(given).state()).toMatchObject({ status: 'cancelled', cancelledAt: LATER, cancelledBy: ops, cancelReason: 'Campaign withdrawn' });
    });

    it('should do nothing when cancelled again', () => {
      spec.given(given).when(cancel('Another reason')).thenNothingHappens();
    });

    it.each([
      ['recording a quote', quote('q-new', acme, 100), 'QUOTING_CLOSED'],
      ['choosing a vendor', choose('q-acme'), 'QUOTING_CLOSED'],
      ['recording the safety agreement', signAgreement(), 'INVALID_STATE'],
      ['starting work', start(), 'INVALID_STATE'],
      ['completing', complete(), 'INVALID_STATE'],
    ])('should refuse %s', (_what, command, code) => {
      spec.given(given).when(command).thenThrows(code, 'rule-violated');
    });

    it('should refuse opening it again', () => {
      spec.given(given).when(open()).thenThrows('INSTALLATION_JOB_EXISTS', 'conflict');
    });
  });
});
