import { Inject, Injectable } from '@nestjs/common';
import { notFound, readAll, type ReadModelStore } from '@ooh/eventing';
import { READ_MODELS } from '@ooh/http-kit';
import type { LedgerState } from '@ooh/reporting-domain';
import { LEDGERS } from '../ledgers/ledgers.projection';

/** A campaign's ledgers: the documents linked to its brief, and those linked to its orders (invoices, OOH bookings). */
@Injectable()
export class CampaignLedgers {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelStore) {}

  async of(briefId: string): Promise<LedgerState[]> {
    const direct = await readAll<LedgerState>(this.readModels, LEDGERS, { briefId });
    if (direct.length === 0) throw notFound('CAMPAIGN_NOT_FOUND', `Reporting has no facts of campaign ${briefId}`);
    const orderIds = direct.filter((l) => l.kind === 'media-order').map((l) => l.documentId);
    const viaOrders = orderIds.length ? await readAll<LedgerState>(this.readModels, LEDGERS, { orderId: { $in: orderIds } }) : [];
    const seen = new Set(direct.map((l) => l.ledgerId));
    return [...direct, ...viaOrders.filter((l) => !seen.has(l.ledgerId))];
  }
}
