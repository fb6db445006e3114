import type {
  AudienceDeliveredV1,
  VendorCreditDueV1,
  ProductionJobOpenedV1,
  ProductionMilestoneV1,
  FaceHoldChangedV1,
  BriefIssuedV1,
  BookingPostedV1,
  BookingRemovedV1,
  BudgetAuthorizedV1,
  ClientContractSignedV1,
  InvoiceIssuedV1,
  MakegoodAcceptedV1,
  MediaOrderSignedV1,
  MediaOrderUnitsV1,
  MediaPlanApprovedV1,
  MediaPlanEstimatesV1,
  OohBookingRequestedV1,
  PayablePaidV1,
  PaymentReceivedV1,
  ProofOfPlayIssuedV1,
  SiteChangedV1,
  UnitDeliveryRecordedV1,
  VendorInvoiceApprovedV1,
  VendorInvoiceLinesV1,
} from '@ooh/contracts';
import { localDate } from '@ooh/calendar';
import type { IntegrationMessage } from '@ooh/eventing';
import { isMeasure, ledgerIdOf, type DetailMeasure, type DocumentKind, type Fact, type LedgerLinks, type Measure } from '@ooh/reporting-domain';

/** What one message says about one document. */
export interface LedgerEntry {
  ledgerId: string;
  kind: DocumentKind;
  documentId: string;
  links: Partial<LedgerLinks>;
  facts: Fact[];
}

/** Reads a message in the operator's time zone: business dates of instants, and when the producer recorded it. */
export class FeedReader {
  constructor(
    private readonly message: IntegrationMessage,
    private readonly timeZone: string,
  ) {}

  get recordedAt(): string {
    return this.message.recordedAt ?? this.message.occurredAt;
  }

  day(instant: string): string {
    return localDate(instant, this.timeZone);
  }

  entry(kind: DocumentKind, documentId: string, links: Partial<LedgerLinks>, facts: Array<Omit<Fact, 'factId' | 'recordedAt' | 'message'>>): LedgerEntry {
    const { messageId, type } = this.message;
    return {
      ledgerId: ledgerIdOf(kind, documentId),
      kind,
      documentId,
      links,
      facts: facts
        // A zero figure is no fact; a unit at no cost (a bonus spot) still is one.
        .filter((f) => f.amount !== 0 || !isMeasure(f.measure))
        .map((f, i) => ({ ...f, factId: `${messageId}:${i}`, recordedAt: this.recordedAt, message: { messageId, type } })),
    };
  }
}

const rank = (revision: number) => String(revision).padStart(6, '0');
const fact = (measure: Measure | DetailMeasure, amount: number, businessDate: string, label: string, over: Partial<Fact> = {}) => ({
  measure,
  amount,
  businessDate,
  label,
  channel: null,
  month: null,
  supersedes: null,
  ...over,
});

export const planApprovedFacts = (r: FeedReader, d: MediaPlanApprovedV1): LedgerEntry[] => [
  r.entry(
    'plan',
    d.planId,
    { briefId: d.briefId, clientId: d.clientId, campaign: d.campaign },
    d.lines.map((l) =>
      fact('planned', l.netFen, r.day(d.approvedAt), `Plan ${d.planId} v${d.version}, line ${l.lineId}`, {
        channel: l.channel,
        month: l.flight.start.slice(0, 7),
        supersedes: { key: `plan:${d.planId}`, rank: rank(d.version) },
      }),
    ),
  ),
];

/** The audience each line of an approved plan version promised: the baseline of the post-buy report. */
export const planEstimatesFacts = (r: FeedReader, d: MediaPlanEstimatesV1): LedgerEntry[] => [
  r.entry(
    'plan',
    d.planId,
    { briefId: d.briefId },
    d.lines.map((l) =>
      fact('audienceEstimated', l.netFen, r.day(d.approvedAt), `Plan ${d.planId} v${d.version}, line ${l.lineId}: audience estimated`, {
        channel: l.channel,
        supersedes: { key: `estimates:${d.planId}`, rank: rank(d.version) },
        detail: { lineId: l.lineId, vendor: l.vendor.name, pricing: l.pricing, audience: l.estimates },
      }),
    ),
  ),
];

/** What an order line delivered, measured after it ran: a later measurement of the line replaces it. */
export const audienceDeliveredFacts = (r: FeedReader, d: AudienceDeliveredV1, messageId: string): LedgerEntry[] => [
  r.entry('media-order', d.orderId, { orderId: d.orderId }, [
    fact('audienceDelivered', 0, d.measuredOn, `Line ${d.planLineId} of order ${d.orderId}: audience measured (${d.source})`, {
      channel: d.channel,
      supersedes: { key: `audience:${d.orderId}:${d.planLineId}`, rank: `${d.recordedAt}/${messageId}` },
      detail: {
        lineId: d.planLineId,
        vendor: d.vendor.name,
        source: d.source,
        audience: { impressions: d.impressions, grp: d.grp, reach: d.reach, frequency: d.frequency },
      },
    }),
  ]),
];

/** A brief's version: its objectives and measurable targets (a later version replaces them all). */
export const briefIssuedFacts = (r: FeedReader, d: BriefIssuedV1): LedgerEntry[] => {
  const supersedes = { key: `brief:${d.briefId}`, rank: rank(d.version) };
  const day = r.day(d.issuedAt);
  return [
    r.entry('brief', d.briefId, { briefId: d.briefId, clientId: d.clientId, campaign: d.campaign }, [
      fact('briefObjectives', 0, day, `Brief ${d.briefId} v${d.version}: objectives`, { supersedes, detail: { objectives: d.objectives } }),
      ...d.kpis.map((k) =>
        // Fact amounts are whole numbers; a target may have decimals (a reach of 35.5 %), so it rides in the detail.
        fact('kpiTarget', 0, day, `Brief ${d.briefId} v${d.version}: ${k.metric} ${k.channel ?? 'campaign'} target`, {
          channel: k.channel,
          supersedes,
          detail: { metric: k.metric, target: k.target },
        }),
      ),
    ]),
  ];
};

export const budgetAuthorizedFacts = (r: FeedReader, d: BudgetAuthorizedV1): LedgerEntry[] => [
  r.entry(
    'budget',
    d.authorizationId,
    { briefId: d.briefId, clientId: d.clientId },
    d.buckets.map((b) => fact('authorized', b.amountFen, r.day(d.authorizedAt), `Authorization ${d.poReference}`, { channel: b.channel, month: b.month })),
  ),
];

export const contractSignedFacts = (r: FeedReader, d: ClientContractSignedV1): LedgerEntry[] => [
  r.entry('client-contract', d.contractId, { briefId: d.briefId, clientId: d.client.clientId, campaign: d.campaign }, [
    fact('contracted', d.valueFen, d.signedOn, `Client contract ${d.contractId} revision ${d.revision}`, {
      supersedes: { key: `client-contract:${d.contractId}`, rank: rank(d.revision) },
    }),
  ]),
];

export const orderSignedFacts = (r: FeedReader, d: MediaOrderSignedV1): LedgerEntry[] => {
  const label = `Order ${d.orderId} revision ${d.revision} (${d.vendor.name})`;
  const supersedes = { key: `media-order:${d.orderId}`, rank: rank(d.revision) };
  const day = r.day(d.signedAt);
  const parts = d.committed.length
    ? d.committed.map((c) => fact('ordered', c.netFen, day, label, { channel: c.channel, month: c.month, supersedes }))
    : [fact('ordered', d.netFen, day, label, { supersedes })];
  return [r.entry('media-order', d.orderId, { briefId: d.briefId, clientId: d.clientId, campaign: d.campaign, orderId: d.orderId }, parts)];
};

const OUTCOME: Record<UnitDeliveryRecordedV1['units'][number]['outcome'], Measure> = {
  aired: 'unitsAired',
  preempted: 'unitsPreempted',
  missed: 'unitsMissed',
};

/** A unit's latest proof replaces an earlier one (a correction): ranked by when it was recorded. */
export const unitDeliveryFacts = (r: FeedReader, d: UnitDeliveryRecordedV1, messageId: string): LedgerEntry[] => [
  r.entry(
    'media-order',
    d.orderId,
    { orderId: d.orderId },
    d.units.map((u) =>
      fact(OUTCOME[u.outcome], 1, r.day(u.airedAt ?? d.recordedAt), `Unit ${u.unitId} ${u.outcome}`, {
        supersedes: { key: `unit:${u.unitId}`, rank: `${r.recordedAt}/${messageId}` },
        detail: { unitId: u.unitId },
      }),
    ),
  ),
];

export const makegoodFacts = (r: FeedReader, d: MakegoodAcceptedV1): LedgerEntry[] => [
  r.entry('media-order', d.orderId, { orderId: d.orderId }, [
    fact('makegoodsAccepted', 1, r.day(d.acceptedAt), `Makegood ${d.makegoodId}${d.outsideRule ? ' (outside the rule)' : ''}`, {
      supersedes: { key: `makegood:${d.makegoodId}`, rank: '1' },
    }),
  ]),
];

/** A credit the vendor owes for units that did not air (a makegood rejected): it settles those units. */
export const vendorCreditFacts = (r: FeedReader, d: VendorCreditDueV1): LedgerEntry[] => [
  r.entry('media-order', d.orderId, { orderId: d.orderId }, [
    fact('creditDue', d.amountFen, r.day(d.dueAt), `Credit ${d.creditId}: ${d.reason}`, {
      supersedes: { key: `credit:${d.creditId}`, rank: '1' },
      detail: { unitIds: d.unitIds },
    }),
  ]),
];

export const vendorInvoiceFacts = (r: FeedReader, d: VendorInvoiceApprovedV1): LedgerEntry[] => [
  r.entry('vendor-invoice', d.invoiceId, { orderId: d.orderId }, [
    fact('vendorInvoiced', d.linesFen, r.day(d.approvedAt), `Invoice ${d.invoiceNumber} of ${d.vendor.name}`),
  ]),
];

/** Each line of an order on the operator's faces becomes one booking: its ledger knows the order and the line. */
export const oohRequestedFacts = (r: FeedReader, d: OohBookingRequestedV1): LedgerEntry[] =>
  d.requests.map((q) =>
    r.entry('ooh-booking', q.bookingId, { orderId: d.orderId, clientId: d.advertiser.clientId }, [
      fact('oohRequested', q.amountFen, r.day(d.requestedAt), `Booking requested for line ${q.planLineId}, ${q.period.start} to ${q.period.end}`, {
        supersedes: { key: `ooh-request:${q.bookingId}`, rank: rank(d.revision) },
        detail: { lineId: q.planLineId, date: q.period.start },
      }),
    ]),
  );

export const bookingPostedFacts = (r: FeedReader, d: BookingPostedV1): LedgerEntry[] => [
  r.entry('ooh-booking', d.bookingId, {}, [
    fact('oohPosted', 1, d.postedOn, `Booking ${d.bookingId} posted`, { supersedes: { key: `posted:${d.bookingId}`, rank: '1' } }),
  ]),
];

export const bookingRemovedFacts = (r: FeedReader, d: BookingRemovedV1): LedgerEntry[] => [
  r.entry('ooh-booking', d.bookingId, {}, [
    fact('oohRemoved', 1, d.removedOn, `Booking ${d.bookingId} removed${d.earlyTermination ? ' early' : ''}`, {
      supersedes: { key: `removed:${d.bookingId}`, rank: '1' },
    }),
  ]),
];

/**
 * The monthly proof-of-play report: the days each face of a booking was seen live in that month. A
 * report issued again for the month replaces the earlier one, face by face.
 */
export const proofOfPlayFacts = (r: FeedReader, d: ProofOfPlayIssuedV1): LedgerEntry[] => {
  const bookings = [...new Set(d.lines.map((l) => l.bookingId))];
  return bookings.map((bookingId) =>
    r.entry(
      'ooh-booking',
      bookingId,
      {},
      d.lines
        .filter((l) => l.bookingId === bookingId)
        .map((l) => {
          const face = `${l.siteId}/${l.face}`;
          const days = [...new Set(l.daysLive)].sort();
          return fact(
            'faceDaysLive',
            days.length,
            days.at(-1) ?? `${d.month}-01`,
            `Proof of play ${d.reportId}: ${face} live ${days.length} days in ${d.month}`,
            {
              month: d.month,
              supersedes: { key: `pop:${bookingId}:${face}:${d.month}`, rank: `${d.issuedAt}/${d.reportId}` },
              detail: { face, days },
            },
          );
        }),
    ),
  );
};

/** An operator site as it now stands (where, what, its faces, in or out of service): kept as history, never replaced. */
export const siteChangedFacts = (r: FeedReader, d: SiteChangedV1): LedgerEntry[] => [
  r.entry('site', d.siteId, {}, [
    fact('siteState', d.faces.length, r.day(d.changedAt), `Site ${d.siteId} ${d.status}`, {
      detail: { site: { city: d.city, station: d.station, kind: d.kind, faces: d.faces, status: d.status } },
    }),
  ]),
];

/** A booking took, extended or released a face: applied in the order the operator recorded them. */
export const faceHoldFacts = (r: FeedReader, d: FaceHoldChangedV1): LedgerEntry[] => [
  r.entry('ooh-booking', d.bookingId, {}, [
    fact('faceHold', 0, r.day(d.changedAt), `Face ${d.siteId}/${d.face} ${d.change}`, {
      detail: { face: `${d.siteId}/${d.face}`, hold: { change: d.change, start: d.start, end: d.end, releasedFrom: d.releasedFrom } },
    }),
  ]),
];

const isProductionJob = (source: { context: string; kind: string }) => source.context === 'production' && ['cf-job', 'print-job'].includes(source.kind);

/** A client contract's and a production job's money belong to a campaign; finance's other receivables are other reports'. */
export const invoiceIssuedFacts = (r: FeedReader, d: InvoiceIssuedV1): LedgerEntry[] => {
  const label = `Invoice ${d.invoiceNumber} (${d.milestone})`;
  if (d.source.context === 'buying' && d.source.kind === 'client-contract')
    return [r.entry('client-contract', d.source.id, {}, [fact('billed', d.amountFen, r.day(d.issuedAt), label)])];
  if (isProductionJob(d.source)) return [r.entry('production-job', d.source.id, {}, [fact('productionBilled', d.amountFen, r.day(d.issuedAt), label)])];
  return [];
};

export const paymentReceivedFacts = (r: FeedReader, d: PaymentReceivedV1): LedgerEntry[] => {
  const label = `Payment ${d.paymentId} received`;
  if (d.source.context === 'buying' && d.source.kind === 'client-contract')
    return [r.entry('client-contract', d.source.id, {}, [fact('collected', d.amountFen, d.receivedOn, label)])];
  if (isProductionJob(d.source)) return [r.entry('production-job', d.source.id, {}, [fact('productionCollected', d.amountFen, d.receivedOn, label)])];
  return [];
};

/** A production job opened: the campaign brief it is for links its money to that campaign. */
export const productionJobOpenedFacts = (r: FeedReader, d: ProductionJobOpenedV1): LedgerEntry[] => [
  r.entry('production-job', d.jobId, { ...(d.briefId ? { briefId: d.briefId } : {}), clientId: d.client.clientId }, []),
];

/** A production contract signed by the client: its value. */
export const productionMilestoneFacts = (r: FeedReader, d: ProductionMilestoneV1): LedgerEntry[] =>
  d.milestone === 'contract-signed' && d.valueFen
    ? [
        r.entry('production-job', d.jobId, {}, [
          fact('productionContracted', d.valueFen, d.occurredOn, `${d.jobKind === 'cf' ? 'Production' : 'Print'} contract of job ${d.jobId}`, {
            supersedes: { key: `production-contract:${d.jobId}`, rank: r.recordedAt },
          }),
        ]),
      ]
    : [];

export const payablePaidFacts = (r: FeedReader, d: PayablePaidV1): LedgerEntry[] => {
  const label = `Paid ${d.vendor.name} (${d.milestone}, ${d.paymentReference})`;
  // A production vendor's payable names the job and the request: `<jobId>/<requestId>`.
  if (d.source?.context === 'production' && ['vendor-cost', 'printer-payment'].includes(d.source.kind))
    return [r.entry('production-job', d.source.id.split('/')[0], {}, [fact('productionCost', d.amountFen, d.paidOn, label)])];
  if (d.source?.context !== 'buying') return [];
  if (d.source.kind === 'media-order') return [r.entry('media-order', d.source.id, { orderId: d.source.id }, [fact('paidOut', d.amountFen, d.paidOn, label)])];
  if (d.source.kind === 'vendor-invoice') return [r.entry('vendor-invoice', d.source.id, {}, [fact('paidOut', d.amountFen, d.paidOn, label)])];
  return [];
};

/** The units of the order's revision in force, for reconciliation: the whole revision replaces the earlier one. */
export const orderUnitsFacts = (r: FeedReader, d: MediaOrderUnitsV1): LedgerEntry[] => [
  r.entry(
    'media-order',
    d.orderId,
    { orderId: d.orderId, briefId: d.briefId },
    d.lines.flatMap((l) =>
      l.units.map((u) =>
        fact('unitOrdered', u.netFen, r.day(d.inForceAt), `Unit ${u.unitId} of line ${l.planLineId} (revision ${d.revision})`, {
          channel: l.channel,
          month: u.date.slice(0, 7),
          supersedes: { key: `units:${d.orderId}`, rank: rank(d.revision) },
          detail: {
            unitId: u.unitId,
            lineId: l.planLineId,
            channel: l.channel,
            date: u.date,
            endDate: u.endDate,
            face: u.face ? `${u.face.siteId}/${u.face.face}` : null,
            makegoodFor: u.makegoodFor,
            replacedBy: u.replacedBy,
          },
        }),
      ),
    ),
  ),
];

/** An approved invoice's lines: what it accepted for each unit, and how each difference was settled. */
export const invoiceLinesFacts = (r: FeedReader, d: VendorInvoiceLinesV1): LedgerEntry[] => [
  r.entry(
    'vendor-invoice',
    d.invoiceId,
    { orderId: d.orderId },
    d.lines.map((l) =>
      fact('unitInvoiced', l.acceptedFen, r.day(d.approvedAt), `Invoice ${d.invoiceNumber} line ${l.lineNo}`, {
        detail: {
          unitId: l.unitId,
          lineNo: l.lineNo,
          result: l.result,
          invoicedFen: l.invoicedFen,
          orderedNetFen: l.orderedNetFen,
          disposition: l.disposition,
        },
      }),
    ),
  ),
];
