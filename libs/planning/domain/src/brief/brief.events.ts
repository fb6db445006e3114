import { streamName, type Actor, type DomainEvent } from '@ooh/eventing';

/** One stream per campaign brief: `planning.brief-<id>`. The brief names the campaign its budget and plans belong to. */
export const briefStream = (briefId: string): string => streamName('planning', 'brief', briefId);

export const GENDERS = ['all', 'female', 'male'] as const;

export const KPI_METRICS = ['impressions', 'grp', 'reach', 'frequency', 'cpm', 'cpp'] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];

/** A measurable target of the campaign (for one channel, or the whole campaign): what the post-buy report is judged against. */
export interface BriefKpi {
  metric: KpiMetric;
  channel: string | null;
  /** impressions, GRP, reach %, frequency: at least; cost per thousand or per point (fen): at most. */
  target: number;
}

export interface BriefContent {
  campaign: string;
  objectives: string[];
  kpis: BriefKpi[];
  audience: { ageBands: string[]; gender: (typeof GENDERS)[number]; regions: string[]; habits: string[] };
  markets: string[];
  budget: { amountFen: number; currency: string };
  period: { start: string; end: string };
  research: { competitors: string[]; trends: string[] };
  mandatoryItems: string[];
}

export interface BriefVersion extends BriefContent {
  version: number;
  note: string | null;
  at: string;
  by: Actor;
}

export type BriefCreated = DomainEvent<'BriefCreated', { briefId: string; clientId: string; clientName: string; content: BriefContent; at: string; by: Actor }>;
export type BriefRevised = DomainEvent<'BriefRevised', { briefId: string; version: number; content: BriefContent; note: string; at: string; by: Actor }>;

export type BriefEvent = BriefCreated | BriefRevised;

export interface BriefState {
  status: 'none' | 'active';
  briefId: string;
  clientId: string;
  clientName: string;
  /** The latest version's content, and every version kept. */
  current: BriefVersion | null;
  versions: BriefVersion[];
}

export const initialBriefState = (): BriefState => ({ status: 'none', briefId: '', clientId: '', clientName: '', current: null, versions: [] });

export function evolveBrief(state: BriefState, event: BriefEvent): BriefState {
  switch (event.type) {
    case 'BriefCreated': {
      const { briefId, clientId, clientName, content, at, by } = event.data;
      // Briefs recorded before KPIs existed have none.
      const v1: BriefVersion = { ...content, kpis: content.kpis ?? [], version: 1, note: null, at, by };
      return { status: 'active', briefId, clientId, clientName, current: v1, versions: [v1] };
    }
    case 'BriefRevised': {
      const { version, content, note, at, by } = event.data;
      const next: BriefVersion = { ...content, kpis: content.kpis ?? [], version, note, at, by };
      return { ...state, current: next, versions: [...state.versions, next] };
    }
  }
}
