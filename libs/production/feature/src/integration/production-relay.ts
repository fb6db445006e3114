import { productionJobOpenedV1, productionMilestoneV1, productionPaymentRequestedV1, productionVendorCostRequestedV1 } from '@ooh/contracts';
import { integrationEnvelope, type IntegrationMessage, type RecordedEvent } from '@ooh/eventing';
import type { RelayDefinition } from '@ooh/http-kit';
import type {
  CfJobClosed,
  CfTicketIssued,
  PrintJobOpened,
  CutReviewedByClient,
  MasterDelivered,
  PrintClientContractSigned,
  PrinterPaymentRequested,
  PrintGoodsDelivered,
  PrintJobClosed,
  PrintSamplesReviewed,
  ProductionContractSigned,
  VendorCostRequested,
} from '@ooh/production-domain';

/** Which production facts are public, and in which contract version. Everything else stays private. */
export function toIntegrationMessage(event: RecordedEvent): IntegrationMessage | undefined {
  switch (event.type) {
    case 'CfTicketIssued':
    case 'PrintJobOpened': {
      const d = event.data as CfTicketIssued['data'] | PrintJobOpened['data'];
      return productionJobOpenedV1.message(
        {
          jobKind: event.type === 'CfTicketIssued' ? 'cf' : 'print',
          jobId: d.jobId,
          briefId: d.briefId ?? null,
          client: { clientId: d.client.clientId, name: d.client.name },
          title: d.title,
          openedAt: d.at,
        },
        integrationEnvelope(event),
      );
    }
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
    case 'VendorCostRequested': {
      const d = event.data as VendorCostRequested['data'];
      const { cost } = d;
      return productionVendorCostRequestedV1.message(
        {
          requestId: cost.costId,
          jobKind: 'cf',
          jobId: d.jobId,
          vendor: cost.vendor,
          category: cost.category,
          milestone: cost.milestone,
          amountFen: cost.amountFen,
          currency: d.currency,
          requestedAt: d.at,
          requestedBy: d.by.userId,
        },
        integrationEnvelope(event),
      );
    }
    case 'PrintClientContractSigned': {
      const d = event.data as PrintClientContractSigned['data'];
      return productionPaymentRequestedV1.message(
        {
          jobKind: 'print',
          jobId: d.jobId,
          milestone: 'prepayment',
          client: d.client,
          title: d.title,
          amountFen: d.prepaymentFen,
          currency: d.currency,
          requestedAt: d.at,
        },
        integrationEnvelope(event),
      );
    }
    case 'PrintSamplesReviewed': {
      const d = event.data as PrintSamplesReviewed['data'];
      if (!d.balance) return undefined;
      const { client, title, amountFen, currency } = d.balance;
      return productionPaymentRequestedV1.message(
        { jobKind: 'print', jobId: d.jobId, milestone: 'balance', client, title, amountFen, currency, requestedAt: d.at },
        integrationEnvelope(event),
      );
    }
    case 'PrinterPaymentRequested': {
      const d = event.data as PrinterPaymentRequested['data'];
      return productionVendorCostRequestedV1.message(
        {
          requestId: d.costId,
          jobKind: 'print',
          jobId: d.jobId,
          vendor: d.printer,
          category: 'printing',
          milestone: d.milestone,
          amountFen: d.amountFen,
          currency: d.currency,
          requestedAt: d.at,
          requestedBy: d.by.userId,
        },
        integrationEnvelope(event),
      );
    }
    default:
      return undefined;
  }
}

/** A job's milestones for reporting and integrators: a second public fact of the same events (its own message id). */
export function toMilestoneMessage(event: RecordedEvent): IntegrationMessage | undefined {
  const envelope = { ...integrationEnvelope(event), messageId: `${event.eventId}:milestone` };
  const base = { jobKind: 'cf' as const, recordedAt: (event.data as { at: string }).at, shortfall: null };
  const print = { ...base, jobKind: 'print' as const, client: null, valueFen: null, cut: null };
  switch (event.type) {
    case 'ProductionContractSigned': {
      const d = event.data as ProductionContractSigned['data'];
      return productionMilestoneV1.message(
        { ...base, jobId: d.jobId, milestone: 'contract-signed', client: d.client, valueFen: d.contract.valueFen, cut: null, occurredOn: d.contract.signedOn },
        envelope,
      );
    }
    case 'CutReviewedByClient': {
      const d = event.data as CutReviewedByClient['data'];
      if (d.decision !== 'approve') return undefined;
      return productionMilestoneV1.message(
        {
          ...base,
          jobId: d.jobId,
          milestone: 'cut-approved',
          client: null,
          valueFen: null,
          cut: { cutNo: d.cutNo, sha256: d.sha256 },
          occurredOn: d.at.slice(0, 10),
        },
        envelope,
      );
    }
    case 'MasterDelivered': {
      const d = event.data as MasterDelivered['data'];
      return productionMilestoneV1.message(
        { ...base, jobId: d.jobId, milestone: 'delivered', client: null, valueFen: null, cut: { cutNo: d.cutNo, sha256: d.sha256 }, occurredOn: d.deliveredOn },
        envelope,
      );
    }
    case 'CfJobClosed': {
      const d = event.data as CfJobClosed['data'];
      return productionMilestoneV1.message(
        { ...base, jobId: d.jobId, milestone: 'closed', client: null, valueFen: null, cut: null, occurredOn: d.at.slice(0, 10) },
        envelope,
      );
    }
    case 'PrintClientContractSigned': {
      const d = event.data as PrintClientContractSigned['data'];
      return productionMilestoneV1.message(
        { ...print, jobId: d.jobId, milestone: 'contract-signed', client: d.client, valueFen: d.valueFen, occurredOn: d.signedOn },
        envelope,
      );
    }
    case 'PrintGoodsDelivered': {
      const d = event.data as PrintGoodsDelivered['data'];
      return productionMilestoneV1.message({ ...print, jobId: d.jobId, milestone: 'delivered', shortfall: d.shortfall, occurredOn: d.deliveredOn }, envelope);
    }
    case 'PrintJobClosed': {
      const d = event.data as PrintJobClosed['data'];
      return productionMilestoneV1.message({ ...print, jobId: d.jobId, milestone: 'closed', occurredOn: d.at.slice(0, 10) }, envelope);
    }
    default:
      return undefined;
  }
}

export const productionMilestonesRelay: RelayDefinition = {
  name: 'production.milestones',
  filter: {
    categories: ['production.cf_job', 'production.print_job'],
    eventTypes: [
      'ProductionContractSigned',
      'CutReviewedByClient',
      'MasterDelivered',
      'CfJobClosed',
      'PrintClientContractSigned',
      'PrintGoodsDelivered',
      'PrintJobClosed',
    ],
  },
  map: toMilestoneMessage,
};

export const productionRelay: RelayDefinition = { name: 'production', filter: { streamPrefix: 'production.' }, map: toIntegrationMessage };
