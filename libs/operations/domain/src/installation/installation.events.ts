import { streamName, type Actor, type DomainEvent, type EvidenceRef } from '@ooh/eventing';

/** Light-box production and installation (制作与安装) by a vendor: `operations.installation-<jobId>`. */
export const installationStream = (jobId: string): string => streamName('operations', 'installation', jobId);

export type InstallationStatus = 'none' | 'quoting' | 'vendor-chosen' | 'agreement-signed' | 'in-progress' | 'completed' | 'cancelled';

export interface VendorRef {
  vendorId: string;
  name: string;
}

export type InstallationJobOpened = DomainEvent<
  'InstallationJobOpened',
  { jobId: string; siteId: string; faces: string[]; bookingId: string | null; description: string; at: string; by: Actor }
>;
/** `replacesQuoteId`: the same vendor's earlier quote this one supersedes (each vendor has one live quote), or null. */
export type QuoteRecorded = DomainEvent<
  'QuoteRecorded',
  {
    jobId: string;
    quoteId: string;
    vendor: VendorRef;
    amountFen: number;
    currency: string;
    notes: string | null;
    evidence: EvidenceRef[];
    replacesQuoteId: string | null;
    at: string;
    by: Actor;
  }
>;
/** `quotesCompared`: how many vendors had a live quote; `reasonForFewerQuotes` explains choosing from fewer than three. */
export type VendorChosen = DomainEvent<
  'VendorChosen',
  {
    jobId: string;
    quoteId: string;
    vendor: VendorRef;
    amountFen: number;
    currency: string;
    quotesCompared: number;
    reasonForFewerQuotes: string | null;
    at: string;
    by: Actor;
  }
>;
/** Emitted with VendorChosen; the application publishes it to Finance as an integration event. */
export type VendorPaymentRequested = DomainEvent<
  'VendorPaymentRequested',
  {
    jobId: string;
    siteId: string;
    quoteId: string;
    vendor: VendorRef;
    amountFen: number;
    currency: string;
    milestone: 'full';
    at: string;
    by: Actor;
  }
>;
/** `signedBy`: the installers who signed the safety agreement (安全协议). */
export type SafetyAgreementSigned = DomainEvent<'SafetyAgreementSigned', { jobId: string; signedBy: string; evidence: EvidenceRef[]; at: string; by: Actor }>;
export type WorkStarted = DomainEvent<'WorkStarted', { jobId: string; at: string; by: Actor }>;
export type InstallationCompleted = DomainEvent<'InstallationCompleted', { jobId: string; photos: EvidenceRef[]; notes: string | null; at: string; by: Actor }>;
export type InstallationJobCancelled = DomainEvent<'InstallationJobCancelled', { jobId: string; reason: string; at: string; by: Actor }>;

export type InstallationEvent =
  | InstallationJobOpened
  | QuoteRecorded
  | VendorChosen
  | VendorPaymentRequested
  | SafetyAgreementSigned
  | WorkStarted
  | InstallationCompleted
  | InstallationJobCancelled;

export interface InstallationQuote {
  quoteId: string;
  vendor: VendorRef;
  amountFen: number;
  currency: string;
  notes: string | null;
  evidence: EvidenceRef[];
  recordedAt: string;
  recordedBy: Actor;
}

export interface ChosenVendor {
  quoteId: string;
  vendor: VendorRef;
  amountFen: number;
  currency: string;
  quotesCompared: number;
  reasonForFewerQuotes: string | null;
  chosenAt: string;
  /** Who chose (no four-eyes here, but it is on record). */
  chosenBy: Actor;
}

export interface InstallationState {
  status: InstallationStatus;
  jobId: string;
  siteId: string;
  faces: string[];
  bookingId: string | null;
  description: string;
  openedAt: string;
  openedBy: Actor;
  /** One live quote per vendor, in the order vendors first quoted. */
  quotes: InstallationQuote[];
  chosen?: ChosenVendor;
  safetyAgreement?: { signedBy: string; evidence: EvidenceRef[]; recordedAt: string; recordedBy: Actor };
  paymentRequested: boolean;
  startedAt?: string;
  startedBy?: Actor;
  completedAt?: string;
  completedBy?: Actor;
  completionPhotos?: EvidenceRef[];
  completionNotes?: string | null;
  cancelledAt?: string;
  cancelledBy?: Actor;
  cancelReason?: string;
}

export const initialInstallationState = (): InstallationState => ({
  status: 'none',
  jobId: '',
  siteId: '',
  faces: [],
  bookingId: null,
  description: '',
  openedAt: '',
  openedBy: { userId: '', role: '' },
  quotes: [],
  paymentRequested: false,
});

export function evolveInstallation(state: InstallationState, event: InstallationEvent): InstallationState {
  switch (event.type) {
    case 'InstallationJobOpened': {
      const { jobId, siteId, faces, bookingId, description, at, by } = event.data;
      return { ...initialInstallationState(), status: 'quoting', jobId, siteId, faces: [...faces], bookingId, description, openedAt: at, openedBy: by };
    }
    case 'QuoteRecorded': {
      const { quoteId, vendor, amountFen, currency, notes, evidence, at, by } = event.data;
      const quote: InstallationQuote = { quoteId, vendor, amountFen, currency, notes, evidence, recordedAt: at, recordedBy: by };
      const existing = state.quotes.findIndex((q) => q.vendor.vendorId === vendor.vendorId);
      const quotes = existing < 0 ? [...state.quotes, quote] : state.quotes.map((q, i) => (i === existing ? quote : q));
      return { ...state, quotes };
    }
    case 'VendorChosen': {
      const { quoteId, vendor, amountFen, currency, quotesCompared, reasonForFewerQuotes, at, by } = event.data;
      return {
        ...state,
        status: 'vendor-chosen',
        chosen: { quoteId, vendor, amountFen, currency, quotesCompared, reasonForFewerQuotes, chosenAt: at, chosenBy: by },
      };
    }
    case 'VendorPaymentRequested':
      return { ...state, paymentRequested: true };
    case 'SafetyAgreementSigned': {
      const { signedBy, evidence, at, by } = event.data;
      return { ...state, status: 'agreement-signed', safetyAgreement: { signedBy, evidence, recordedAt: at, recordedBy: by } };
    }
    case 'WorkStarted':
      return { ...state, status: 'in-progress', startedAt: event.data.at, startedBy: event.data.by };
    case 'InstallationCompleted':
      return {
        ...state,
        status: 'completed',
        completedAt: event.data.at,
        completedBy: event.data.by,
        completionPhotos: event.data.photos,
        completionNotes: event.data.notes,
      };
    case 'InstallationJobCancelled':
      return { ...state, status: 'cancelled', cancelledAt: event.data.at, cancelledBy: event.data.by, cancelReason: event.data.reason };
    default:
      return state;
  }
}
