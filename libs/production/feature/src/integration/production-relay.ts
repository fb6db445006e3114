import { productionPaymentRequestedV1 } from '@ooh/contracts';
import { integrationEnvelope, type IntegrationMessage, type RecordedEvent } from '@ooh/eventing';
import type { RelayDefinition } from '@ooh/http-kit';
import type { CutReviewedByClient, ProductionContractSigned } from '@ooh/production-domain';

/** Which production facts are public, and in which contract version. Everything else stays private. */
export function toIntegrationMessage(event: RecordedEvent): IntegrationMessage | undefined {
  switch (event.type) {
    case 'ProductionContractSigned': {
      const d = event.data as ProductionContractSigned['data'];
      return productionPaymentRequestedV1.message(
        {
          jobKind: 'cf',
          jobId: d.jobId,
          milestone: 'prepayment',
          client: d.client,
          title: `CF job ${d.jobId}`,
          amountFen: d.contract.prepaymentFen,
          currency: d.contract.currency,
          requestedAt: d.at,
        },
        integrationEnvelope(event),
      );
    }
    case 'CutReviewedByClient': {
      const d = event.data as CutReviewedByClient['data'];
      if (!d.balance) return undefined;
      return productionPaymentRequestedV1.message(
        {
          jobKind: 'cf',
          jobId: d.jobId,
          milestone: 'balance',
          client: d.balance.client,
          title: d.balance.title,
          amountFen: d.balance.amountFen,
          currency: d.balance.currency,
          requestedAt: d.at,
        },
        integrationEnvelope(event),
      );
    }
    default:
      return undefined;
  }
}

export const productionRelay: RelayDefinition = { name: 'production', filter: { streamPrefix: 'production.' }, map: toIntegrationMessage };
