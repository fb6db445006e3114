import { AppError, assertNever, deterministicId, ruleViolated, type Actor, type Command, type Decider, type EvidenceRef } from '@ooh/eventing';
import { localDate } from '@ooh/calendar';
import { isBlank, requirePerformedInWindow, requirePhotos, requireWorkableSite, type SiteSnapshot } from '../shared';
import {
  evolveInspection,
  initialInspectionState,
  type InspectionChecks,
  type InspectionEvent,
  type InspectionProblem,
  type InspectionState,
} from './inspection.events';

export type RecordInspection = Command<
  'RecordInspection',
  {
    inspectionId: string;
    siteId: string;
    site: SiteSnapshot;
    performedAt: string;
    /** Now, as read by the application's clock. */
    at: string;
    timeZone: string;
    checks: InspectionChecks;
    problems: InspectionProblem[];
    notes?: string;
    photos: EvidenceRef[];
    by: Actor;
  }
>;

export type InspectionCommand = RecordInspection;

const anyCheckFailed = (c: InspectionChecks): boolean => !c.deviceRunning || !c.adsCorrect || c.safetyHazardFound || !c.clean;

export function decideInspection(command: InspectionCommand, state: InspectionState): InspectionEvent[] {
  switch (command.type) {
    case 'RecordInspection': {
      const { inspectionId, siteId, site, performedAt, at, timeZone, checks, problems, notes, photos, by } = command.data;
      if (state.status !== 'none') {
        throw new AppError('conflict', 'INSPECTION_ALREADY_RECORDED', `Inspection ${inspectionId} is already recorded`);
      }
      requireWorkableSite(site, siteId);
      requirePerformedInWindow(site, siteId, performedAt, at, 'An inspection');
      requirePhotos(photos, 'An inspection');
      if (anyCheckFailed(checks) && problems.length === 0) {
        throw ruleViolated('PROBLEM_DESCRIPTION_REQUIRED', 'A failed check needs at least one described problem');
      }
      if (problems.some((p) => isBlank(p.description))) {
        throw ruleViolated('PROBLEM_DESCRIPTION_REQUIRED', 'Every reported problem needs a description');
      }
      return [
        {
          type: 'InspectionRecorded',
          data: {
            inspectionId,
            siteId,
            performedAt,
            localDate: localDate(performedAt, timeZone),
            checks: {
              deviceRunning: checks.deviceRunning,
              adsCorrect: checks.adsCorrect,
              safetyHazardFound: checks.safetyHazardFound,
              clean: checks.clean,
            },
            problems: problems.map(({ description, severity }) => ({ description, severity })),
            notes: notes ?? null,
            photos: [...photos],
            by,
          },
        },
      ];
    }
    default:
      // A one-member union doesn't narrow `command` itself, only its discriminant.
      return assertNever(command.type);
  }
}

export const inspectionDecider: Decider<InspectionCommand, InspectionEvent, InspectionState> = {
  decide: decideInspection,
  evolve: evolveInspection,
  initialState: initialInspectionState,
};

/** The fault opened for problem `index` of an inspection always gets the same id. */
export const faultIdForProblem = (inspectionId: string, index: number): string => deterministicId('inspection-fault', inspectionId, String(index));
