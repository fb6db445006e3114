import { AppError, assertNever, ruleViolated, type Actor, type Command, type Decider, type EvidenceRef } from '@ooh/eventing';
import { instantMillis, isoWeekOf, localDate, localTime } from '@ooh/calendar';
import { isEMedia, requirePerformedInWindow, requirePhotos, requireWorkableSite, type SiteSnapshot } from '../shared';
import {
  evolveMaintenance,
  initialMaintenanceState,
  type CleaningOutcome,
  type MaintenanceEvent,
  type MaintenanceState,
  type PowerCycle,
} from './maintenance.events';

export type RecordMaintenance = Command<
  'RecordMaintenance',
  {
    maintenanceId: string;
    siteId: string;
    site: SiteSnapshot;
    performedAt: string;
    /** Now, as read by the application's clock. */
    at: string;
    timeZone: string;
    powerCycle?: PowerCycle;
    cleaning: CleaningOutcome;
    notes?: string;
    photos: EvidenceRef[];
    by: Actor;
  }
>;

export type MaintenanceCommand = RecordMaintenance;

export function decideMaintenance(command: MaintenanceCommand, state: MaintenanceState): MaintenanceEvent[] {
  switch (command.type) {
    case 'RecordMaintenance': {
      const { maintenanceId, siteId, site, performedAt, at, timeZone, powerCycle, cleaning, notes, photos, by } = command.data;
      if (state.status !== 'none') {
        throw new AppError('conflict', 'MAINTENANCE_ALREADY_RECORDED', `Maintenance ${maintenanceId} is already recorded`);
      }
      requireWorkableSite(site, siteId);
      requirePerformedInWindow(site, siteId, performedAt, at, 'Maintenance');
      requirePhotos(photos, 'Maintenance');
      if (!powerCycle && isEMedia(site.kind)) {
        throw ruleViolated('POWER_CYCLE_REQUIRED', `Weekly maintenance of a ${site.kind} site includes a power cycle`);
      }
      if (powerCycle && instantMillis(powerCycle.onAt) <= instantMillis(powerCycle.offAt)) {
        throw ruleViolated('POWER_CYCLE_INVALID', 'The power must come back on after it was switched off');
      }
      return [
        {
          type: 'MaintenanceRecorded',
          data: {
            maintenanceId,
            siteId,
            performedAt,
            localDate: localDate(performedAt, timeZone),
            isoWeek: isoWeekOf(performedAt, timeZone),
            powerCycle: powerCycle ? { offAt: powerCycle.offAt, onAt: powerCycle.onAt } : null,
            powerOnAtNine: powerCycle ? localTime(powerCycle.onAt, timeZone) === '09:00' : null,
            cleaning,
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

export const maintenanceDecider: Decider<MaintenanceCommand, MaintenanceEvent, MaintenanceState> = {
  decide: decideMaintenance,
  evolve: evolveMaintenance,
  initialState: initialMaintenanceState,
};
