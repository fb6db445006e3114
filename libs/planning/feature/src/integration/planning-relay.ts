import {
  briefIssuedV1,
  type BriefIssuedV1,
  budgetAuthorizedV1,
  clientRegisteredV1,
  clientUpdatedV1,
  mediaPlanApprovedV1,
  mediaPlanEstimatesV1,
  meetingFlaggedV1,
  proposalOutcomeV1,
} from '@ooh/contracts';
import { integrationEnvelope, type IntegrationMessage, type RecordedEvent } from '@ooh/eventing';
import type { RelayDefinition, StateRelayDefinition } from '@ooh/http-kit';
import { briefDecider, type BriefState } from '@ooh/planning-domain';
import type {
  BudgetAuthorized,
  ClientArchived,
  ClientRegistered,
  ClientUpdated,
  MeetingChecklistFlagged,
  PlanApprovedByClient,
  PlanRejectedByClient,
} from '@ooh/planning-domain';

/** Which planning facts are public, and in which contract version. Everything else stays private. */
export function toIntegrationMessage(event: RecordedEvent): IntegrationMessage | undefined {
  const envelope = integrationEnvelope(event);
  switch (event.type) {
    case 'ClientRegistered': {
      const d = event.data as ClientRegistered['data'];
      return clientRegisteredV1.message({ clientId: d.clientId, name: d.name, industry: d.industry, registeredAt: d.at }, envelope);
    }
    case 'ClientUpdated': {
      const d = event.data as ClientUpdated['data'];
      if (d.changes.name === undefined && d.changes.industry === undefined) return undefined;
      return clientUpdatedV1.message(
        { clientId: d.clientId, name: d.changes.name ?? null, industry: d.changes.industry ?? null, archived: false, updatedAt: d.at },
        envelope,
      );
    }
    case 'ClientArchived': {
      const d = event.data as ClientArchived['data'];
      return clientUpdatedV1.message({ clientId: d.clientId, name: null, industry: null, archived: true, updatedAt: d.at }, envelope);
    }
    case 'BudgetAuthorized': {
      const d = event.data as BudgetAuthorized['data'];
      const { authorizationId, briefId, clientId, poReference, currency, buckets, totalFen } = d;
      return budgetAuthorizedV1.message({ authorizationId, briefId, clientId, poReference, currency, buckets, totalFen, authorizedAt: d.at }, envelope);
    }
    case 'PlanApprovedByClient': {
      const d = event.data as PlanApprovedByClient['data'];
      const lines = d.lines.map((l) => ({
        lineId: l.lineId,
        channel: l.channel,
        vendor: l.vendor,
        property: l.property,
        faces: l.faces,
        market: l.market,
        flight: l.flight,
        weeks: l.weeks,
        pricing: l.pricing,
        grossRateFen: l.grossRateFen,
        commissionPercent: l.commissionPercent,
        units: l.units,
        grossFen: l.grossFen,
        netFen: l.netFen,
      }));
      const { planId, version, contentHash, briefId, clientId, campaign, currency } = d;
      const totals = { grossFen: d.totals.grossFen, netFen: d.totals.netFen, byChannel: d.totals.byChannel, byMonth: d.totals.byMonth };
      return mediaPlanApprovedV1.message({ planId, version, contentHash, briefId, clientId, campaign, currency, lines, totals, approvedAt: d.at }, envelope);
    }
    case 'MeetingChecklistFlagged': {
      const d = event.data as MeetingChecklistFlagged['data'];
      return meetingFlaggedV1.message({ meetingId: d.meetingId, clientId: d.clientId, startsAt: d.startsAt, missing: d.missing, flaggedAt: d.at }, envelope);
    }
    default:
      return undefined;
  }
}

/** The outcome of each presentation to the client, a second public fact of the same events (its own message id). */
export function toProposalOutcome(event: RecordedEvent): IntegrationMessage | undefined {
  const envelope = { ...integrationEnvelope(event), messageId: `${event.eventId}:proposal-outcome` };
  switch (event.type) {
    case 'PlanApprovedByClient': {
      const d = event.data as PlanApprovedByClient['data'];
      return proposalOutcomeV1.message(
        { planId: d.planId, version: d.version, clientId: d.clientId, outcome: 'approved', feedback: [], decidedAt: d.at },
        envelope,
      );
    }
    case 'PlanRejectedByClient': {
      const d = event.data as PlanRejectedByClient['data'];
      return proposalOutcomeV1.message(
        { planId: d.planId, version: d.version, clientId: d.clientId, outcome: 'rejected', feedback: d.feedback, decidedAt: d.at },
        envelope,
      );
    }
    default:
      return undefined;
  }
}

/** The audience an approved plan version promised, a third public fact of its approval (its own message id). */
export function toPlanEstimates(event: RecordedEvent): IntegrationMessage | undefined {
  if (event.type !== 'PlanApprovedByClient') return undefined;
  const d = event.data as PlanApprovedByClient['data'];
  const lines = d.lines.map((l) => ({
    lineId: l.lineId,
    channel: l.channel,
    vendor: l.vendor,
    pricing: l.pricing,
    targetDemo: l.targetDemo ?? null,
    netFen: l.netFen,
    estimates: l.estimates,
    cpmFen: l.cpmFen,
    cppFen: l.cppFen,
  }));
  const envelope = { ...integrationEnvelope(event), messageId: `${event.eventId}:estimates` };
  return mediaPlanEstimatesV1.message({ planId: d.planId, version: d.version, briefId: d.briefId, lines, approvedAt: d.at }, envelope);
}

export const planningRelay: RelayDefinition = { name: 'planning', filter: { streamPrefix: 'planning.' }, map: toIntegrationMessage };
export const proposalOutcomeRelay: RelayDefinition = {
  name: 'planning.proposal-outcomes',
  filter: { categories: ['planning.media_plan'], eventTypes: ['PlanApprovedByClient', 'PlanRejectedByClient'] },
  map: toProposalOutcome,
};
export const planEstimatesRelay: RelayDefinition = {
  name: 'planning.plan-estimates',
  filter: { categories: ['planning.media_plan'], eventTypes: ['PlanApprovedByClient'] },
  map: toPlanEstimates,
};

/** Each version of a brief, published whole from the brief's state (a revision's event does not repeat the client). */
export const briefRelay: StateRelayDefinition<BriefState> = {
  name: 'planning.briefs',
  category: 'planning.brief',
  decider: briefDecider,
  map(event, _before, after) {
    const c = after.current;
    if (!c || !['BriefCreated', 'BriefRevised'].includes(event.type)) return undefined;
    type Channel = BriefIssuedV1['kpis'][number]['channel'];
    return briefIssuedV1.message(
      {
        briefId: after.briefId,
        version: c.version,
        clientId: after.clientId,
        campaign: c.campaign,
        objectives: c.objectives,
        kpis: c.kpis.map((k) => ({ metric: k.metric, channel: k.channel as Channel, target: k.target })),
        markets: c.markets,
        period: { start: c.period.start, end: c.period.end },
        budgetFen: c.budget.amountFen,
        currency: c.budget.currency,
        issuedAt: c.at,
      },
      integrationEnvelope(event),
    );
  },
};
