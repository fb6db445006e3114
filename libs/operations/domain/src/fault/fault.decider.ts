import {
  AppError,
  assertNever,
  invalid,
  notFound,
  requireSecondPerson,
  ruleViolated,
  type Actor,
  type Command,
  type Decider,
  type EvidenceRef,
} from '@ooh/eventing';
import { addHours, instantMillis } from '@ooh/calendar';
import { isBlank, requirePhotos, requireWorkableSite, type Severity, type SiteSnapshot, type SlaPolicy } from '../shared';
import { evolveFault, initialFaultState, type FaultEvent, type FaultSlaBreached, type FaultSource, type FaultState } from './fault.events';

export type OpenFault = Command<
  'OpenFault',
  {
    faultId: string;
    siteId: string;
    site: SiteSnapshot;
    severity: Severity;
    description: string;
    photos: EvidenceRef[];
    source: FaultSource;
    at: string;
    sla: SlaPolicy;
    by: Actor;
  }
>;
/** `note`: what the person taking the ticket says (e.g. who is on the way). */
export type AcknowledgeFault = Command<'AcknowledgeFault', { faultId: string; note?: string | null; at: string; by: Actor }>;
export type ResolveFault = Command<'ResolveFault', { faultId: string; action: string; photos: EvidenceRef[]; at: string; by: Actor }>;
export type RejectFaultResolution = Command<'RejectFaultResolution', { faultId: string; reason: string; at: string; by: Actor }>;
export type CloseFault = Command<'CloseFault', { faultId: string; note?: string; at: string; by: Actor }>;
/** Issued by the scheduler when it sees a deadline pass. */
export type RecordSlaBreach = Command<'RecordSlaBreach', { faultId: string; at: string; by: Actor }>;

export type FaultCommand = OpenFault | AcknowledgeFault | ResolveFault | RejectFaultResolution | CloseFault | RecordSlaBreach;

function slaHours(sla: SlaPolicy, severity: Severity): number {
  const hours = severity === 'major' ? sla.majorHours : sla.minorHours;
  if (!Number.isFinite(hours) || hours <= 0) throw invalid('SLA_POLICY_INVALID', `SLA hours for ${severity} faults must be positive`);
  return hours;
}

function requireFault(state: FaultState, faultId: string): void {
  if (state.status === 'none') throw notFound('FAULT_NOT_FOUND', `Fault ${faultId} does not exist`);
}

function requireResolved(state: FaultState, faultId: string): void {
  requireFault(state, faultId);
  if (state.status !== 'resolved') throw ruleViolated('FAULT_NOT_RESOLVED', `Fault ${faultId} is ${state.status}, not resolved`);
}

const breach = (state: FaultState, at: string, by: Actor): FaultSlaBreached => ({
  type: 'FaultSlaBreached',
  data: { faultId: state.faultId, siteId: state.siteId, severity: state.severity, slaDeadline: state.slaDeadline, detectedAt: at, by },
});

export function decideFault(command: FaultCommand, state: FaultState): FaultEvent[] {
  switch (command.type) {
    case 'OpenFault': {
      const { faultId, siteId, site, severity, description, photos, source, at, sla, by } = command.data;
      if (state.status !== 'none') throw new AppError('conflict', 'FAULT_ALREADY_OPENED', `Fault ${faultId} is already opened`);
      requireWorkableSite(site, siteId);
      if (isBlank(description)) throw ruleViolated('DESCRIPTION_REQUIRED', 'A fault needs a description');
      const slaDeadline = addHours(at, slaHours(sla, severity));
      return [
        {
          type: 'FaultOpened',
          data: { faultId, siteId, severity, description, photos: [...photos], source, openedAt: at, slaDeadline, by },
        },
      ];
    }
    case 'AcknowledgeFault': {
      const { faultId, note, at, by } = command.data;
      requireFault(state, faultId);
      if (state.status !== 'open') throw ruleViolated('FAULT_NOT_OPEN', `Fault ${faultId} is ${state.status}, not open`);
      return [{ type: 'FaultAcknowledged', data: { faultId, ...(isBlank(note) ? {} : { note: note! }), at, by } }];
    }
    case 'ResolveFault': {
      const { faultId, action, photos, at, by } = command.data;
      requireFault(state, faultId);
      if (state.status !== 'acknowledged') {
        throw ruleViolated('FAULT_NOT_ACKNOWLEDGED', `Fault ${faultId} is ${state.status}; only an acknowledged fault can be resolved`);
      }
      requirePhotos(photos, 'Resolving a fault');
      if (isBlank(action)) throw ruleViolated('ACTION_REQUIRED', 'Resolving a fault needs the action taken');
      const withinSla = instantMillis(at) <= instantMillis(state.slaDeadline);
      const resolved: FaultEvent = { type: 'FaultResolved', data: { faultId, action, photos: [...photos], resolvedAt: at, withinSla, by } };
      return !withinSla && !state.breached ? [breach(state, at, by), resolved] : [resolved];
    }
    case 'RejectFaultResolution': {
      const { faultId, reason, at, by } = command.data;
      requireResolved(state, faultId);
      requireSecondPerson(by, state.resolvedBy?.userId, 'Rejecting a fault resolution');
      if (isBlank(reason)) throw ruleViolated('REASON_REQUIRED', 'Rejecting a resolution needs a reason');
      return [{ type: 'FaultResolutionRejected', data: { faultId, reason, at, by } }];
    }
    case 'CloseFault': {
      const { faultId, note, at, by } = command.data;
      requireResolved(state, faultId);
      requireSecondPerson(by, state.resolvedBy?.userId, 'Closing a fault');
      return [{ type: 'FaultClosed', data: { faultId, note: note ?? null, at, by } }];
    }
    case 'RecordSlaBreach': {
      const { faultId, at, by } = command.data;
      requireFault(state, faultId);
      const running = state.status === 'open' || state.status === 'acknowledged';
      if (!running || state.breached || instantMillis(at) <= instantMillis(state.slaDeadline)) return [];
      return [breach(state, at, by)];
    }
    default:
      return assertNever(command);
  }
}

export const faultDecider: Decider<FaultCommand, FaultEvent, FaultState> = {
  decide: decideFault,
  evolve: evolveFault,
  initialState: initialFaultState,
};
