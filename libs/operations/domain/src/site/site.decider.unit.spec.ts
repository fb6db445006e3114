import { deciderSpec } from '@ooh/eventing-testing';
import type { Actor, EvidenceRef } from '@ooh/eventing';
import { siteDecider, type RegisterSite, type SiteCommand } from './site.decider';
import { siteSnapshot, type SiteEvent, type SiteRegistered } from './site.events';

const spec = deciderSpec(siteDecider);
const ops: Actor = { userId: 'u-ops', role: 'ops-manager' };
const photo: EvidenceRef = { blobId: 'b-1', sha256: 'a'.repeat(64), contentType: 'image/jpeg' };
const photo2: EvidenceRef = { blobId: 'b-2', sha256: 'b'.repeat(64), contentType: 'image/jpeg' };
const siteId = 'SH-L2-PSD-001';
const T0 = '2026-03-01T02:00:00.000Z';
const T1 = '2026-03-02T02:00:00.000Z';

const details = {
  city: 'Shanghai',
  station: 'Century Avenue',
  location: 'Concourse B, exit 4',
  landlordAuthority: 'Shanghai Metro',
  faces: ['F1', 'F2'],
  photos: [photo],
};

const register = (data: Partial<RegisterSite['data']> = {}): SiteCommand => ({
  type: 'RegisterSite',
  data: { siteId, kind: 'led-screen', ...details, at: T0, by: ops, ...data },
});

const registered: SiteRegistered = {
  type: 'SiteRegistered',
  data: { siteId, kind: 'led-screen', ...details, registeredAt: T0, by: ops },
};
const faulty: SiteEvent = { type: 'SiteTakenOutOfService', data: { siteId, status: 'faulty', note: 'screen dark', at: T0, by: ops } };
const retired: SiteEvent = { type: 'SiteRetired', data: { siteId, reason: 'contract ended', at: T0, by: ops } };

const update = (changes: Extract<SiteCommand, { type: 'UpdateSite' }>['data']['changes']): SiteCommand => ({
  type: 'UpdateSite',
  data: { siteId, changes, at: T1, by: ops },
});
const takeOut = (reason: 'faulty' | 'under-maintenance'): SiteCommand => ({
  type: 'TakeSiteOutOfService',
  data: { siteId, reason, note: 'why', at: T1, by: ops },
});
const returnToService: SiteCommand = { type: 'ReturnSiteToService', data: { siteId, note: 'fixed', at: T1, by: ops } };
const retire = (reason = 'contract ended'): SiteCommand => ({ type: 'RetireSite', data: { siteId, reason, at: T1, by: ops } });

describe('Site decider', () => {
  describe('When unregistered', () => {
    it('should register the site with all its details', () => {
      spec.given([]).when(register()).then([registered]);
    });

    it('should refuse duplicate face codes', () => {
      spec
        .given([])
        .when(register({ faces: ['F1', 'F1'] }))
        .thenThrows('DUPLICATE_FACE', 'rule-violated');
    });

    it('should refuse a site without faces', () => {
      spec
        .given([])
        .when(register({ faces: [] }))
        .thenThrows('FACE_REQUIRED', 'rule-violated');
    });

    it.each([
      ['an update', update({ city: 'Beijing' })],
      ['taking it out of service', takeOut('faulty')],
      ['returning it to service', returnToService],
      ['retiring it', retire()],
    ])('should refuse %s as not found', (_what, command) => {
      spec.given([]).when(command).thenThrows('SITE_NOT_FOUND', 'not-found');
    });
  });

  describe('When in service', () => {
    it('should be in service with the registered details', () => {
      expect(spec.given([registered]).state()).toEqual({
        status: 'in-service',
        siteId,
        kind: 'led-screen',
        ...details,
        registeredAt: T0,
        statusChangedAt: T0,
        statusHistory: [{ status: 'in-service', from: T0 }],
      });
    });

    it('should refuse registering it again', () => {
      spec.given([registered]).when(register()).thenThrows('SITE_ALREADY_REGISTERED', 'conflict');
    });

    it('should record only the fields that differ', () => {
      spec
        .given([registered])
        .when(update({ city: 'Shanghai', station: 'Lujiazui', faces: ['F1', 'F2'], photos: [photo, photo2] }))
        .then([{ type: 'SiteUpdated', data: { siteId, changes: { station: 'Lujiazui', photos: [photo, photo2] }, at: T1, by: ops } }]);
    });

    it('should record a face list that is reordered, and apply it', () => {
      const events = spec
        .given([registered])
        .when(update({ faces: ['F2', 'F1'], location: 'Exit 5' }))
        .events();
      expect(events).toEqual([{ type: 'SiteUpdated', data: { siteId, changes: { faces: ['F2', 'F1'], location: 'Exit 5' }, at: T1, by: ops } }]);
      const state = spec.given([registered, ...events]).state();
      expect(state).toMatchObject({ faces: ['F2', 'F1'], location: 'Exit 5', city: 'Shanghai', status: 'in-service' });
    });

    it('should record a changed landlord authority', () => {
      spec
        .given([registered])
        .when(update({ landlordAuthority: 'Metro Media' }))
        .then([{ type: 'SiteUpdated', data: { siteId, changes: { landlordAuthority: 'Metro Media' }, at: T1, by: ops } }]);
    });

    it('should do nothing when no field differs', () => {
      spec
        .given([registered])
        .when(update({ city: 'Shanghai', faces: ['F1', 'F2'], photos: [{ ...photo }] }))
        .thenNothingHappens();
    });

    it('should do nothing for an empty change set', () => {
      spec.given([registered]).when(update({})).thenNothingHappens();
    });

    it('should refuse an update with duplicate faces', () => {
      spec
        .given([registered])
        .when(update({ faces: ['F3', 'F3'] }))
        .thenThrows('DUPLICATE_FACE', 'rule-violated');
    });

    it('should refuse an update removing every face', () => {
      spec
        .given([registered])
        .when(update({ faces: [] }))
        .thenThrows('FACE_REQUIRED', 'rule-violated');
    });

    it.each(['faulty', 'under-maintenance'] as const)('should take it out of service as %s', (reason) => {
      const events = spec.given([registered]).when(takeOut(reason)).events();
      expect(events).toEqual([{ type: 'SiteTakenOutOfService', data: { siteId, status: reason, note: 'why', at: T1, by: ops } }]);
      expect(spec.given([registered, ...events]).state()).toMatchObject({ status: reason, statusChangedAt: T1 });
    });

    it('should do nothing when returned to service', () => {
      spec.given([registered]).when(returnToService).thenNothingHappens();
    });

    it('should retire it', () => {
      const events = spec.given([registered]).when(retire()).events();
      expect(events).toEqual([{ type: 'SiteRetired', data: { siteId, reason: 'contract ended', at: T1, by: ops } }]);
      expect(spec.given([registered, ...events]).state()).toMatchObject({ status: 'retired', statusChangedAt: T1 });
    });

    it('should refuse retiring it without a reason', () => {
      spec.given([registered]).when(retire('  ')).thenThrows('REASON_REQUIRED', 'rule-violated');
    });

    it('should give a snapshot for the other aggregates', () => {
      expect(siteSnapshot(spec.given([registered]).state())).toEqual({ status: 'in-service', kind: 'led-screen', registeredAt: T0 });
    });
  });

  describe('When faulty', () => {
    it('should do nothing when taken out of service as faulty again', () => {
      spec.given([registered, faulty]).when(takeOut('faulty')).thenNothingHappens();
    });

    it('should switch to under maintenance', () => {
      spec
        .given([registered, faulty])
        .when(takeOut('under-maintenance'))
        .then([{ type: 'SiteTakenOutOfService', data: { siteId, status: 'under-maintenance', note: 'why', at: T1, by: ops } }]);
    });

    it('should return it to service', () => {
      const events = spec.given([registered, faulty]).when(returnToService).events();
      expect(events).toEqual([{ type: 'SiteReturnedToService', data: { siteId, note: 'fixed', at: T1, by: ops } }]);
      expect(spec.given([registered, faulty, ...events]).state()).toMatchObject({ status: 'in-service', statusChangedAt: T1 });
    });

    it('should still accept updates', () => {
      spec
        .given([registered, faulty])
        .when(update({ city: 'Suzhou' }))
        .then([{ type: 'SiteUpdated', data: { siteId, changes: { city: 'Suzhou' }, at: T1, by: ops } }]);
    });

    it('should retire it', () => {
      expect(spec.given([registered, faulty]).when(retire()).events()).toHaveLength(1);
    });
  });

  describe('When under maintenance', () => {
    const underMaintenance: SiteEvent = {
      type: 'SiteTakenOutOfService',
      data: { siteId, status: 'under-maintenance', note: 'weekly', at: T0, by: ops },
    };

    it('should do nothing when taken out of service for maintenance again', () => {
      spec.given([registered, underMaintenance]).when(takeOut('under-maintenance')).thenNothingHappens();
    });

    it('should switch to faulty', () => {
      spec
        .given([registered, underMaintenance])
        .when(takeOut('faulty'))
        .then([{ type: 'SiteTakenOutOfService', data: { siteId, status: 'faulty', note: 'why', at: T1, by: ops } }]);
    });

    it('should return it to service', () => {
      expect(spec.given([registered, underMaintenance]).when(returnToService).events()).toHaveLength(1);
    });
  });

  describe('When retired', () => {
    it('should refuse registering it again', () => {
      spec.given([registered, retired]).when(register()).thenThrows('SITE_ALREADY_REGISTERED', 'conflict');
    });

    it.each([
      ['an update', update({ city: 'Beijing' })],
      ['taking it out of service', takeOut('under-maintenance')],
      ['returning it to service', returnToService],
    ])('should refuse %s', (_what, command) => {
      spec.given([registered, retired]).when(command).thenThrows('SITE_RETIRED', 'rule-violated');
    });

    it('should do nothing when retired again', () => {
      spec.given([registered, retired]).when(retire()).thenNothingHappens();
    });
  });
});
