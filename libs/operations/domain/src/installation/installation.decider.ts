import { AppError, assertNever, notFound, ruleViolated, type Actor, type Command, type Decider, type EvidenceRef } from '@ooh/eventing';
import { isBlank, requirePhotos } from '../shared';
import { evolveInstallation, initialInstallationState, type InstallationEvent, type InstallationState, type VendorRef } from './installation.events';

/** 货比三家: a vendor is chosen from at least this many vendors' quotes, unless a reason says why not. */
export const MIN_VENDOR_QUOTES = 3;

export type OpenInstallationJob = Command<
  'OpenInstallationJob',
  { jobId: string; siteId: string; faces: string[]; bookingId: string | null; description: string; at: string; by: Actor }
>;
export type RecordQuote = Command<
  'RecordQuote',
  {
    jobId: string;
    quoteId: string;
    vendor: VendorRef;
    amountFen: number;
    currency: string;
    notes?: string | null;
    evidence: EvidenceRef[];
    at: string;
    by: Actor;
  }
>;
export type ChooseVendor = Command<'ChooseVendor', { jobId: string; quoteId: string; reasonForFewerQuotes: string | null; at: string; by: Actor }>;
export type RecordSafetyAgreement = Command<'RecordSafetyAgreement', { jobId: string; signedBy: string; evidence: EvidenceRef[]; at: string; by: Actor }>;
export type StartWork = Command<'StartWork', { jobId: string; at: string; by: Actor }>;
export type CompleteInstallation = Command<'CompleteInstallation', { jobId: string; photos: EvidenceRef[]; notes?: string | null; at: string; by: Actor }>;
export type CancelInstallationJob = Command<'CancelInstallationJob', { jobId: string; reason: string; at: string; by: Actor }>;

export type InstallationCommand =
  OpenInstallationJob | RecordQuote | ChooseVendor | RecordSafetyAgreement | StartWork | CompleteInstallation | CancelInstallationJob;

function requireJob(state: InstallationState, jobId: string): void {
  if (state.status === 'none') throw notFound('INSTALLATION_JOB_NOT_FOUND', `Installation job ${jobId} does not exist`);
}

function requireStatus(state: InstallationState, jobId: string, expected: InstallationState['status'], what: string): void {
  requireJob(state, jobId);
  if (state.status !== expected) throw ruleViolated('INVALID_STATE', `${what} needs the job ${expected}; installation job ${jobId} is ${state.status}`);
}

function requireQuoting(state: InstallationState, jobId: string): void {
  requireJob(state, jobId);
  if (state.status !== 'quoting') throw ruleViolated('QUOTING_CLOSED', `Installation job ${jobId} is ${state.status}; quoting is closed`);
}

function validateFaces(faces: string[]): void {
  if (faces.length === 0) throw ruleViolated('FACE_REQUIRED', 'An installation job needs at least one face');
  const duplicate = faces.find((face, i) => faces.indexOf(face) !== i);
  if (duplicate !== undefined) throw ruleViolated('DUPLICATE_FACE', `Face ${duplicate} is listed twice`);
}

const orNull = (text: string | null | undefined): string | null => (isBlank(text) ? null : text!);

export function decideInstallation(command: InstallationCommand, state: InstallationState): InstallationEvent[] {
  switch (command.type) {
    case 'OpenInstallationJob': {
      const { jobId, siteId, faces, bookingId, description, at, by } = command.data;
      if (state.status !== 'none') throw new AppError('conflict', 'INSTALLATION_JOB_EXISTS', `Installation job ${jobId} already exists`);
      validateFaces(faces);
      if (isBlank(description)) throw ruleViolated('DESCRIPTION_REQUIRED', 'An installation job needs a description');
      return [{ type: 'InstallationJobOpened', data: { jobId, siteId, faces: [...faces], bookingId, description, at, by } }];
    }
    case 'RecordQuote': {
      const { jobId, quoteId, vendor, amountFen, currency, notes, evidence, at, by } = command.data;
      requireQuoting(state, jobId);
      if (!Number.isInteger(amountFen) || amountFen <= 0) {
        throw ruleViolated('INVALID_AMOUNT', `A quote must be a positive whole number of fen, not ${amountFen}`);
      }
      const sameId = state.quotes.find((q) => q.quoteId === quoteId);
      if (sameId && sameId.vendor.vendorId !== vendor.vendorId) {
        throw new AppError('conflict', 'QUOTE_EXISTS', `Quote ${quoteId} is already recorded for vendor ${sameId.vendor.name}`);
      }
      const replaced = state.quotes.find((q) => q.vendor.vendorId === vendor.vendorId);
      return [
        {
          type: 'QuoteRecorded',
          data: {
            jobId,
            quoteId,
            vendor: { ...vendor },
            amountFen,
            currency,
            notes: orNull(notes),
            evidence: [...evidence],
            replacesQuoteId: replaced?.quoteId ?? null,
            at,
            by,
          },
        },
      ];
    }
    case 'ChooseVendor': {
      const { jobId, quoteId, reasonForFewerQuotes, at, by } = command.data;
      requireQuoting(state, jobId);
      const quote = state.quotes.find((q) => q.quoteId === quoteId);
      if (!quote) throw notFound('QUOTE_NOT_FOUND', `Installation job ${jobId} has no live quote ${quoteId}`);
      // One live quote per vendor, so the quotes count distinct vendors.
      const quotesCompared = state.quotes.length;
      const reason = orNull(reasonForFewerQuotes);
      if (quotesCompared < MIN_VENDOR_QUOTES && reason === null) {
        throw ruleViolated(
          'THREE_QUOTES_REQUIRED',
          `Choosing a vendor needs quotes from at least ${MIN_VENDOR_QUOTES} vendors (货比三家), or a reason for fewer; job ${jobId} has ${quotesCompared}`,
          { quotesCompared, required: MIN_VENDOR_QUOTES },
        );
      }
      const { vendor, amountFen, currency } = quote;
      return [
        { type: 'VendorChosen', data: { jobId, quoteId, vendor: { ...vendor }, amountFen, currency, quotesCompared, reasonForFewerQuotes: reason, at, by } },
        {
          type: 'VendorPaymentRequested',
          data: { jobId, siteId: state.siteId, quoteId, vendor: { ...vendor }, amountFen, currency, milestone: 'full', at, by },
        },
      ];
    }
    case 'RecordSafetyAgreement': {
      const { jobId, signedBy, evidence, at, by } = command.data;
      requireStatus(state, jobId, 'vendor-chosen', 'Recording the safety agreement');
      if (isBlank(signedBy)) throw ruleViolated('SIGNATORY_REQUIRED', 'The safety agreement needs the names of the installers who signed it');
      if (evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'The safety agreement needs the signed document');
      return [{ type: 'SafetyAgreementSigned', data: { jobId, signedBy, evidence: [...evidence], at, by } }];
    }
    case 'StartWork': {
      const { jobId, at, by } = command.data;
      requireJob(state, jobId);
      if (state.status === 'vendor-chosen') {
        throw ruleViolated('SAFETY_AGREEMENT_REQUIRED', `Work on installation job ${jobId} cannot start before the installers sign the safety agreement`);
      }
      requireStatus(state, jobId, 'agreement-signed', 'Starting work');
      return [{ type: 'WorkStarted', data: { jobId, at, by } }];
    }
    case 'CompleteInstallation': {
      const { jobId, photos, notes, at, by } = command.data;
      requireStatus(state, jobId, 'in-progress', 'Completing the installation');
      requirePhotos(photos, 'Completing an installation');
      return [{ type: 'InstallationCompleted', data: { jobId, photos: [...photos], notes: orNull(notes), at, by } }];
    }
    case 'CancelInstallationJob': {
      const { jobId, reason, at, by } = command.data;
      requireJob(state, jobId);
      if (state.status === 'cancelled') return [];
      if (state.status === 'completed') throw ruleViolated('INVALID_STATE', `Installation job ${jobId} is completed and cannot be cancelled`);
      if (isBlank(reason)) throw ruleViolated('REASON_REQUIRED', 'Cancelling an installation job needs a reason');
      return [{ type: 'InstallationJobCancelled', data: { jobId, reason, at, by } }];
    }
    default:
      return assertNever(command);
  }
}

export const installationDecider: Decider<InstallationCommand, InstallationEvent, InstallationState> = {
  decide: decideInstallation,
  evolve: evolveInstallation,
  initialState: initialInstallationState,
};
