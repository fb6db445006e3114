import { deciderSpec } from '@ooh/eventing-testing';
import type { Actor, EvidenceRef } from '@ooh/eventing';
import {
  type BookedSite,
  type BookingCommand,
  type ProposeSchedule,
  type RecordLandlordDecision,
  type RecordPosting,
  type RecordRemoval,
  type RecordRenewalDecision,
  type RequestBooking,
  type TerminateEarly,
} from './booking.commands';
import { bookingDecider } from './booking.decider';
import { blockingReasons, faceStatusFor } from './booking.gates';
import {
  bookingStream,
  type BookingEvent,
  type BookingRequested,
  type BookingStatus,
  type Creative,
  type InternalReviewApproved,
  type InternalReviewRejected,
  type InternalReviewStarted,
  type LandlordApproved,
  type LandlordReviewRejected,
  type LandlordReviewStarted,
  type Posted,
  type RemovalPhoto,
} from './booking.events';

const spec = deciderSpec(bookingDecider);

const sales: Actor = { userId: 'u-sales', role: 'sales' };
const sales2: Actor = { userId: 'u-sales2', role: 'sales' };
const admin: Actor = { userId: 'u-admin', role: 'admin' };
const exec1: Actor = { userId: 'u-exec1', role: 'executive' };
const exec2: Actor = { userId: 'u-exec2', role: 'executive' };
const exec3: Actor = { userId: 'u-exec3', role: 'executive' };
const ops: Actor = { userId: 'u-ops', role: 'operations' };
const finance: Actor = { userId: 'system:finance', role: 'system' };
const scheduler: Actor = { userId: 'system:scheduler', role: 'system' };

const bookingId = 'bk-1';
const TZ = 'Asia/Shanghai';
// 10:00 on 2 March in Shanghai.
const AT = '2026-03-02T02:00:00.000Z';
// When postings and removals are recorded: after the days they record (nothing is done in the future).
const LATE = '2026-06-01T02:00:00.000Z';
const METRO = 'Shanghai Metro';
const LINE2 = 'Line 2 Operator';

const ev = (blobId: string, extra: Partial<EvidenceRef> = {}): EvidenceRef => ({
  blobId,
  sha256: 'a'.repeat(64),
  contentType: 'image/jpeg',
  ...extra,
});
const photo = ev('photo-1');
const clientDoc = ev('client-confirmation', { contentType: 'application/pdf' });
const approvalScan = ev('approval-scan', { contentType: 'application/pdf' });
const masthead: RemovalPhoto = { ...ev('masthead-1'), masthead: true };
const removalPhoto: RemovalPhoto = ev('removal-1');

const creative: Creative = { creativeId: 'cr-1', description: 'Spring tea campaign', kind: 'video', files: [ev('cr-1.mp4', { contentType: 'video/mp4' })] };
const revised: Creative = {
  creativeId: 'cr-2',
  description: 'Spring tea campaign, smaller logo',
  kind: 'video',
  files: [ev('cr-2.mp4', { contentType: 'video/mp4' })],
};
const summer: Creative = { creativeId: 'cr-3', description: 'Summer tea campaign', kind: 'video', files: [ev('cr-3.mp4', { contentType: 'video/mp4' })] };
const advertiser = { name: 'Acme Tea', clientId: 'c-1' };
const faces = [
  { siteId: 'SH-001', face: 'A' },
  { siteId: 'SH-002', face: 'A' },
];
const sites: Record<string, BookedSite | null> = {
  'SH-001': { status: 'in-service', faces: ['A', 'B'], landlordAuthority: METRO },
  'SH-002': { status: 'faulty', faces: ['A'], landlordAuthority: LINE2 },
};
const period = { start: '2026-04-01', end: '2026-04-30' };
const price = { amountFen: 1_200_000, currency: 'CNY' };

// ---- commands ----

const base = (by: Actor) => ({ bookingId, at: AT, by });

const request = (data: Partial<RequestBooking['data']> = {}): BookingCommand => ({
  type: 'RequestBooking',
  data: {
    ...base(sales),
    advertiser,
    faces,
    period,
    creative,
    price,
    sites,
    requiredInternalApprovals: 2,
    timeZone: TZ,
    ...data,
  },
});
const submit = (by: Actor = sales): BookingCommand => ({ type: 'SubmitForInternalReview', data: base(by) });
const review = (by: Actor, decision: 'approve' | 'reject' = 'approve', reason: string | null = null): BookingCommand => ({
  type: 'RecordInternalReview',
  data: { ...base(by), decision, reason },
});
const landlord = (authority: string, data: Partial<RecordLandlordDecision['data']> = {}): BookingCommand => ({
  type: 'RecordLandlordDecision',
  data: { ...base(ops), authority, decision: 'approve', reference: `REF-${authority}`, reason: null, evidence: [approvalScan], ...data },
});
const revise = (c: Creative = revised, by: Actor = sales): BookingCommand => ({ type: 'ReviseCreative', data: { ...base(by), creative: c } });
const confirmPayment = (paymentReference = 'PAY-1'): BookingCommand => ({
  type: 'ConfirmPayment',
  data: { ...base(finance), paymentReference, receivedAt: '2026-03-05T03:00:00.000Z' },
});
const propose = (data: Partial<ProposeSchedule['data']> = {}): BookingCommand => ({
  type: 'ProposeSchedule',
  data: { ...base(ops), postingDate: '2026-04-01', production: 'video-by-design', installationJobId: null, ...data },
});
const approveSchedule = (by: Actor = exec1): BookingCommand => ({ type: 'ApproveSchedule', data: base(by) });
const rejectSchedule = (reason = 'Clashes with station works', by: Actor = exec1): BookingCommand => ({
  type: 'RejectSchedule',
  data: { ...base(by), reason },
});
const post = (data: Partial<RecordPosting['data']> = {}): BookingCommand => ({
  type: 'RecordPosting',
  data: { ...base(ops), at: LATE, postedOn: '2026-04-01', photos: [photo], notes: null, ...data },
});
const confirmPosting = (evidence: EvidenceRef[] = [clientDoc]): BookingCommand => ({ type: 'ConfirmPostingReport', data: { ...base(sales), evidence } });
const flagRenewal = (today: string): BookingCommand => ({ type: 'FlagRenewalDue', data: { ...base(scheduler), today } });
const renewal = (data: Partial<RecordRenewalDecision['data']> = {}): BookingCommand => ({
  type: 'RecordRenewalDecision',
  data: { ...base(sales), decision: 'renew', newEnd: '2026-05-31', creative: null, evidence: [clientDoc], ...data },
});
const replaceCreative = (photos: EvidenceRef[] = [photo]): BookingCommand => ({ type: 'RecordCreativeReplaced', data: { ...base(ops), photos } });
const markRemoval = (today: string): BookingCommand => ({ type: 'MarkRemovalDue', data: { ...base(scheduler), today } });
const terminate = (data: Partial<TerminateEarly['data']> = {}): BookingCommand => ({
  type: 'TerminateEarly',
  data: { ...base(sales), reason: 'Client went bankrupt', effectiveDate: '2026-04-15', ...data },
});
const removal = (data: Partial<RecordRemoval['data']> = {}): BookingCommand => ({
  type: 'RecordRemoval',
  data: { ...base(ops), at: LATE, removedOn: '2026-05-01', photos: [removalPhoto, masthead], ...data },
});
const confirmRemoval = (evidence: EvidenceRef[] = [clientDoc]): BookingCommand => ({ type: 'ConfirmRemovalReport', data: { ...base(sales), evidence } });
const cancel = (reason = 'Client withdrew', by: Actor = sales): BookingCommand => ({ type: 'CancelBooking', data: { ...base(by), reason } });

// ---- events ----

const requestedBy = (by: Actor, data: Partial<BookingRequested['data']> = {}): BookingRequested => ({
  type: 'BookingRequested',
  data: {
    ...base(by),
    advertiser,
    faces,
    period,
    creative,
    price,
    landlordAuthorities: [METRO, LINE2],
    requiredInternalApprovals: 2,
    namedReviewers: null,
    timeZone: TZ,
    ...data,
  },
});
const requested = requestedBy(sales);
const started = (round = 1, creativeId = 'cr-1', by: Actor = sales): InternalReviewStarted => ({
  type: 'InternalReviewStarted',
  data: { ...base(by), creativeId, round },
});
const approved = (by: Actor, round = 1, creativeChange = false): InternalReviewApproved => ({
  type: 'InternalReviewApproved',
  data: { ...base(by), round, reviewer: by.userId, comment: null, creativeChange },
});
const rejected = (by: Actor, round = 1, creativeChange = false): InternalReviewRejected => ({
  type: 'InternalReviewRejected',
  data: { ...base(by), round, reviewer: by.userId, reason: 'Logo too large', creativeChange },
});
const landlordStarted = (round = 1, creativeChange = false, by: Actor = exec2): LandlordReviewStarted => ({
  type: 'LandlordReviewStarted',
  data: { ...base(by), round, authorities: [METRO, LINE2], creativeChange },
});
const landlordApproved = (authority: string, round = 1, creativeChange = false): LandlordApproved => ({
  type: 'LandlordApproved',
  data: { ...base(ops), round, authority, reference: `REF-${authority}`, evidence: [approvalScan], creativeChange },
});
const landlordRejected = (authority: string, round = 1, creativeChange = false): LandlordReviewRejected => ({
  type: 'LandlordReviewRejected',
  data: { ...base(ops), round, authority, reason: 'Too bright for the concourse', reference: null, evidence: [approvalScan], creativeChange },
});
const paymentRequested: BookingEvent = {
  type: 'PaymentRequested',
  data: { ...base(ops), amountFen: 1_200_000, currency: 'CNY', advertiser, dueDate: null },
};
const paymentConfirmed: BookingEvent = {
  type: 'PaymentConfirmed',
  data: { ...base(finance), paymentReference: 'PAY-1', receivedAt: '2026-03-05T03:00:00.000Z' },
};
const scheduleProposedBy = (by: Actor, postingDate = '2026-04-01'): BookingEvent => ({
  type: 'ScheduleProposed',
  data: { ...base(by), postingDate, production: 'video-by-design', installationJobId: null },
});
const scheduleProposed = scheduleProposedBy(ops);
const scheduleApproved: BookingEvent = { type: 'ScheduleApproved', data: { ...base(exec1), postingDate: '2026-04-01' } };
const scheduleRejected: BookingEvent = {
  type: 'ScheduleRejected',
  data: { ...base(exec1), postingDate: '2026-04-01', reason: 'Clashes with station works' },
};
const postedOn = (date: string, daysLate: number): Posted => ({
  type: 'Posted',
  data: { ...base(ops), at: LATE, postedOn: date, daysLate, photos: [photo], notes: null },
});
const posted = postedOn('2026-04-01', 0);
const postingConfirmed: BookingEvent = { type: 'PostingConfirmedByClient', data: { ...base(sales), evidence: [clientDoc] } };
const renewalCheckDue = (end = '2026-04-30'): BookingEvent => ({ type: 'RenewalCheckDue', data: { ...base(scheduler), end } });
const renewed: BookingEvent = {
  type: 'BookingRenewed',
  data: { ...base(sales), previousEnd: '2026-04-30', newEnd: '2026-05-31', evidence: [clientDoc] },
};
const changeRequested = (by: Actor = sales2): BookingEvent => ({
  type: 'CreativeChangeRequested',
  data: { ...base(by), creative: summer, round: 2, evidence: [clientDoc] },
});
const changeApproved: BookingEvent = { type: 'CreativeChangeApproved', data: { ...base(ops), creative: summer } };
const removalDue: BookingEvent = { type: 'RemovalDue', data: { ...base(scheduler), end: '2026-04-30' } };
const terminated: BookingEvent = {
  type: 'TerminatedEarly',
  data: { ...base(sales), effectiveDate: '2026-04-15', reason: 'Client went bankrupt' },
};
const removedEvent: BookingEvent = {
  type: 'Removed',
  data: { ...base(ops), at: LATE, removedOn: '2026-05-01', daysLate: 0, earlyTermination: false, photos: [removalPhoto, masthead] },
};
const removalConfirmed: BookingEvent = { type: 'RemovalConfirmedByClient', data: { ...base(sales), evidence: [clientDoc] } };

// ---- histories ----

const inInternalReview: BookingEvent[] = [requested, started()];
const inLandlordReview: BookingEvent[] = [...inInternalReview, approved(exec1), approved(exec2), landlordStarted()];
const awaitingPayment: BookingEvent[] = [...inLandlordReview, landlordApproved(METRO), landlordApproved(LINE2), paymentRequested];
const paid: BookingEvent[] = [...awaitingPayment, paymentConfirmed];
const scheduleIsProposed: BookingEvent[] = [...paid, scheduleProposed];
const scheduled: BookingEvent[] = [...scheduleIsProposed, scheduleApproved];
const isPosted: BookingEvent[] = [...scheduled, posted];
const live: BookingEvent[] = [...isPosted, postingConfirmed];
const isRemovalDue: BookingEvent[] = [...live, removalDue];
const removed: BookingEvent[] = [...isRemovalDue, removedEvent];
const closed: BookingEvent[] = [...removed, removalConfirmed];

const cancelledEvent = (refundDue: boolean): BookingEvent => ({ type: 'BookingCancelled', data: { ...base(sales), reason: 'Client withdrew', refundDue } });

describe('Booking decider', () => {
  it('should live on stream operations.booking-<bookingId>', () => {
    expect(bookingStream('bk-1')).toBe('operations.booking-bk-1');
  });

  describe('When none', () => {
    it('should request a booking', () => {
      spec.given([]).when(request()).then([requested]);
    });

    it('should need two internal approvals unless configured', () => {
      const [event] = spec
        .given([])
        .when(request({ requiredInternalApprovals: undefined }))
        .events();
      expect(event.data).toMatchObject({ requiredInternalApprovals: 2 });
    });

    it('should keep each landlord authority once', () => {
      const threeFaces = [...faces, { siteId: 'SH-003', face: 'A' }];
      const [event] = spec
        .given([])
        .when(request({ faces: threeFaces, sites: { ...sites, 'SH-003': { status: 'in-service', faces: ['A'], landlordAuthority: METRO } } }))
        .events();
      expect(event.data).toMatchObject({ landlordAuthorities: [METRO, LINE2] });
    });

    it('should refuse a face of an unknown site, naming the face', () => {
      spec
        .given([])
        .when(request({ sites: { ...sites, 'SH-002': null } }))
        .thenThrows('SITE_NOT_FOUND', 'not-found');
      let caught: unknown;
      try {
        bookingDecider.decide(request({ sites: { 'SH-001': sites['SH-001'] } }) as never, bookingDecider.initialState());
      } catch (e) {
        caught = e;
      }
      expect(caught).toMatchObject({ code: 'SITE_NOT_FOUND', details: [{ field: 'faces.1.siteId' }] });
    });

    it('should refuse a retired site and a face the site does not have', () => {
      spec
        .given([])
        .when(request({ sites: { ...sites, 'SH-001': { status: 'retired', faces: ['A'], landlordAuthority: METRO } } }))
        .thenThrows('SITE_RETIRED', 'rule-violated');
      spec
        .given([])
        .when(request({ faces: [{ siteId: 'SH-002', face: 'Z' }] }))
        .thenThrows('UNKNOWN_FACE', 'rule-violated');
    });

    it('should accept a site that is out of service for now (the booking is for later)', () => {
      spec
        .given([])
        .when(request({ faces: [{ siteId: 'SH-002', face: 'A' }] }))
        .events();
    });

    it('should record a missing client id as null', () => {
      const [event] = spec
        .given([])
        .when(request({ advertiser: { name: 'Walk-in', clientId: null } }))
        .events();
      expect(event.data).toMatchObject({ advertiser: { name: 'Walk-in', clientId: null } });
    });

    it('should accept a period starting today in the operator time zone', () => {
      // 01:00 on 2 March in Shanghai, still 1 March in UTC.
      const [event] = spec
        .given([])
        .when(request({ at: '2026-03-01T17:00:00Z', period: { start: '2026-03-02', end: '2026-03-02' } }))
        .events();
      expect(event.type).toBe('BookingRequested');
    });

    it('should refuse a period that started yesterday in the operator time zone, even if it is still that day in UTC', () => {
      spec
        .given([])
        .when(request({ at: '2026-03-01T17:00:00Z', period: { start: '2026-03-01', end: '2026-03-31' } }))
        .thenThrows('PERIOD_IN_PAST', 'rule-violated');
    });

    it('should refuse a period ending before it starts', () => {
      spec
        .given([])
        .when(request({ period: { start: '2026-04-30', end: '2026-04-01' } }))
        .thenThrows('INVALID_PERIOD', 'rule-violated');
    });

    it('should refuse a period that is not made of calendar dates', () => {
      spec
        .given([])
        .when(request({ period: { start: '2026-04-31', end: '2026-05-01' } }))
        .thenThrows('INVALID_DATE', 'invalid');
    });

    it('should refuse a booking without faces', () => {
      spec
        .given([])
        .when(request({ faces: [] }))
        .thenThrows('FACE_REQUIRED', 'rule-violated');
    });

    it('should refuse a face listed twice', () => {
      spec
        .given([])
        .when(request({ faces: [...faces, { siteId: 'SH-001', face: 'A' }] }))
        .thenThrows('DUPLICATE_FACE', 'rule-violated');
    });

    it('should accept the same face name on different sites', () => {
      expect(spec.given([]).when(request()).events()).toHaveLength(1);
    });

    it('should refuse a creative without files', () => {
      spec
        .given([])
        .when(request({ creative: { ...creative, files: [] } }))
        .thenThrows('CREATIVE_FILE_REQUIRED', 'rule-violated');
    });

    it.each([0, -100, 12.5, Number.NaN])('should refuse a price of %s fen', (amountFen) => {
      spec
        .given([])
        .when(request({ price: { amountFen, currency: 'CNY' } }))
        .thenThrows('INVALID_AMOUNT', 'rule-violated');
    });

    it('should refuse a price without a currency', () => {
      spec
        .given([])
        .when(request({ price: { amountFen: 100, currency: '' } }))
        .thenThrows('INVALID_AMOUNT', 'rule-violated');
    });

    it('should refuse a booking without a landlord authority', () => {
      spec
        .given([])
        .when(request({ sites: { ...sites, 'SH-001': { status: 'in-service', faces: ['A'], landlordAuthority: ' ' } } }))
        .thenThrows('LANDLORD_AUTHORITY_REQUIRED', 'rule-violated');
    });

    it('should refuse a configuration with fewer than one internal approval', () => {
      spec
        .given([])
        .when(request({ requiredInternalApprovals: 0 }))
        .thenThrows('APPROVAL_POLICY_INVALID', 'invalid');
    });

    it('should refuse a booking without an advertiser name', () => {
      spec
        .given([])
        .when(request({ advertiser: { name: ' ', clientId: null } }))
        .thenThrows('ADVERTISER_REQUIRED', 'rule-violated');
    });

    it.each([
      ['submitting for review', submit()],
      ['recording an internal review', review(exec1)],
      ['recording a landlord decision', landlord(METRO)],
      ['revising the creative', revise()],
      ['confirming a payment', confirmPayment()],
      ['proposing a schedule', propose()],
      ['approving a schedule', approveSchedule()],
      ['rejecting a schedule', rejectSchedule()],
      ['recording a posting', post()],
      ['confirming the posting report', confirmPosting()],
      ['flagging a renewal', flagRenewal('2026-04-25')],
      ['recording a renewal decision', renewal()],
      ['recording a creative replacement', replaceCreative()],
      ['marking removal due', markRemoval('2026-05-01')],
      ['terminating early', terminate()],
      ['recording a removal', removal()],
      ['confirming the removal report', confirmRemoval()],
      ['cancelling', cancel()],
    ])('should refuse %s as not found', (_what, command) => {
      spec.given([]).when(command).thenThrows('BOOKING_NOT_FOUND', 'not-found');
    });
  });

  describe('When requested', () => {
    const given = [requested];

    it('should expose the booking', () => {
      expect(spec.given(given).state()).toEqual({
        status: 'requested',
        bookingId,
        advertiser,
        faces,
        period,
        creative,
        pendingCreative: null,
        price,
        landlordAuthorities: [METRO, LINE2],
        requiredInternalApprovals: 2,
        namedReviewers: null,
        timeZone: TZ,
        round: 0,
        internalApprovals: [],
        landlordApprovals: {},
        lastRejection: null,
        requestedBy: 'u-sales',
        submittedBy: null,
        creativeSuppliedBy: 'u-sales',
        paymentReference: null,
        scheduleProposedBy: null,
        postingDate: null,
        production: null,
        installationJobId: null,
        postedOn: null,
        renewalFlaggedFor: null,
        renewalDeclinedFor: null,
        terminatedEffectiveDate: null,
        removedOn: null,
        agencyOrder: null,
        refusal: null,
      });
    });

    it('should refuse requesting it again', () => {
      spec.given(given).when(request()).thenThrows('BOOKING_ALREADY_EXISTS', 'conflict');
    });

    it('should start the first internal review round', () => {
      spec.given(given).when(submit()).then([started()]);
      expect(spec.given([...given, started()]).state()).toMatchObject({ status: 'internal-review', round: 1, submittedBy: 'u-sales' });
    });

    it('should let the creative be revised before submission', () => {
      spec
        .given(given)
        .when(revise())
        .then([{ type: 'CreativeRevised', data: { ...base(sales), creative: revised } }]);
    });

    it('should refuse recording an internal review', () => {
      spec.given(given).when(review(exec1)).thenThrows('NOT_IN_INTERNAL_REVIEW', 'rule-violated');
    });

    it('should refuse recording a landlord decision', () => {
      spec.given(given).when(landlord(METRO)).thenThrows('NOT_IN_LANDLORD_REVIEW', 'rule-violated');
    });

    it('should refuse a payment before it is requested, for the application to retry later', () => {
      spec.given(given).when(confirmPayment()).thenThrows('PAYMENT_NOT_REQUESTED', 'rule-violated');
    });

    it('should refuse scheduling before payment', () => {
      spec.given(given).when(propose()).thenThrows('NOT_PAID', 'rule-violated');
    });

    it('should refuse posting before reviews, payment and schedule', () => {
      spec.given(given).when(post()).thenThrows('NOT_SCHEDULED', 'rule-violated');
    });

    it('should refuse a renewal decision', () => {
      spec.given(given).when(renewal()).thenThrows('NOT_LIVE', 'rule-violated');
    });

    it('should cancel it without a refund', () => {
      spec
        .given(given)
        .when(cancel())
        .then([cancelledEvent(false)]);
    });

    it('should refuse cancelling it without a reason', () => {
      spec.given(given).when(cancel(' ')).thenThrows('REASON_REQUIRED', 'rule-violated');
    });

    it('should be waiting for sales to submit it', () => {
      expect(blockingReasons(spec.given(given).state())).toEqual([
        {
          gate: 'internal-review-submission',
          waitingFor: 'An operations manager to submit the creative for internal review',
          releasedBy: 'ops-manager',
          releasedByRoles: ['ops-manager'],
        },
      ]);
    });
  });

  describe('When in internal review', () => {
    const given = inInternalReview;

    it('should record a first approval without starting the landlord review', () => {
      spec
        .given(given)
        .when(review(exec1))
        .then([approved(exec1)]);
      expect(spec.given([...given, approved(exec1)]).state()).toMatchObject({ status: 'internal-review', internalApprovals: ['u-exec1'] });
    });

    it('should keep an approval comment', () => {
      const [event] = spec
        .given(given)
        .when(review(exec1, 'approve', 'Nice work'))
        .events();
      expect(event.data).toMatchObject({ comment: 'Nice work' });
    });

    it('should start the landlord review with the second distinct approval', () => {
      spec
        .given([...given, approved(exec1)])
        .when(review(exec2))
        .then([approved(exec2), landlordStarted()]);
      expect(spec.given(inLandlordReview).state()).toMatchObject({ status: 'landlord-review', internalApprovals: ['u-exec1', 'u-exec2'] });
    });

    it('should start the landlord review with the first approval when only one is configured', () => {
      spec
        .given([requestedBy(sales, { requiredInternalApprovals: 1 }), started()])
        .when(review(exec1))
        .then([approved(exec1), landlordStarted(1, false, exec1)]);
    });

    it('should wait for a third approval when three are configured', () => {
      spec
        .given([requestedBy(sales, { requiredInternalApprovals: 3 }), started(), approved(exec1)])
        .when(review(exec2))
        .then([approved(exec2)]);
    });

    it('should refuse the same executive approving twice in a round', () => {
      spec
        .given([...given, approved(exec1)])
        .when(review(exec1))
        .thenThrows('ALREADY_REVIEWED', 'rule-violated');
    });

    it('should refuse the requester reviewing their own booking, even as admin', () => {
      spec
        .given([requestedBy(admin), started()])
        .when(review(admin))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
      spec
        .given([requestedBy(admin), started()])
        .when(review(admin, 'reject', 'changed my mind'))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse the requester reviewing under another role', () => {
      spec
        .given(given)
        .when(review({ userId: 'u-sales', role: 'executive' }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse the submitter reviewing', () => {
      spec
        .given([requested, started(1, 'cr-1', exec3)])
        .when(review(exec3))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should let an admin who did not request or submit the booking review it', () => {
      spec
        .given(given)
        .when(review(admin))
        .then([approved(admin)]);
    });

    it('should reject with a reason, clearing the approvals', () => {
      spec
        .given([...given, approved(exec1)])
        .when(review(exec2, 'reject', 'Logo too large'))
        .then([rejected(exec2)]);
      expect(spec.given([...given, approved(exec1), rejected(exec2)]).state()).toMatchObject({
        status: 'revision-required',
        internalApprovals: [],
        lastRejection: { stage: 'internal', reason: 'Logo too large', by: 'u-exec2', creativeChange: false },
      });
    });

    it('should let an executive who approved change their mind and reject', () => {
      spec
        .given([...given, approved(exec1)])
        .when(review(exec1, 'reject', 'Logo too large'))
        .then([rejected(exec1)]);
    });

    it.each(['operations', 'admin'])('should refuse the proposer rejecting it, even as %s', (role) => {
      spec
        .given([...paid, scheduleProposedBy({ userId: 'u-boss', role })])
        .when(rejectSchedule('Not my best idea', { userId: 'u-boss', role }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse a rejection without a reason', () => {
      spec
        .given(given)
        .when(review(exec1, 'reject', null))
        .thenThrows('REASON_REQUIRED', 'rule-violated');
    });

    it('should refuse submitting it again', () => {
      spec.given(given).when(submit()).thenThrows('BOOKING_NOT_AWAITING_SUBMISSION', 'rule-violated');
    });

    it('should refuse revising the creative mid-review', () => {
      spec.given(given).when(revise()).thenThrows('NOT_AWAITING_REVISION', 'rule-violated');
    });

    it('should refuse a landlord decision', () => {
      spec.given(given).when(landlord(METRO)).thenThrows('NOT_IN_LANDLORD_REVIEW', 'rule-violated');
    });

    it('should cancel it without a refund', () => {
      spec
        .given(given)
        .when(cancel())
        .then([cancelledEvent(false)]);
    });

    it('should say how many executive approvals are missing', () => {
      expect(blockingReasons(spec.given([...given, approved(exec1)]).state())).toEqual([
        {
          gate: 'internal-review',
          waitingFor: '1 more executive approval of the booking, from someone other than its requester, submitter or author',
          releasedBy: 'executive',
          releasedByRoles: ['executive'],
        },
      ]);
    });
  });

  describe('When in landlord review', () => {
    const given = inLandlordReview;

    it('should record one authority approving', () => {
      spec
        .given(given)
        .when(landlord(METRO))
        .then([landlordApproved(METRO)]);
      expect(spec.given([...given, landlordApproved(METRO)]).state()).toMatchObject({
        status: 'landlord-review',
        landlordApprovals: { [METRO]: `REF-${METRO}` },
      });
    });

    it('should request payment when the last authority approves', () => {
      spec
        .given([...given, landlordApproved(METRO)])
        .when(landlord(LINE2))
        .then([landlordApproved(LINE2), paymentRequested]);
      expect(spec.given(awaitingPayment).state().status).toBe('awaiting-payment');
    });

    it('should ignore an authority approving again in the same round', () => {
      spec
        .given([...given, landlordApproved(METRO)])
        .when(landlord(METRO))
        .thenNothingHappens();
    });

    it('should refuse an authority the booking does not involve', () => {
      spec.given(given).when(landlord('Pudong Airport')).thenThrows('UNKNOWN_AUTHORITY', 'rule-violated');
    });

    it('should refuse an approval without its reference', () => {
      spec
        .given(given)
        .when(landlord(METRO, { reference: ' ' }))
        .thenThrows('REFERENCE_REQUIRED', 'rule-violated');
    });

    it('should record a rejection, back to revision', () => {
      spec
        .given(given)
        .when(landlord(METRO, { decision: 'reject', reference: null, reason: 'Too bright for the concourse' }))
        .then([landlordRejected(METRO)]);
      expect(spec.given([...given, landlordRejected(METRO)]).state()).toMatchObject({
        status: 'revision-required',
        internalApprovals: [],
        landlordApprovals: {},
        lastRejection: { stage: 'landlord', by: METRO },
      });
    });

    it('should record a rejection by an authority that approved earlier in the round', () => {
      spec
        .given([...given, landlordApproved(METRO)])
        .when(landlord(METRO, { decision: 'reject', reference: null, reason: 'Too bright for the concourse' }))
        .then([landlordRejected(METRO)]);
    });

    it('should refuse a rejection without a reason', () => {
      spec
        .given(given)
        .when(landlord(METRO, { decision: 'reject', reference: null, reason: null }))
        .thenThrows('REASON_REQUIRED', 'rule-violated');
    });

    it('should refuse an internal review', () => {
      spec.given(given).when(review(exec3)).thenThrows('NOT_IN_INTERNAL_REVIEW', 'rule-violated');
    });

    it('should refuse a payment that arrives before the approvals, for the application to retry later', () => {
      spec.given(given).when(confirmPayment()).thenThrows('PAYMENT_NOT_REQUESTED', 'rule-violated');
    });

    it('should refuse scheduling', () => {
      spec.given(given).when(propose()).thenThrows('NOT_PAID', 'rule-violated');
    });

    it('should say which authorities it still waits for', () => {
      expect(blockingReasons(spec.given([...given, landlordApproved(METRO)]).state())).toEqual([
        {
          gate: 'landlord-review',
          waitingFor: `${LINE2} to approve the creative (recorded by operations)`,
          releasedBy: 'ops-staff',
          releasedByRoles: ['ops-staff', 'ops-manager'],
          onBehalfOf: LINE2,
        },
      ]);
    });
  });

  describe('When revision is required', () => {
    const given = [...inLandlordReview, landlordApproved(METRO), landlordRejected(LINE2)];
    const creativeRevised: BookingEvent = { type: 'CreativeRevised', data: { ...base(sales), creative: revised } };

    it('should take a revised creative, back to requested with every approval cleared', () => {
      spec.given(given).when(revise()).then([creativeRevised]);
      expect(spec.given([...given, creativeRevised]).state()).toMatchObject({
        status: 'requested',
        creative: revised,
        internalApprovals: [],
        landlordApprovals: {},
        submittedBy: null,
        round: 1,
      });
    });

    it('should refuse a revised creative without files', () => {
      spec
        .given(given)
        .when(revise({ ...revised, files: [] }))
        .thenThrows('CREATIVE_FILE_REQUIRED', 'rule-violated');
    });

    it('should refuse submitting it again before revising', () => {
      spec.given(given).when(submit()).thenThrows('BOOKING_NOT_AWAITING_SUBMISSION', 'rule-violated');
    });

    it('should restart the review in a new round where earlier approvals no longer count', () => {
      const restarted = [...given, creativeRevised];
      spec
        .given(restarted)
        .when(submit())
        .then([started(2, 'cr-2')]);
      const round2 = [...restarted, started(2, 'cr-2')];
      // exec1 already approved in round 1: that neither blocks nor counts now.
      spec
        .given(round2)
        .when(review(exec1))
        .then([approved(exec1, 2)]);
      spec
        .given([...round2, approved(exec1, 2)])
        .when(review(exec2))
        .then([approved(exec2, 2), landlordStarted(2)]);
      // METRO approved in round 1: it has to approve again.
      spec
        .given([...round2, approved(exec1, 2), approved(exec2, 2), landlordStarted(2)])
        .when(landlord(LINE2))
        .then([landlordApproved(LINE2, 2)]);
    });

    it('should refuse the executive who revised the creative reviewing it', () => {
      const revisedByExec: BookingEvent = { type: 'CreativeRevised', data: { ...base(exec1), creative: revised } };
      spec
        .given([...given, revisedByExec, started(2, 'cr-2')])
        .when(review(exec1))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse reviews', () => {
      spec.given(given).when(review(exec3)).thenThrows('NOT_IN_INTERNAL_REVIEW', 'rule-violated');
      spec.given(given).when(landlord(METRO)).thenThrows('NOT_IN_LANDLORD_REVIEW', 'rule-violated');
    });

    it('should cancel it without a refund', () => {
      spec
        .given(given)
        .when(cancel())
        .then([cancelledEvent(false)]);
    });

    it('should say sales must revise, and why', () => {
      expect(blockingReasons(spec.given(given).state())).toEqual([
        {
          gate: 'revision',
          waitingFor: 'Sales to revise the creative (landlord review rejected it: Too bright for the concourse)',
          releasedBy: 'sales',
          releasedByRoles: ['sales', 'ops-manager'],
        },
      ]);
    });
  });

  describe('When awaiting payment', () => {
    const given = awaitingPayment;

    it('should confirm the payment', () => {
      spec.given(given).when(confirmPayment()).then([paymentConfirmed]);
      expect(spec.given(paid).state()).toMatchObject({ status: 'paid', paymentReference: 'PAY-1' });
    });

    it('should refuse a payment without its reference', () => {
      spec.given(given).when(confirmPayment(' ')).thenThrows('PAYMENT_REFERENCE_REQUIRED', 'rule-violated');
    });

    it('should refuse scheduling: nothing is scheduled before payment', () => {
      spec.given(given).when(propose()).thenThrows('NOT_PAID', 'rule-violated');
    });

    it('should refuse posting', () => {
      spec.given(given).when(post()).thenThrows('NOT_SCHEDULED', 'rule-violated');
    });

    it('should refuse a landlord decision redelivered after the review ended', () => {
      spec.given(given).when(landlord(METRO)).thenThrows('NOT_IN_LANDLORD_REVIEW', 'rule-violated');
    });

    it('should refuse revising the creative', () => {
      spec.given(given).when(revise()).thenThrows('NOT_AWAITING_REVISION', 'rule-violated');
    });

    it('should cancel it without a refund', () => {
      spec
        .given(given)
        .when(cancel())
        .then([cancelledEvent(false)]);
    });

    it('should say Finance must confirm the payment', () => {
      expect(blockingReasons(spec.given(given).state())).toEqual([
        { gate: 'payment', waitingFor: 'Finance to confirm the client payment', releasedBy: 'finance', releasedByRoles: ['finance'] },
      ]);
    });
  });

  describe('When paid', () => {
    const given = paid;

    it('should ignore the payment event delivered again', () => {
      spec.given(given).when(confirmPayment()).thenNothingHappens();
    });

    it('should propose a video schedule', () => {
      spec.given(given).when(propose()).then([scheduleProposed]);
      expect(spec.given(scheduleIsProposed).state()).toMatchObject({
        status: 'schedule-proposed',
        postingDate: '2026-04-01',
        production: 'video-by-design',
        scheduleProposedBy: 'u-ops',
      });
    });

    it('should propose a light-box installation with its job', () => {
      spec
        .given(given)
        .when(propose({ postingDate: '2026-04-30', production: 'light-box-installation', installationJobId: 'job-7' }))
        .then([
          { type: 'ScheduleProposed', data: { ...base(ops), postingDate: '2026-04-30', production: 'light-box-installation', installationJobId: 'job-7' } },
        ]);
    });

    it('should refuse a light-box installation without its job', () => {
      spec
        .given(given)
        .when(propose({ production: 'light-box-installation' }))
        .thenThrows('INSTALLATION_JOB_REQUIRED', 'rule-violated');
    });

    it.each(['2026-03-31', '2026-05-01'])('should refuse a posting date of %s, outside the period', (postingDate) => {
      spec.given(given).when(propose({ postingDate })).thenThrows('POSTING_DATE_OUTSIDE_PERIOD', 'rule-violated');
    });

    it('should refuse approving a schedule that was not proposed', () => {
      spec.given(given).when(approveSchedule()).thenThrows('NO_SCHEDULE_PROPOSED', 'rule-violated');
      spec.given(given).when(rejectSchedule()).thenThrows('NO_SCHEDULE_PROPOSED', 'rule-violated');
    });

    it('should refuse posting without a schedule', () => {
      spec.given(given).when(post()).thenThrows('NOT_SCHEDULED', 'rule-violated');
    });

    it('should cancel it with a refund due', () => {
      spec
        .given(given)
        .when(cancel())
        .then([cancelledEvent(true)]);
    });
  });

  describe('When a schedule is proposed', () => {
    const given = scheduleIsProposed;

    it('should let an executive approve it', () => {
      spec.given(given).when(approveSchedule()).then([scheduleApproved]);
      expect(spec.given(scheduled).state().status).toBe('scheduled');
    });

    it.each(['operations', 'admin'])('should refuse the proposer approving it, even as %s', (role) => {
      spec
        .given([...paid, scheduleProposedBy({ userId: 'u-boss', role })])
        .when(approveSchedule({ userId: 'u-boss', role }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should reject it with a reason, back to paid', () => {
      spec.given(given).when(rejectSchedule()).then([scheduleRejected]);
      expect(spec.given([...given, scheduleRejected]).state()).toMatchObject({ status: 'paid', postingDate: null, scheduleProposedBy: null });
      spec
        .given([...given, scheduleRejected])
        .when(propose({ postingDate: '2026-04-03' }))
        .then([scheduleProposedBy(ops, '2026-04-03')]);
    });

    it('should refuse a rejection without a reason', () => {
      spec.given(given).when(rejectSchedule('')).thenThrows('REASON_REQUIRED', 'rule-violated');
    });

    it('should refuse proposing another schedule', () => {
      spec.given(given).when(propose()).thenThrows('SCHEDULE_ALREADY_PROPOSED', 'rule-violated');
    });

    it('should refuse posting before the schedule is approved', () => {
      spec.given(given).when(post()).thenThrows('NOT_SCHEDULED', 'rule-violated');
    });

    it('should ignore the payment event delivered again', () => {
      spec.given(given).when(confirmPayment()).thenNothingHappens();
    });

    it('should cancel it with a refund due', () => {
      spec
        .given(given)
        .when(cancel())
        .then([cancelledEvent(true)]);
    });

    it('should say a second person must approve the schedule', () => {
      expect(blockingReasons(spec.given(given).state())).toEqual([
        {
          gate: 'schedule-approval',
          waitingFor: 'An executive other than the proposer to approve the schedule',
          releasedBy: 'executive',
          releasedByRoles: ['executive'],
        },
      ]);
    });
  });

  describe('When scheduled', () => {
    const given = scheduled;

    it('should record the posting on the scheduled date', () => {
      spec.given(given).when(post()).then([posted]);
      expect(spec.given(isPosted).state()).toMatchObject({ status: 'posted', postedOn: '2026-04-01' });
    });

    it('should count the days a late posting is late', () => {
      spec
        .given(given)
        .when(post({ postedOn: '2026-04-04', notes: 'Station closed for two days' }))
        .then([{ type: 'Posted', data: { ...postedOn('2026-04-04', 3).data, notes: 'Station closed for two days' } }]);
    });

    it('should refuse a posting before the scheduled date', () => {
      spec
        .given([...paid, scheduleProposedBy(ops, '2026-04-05'), scheduleApproved])
        .when(post({ postedOn: '2026-04-04' }))
        .thenThrows('POSTED_BEFORE_SCHEDULE', 'rule-violated');
    });

    it('should refuse a posting without photos', () => {
      spec
        .given(given)
        .when(post({ photos: [] }))
        .thenThrows('PHOTO_REQUIRED', 'rule-violated');
    });

    it('should refuse approving the schedule again', () => {
      spec.given(given).when(approveSchedule(exec2)).thenThrows('NO_SCHEDULE_PROPOSED', 'rule-violated');
    });

    it('should refuse the posting report before posting', () => {
      spec.given(given).when(confirmPosting()).thenThrows('NOT_POSTED', 'rule-violated');
    });

    it('should refuse an early termination', () => {
      spec.given(given).when(terminate()).thenThrows('NOT_POSTED', 'rule-violated');
    });

    it('should not mark removal due', () => {
      spec.given(given).when(markRemoval('2026-05-02')).thenNothingHappens();
    });

    it('should refuse a removal', () => {
      spec.given(given).when(removal()).thenThrows('REMOVAL_NOT_DUE', 'rule-violated');
    });

    it('should cancel it with a refund due', () => {
      spec
        .given(given)
        .when(cancel())
        .then([cancelledEvent(true)]);
    });
  });

  describe('When posted', () => {
    const given = isPosted;

    it("should go live on the client's confirmation", () => {
      spec.given(given).when(confirmPosting()).then([postingConfirmed]);
      expect(spec.given(live).state().status).toBe('live');
    });

    it('should refuse a confirmation without evidence', () => {
      spec.given(given).when(confirmPosting([])).thenThrows('EVIDENCE_REQUIRED', 'rule-violated');
    });

    it('should refuse cancelling', () => {
      spec.given(given).when(cancel()).thenThrows('CANNOT_CANCEL_AFTER_POSTING', 'rule-violated');
    });

    it('should terminate early', () => {
      spec.given(given).when(terminate()).then([terminated]);
    });

    it('should mark removal due after the end', () => {
      spec.given(given).when(markRemoval('2026-05-01')).then([removalDue]);
    });

    it('should not flag a renewal before it is live', () => {
      spec.given(given).when(flagRenewal('2026-04-25')).thenNothingHappens();
    });

    it('should refuse a renewal decision', () => {
      spec.given(given).when(renewal()).thenThrows('NOT_LIVE', 'rule-violated');
    });

    it('should refuse a creative replacement', () => {
      spec.given(given).when(replaceCreative()).thenThrows('NOT_LIVE', 'rule-violated');
    });

    it('should refuse proposing a schedule again', () => {
      spec.given(given).when(propose()).thenThrows('SCHEDULE_ALREADY_PROPOSED', 'rule-violated');
    });

    it('should refuse a removal before it is due', () => {
      spec.given(given).when(removal()).thenThrows('REMOVAL_NOT_DUE', 'rule-violated');
    });
  });

  describe('When live', () => {
    const given = live;

    it('should not flag the renewal more than 7 days before the end', () => {
      spec.given(given).when(flagRenewal('2026-04-22')).thenNothingHappens();
    });

    it('should flag the renewal 7 days before the end', () => {
      spec.given(given).when(flagRenewal('2026-04-23')).then([renewalCheckDue()]);
      expect(spec.given([...given, renewalCheckDue()]).state().renewalFlaggedFor).toBe('2026-04-30');
    });

    it('should flag the renewal only once for an end date', () => {
      spec
        .given([...given, renewalCheckDue()])
        .when(flagRenewal('2026-04-25'))
        .thenNothingHappens();
    });

    it('should say sales must record the renewal decision once flagged', () => {
      expect(blockingReasons(spec.given([...given, renewalCheckDue()]).state())).toEqual([
        { gate: 'renewal', waitingFor: "Sales to record the client's renewal decision (ends 2026-04-30)", releasedBy: 'sales', releasedByRoles: ['sales'] },
      ]);
      expect(blockingReasons(spec.given(given).state())).toEqual([]);
    });

    it('should renew, clearing the flag so the new end is flagged in its turn', () => {
      spec
        .given([...given, renewalCheckDue()])
        .when(renewal())
        .then([renewed]);
      const afterRenewal = [...given, renewalCheckDue(), renewed];
      expect(spec.given(afterRenewal).state()).toMatchObject({ period: { start: '2026-04-01', end: '2026-05-31' }, renewalFlaggedFor: null });
      spec.given(afterRenewal).when(flagRenewal('2026-04-30')).thenNothingHappens();
      spec
        .given(afterRenewal)
        .when(flagRenewal('2026-05-24'))
        .then([renewalCheckDue('2026-05-31')]);
      spec.given(afterRenewal).when(markRemoval('2026-05-01')).thenNothingHappens();
    });

    it.each([null, '2026-04-30', '2026-04-20'])('should refuse renewing to %s', (newEnd) => {
      spec.given(given).when(renewal({ newEnd })).thenThrows('INVALID_RENEWAL', 'rule-violated');
    });

    it('should record the client declining the renewal', () => {
      spec
        .given(given)
        .when(renewal({ decision: 'end', newEnd: null }))
        .then([{ type: 'RenewalDeclined', data: { ...base(sales), end: '2026-04-30', evidence: [clientDoc] } }]);
    });

    it('should request a creative change, reviewed on the side while it stays live', () => {
      spec
        .given(given)
        .when(renewal({ decision: 'change-creative', newEnd: null, creative: summer, by: sales2 }))
        .then([changeRequested()]);
      expect(spec.given([...given, changeRequested()]).state()).toMatchObject({
        status: 'live',
        creative,
        round: 2,
        pendingCreative: { creative: summer, round: 2, stage: 'internal-review', requestedBy: 'u-sales2', internalApprovals: [], landlordApprovals: {} },
      });
    });

    it('should refuse a creative change without a creative', () => {
      spec
        .given(given)
        .when(renewal({ decision: 'change-creative', newEnd: null, creative: null }))
        .thenThrows('CREATIVE_REQUIRED', 'rule-violated');
    });

    it('should refuse a creative change without files', () => {
      spec
        .given(given)
        .when(renewal({ decision: 'change-creative', newEnd: null, creative: { ...summer, files: [] } }))
        .thenThrows('CREATIVE_FILE_REQUIRED', 'rule-violated');
    });

    it('should refuse a replacement without an approved change', () => {
      spec.given(given).when(replaceCreative()).thenThrows('CREATIVE_CHANGE_NOT_APPROVED', 'rule-violated');
    });

    it('should refuse reviews without a creative change', () => {
      spec.given(given).when(review(exec1)).thenThrows('NOT_IN_INTERNAL_REVIEW', 'rule-violated');
      spec.given(given).when(landlord(METRO)).thenThrows('NOT_IN_LANDLORD_REVIEW', 'rule-violated');
    });

    it('should not mark removal due on the last day', () => {
      spec.given(given).when(markRemoval('2026-04-30')).thenNothingHappens();
    });

    it('should mark removal due the day after the end', () => {
      spec.given(given).when(markRemoval('2026-05-01')).then([removalDue]);
      expect(spec.given(isRemovalDue).state().status).toBe('removal-due');
    });

    it('should refuse a removal before it is due', () => {
      spec.given(given).when(removal()).thenThrows('REMOVAL_NOT_DUE', 'rule-violated');
    });

    it('should refuse cancelling: early termination is the way', () => {
      spec.given(given).when(cancel()).thenThrows('CANNOT_CANCEL_AFTER_POSTING', 'rule-violated');
    });

    it('should terminate early, with removal due from the effective date', () => {
      spec.given(given).when(terminate()).then([terminated]);
      expect(spec.given([...given, terminated]).state()).toMatchObject({ status: 'removal-due', terminatedEffectiveDate: '2026-04-15' });
    });

    it('should refuse an early termination without a reason', () => {
      spec
        .given(given)
        .when(terminate({ reason: '' }))
        .thenThrows('REASON_REQUIRED', 'rule-violated');
    });

    it.each(['2026-03-31', '2026-05-01'])('should refuse an early termination effective %s', (effectiveDate) => {
      spec.given(given).when(terminate({ effectiveDate })).thenThrows('INVALID_EFFECTIVE_DATE', 'rule-violated');
    });

    it('should refuse confirming the posting report again', () => {
      spec.given(given).when(confirmPosting()).thenThrows('NOT_POSTED', 'rule-violated');
    });
  });

  describe('When live with a creative change under review', () => {
    const given = [...live, changeRequested()];
    const sideLandlordReview = [...given, approved(exec1, 2, true), approved(exec2, 2, true), landlordStarted(2, true)];
    const sideApproved = [...sideLandlordReview, landlordApproved(METRO, 2, true), landlordApproved(LINE2, 2, true), changeApproved];

    it('should take internal approvals marked as a creative change', () => {
      spec
        .given(given)
        .when(review(exec1))
        .then([approved(exec1, 2, true)]);
      spec
        .given([...given, approved(exec1, 2, true)])
        .when(review(exec2))
        .then([approved(exec2, 2, true), landlordStarted(2, true)]);
      expect(spec.given(sideLandlordReview).state()).toMatchObject({
        status: 'live',
        internalApprovals: ['u-exec1', 'u-exec2'],
        pendingCreative: { stage: 'landlord-review', internalApprovals: ['u-exec1', 'u-exec2'] },
      });
    });

    it('should refuse whoever asked for the change reviewing it', () => {
      spec.given(given).when(review(sales2)).thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse the booking requester reviewing it', () => {
      spec
        .given(given)
        .when(review({ userId: 'u-sales', role: 'admin' }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse the same executive approving twice', () => {
      spec
        .given([...given, approved(exec1, 2, true)])
        .when(review(exec1))
        .thenThrows('ALREADY_REVIEWED', 'rule-violated');
    });

    it('should refuse landlord decisions before the internal approvals', () => {
      spec.given(given).when(landlord(METRO)).thenThrows('NOT_IN_LANDLORD_REVIEW', 'rule-violated');
    });

    it('should drop the change when rejected, keeping the current creative live', () => {
      const rejection = rejected(exec1, 2, true);
      spec
        .given(given)
        .when(review(exec1, 'reject', 'Logo too large'))
        .then([rejection]);
      expect(spec.given([...given, rejection]).state()).toMatchObject({ status: 'live', creative, pendingCreative: null });
    });

    it('should drop the change when a landlord rejects it', () => {
      const rejection = landlordRejected(METRO, 2, true);
      spec
        .given(sideLandlordReview)
        .when(landlord(METRO, { decision: 'reject', reference: null, reason: 'Too bright for the concourse' }))
        .then([rejection]);
      expect(spec.given([...sideLandlordReview, rejection]).state()).toMatchObject({ status: 'live', creative, pendingCreative: null });
    });

    it('should approve the change when every authority approved, without a new payment', () => {
      spec
        .given(sideLandlordReview)
        .when(landlord(METRO))
        .then([landlordApproved(METRO, 2, true)]);
      spec
        .given([...sideLandlordReview, landlordApproved(METRO, 2, true)])
        .when(landlord(METRO))
        .thenNothingHappens();
      spec
        .given([...sideLandlordReview, landlordApproved(METRO, 2, true)])
        .when(landlord(LINE2))
        .then([landlordApproved(LINE2, 2, true), changeApproved]);
      expect(spec.given(sideApproved).state()).toMatchObject({ status: 'live', creative, pendingCreative: { stage: 'approved' } });
    });

    it('should refuse another creative change while one is pending', () => {
      spec
        .given(given)
        .when(renewal({ decision: 'change-creative', newEnd: null, creative: revised }))
        .thenThrows('CREATIVE_CHANGE_PENDING', 'rule-violated');
    });

    it('should refuse putting it up before it is approved', () => {
      spec.given(sideLandlordReview).when(replaceCreative()).thenThrows('CREATIVE_CHANGE_NOT_APPROVED', 'rule-violated');
    });

    it('should replace the creative once approved and put up', () => {
      const replaced: BookingEvent = { type: 'CreativeReplaced', data: { ...base(ops), creative: summer, previousCreativeId: 'cr-1', photos: [photo] } };
      spec.given(sideApproved).when(replaceCreative()).then([replaced]);
      expect(spec.given([...sideApproved, replaced]).state()).toMatchObject({ status: 'live', creative: summer, pendingCreative: null });
    });

    it('should refuse a replacement without photos', () => {
      spec.given(sideApproved).when(replaceCreative([])).thenThrows('PHOTO_REQUIRED', 'rule-violated');
    });

    it('should refuse reviews once the change is approved', () => {
      spec.given(sideApproved).when(review(exec3)).thenThrows('NOT_IN_INTERNAL_REVIEW', 'rule-violated');
      spec.given(sideApproved).when(landlord(METRO)).thenThrows('NOT_IN_LANDLORD_REVIEW', 'rule-violated');
    });

    it('should still renew meanwhile', () => {
      spec.given(given).when(renewal()).then([renewed]);
    });

    it('should say what the change waits for', () => {
      expect(blockingReasons(spec.given([...sideLandlordReview, landlordApproved(METRO, 2, true)]).state())).toEqual([
        {
          gate: 'landlord-review',
          waitingFor: `${LINE2} to approve the creative change (recorded by operations)`,
          releasedBy: 'ops-staff',
          releasedByRoles: ['ops-staff', 'ops-manager'],
          onBehalfOf: LINE2,
        },
      ]);
      expect(blockingReasons(spec.given(sideApproved).state())).toEqual([
        {
          gate: 'creative-replacement',
          waitingFor: 'Operations to put up the approved new creative, with photos',
          releasedBy: 'ops-staff',
          releasedByRoles: ['ops-staff'],
        },
      ]);
    });
  });

  describe('When removal is due', () => {
    const given = isRemovalDue;

    it('should record the removal the day after the end as on time', () => {
      spec.given(given).when(removal()).then([removedEvent]);
      expect(spec.given(removed).state()).toMatchObject({ status: 'removed', removedOn: '2026-05-01' });
    });

    it('should accept a removal on the evening of the last day', () => {
      const [event] = spec
        .given(given)
        .when(removal({ removedOn: '2026-04-30' }))
        .events();
      expect(event.data).toMatchObject({ removedOn: '2026-04-30', daysLate: 0 });
    });

    it('should count the days a removal is late', () => {
      const [event] = spec
        .given(given)
        .when(removal({ removedOn: '2026-05-04' }))
        .events();
      expect(event.data).toMatchObject({ daysLate: 3, earlyTermination: false });
    });

    it('should refuse a removal dated before the end', () => {
      spec
        .given(given)
        .when(removal({ removedOn: '2026-04-29' }))
        .thenThrows('REMOVAL_NOT_DUE', 'rule-violated');
    });

    it('should refuse a removal without photos', () => {
      spec
        .given(given)
        .when(removal({ photos: [] }))
        .thenThrows('PHOTO_REQUIRED', 'rule-violated');
    });

    it('should refuse a removal without a masthead photo', () => {
      spec
        .given(given)
        .when(removal({ photos: [removalPhoto, { ...ev('x'), masthead: false }] }))
        .thenThrows('MASTHEAD_PHOTO_REQUIRED', 'rule-violated');
    });

    it('should mark removal due only once', () => {
      spec.given(given).when(markRemoval('2026-05-02')).thenNothingHappens();
    });

    it('should not flag a renewal any more', () => {
      spec.given(given).when(flagRenewal('2026-05-02')).thenNothingHappens();
    });

    it('should refuse an early termination', () => {
      spec.given(given).when(terminate()).thenThrows('NOT_POSTED', 'rule-violated');
    });

    it('should refuse the removal report before the removal', () => {
      spec.given(given).when(confirmRemoval()).thenThrows('NOT_REMOVED', 'rule-violated');
    });

    it('should refuse cancelling', () => {
      spec.given(given).when(cancel()).thenThrows('CANNOT_CANCEL_AFTER_POSTING', 'rule-violated');
    });

    it('should say operations must remove it, with a masthead photo', () => {
      expect(blockingReasons(spec.given(given).state())).toEqual([
        {
          gate: 'removal',
          waitingFor: 'Operations to remove the creative, with photos including a same-day newspaper masthead',
          releasedBy: 'ops-staff',
          releasedByRoles: ['ops-staff'],
        },
      ]);
    });
  });

  describe('When terminated early', () => {
    const given = [...live, terminated];

    it.each(['2026-04-15', '2026-04-18'])('should record a removal on %s, on or after the effective date, as on time', (removedOn) => {
      spec
        .given(given)
        .when(removal({ removedOn }))
        .then([{ type: 'Removed', data: { ...base(ops), at: LATE, removedOn, daysLate: 0, earlyTermination: true, photos: [removalPhoto, masthead] } }]);
    });

    it('should refuse a removal before the effective date', () => {
      spec
        .given(given)
        .when(removal({ removedOn: '2026-04-14' }))
        .thenThrows('REMOVAL_NOT_DUE', 'rule-violated');
    });

    it('should not mark removal due again after the end', () => {
      spec.given(given).when(markRemoval('2026-05-01')).thenNothingHappens();
    });
  });

  describe('When removed', () => {
    const given = removed;

    it("should close on the client's removal confirmation", () => {
      spec.given(given).when(confirmRemoval()).then([removalConfirmed]);
      expect(spec.given(closed).state().status).toBe('closed');
    });

    it('should refuse a confirmation without evidence', () => {
      spec.given(given).when(confirmRemoval([])).thenThrows('EVIDENCE_REQUIRED', 'rule-violated');
    });

    it('should refuse recording the removal again', () => {
      spec.given(given).when(removal()).thenThrows('REMOVAL_NOT_DUE', 'rule-violated');
    });

    it('should ignore the payment event delivered again', () => {
      spec.given(given).when(confirmPayment()).thenNothingHappens();
    });
  });

  describe('When closed', () => {
    const given = closed;

    it.each([
      ['submitting for review', submit()],
      ['recording an internal review', review(exec1)],
      ['recording a landlord decision', landlord(METRO)],
      ['revising the creative', revise()],
      ['proposing a schedule', propose()],
      ['recording a posting', post()],
      ['recording a renewal decision', renewal()],
      ['terminating early', terminate()],
      ['recording a removal', removal()],
      ['confirming the removal report', confirmRemoval()],
      ['cancelling', cancel()],
    ])('should refuse %s', (_what, command) => {
      spec.given(given).when(command).thenThrows('BOOKING_CLOSED', 'rule-violated');
    });

    it('should refuse requesting it again', () => {
      spec.given(given).when(request()).thenThrows('BOOKING_ALREADY_EXISTS', 'conflict');
    });

    it('should ignore the payment event delivered again', () => {
      spec.given(given).when(confirmPayment()).thenNothingHappens();
    });

    it('should ignore the scheduler', () => {
      spec.given(given).when(flagRenewal('2026-04-25')).thenNothingHappens();
      spec.given(given).when(markRemoval('2026-05-02')).thenNothingHappens();
    });

    it('should wait for nothing', () => {
      expect(blockingReasons(spec.given(given).state())).toEqual([]);
    });
  });

  describe('When cancelled', () => {
    const cancelledBeforePayment = [...awaitingPayment, cancelledEvent(false)];
    const cancelledAfterPayment = [...paid, cancelledEvent(true)];

    it('should be cancelled', () => {
      expect(spec.given(cancelledBeforePayment).state().status).toBe('cancelled');
    });

    it.each([
      ['cancelling again', cancel()],
      ['submitting for review', submit()],
      ['proposing a schedule', propose()],
      ['recording a posting', post()],
    ])('should refuse %s', (_what, command) => {
      spec.given(cancelledAfterPayment).when(command).thenThrows('BOOKING_CLOSED', 'rule-violated');
    });

    it('should refuse a payment that arrives after cancelling an unpaid booking', () => {
      spec.given(cancelledBeforePayment).when(confirmPayment()).thenThrows('BOOKING_CLOSED', 'rule-violated');
    });

    it('should ignore the payment event delivered again after cancelling a paid booking', () => {
      spec.given(cancelledAfterPayment).when(confirmPayment()).thenNothingHappens();
    });

    it('should ignore the scheduler', () => {
      spec.given(cancelledAfterPayment).when(markRemoval('2026-05-02')).thenNothingHappens();
      spec.given(cancelledAfterPayment).when(flagRenewal('2026-04-25')).thenNothingHappens();
    });
  });

  describe('faceStatusFor', () => {
    it.each<[BookingStatus, string]>([
      ['requested', 'held'],
      ['internal-review', 'held'],
      ['landlord-review', 'held'],
      ['revision-required', 'held'],
      ['awaiting-payment', 'held'],
      ['paid', 'booked'],
      ['schedule-proposed', 'booked'],
      ['scheduled', 'booked'],
      ['posted', 'live'],
      ['live', 'live'],
      ['removal-due', 'live'],
      ['removed', 'released'],
      ['closed', 'released'],
      ['cancelled', 'released'],
      ['none', 'released'],
    ])('should show the faces of a %s booking as %s', (status, faceStatus) => {
      expect(faceStatusFor(status)).toBe(faceStatus);
    });
  });
});

describe('When the booking names its required reviewers (谭总 and 李总)', () => {
  const named = request({ namedReviewers: [exec1.userId, exec2.userId, exec1.userId] });
  const namedRequested = (): BookingEvent => spec.given([]).when(named).events()[0];

  it('should record the reviewers, once each, and require each of them', () => {
    expect(namedRequested().data).toMatchObject({ namedReviewers: [exec1.userId, exec2.userId], requiredInternalApprovals: 2 });
  });

  it('should refuse an executive who is not one of them, even to reject', () => {
    spec.given([namedRequested(), started()]).when(review(exec3)).thenThrows('NOT_A_REQUIRED_REVIEWER', 'forbidden');
    spec
      .given([namedRequested(), started()])
      .when(review(exec3, 'reject', 'no'))
      .thenThrows('NOT_A_REQUIRED_REVIEWER', 'forbidden');
  });

  it('should move to landlord review only when both named reviewers approved', () => {
    const first = spec.given([namedRequested(), started()]).when(review(exec1)).events();
    expect(first.map((e) => e.type)).toEqual(['InternalReviewApproved']);
    const second = spec
      .given([namedRequested(), started(), ...first])
      .when(review(exec2))
      .events();
    expect(second.map((e) => e.type)).toEqual(['InternalReviewApproved', 'LandlordReviewStarted']);
  });

  it('should say who is still awaited', () => {
    const first = spec.given([namedRequested(), started()]).when(review(exec1)).events();
    const state = spec.given([namedRequested(), started(), ...first]).state();
    expect(blockingReasons(state)[0].waitingFor).toContain(exec2.userId);
    expect(blockingReasons(state)[0].waitingFor).not.toContain(exec1.userId);
  });

  describe("5. the windows of a booking's dates", () => {
    it('should refuse a posting or a removal dated after the day it is recorded', () => {
      spec
        .given(scheduled)
        .when(post({ at: '2026-04-01T02:00:00.000Z', postedOn: '2026-04-02' }))
        .thenThrows('DATE_IN_FUTURE', 'rule-violated');
      spec
        .given(isRemovalDue)
        .when(removal({ at: '2026-05-01T02:00:00.000Z', removedOn: '2026-05-02' }))
        .thenThrows('DATE_IN_FUTURE', 'rule-violated');
    });

    it('should never hold a face for ever, nor years ahead', () => {
      spec
        .given([])
        .when(request({ period: { start: '2027-01-01', end: '9999-12-31' } }))
        .thenThrows('PERIOD_TOO_LONG', 'rule-violated');
      spec
        .given([])
        .when(request({ period: { start: '2032-01-01', end: '2032-01-31' } }))
        .thenThrows('PERIOD_TOO_FAR_AHEAD', 'rule-violated');
      spec
        .given([])
        .when(request({ period: { start: '2026-04-01', end: '2029-03-31' } }))
        .events();
    });

    it('should refuse a renewal that would make the booking longer than allowed', () => {
      spec
        .given(live)
        .when(renewal({ newEnd: '2030-01-01' }))
        .thenThrows('PERIOD_TOO_LONG', 'rule-violated');
    });
  });

  describe('Requested by the agency (buying’s OOH flow)', () => {
    const agencyOrder = { orderId: 'o-1', planLineId: 'L1', requestId: 'rq-1' };
    const refuse: BookingCommand = {
      type: 'RecordAgencyRequestRefused',
      data: { bookingId, agencyOrder, code: 'FACES_UNAVAILABLE', reason: 'Face A is held', conflicts: [], at: AT, by: scheduler },
    };

    it('should keep the agency order line it was requested for', () => {
      const [event] = spec.given([]).when(request({ agencyOrder })).events();
      expect(event).toMatchObject({ type: 'BookingRequested', data: { agencyOrder } });
      expect(spec.given([event]).state().agencyOrder).toEqual(agencyOrder);
    });

    it('should record a refused request once, holding nothing and waiting for nothing', () => {
      const events = spec.given([]).when(refuse).events();
      expect(events).toEqual([
        {
          type: 'AgencyRequestRefused',
          data: { bookingId, agencyOrder, code: 'FACES_UNAVAILABLE', reason: 'Face A is held', conflicts: [], at: AT, by: scheduler },
        },
      ]);
      const state = spec.given(events).state();
      expect([state.status, faceStatusFor(state.status), blockingReasons(state)]).toEqual(['refused', 'released', []]);
      spec.given(events).when(refuse).thenNothingHappens();
      spec.given([requested]).when(refuse).thenNothingHappens();
    });
  });
});
