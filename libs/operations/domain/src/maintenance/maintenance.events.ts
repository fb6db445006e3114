import type { Actor, DomainEvent, EvidenceRef } from '@ooh/eventing';

/** Screen switched off then back on; it is expected back on at 09:00 local time (recorded, not enforced). */
export interface PowerCycle {
  offAt: string;
  onAt: string;
}

export type CleaningOutcome = 'done' | 'cleaner-checked';

export type MaintenanceRecorded = DomainEvent<
  'MaintenanceRecorded',
  {
    maintenanceId: string;
    siteId: string;
    performedAt: string;
    localDate: string;
    /** The ISO week (YYYY-Www) this weekly maintenance counts for, in the site's time zone. */
    isoWeek: string;
    powerCycle: PowerCycle | null;
    /** null when there was no power cycle. */
    powerOnAtNine: boolean | null;
    cleaning: CleaningOutcome;
    notes: string | null;
    photos: EvidenceRef[];
    by: Actor;
  }
>;

export type MaintenanceEvent = MaintenanceRecorded;

export interface MaintenanceState {
  status: 'none' | 'recorded';
  maintenanceId: string;
  siteId: string;
  performedAt?: string;
  localDate?: string;
  isoWeek?: string;
  powerOnAtNine: boolean | null;
  performedBy?: Actor;
}

export const initialMaintenanceState = (): MaintenanceState => ({ status: 'none', maintenanceId: '', siteId: '', powerOnAtNine: null });

export function evolveMaintenance(state: MaintenanceState, event: MaintenanceEvent): MaintenanceState {
  switch (event.type) {
    case 'MaintenanceRecorded': {
      const { maintenanceId, siteId, performedAt, localDate, isoWeek, powerOnAtNine, by } = event.data;
      return { status: 'recorded', maintenanceId, siteId, performedAt, localDate, isoWeek, powerOnAtNine, performedBy: by };
    }
    default:
      return state;
  }
}
