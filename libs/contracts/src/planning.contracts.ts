import { z } from 'zod';
import { defineContract, field } from './contract';

const channel = () => z.enum(['tv', 'radio', 'newspaper', 'magazine', 'outdoor', 'online', 'social']);
const fenOrZero = () => z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const clientRegisteredV1 = defineContract({
  type: 'planning.client-registered',
  version: 1,
  producer: 'planning',
  consumers: ['buying', 'integrators'],
  description: 'An account manager registered a client file (客户档案).',
  data: z.strictObject({ clientId: field.text(), name: field.text(), industry: field.text(), registeredAt: field.instant() }),
});
export type ClientRegisteredV1 = z.output<typeof clientRegisteredV1.data>;

export const clientUpdatedV1 = defineContract({
  type: 'planning.client-updated',
  version: 1,
  producer: 'planning',
  consumers: ['buying', 'integrators'],
  description: 'A client file was renamed, moved to another industry, or archived (contacts and notes stay private): null is unchanged.',
  data: z.strictObject({
    clientId: field.text(),
    name: field.text().nullable(),
    industry: field.text().nullable(),
    archived: z.boolean(),
    updatedAt: field.instant(),
  }),
});
export type ClientUpdatedV1 = z.output<typeof clientUpdatedV1.data>;

export const briefIssuedV1 = defineContract({
  type: 'planning.brief-issued',
  version: 1,
  producer: 'planning',
  consumers: ['production', 'reporting', 'integrators'],
  description:
    'A campaign brief was created or revised (a new version): its campaign, objectives, measurable targets (KPIs: impressions, GRP, reach %, frequency at least; CPM, CPP in net fen at most; per channel or for the campaign), markets, period and budget.',
  data: z.strictObject({
    briefId: field.text(),
    version: z.number().int().min(1),
    clientId: field.text(),
    campaign: field.text(),
    objectives: z.array(field.text()),
    kpis: z.array(
      z.strictObject({ metric: z.enum(['impressions', 'grp', 'reach', 'frequency', 'cpm', 'cpp']), channel: channel().nullable(), target: z.number().min(0) }),
    ),
    markets: z.array(field.text()),
    period: z.strictObject({ start: field.date(), end: field.date() }),
    budgetFen: field.fen(),
    currency: field.currency(),
    issuedAt: field.instant(),
  }),
});
export type BriefIssuedV1 = z.output<typeof briefIssuedV1.data>;

export const budgetAuthorizedV1 = defineContract({
  type: 'planning.budget-authorized',
  version: 1,
  producer: 'planning',
  consumers: ['buying', 'reporting', 'integrators'],
  description: 'The client authorized a campaign budget by channel and/or month (its PO recorded): buying orders may not exceed it.',
  data: z.strictObject({
    authorizationId: field.text(),
    briefId: field.text(),
    clientId: field.text(),
    poReference: field.text(),
    currency: field.currency(),
    buckets: z
      .array(
        z.strictObject({
          channel: channel().nullable(),
          month: z
            .string()
            .regex(/^\d{4}-\d{2}$/)
            .nullable(),
          amountFen: field.fen(),
        }),
      )
      .min(1),
    totalFen: field.fen(),
    authorizedAt: field.instant(),
  }),
});
export type BudgetAuthorizedV1 = z.output<typeof budgetAuthorizedV1.data>;

const planLine = () =>
  z.strictObject({
    lineId: field.text(),
    channel: channel(),
    vendor: z.strictObject({ vendorId: field.text(), name: field.text() }),
    property: field.text(),
    faces: z.array(z.strictObject({ siteId: field.text(), face: field.text() })),
    market: field.text(),
    flight: z.strictObject({ start: field.date(), end: field.date() }),
    weeks: z.array(z.strictObject({ weekStart: field.date(), units: z.number().int().min(0) })),
    pricing: z.enum(['per-spot', 'cpm', 'cpp', 'flat', 'per-insertion', 'per-face-day']),
    grossRateFen: fenOrZero(),
    commissionPercent: z.number().min(0).max(100),
    units: z.number().int().min(0),
    grossFen: fenOrZero(),
    netFen: fenOrZero(),
  });

export const mediaPlanApprovedV1 = defineContract({
  type: 'planning.media-plan-approved',
  version: 1,
  producer: 'planning',
  consumers: ['buying', 'reporting', 'integrators'],
  description: 'The client approved a version of a media plan (bound to its content hash): its lines and totals, from which buying drafts orders.',
  data: z.strictObject({
    planId: field.text(),
    version: z.number().int().min(1),
    contentHash: field.text(),
    briefId: field.text(),
    clientId: field.text(),
    campaign: field.text(),
    currency: field.currency(),
    lines: z.array(planLine()).min(1),
    totals: z.strictObject({
      grossFen: fenOrZero(),
      netFen: fenOrZero(),
      byChannel: z.record(z.string(), fenOrZero()),
      byMonth: z.record(z.string(), fenOrZero()),
    }),
    approvedAt: field.instant(),
  }),
});
export type MediaPlanApprovedV1 = z.output<typeof mediaPlanApprovedV1.data>;

const estimate = () => z.number().min(0).max(1e12).nullable();

export const mediaPlanEstimatesV1 = defineContract({
  type: 'planning.media-plan-estimates',
  version: 1,
  producer: 'planning',
  consumers: ['buying', 'reporting', 'integrators'],
  description:
    'The audience a client-approved plan version promised, line by line (impressions, GRP, reach %, average frequency, and the net cost per thousand and per point): the baseline of the post-campaign evaluation. Published with each approval.',
  data: z.strictObject({
    planId: field.text(),
    version: z.number().int().min(1),
    briefId: field.text(),
    lines: z.array(
      z.strictObject({
        lineId: field.text(),
        channel: channel(),
        vendor: z.strictObject({ vendorId: field.text(), name: field.text() }),
        pricing: z.enum(['per-spot', 'cpm', 'cpp', 'flat', 'per-insertion', 'per-face-day']),
        targetDemo: z.string().nullable(),
        netFen: fenOrZero(),
        estimates: z.strictObject({ impressions: estimate(), grp: estimate(), reach: estimate(), frequency: estimate() }),
        cpmFen: fenOrZero().nullable(),
        cppFen: fenOrZero().nullable(),
      }),
    ),
    approvedAt: field.instant(),
  }),
});
export type MediaPlanEstimatesV1 = z.output<typeof mediaPlanEstimatesV1.data>;

export const proposalOutcomeV1 = defineContract({
  type: 'planning.proposal-outcome',
  version: 1,
  producer: 'planning',
  consumers: ['integrators'],
  description: 'The client approved or rejected the version of a media plan presented to it (提案).',
  data: z.strictObject({
    planId: field.text(),
    version: z.number().int().min(1),
    clientId: field.text(),
    outcome: z.enum(['approved', 'rejected']),
    feedback: z.array(z.string()),
    decidedAt: field.instant(),
  }),
});
export type ProposalOutcomeV1 = z.output<typeof proposalOutcomeV1.data>;

export const meetingFlaggedV1 = defineContract({
  type: 'planning.meeting-flagged',
  version: 1,
  producer: 'planning',
  consumers: ['integrators'],
  description: 'A new-client meeting is 24 h away and its checklist is incomplete (notice, client confirmation, materials, transport).',
  data: z.strictObject({
    meetingId: field.text(),
    clientId: field.text(),
    startsAt: field.instant(),
    missing: z.array(z.enum(['noticeSent', 'clientConfirmed', 'materialsPrepared', 'transportArranged'])).min(1),
    flaggedAt: field.instant(),
  }),
});
export type MeetingFlaggedV1 = z.output<typeof meetingFlaggedV1.data>;
