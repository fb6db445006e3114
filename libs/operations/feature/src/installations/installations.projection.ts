import type { Projection } from '@ooh/eventing';
import type { InstallationEvent } from '@ooh/operations-domain';

export const INSTALLATIONS = 'operations_installations';

/** Installation jobs with their quotes side by side (the comparison the seed asks for: 货比三家). */
export const installationsProjection: Projection = {
  name: 'operations.installations',
  collections: [INSTALLATIONS],
  filter: { categories: ['operations.installation'] },
  indexes: [{ collection: INSTALLATIONS, fields: ['siteId'] }, { collection: INSTALLATIONS, fields: ['status'] }],
  async apply({ event, get, put }) {
    const e = { type: event.type, data: event.data } as InstallationEvent;
    const id = e.data.jobId;
    const base = { revision: event.revision, updatedAt: event.recordedAt };
    if (e.type === 'InstallationJobOpened') {
      const { by, at, ...rest } = e.data;
      return put(INSTALLATIONS, id, { ...rest, status: 'quoting', quotes: [], openedAt: at, openedBy: by, ...base });
    }
    const job = await get<Record<string, unknown> & { quotes: Array<{ quoteId: string }> }>(INSTALLATIONS, id);
    if (!job) return;
    switch (e.type) {
      case 'QuoteRecorded': {
        const { jobId: _j, by, replacesQuoteId, ...quote } = e.data;
        const quotes = job.quotes.filter((q) => q.quoteId !== replacesQuoteId);
        return put(INSTALLATIONS, id, { ...job, quotes: [...quotes, { ...quote, recordedBy: by }], ...base });
      }
      case 'VendorChosen':
        return put(INSTALLATIONS, id, {
          ...job,
          status: 'vendor-chosen',
          chosen: { quoteId: e.data.quoteId, vendor: e.data.vendor, amountFen: e.data.amountFen, currency: e.data.currency, quotesCompared: e.data.quotesCompared, reasonForFewerQuotes: e.data.reasonForFewerQuotes, by: e.data.by },
          ...base,
        });
      case 'VendorPaymentRequested':
        return put(INSTALLATIONS, id, { ...job, vendorPaymentRequestedAt: e.data.at, ...base });
      case 'SafetyAgreementSigned':
        return put(INSTALLATIONS, id, { ...job, status: 'agreement-signed', safetyAgreement: { signedBy: e.data.signedBy, evidence: e.data.evidence, at: e.data.at }, ...base });
      case 'WorkStarted':
        return put(INSTALLATIONS, id, { ...job, status: 'in-progress', startedAt: e.data.at, ...base });
      case 'InstallationCompleted':
        return put(INSTALLATIONS, id, { ...job, status: 'completed', completedAt: e.data.at, completionPhotos: e.data.photos, notes: e.data.notes, ...base });
      case 'InstallationJobCancelled':
        return put(INSTALLATIONS, id, { ...job, status: 'cancelled', cancelledAt: e.data.at, cancelReason: e.data.reason, ...base });
    }
  },
};
