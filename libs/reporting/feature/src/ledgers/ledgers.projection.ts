import { entityProjection, eventProjection } from '@ooh/eventing';
import { ledgerDecider, type LedgerEvent } from '@ooh/reporting-domain';

export const LEDGERS = 'reporting_ledgers';
export const CAMPAIGNS = 'reporting_campaigns';

/** Each document's ledger: its links and every fact recorded about it. Campaign 360 reads the ledgers of a campaign. */
export const ledgersProjection = entityProjection({
  name: 'reporting.ledgers',
  collection: LEDGERS,
  category: 'reporting.ledger',
  indexes: [['briefId'], ['orderId'], ['kind'], ['firstRecordedAt']],
  decider: ledgerDecider,
  id: (e: LedgerEvent) => e.data.ledgerId,
});

interface CampaignDoc extends Record<string, unknown> {
  briefId: string;
  clientId: string | null;
  campaign: string | null;
  ledgerIds: string[];
  firstRecordedAt: string;
  lastRecordedAt: string;
}

/** The campaigns reporting has heard of (by brief): a directory for lists; the figures come from the ledgers. */
export const campaignsProjection = eventProjection<LedgerEvent>({
  name: 'reporting.campaigns',
  collections: [CAMPAIGNS],
  categories: ['reporting.ledger'],
  indexes: [
    { collection: CAMPAIGNS, fields: ['clientId'] },
    { collection: CAMPAIGNS, fields: ['lastRecordedAt'] },
  ],
  on: {
    FactsRecorded: async (e, ctx) => {
      const { briefId, clientId, campaign } = e.data.links;
      if (!briefId) return;
      const doc = await ctx.get<CampaignDoc>(CAMPAIGNS, briefId);
      const next: CampaignDoc = {
        briefId,
        clientId: doc?.clientId ?? clientId ?? null,
        campaign: doc?.campaign ?? campaign ?? null,
        ledgerIds: doc?.ledgerIds.includes(e.data.ledgerId) ? doc.ledgerIds : [...(doc?.ledgerIds ?? []), e.data.ledgerId],
        firstRecordedAt: doc?.firstRecordedAt ?? e.data.at,
        lastRecordedAt: e.data.at,
      };
      ctx.put(CAMPAIGNS, briefId, next);
    },
  },
});
