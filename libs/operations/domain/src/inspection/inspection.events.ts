import type { Actor, DomainEvent, EvidenceRef } from '@ooh/eventing';
import type { Severity } from '../shared';

export interface InspectionChecks {
  deviceRunning: boolean;
  adsCorrect: boolean;
  safetyHazardFound: boolean;
  clean: boolean;
}

export interface InspectionProblem {
  description: string;
  severity: Severity;
}

export type InspectionRecorded = DomainEvent<
  'InspectionRecorded',
  {
    inspectionId: string;
    siteId: string;
    performedAt: string;
    /** performedAt as a calendar date in the site's time zone: the day the inspection counts for. */
    localDate: string;
    checks: InspectionChecks;
    problems: InspectionProblem[];
    notes: string | null;
    photos: EvidenceRef[];
    by: Actor;
  }
>;

export type InspectionEvent = InspectionRecorded;

/** Nothing recorded yet, or the whole recorded fact: what the view shows now and as of any instant. */
export type InspectionState =
  { status: 'none'; inspectionId: string; siteId: string; problems: InspectionProblem[] } | ({ status: 'recorded' } & InspectionRecorded['data']);

export const initialInspectionState = (): InspectionState => ({ status: 'none', inspectionId: '', siteId: '', problems: [] });

export function evolveInspection(state: InspectionState, event: InspectionEvent): InspectionState {
  switch (event.type) {
    case 'InspectionRecorded':
      return { status: 'recorded', ...event.data };
    default:
      return state;
  }
}

export interface FaultToOpen extends InspectionProblem {
  problemIndex: number;
}

/** One fault per reported problem; the application derives the fault id from (inspectionId, problemIndex). */
export const faultsToOpen = (event: InspectionRecorded): FaultToOpen[] =>
  event.data.problems.map((problem, problemIndex) => ({ problemIndex, description: problem.description, severity: problem.severity }));
