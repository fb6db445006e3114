import type { Actor, DomainEvent, EvidenceRef } from '@ooh/eventing';
import type { Severity } from '../shared';

export type FaultStatus = 'none' | 'open' | 'acknowledged' | 'resolved' | 'closed';

export type FaultSource = { kind: 'inspection'; inspectionId: string; problemIndex: number } | { kind: 'manual' };

export type FaultOpened = DomainEvent<
  'FaultOpened',
  {
    faultId: string;
    siteId: string;
    severity: Severity;
    description: string;
    photos: EvidenceRef[];
    source: FaultSource;
    openedAt: string;
    slaDeadline: string;
    by: Actor;
  }
>;
export type FaultAcknowledged = DomainEvent<'FaultAcknowledged', { faultId: string; at: string; by: Actor }>;
export type FaultResolved = DomainEvent<
  'FaultResolved',
  { faultId: string; action: string; photos: EvidenceRef[]; resolvedAt: string; withinSla: boolean; by: Actor }
>;
export type FaultResolutionRejected = DomainEvent<'FaultResolutionRejected', { faultId: string; reason: string; at: string; by: Actor }>;
export type FaultClosed = DomainEvent<'FaultClosed', { faultId: string; note: string | null; at: string; by: Actor }>;
export type FaultSlaBreached = DomainEvent<
  'FaultSlaBreached',
  { faultId: string; siteId: string; severity: Severity; slaDeadline: string; detectedAt: string; by: Actor }
>;

export type FaultEvent = FaultOpened | FaultAcknowledged | FaultResolved | FaultResolutionRejected | FaultClosed | FaultSlaBreached;

export interface FaultState {
  status: FaultStatus;
  faultId: string;
  siteId: string;
  severity: Severity;
  description: string;
  openedAt: string;
  slaDeadline: string;
  breached: boolean;
  /** userIds: the four-eyes checks compare people, not roles. */
  openedBy: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  resolvedBy?: string;
  resolvedAt?: string;
  closedBy?: string;
  closedAt?: string;
}

export const initialFaultState = (): FaultState => ({
  status: 'none',
  faultId: '',
  siteId: '',
  severity: 'minor',
  description: '',
  openedAt: '',
  slaDeadline: '',
  breached: false,
  openedBy: '',
});

export function evolveFault(state: FaultState, event: FaultEvent): FaultState {
  switch (event.type) {
    case 'FaultOpened': {
      const { faultId, siteId, severity, description, openedAt, slaDeadline, by } = event.data;
      return { status: 'open', faultId, siteId, severity, description, openedAt, slaDeadline, breached: false, openedBy: by.userId };
    }
    case 'FaultAcknowledged':
      return { ...state, status: 'acknowledged', acknowledgedBy: event.data.by.userId, acknowledgedAt: event.data.at };
    case 'FaultResolved':
      return { ...state, status: 'resolved', resolvedBy: event.data.by.userId, resolvedAt: event.data.resolvedAt };
    case 'FaultResolutionRejected':
      return { ...state, status: 'acknowledged', resolvedBy: undefined, resolvedAt: undefined };
    case 'FaultClosed':
      return { ...state, status: 'closed', closedBy: event.data.by.userId, closedAt: event.data.at };
    case 'FaultSlaBreached':
      return { ...state, breached: true };
    default:
      return state;
  }
}
