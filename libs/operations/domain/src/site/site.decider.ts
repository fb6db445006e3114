import { AppError, assertNever, notFound, ruleViolated, type Actor, type Command, type Decider, type EvidenceRef } from '@ooh/eventing';
import { isBlank, requireWorkableSite, type SiteKind } from '../shared';
import { evolveSite, initialSiteState, type OutOfServiceStatus, type SiteDetails, type SiteEvent, type SiteState } from './site.events';

export type RegisterSite = Command<'RegisterSite', SiteDetails & { siteId: string; kind: SiteKind; at: string; by: Actor }>;
export type UpdateSite = Command<'UpdateSite', { siteId: string; changes: Partial<SiteDetails>; at: string; by: Actor }>;
export type TakeSiteOutOfService = Command<'TakeSiteOutOfService', { siteId: string; reason: OutOfServiceStatus; note: string; at: string; by: Actor }>;
export type ReturnSiteToService = Command<'ReturnSiteToService', { siteId: string; note: string; at: string; by: Actor }>;
export type RetireSite = Command<'RetireSite', { siteId: string; reason: string; at: string; by: Actor }>;

export type SiteCommand = RegisterSite | UpdateSite | TakeSiteOutOfService | ReturnSiteToService | RetireSite;

function validateFaces(faces: string[]): void {
  if (faces.length === 0) throw ruleViolated('FACE_REQUIRED', 'A site needs at least one face');
  const duplicate = faces.find((face, i) => faces.indexOf(face) !== i);
  if (duplicate !== undefined) throw ruleViolated('DUPLICATE_FACE', `Face ${duplicate} is listed twice`);
}

const sameStrings = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

const samePhotos = (a: EvidenceRef[], b: EvidenceRef[]) =>
  a.length === b.length &&
  a.every((x, i) => {
    const y = b[i];
    return x.blobId === y.blobId && x.sha256 === y.sha256 && x.contentType === y.contentType && x.caption === y.caption;
  });

function changedDetails(state: SiteState, changes: Partial<SiteDetails>): Partial<SiteDetails> {
  const changed: Partial<SiteDetails> = {};
  for (const key of ['city', 'station', 'location', 'landlordAuthority'] as const) {
    const value = changes[key];
    if (value !== undefined && value !== state[key]) changed[key] = value;
  }
  if (changes.faces !== undefined && !sameStrings(changes.faces, state.faces)) changed.faces = changes.faces;
  if (changes.photos !== undefined && !samePhotos(changes.photos, state.photos)) changed.photos = changes.photos;
  return changed;
}

export function decideSite(command: SiteCommand, state: SiteState): SiteEvent[] {
  switch (command.type) {
    case 'RegisterSite': {
      const { siteId, city, station, location, kind, faces, landlordAuthority, photos, at, by } = command.data;
      if (state.status !== 'unregistered') {
        throw new AppError('conflict', 'SITE_ALREADY_REGISTERED', `Site ${siteId} is already registered`);
      }
      validateFaces(faces);
      return [
        {
          type: 'SiteRegistered',
          data: { siteId, city, station, location, kind, faces: [...faces], landlordAuthority, photos: [...photos], registeredAt: at, by },
        },
      ];
    }
    case 'UpdateSite': {
      const { siteId, changes, at, by } = command.data;
      requireWorkableSite(state, siteId);
      if (changes.faces !== undefined) validateFaces(changes.faces);
      const changed = changedDetails(state, changes);
      if (Object.keys(changed).length === 0) return [];
      return [{ type: 'SiteUpdated', data: { siteId, changes: changed, at, by } }];
    }
    case 'TakeSiteOutOfService': {
      const { siteId, reason, note, at, by } = command.data;
      requireWorkableSite(state, siteId);
      if (state.status === reason) return [];
      return [{ type: 'SiteTakenOutOfService', data: { siteId, status: reason, note, at, by } }];
    }
    case 'ReturnSiteToService': {
      const { siteId, note, at, by } = command.data;
      requireWorkableSite(state, siteId);
      if (state.status === 'in-service') return [];
      return [{ type: 'SiteReturnedToService', data: { siteId, note, at, by } }];
    }
    case 'RetireSite': {
      const { siteId, reason, at, by } = command.data;
      if (state.status === 'unregistered') throw notFound('SITE_NOT_FOUND', `Site ${siteId} is not registered`);
      if (state.status === 'retired') return [];
      if (isBlank(reason)) throw ruleViolated('REASON_REQUIRED', 'Retiring a site needs a reason');
      return [{ type: 'SiteRetired', data: { siteId, reason, at, by } }];
    }
    default:
      return assertNever(command);
  }
}

export const siteDecider: Decider<SiteCommand, SiteEvent, SiteState> = {
  decide: decideSite,
  evolve: evolveSite,
  initialState: initialSiteState,
};
