import { notFound, ruleViolated, streamName, type EvidenceRef } from '@ooh/eventing';
import { instantMillis } from '@ooh/calendar';

export type SiteKind = 'led-screen' | 'light-box' | 'tablet' | 'other';
export type SiteStatus = 'unregistered' | 'in-service' | 'faulty' | 'under-maintenance' | 'retired';
export type Severity = 'minor' | 'major';

export interface SlaPolicy {
  minorHours: number;
  majorHours: number;
}

/** What inspection/maintenance/fault deciders need to know about the site; loaded by the application layer. */
export interface SiteSnapshot {
  status: SiteStatus;
  kind: SiteKind;
  /** Work at the site is not recorded as done before this instant. */
  registeredAt?: string;
}

const E_MEDIA_KINDS: readonly SiteKind[] = ['led-screen', 'tablet'];

export const isEMedia = (kind: SiteKind): boolean => E_MEDIA_KINDS.includes(kind);

export const siteStream = (siteId: string): string => streamName('operations', 'site', siteId);
export const inspectionStream = (inspectionId: string): string => streamName('operations', 'inspection', inspectionId);
export const maintenanceStream = (maintenanceId: string): string => streamName('operations', 'maintenance', maintenanceId);
export const faultStream = (faultId: string): string => streamName('operations', 'fault', faultId);

export const isBlank = (value: string | undefined | null): boolean => (value ?? '').trim() === '';

/** Work can be recorded against a registered site in any status except retired. */
export function requireWorkableSite(site: SiteSnapshot, siteId: string): void {
  if (site.status === 'unregistered') throw notFound('SITE_NOT_FOUND', `Site ${siteId} is not registered`);
  if (site.status === 'retired') throw ruleViolated('SITE_RETIRED', `Site ${siteId} is retired`);
}

/** Site work happened between the site's registration and the moment it is recorded. */
export function requirePerformedInWindow(site: SiteSnapshot, siteId: string, performedAt: string, at: string, what: string): void {
  if (instantMillis(performedAt) > instantMillis(at)) throw ruleViolated('PERFORMED_IN_FUTURE', `${what} cannot be recorded before it is performed`);
  if (site.registeredAt && instantMillis(performedAt) < instantMillis(site.registeredAt)) {
    throw ruleViolated(
      'PERFORMED_BEFORE_REGISTRATION',
      `${what} performed at ${performedAt} predates the registration of site ${siteId} (${site.registeredAt})`,
    );
  }
}

export function requirePhotos(photos: readonly EvidenceRef[] | undefined, what: string): void {
  if (!photos || photos.length === 0) throw ruleViolated('PHOTO_REQUIRED', `${what} needs at least one photo`);
}
