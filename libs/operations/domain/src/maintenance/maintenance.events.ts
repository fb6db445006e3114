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

/** Nothing recorded yet, or the whole recorded fact: what the view shows now and as of any instant. */
export type MaintenanceState =
  { status: 'none'; maintenanceId: string; siteId: string; powerOnAtNine: null } | ({ status: 'recorded' } & MaintenanceRecorded['data']);

export const initialMaintenanceState = (): MaintenanceState => ({ status: 'none', maintenanceId: '', siteId: '', powerOnAtNine: null });

export function evolveMaintenance(state: MaintenanceState, event: MaintenanceEvent): MaintenanceState {
  switch (event.type) {
    case 'MaintenanceRecorded':
      return { status: 'recorded', ...event.data };
    default:
      return state;
  }
}
