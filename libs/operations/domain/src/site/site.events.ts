import type { Actor, DomainEvent, EvidenceRef } from '@ooh/eventing';
import type { SiteKind, SiteSnapshot, SiteStatus } from '../shared';

/** The fields UpdateSite may change. */
export interface SiteDetails {
  city: string;
  station: string;
  location: string;
  landlordAuthority: string;
  faces: string[];
  photos: EvidenceRef[];
}

export type OutOfServiceStatus = Extract<SiteStatus, 'faulty' | 'under-maintenance'>;

export type SiteRegistered = DomainEvent<'SiteRegistered', SiteDetails & { siteId: string; kind: SiteKind; registeredAt: string; by: Actor }>;
export type SiteUpdated = DomainEvent<'SiteUpdated', { siteId: string; changes: Partial<SiteDetails>; at: string; by: Actor }>;
export type SiteTakenOutOfService = DomainEvent<'SiteTakenOutOfService', { siteId: string; status: OutOfServiceStatus; note: string; at: string; by: Actor }>;
export type SiteReturnedToService = DomainEvent<'SiteReturnedToService', { siteId: string; note: string; at: string; by: Actor }>;
export type SiteRetired = DomainEvent<'SiteRetired', { siteId: string; reason: string; at: string; by: Actor }>;

export type SiteEvent = SiteRegistered | SiteUpdated | SiteTakenOutOfService | SiteReturnedToService | SiteRetired;

export interface SiteState extends SiteDetails {
  status: SiteStatus;
  siteId: string;
  kind: SiteKind;
  registeredAt?: string;
  statusChangedAt?: string;
  /** Every status the site has had and since when: inspection compliance needs it per day. */
  statusHistory: Array<{ status: SiteStatus; from: string }>;
}

export const initialSiteState = (): SiteState => ({
  status: 'unregistered',
  siteId: '',
  city: '',
  station: '',
  location: '',
  kind: 'other',
  faces: [],
  landlordAuthority: '',
  photos: [],
  statusHistory: [],
});

const withStatus = (state: SiteState, status: SiteStatus, at: string): SiteState => ({
  ...state,
  status,
  statusChangedAt: at,
  statusHistory: [...state.statusHistory, { status, from: at }],
});

export function evolveSite(state: SiteState, event: SiteEvent): SiteState {
  switch (event.type) {
    case 'SiteRegistered': {
      const { siteId, city, station, location, kind, faces, landlordAuthority, photos, registeredAt } = event.data;
      const details = { city, station, location, kind, faces, landlordAuthority, photos };
      return {
        status: 'in-service',
        siteId,
        ...details,
        registeredAt,
        statusChangedAt: registeredAt,
        statusHistory: [{ status: 'in-service', from: registeredAt }],
      };
    }
    case 'SiteUpdated':
      return { ...state, ...event.data.changes };
    case 'SiteTakenOutOfService':
      return withStatus(state, event.data.status, event.data.at);
    case 'SiteReturnedToService':
      return withStatus(state, 'in-service', event.data.at);
    case 'SiteRetired':
      return withStatus(state, 'retired', event.data.at);
    default:
      return state;
  }
}

/** What the application passes into inspection, maintenance and fault commands. */
export const siteSnapshot = (state: SiteState): SiteSnapshot => ({ status: state.status, kind: state.kind, registeredAt: state.registeredAt });
