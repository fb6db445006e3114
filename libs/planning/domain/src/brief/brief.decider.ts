import { AppError, notFound, ruleViolated, type Actor, type Command, type Decider } from '@ooh/eventing';
import type { ClientSnapshot } from '../shared';
import { evolveBrief, initialBriefState, type BriefContent, type BriefEvent, type BriefState } from './brief.events';

export type CreateBrief = Command<'CreateBrief', { briefId: string; client: ClientSnapshot; content: BriefContent; at: string; by: Actor }>;
export type ReviseBrief = Command<'ReviseBrief', { briefId: string; content: BriefContent; note: string; at: string; by: Actor }>;

export type BriefCommand = CreateBrief | ReviseBrief;

const blank = (text: string) => text.trim() === '';

function requireContent(content: BriefContent): void {
  if (blank(content.campaign)) throw ruleViolated('CAMPAIGN_REQUIRED', 'A brief names its campaign');
  if (content.objectives.length === 0 || content.objectives.some(blank)) throw ruleViolated('OBJECTIVES_REQUIRED', 'A brief states at least one objective');
  if (content.markets.length === 0) throw ruleViolated('MARKETS_REQUIRED', 'A brief names at least one market');
  if (content.period.end < content.period.start) throw ruleViolated('PERIOD_REVERSED', 'The campaign period ends before it starts');
  if (content.budget.amountFen <= 0) throw ruleViolated('BUDGET_REQUIRED', 'A brief has a budget');
  const seen = new Set<string>();
  for (const kpi of content.kpis) {
    const key = `${kpi.metric}/${kpi.channel ?? 'campaign'}`;
    if (seen.has(key)) throw ruleViolated('KPI_REPEATED', `One target per metric and channel: ${key} appears twice`);
    seen.add(key);
    if (kpi.metric === 'reach' && kpi.target > 100) throw ruleViolated('KPI_OUT_OF_RANGE', 'A reach target is a percent of the audience (at most 100)');
    if (kpi.metric === 'frequency' && kpi.target < 1) throw ruleViolated('KPI_OUT_OF_RANGE', 'A frequency target is at least 1');
  }
}

/** Campaign briefs, versioned: every version is kept; a revision says why. */
export function decideBrief(command: BriefCommand, state: BriefState): BriefEvent[] {
  switch (command.type) {
    case 'CreateBrief': {
      const { briefId, client, content, at, by } = command.data;
      if (state.status !== 'none') throw new AppError('conflict', 'BRIEF_ALREADY_EXISTS', `Brief ${briefId} already exists`);
      if (client.status === 'none') throw notFound('CLIENT_NOT_FOUND', `No client ${client.clientId}`);
      if (client.status === 'archived') throw ruleViolated('CLIENT_ARCHIVED', `Client ${client.clientId} is archived`);
      requireContent(content);
      return [{ type: 'BriefCreated', data: { briefId, clientId: client.clientId, clientName: client.name, content, at, by } }];
    }
    case 'ReviseBrief': {
      const { briefId, content, note, at, by } = command.data;
      if (state.status === 'none') throw notFound('BRIEF_NOT_FOUND', `No brief ${briefId}`);
      requireContent(content);
      if (blank(note)) throw ruleViolated('NOTE_REQUIRED', 'A revision says what changed and why');
      const { version: _v, note: _n, at: _a, by: _b, ...current } = state.current!;
      const keys = Object.keys(content) as Array<keyof BriefContent>;
      if (keys.every((key) => JSON.stringify(current[key]) === JSON.stringify(content[key])))
        throw ruleViolated('NOTHING_CHANGED', 'The revision changes nothing');
      if (content.budget.currency !== state.current!.budget.currency) throw ruleViolated('CURRENCY_CHANGED', 'A brief keeps its currency');
      return [{ type: 'BriefRevised', data: { briefId, version: state.versions.length + 1, content, note, at, by } }];
    }
  }
}

export const briefDecider: Decider<BriefCommand, BriefEvent, BriefState> = {
  decide: decideBrief,
  evolve: evolveBrief,
  initialState: initialBriefState,
};
