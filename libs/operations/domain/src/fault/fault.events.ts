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
/** `note` since the note sent with an acknowledgement is kept (absent in older events). */
export type FaultAcknowledged = DomainEvent<'FaultAcknowledged', { faultId: string; note?: string; at: string; by: Actor }>;
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
  photos: EvidenceRef[];
  source: FaultSource;
  openedAt: string;
  slaDeadline: string;
  breached: boolean;
  breachDetectedAt?: string;
  /** Four-eyes checks compare `userId`s, never roles. */
  openedBy: Actor;
  acknowledgedBy?: Actor;
  acknowledgedAt?: string;
  acknowledgementNote?: string;
  /** null again once a resolution is rejected. */
  resolvedBy?: Actor | null;
  resolvedAt?: string | null;
  resolution?: string;
  resolutionPhotos?: EvidenceRef[];
  withinSla?: boolean;
  /** The reason of the last rejected resolution. */
  lastRejection?: string;
  closedBy?: Actor;
  closedAt?: string;
}

export const initialFaultState = (): FaultState => ({
  status: 'none',
  faultId: '',
  siteId: '',
  severity: 'minor',
  description: '',
  photos: [],
  source: { kind: 'manual' },
  openedAt: '',
  slaDeadline: '',
  breached: false,
  openedBy: { userId: '', role: '' },
});

export function evolveFault(state: FaultState, event: FaultEvent): FaultState {
  switch (event.type) {
    case 'FaultOpened': {
      const { faultId, siteId, severity, description, photos, source, openedAt, slaDeadline, by } = event.data;
      return { status: 'open', faultId, siteId, severity, description, photos, source, openedAt, slaDeadline, breached: false, openedBy: by };
    }
    case 'FaultAcknowledged':
      return {
        ...state,
        status: 'acknowledged',
        acknowledgedBy: event.data.by,
        acknowledgedAt: event.data.at,
        ...(event.data.note ? { acknowledgementNote: event.data.note } : {}),
      };
    case 'FaultResolved': {
      const { by, resolvedAt, action, photos, withinSla } = event.data;
      return { ...state, status: 'resolved', resolvedBy: by, resolvedAt, resolution: action, resolutionPhotos: photos, withinSla };
    }
    case 'FaultResolutionRejected':
      return { ...state, status: 'acknowledged', resolvedBy: null, resolvedAt: null, lastRejection: event.data.reason };
    case 'FaultClosed':
      return { ...state, status: 'closed', closedBy: event.data.by, closedAt: event.data.at };
    case 'FaultSlaBreached':
      return { ...state, breached: true, breachDetectedAt: event.data.detectedAt };
    default:
      return state;
  }
}
