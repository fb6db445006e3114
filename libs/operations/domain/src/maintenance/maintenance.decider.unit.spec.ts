import { deciderSpec } from '@ooh/eventing-testing';
import type { Actor, EvidenceRef } from '@ooh/eventing';
import type { SiteKind, SiteSnapshot } from '../shared';
import { maintenanceDecider, type RecordMaintenance } from './maintenance.decider';
import type { MaintenanceRecorded } from './maintenance.events';

const spec = deciderSpec(maintenanceDecider);
const crew: Actor = { userId: 'u-crew', role: 'maintainer' };
const photo: EvidenceRef = { blobId: 'b-1', sha256: 'a'.repeat(64), contentType: 'image/jpeg' };
const led: SiteSnapshot = { status: 'in-service', kind: 'led-screen' };
// Shanghai is UTC+8: 01:00Z is 09:00 local.
const powerCycle = { offAt: '2026-03-01T16:30:00Z', onAt: '2026-03-02T01:00:00Z' };

const record = (data: Partial<RecordMaintenance['data']> = {}): RecordMaintenance => ({
  type: 'RecordMaintenance',
  data: {
    maintenanceId: 'mnt-1',
    siteId: 'SH-001',
    site: led,
    performedAt: '2026-03-02T01:30:00Z',
    at: '2026-03-02T02:00:00Z',
    timeZone: 'Asia/Shanghai',
    powerCycle,
    cleaning: 'done',
    photos: [photo],
    by: crew,
    ...data,
  },
});

const recorded: MaintenanceRecorded = {
  type: 'MaintenanceRecorded',
  data: {
    maintenanceId: 'mnt-1',
    siteId: 'SH-001',
    performedAt: '2026-03-02T01:30:00Z',
    localDate: '2026-03-02',
    isoWeek: '2026-W10',
    powerCycle,
    powerOnAtNine: true,
    cleaning: 'done',
    notes: null,
    photos: [photo],
    by: crew,
  },
};

describe('Maintenance decider', () => {
  describe('When not yet recorded', () => {
    it('should record maintenance with its local date, ISO week and a 09:00 power-on', () => {
      spec.given([]).when(record()).then([recorded]);
    });

    it('should date and week it in the site time zone', () => {
      // Sunday 16:30 UTC is Monday 00:30 in Shanghai: a new ISO week.
      const [event] = spec
        .given([])
        .when(record({ performedAt: '2026-03-01T16:30:00Z' }))
        .events();
      expect(event.data).toMatchObject({ localDate: '2026-03-02', isoWeek: '2026-W10' });
    });

    it('should use the ISO week-year at the year end', () => {
      const [event] = spec
        .given([])
        .when(record({ performedAt: '2027-01-01T02:00:00Z', at: '2027-01-01T03:00:00Z' }))
        .events();
      expect(event.data).toMatchObject({ localDate: '2027-01-01', isoWeek: '2026-W53' });
    });

    it('should record a power-on other than 09:00 as such, not refuse it', () => {
      const late = { offAt: powerCycle.offAt, onAt: '2026-03-02T01:15:00Z' };
      spec
        .given([])
        .when(record({ powerCycle: late }))
        .then([{ type: 'MaintenanceRecorded', data: { ...recorded.data, powerCycle: late, powerOnAtNine: false } }]);
    });

    it('should judge 09:00 in the site time zone', () => {
      const [event] = spec
        .given([])
        .when(record({ timeZone: 'UTC' }))
        .events();
      expect(event.data.powerOnAtNine).toBe(false);
    });

    it.each<SiteKind>(['light-box', 'other'])('should record a %s site without power cycle', (kind) => {
      spec
        .given([])
        .when(record({ site: { status: 'in-service', kind }, powerCycle: undefined, cleaning: 'cleaner-checked', notes: 'glass wiped' }))
        .then([
          {
            type: 'MaintenanceRecorded',
            data: { ...recorded.data, powerCycle: null, powerOnAtNine: null, cleaning: 'cleaner-checked', notes: 'glass wiped' },
          },
        ]);
    });

    it.each<SiteKind>(['led-screen', 'tablet'])('should refuse a %s site without power cycle', (kind) => {
      spec
        .given([])
        .when(record({ site: { status: 'in-service', kind }, powerCycle: undefined }))
        .thenThrows('POWER_CYCLE_REQUIRED', 'rule-violated');
    });

    it('should refuse a power coming back on before it went off', () => {
      spec
        .given([])
        .when(record({ powerCycle: { offAt: powerCycle.onAt, onAt: powerCycle.offAt } }))
        .thenThrows('POWER_CYCLE_INVALID', 'rule-violated');
    });

    it('should refuse a power coming back on at the instant it went off', () => {
      spec
        .given([])
        .when(record({ powerCycle: { offAt: '2026-03-02T01:00:00Z', onAt: '2026-03-02T09:00:00+08:00' } }))
        .thenThrows('POWER_CYCLE_INVALID', 'rule-violated');
    });

    it.each(['faulty', 'under-maintenance'] as const)('should allow maintaining a %s site', (status) => {
      spec
        .given([])
        .when(record({ site: { status, kind: 'led-screen' } }))
        .then([recorded]);
    });

    it('should refuse an unregistered site', () => {
      spec
        .given([])
        .when(record({ site: { status: 'unregistered', kind: 'other' } }))
        .thenThrows('SITE_NOT_FOUND', 'not-found');
    });

    it('should refuse a retired site', () => {
      spec
        .given([])
        .when(record({ site: { status: 'retired', kind: 'led-screen' } }))
        .thenThrows('SITE_RETIRED', 'rule-violated');
    });

    it('should refuse maintenance performed in the future', () => {
      spec
        .given([])
        .when(record({ at: '2026-03-02T01:29:59Z' }))
        .thenThrows('PERFORMED_IN_FUTURE', 'rule-violated');
    });

    it('should refuse maintenance performed before the site was registered', () => {
      spec
        .given([])
        .when(record({ site: { status: 'in-service', kind: 'led-screen', registeredAt: '2026-03-02T02:00:00Z' } }))
        .thenThrows('PERFORMED_BEFORE_REGISTRATION', 'rule-violated');
    });

    it('should refuse maintenance without photos', () => {
      spec
        .given([])
        .when(record({ photos: [] }))
        .thenThrows('PHOTO_REQUIRED', 'rule-violated');
    });
  });

  describe('When recorded', () => {
    it('should hold the whole recorded maintenance (its view now and as of any later instant)', () => {
      expect(spec.given([recorded]).state()).toEqual({ status: 'recorded', ...recorded.data });
      expect(spec.given([recorded]).state()).toMatchObject({
        maintenanceId: 'mnt-1',
        siteId: 'SH-001',
        performedAt: '2026-03-02T01:30:00Z',
        localDate: '2026-03-02',
        isoWeek: '2026-W10',
        powerOnAtNine: true,
        by: crew,
      });
    });

    it('should refuse recording it again', () => {
      spec.given([recorded]).when(record()).thenThrows('MAINTENANCE_ALREADY_RECORDED', 'conflict');
    });
  });
});
