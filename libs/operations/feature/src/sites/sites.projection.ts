import type { Projection } from '@ooh/eventing';
import type { SiteEvent } from '@ooh/operations-domain';

export const SITES = 'operations_sites';

export interface SiteView {
  [key: string]: unknown;
  siteId: string;
  city: string;
  station: string;
  location: string;
  kind: string;
  faces: string[];
  landlordAuthority: string;
  photos: unknown[];
  status: string;
  registeredAt: string;
  /** Every status the site has had and since when: inspection compliance needs it per day. */
  statusHistory: Array<{ status: string; from: string }>;
  revision: number;
  updatedAt: string;
}

/** Sites for listing and filtering (city, station, kind, status). */
export const sitesProjection: Projection = {
  name: 'operations.sites',
  collections: [SITES],
  filter: { categories: ['operations.site'] },
  indexes: [
    { collection: SITES, fields: ['city'] },
    { collection: SITES, fields: ['status'] },
    { collection: SITES, fields: ['kind'] },
    { collection: SITES, fields: ['station'] },
  ],
  async apply({ event, get, put }) {
    const e = { type: event.type, data: event.data } as SiteEvent;
    const id = e.data.siteId;
    const current = await get<SiteView>(SITES, id);
    const base = { revision: event.revision, updatedAt: event.recordedAt };
    switch (e.type) {
      case 'SiteRegistered': {
        const { by: _by, registeredAt, ...details } = e.data;
        put(SITES, id, { ...details, status: 'in-service', registeredAt, statusHistory: [{ status: 'in-service', from: registeredAt }], ...base });
        return;
      }
      case 'SiteUpdated':
        if (current) put(SITES, id, { ...current, ...e.data.changes, ...base });
        return;
      case 'SiteTakenOutOfService':
      case 'SiteReturnedToService':
      case 'SiteRetired': {
        if (!current) return;
        const status = e.type === 'SiteTakenOutOfService' ? e.data.status : e.type === 'SiteRetired' ? 'retired' : 'in-service';
        put(SITES, id, { ...current, status, statusHistory: [...current.statusHistory, { status, from: e.data.at }], ...base });
        return;
      }
    }
  },
};
