import { deciderSpec } from '@ooh/eventing-testing';
import type { Actor, EvidenceRef } from '@ooh/eventing';
import type { SiteSnapshot } from '../shared';
import { inspectionDecider, type RecordInspection } from './inspection.decider';
import { faultsToOpen, type InspectionChecks, type InspectionRecorded } from './inspection.events';

const spec = deciderSpec(inspectionDecider);
const inspector: Actor = { userId: 'u-insp', role: 'inspector' };
const photo: EvidenceRef = { blobId: 'b-1', sha256: 'a'.repeat(64), contentType: 'image/jpeg' };
const inService: SiteSnapshot = { status: 'in-service', kind: 'light-box' };
const allGood: InspectionChecks = { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true };

const record = (data: Partial<RecordInspection['data']> = {}): RecordInspection => ({
  type: 'RecordInspection',
  data: {
    inspectionId: 'insp-1',
    siteId: 'SH-001',
    site: inService,
    // 00:30 on 2 March in Shanghai, still 1 March in UTC.
    performedAt: '2026-03-01T16:30:00Z',
    at: '2026-03-01T17:00:00Z',
    timeZone: 'Asia/Shanghai',
    checks: allGood,
    problems: [],
    photos: [photo],
    by: inspector,
    ...data,
  },
});

const recorded: InspectionRecorded = {
  type: 'InspectionRecorded',
  data: {
    inspectionId: 'insp-1',
    siteId: 'SH-001',
    performedAt: '2026-03-01T16:30:00Z',
    localDate: '2026-03-02',
    checks: allGood,
    problems: [],
    notes: null,
    photos: [photo],
    by: inspector,
  },
};

describe('Inspection decider', () => {
  describe('When not yet recorded', () => {
    it('should record a clean inspection on its local date', () => {
      spec.given([]).when(record()).then([recorded]);
    });

    it('should keep notes and problems', () => {
      const problems = [
        { description: 'Poster torn at the corner', severity: 'minor' as const },
        { description: 'Loose cable', severity: 'major' as const },
      ];
      const checks = { ...allGood, adsCorrect: false, safetyHazardFound: true };
      spec
        .given([])
        .when(record({ checks, problems, notes: 'reported to landlord' }))
        .then([{ type: 'InspectionRecorded', data: { ...recorded.data, checks, problems, notes: 'reported to landlord' } }]);
    });

    it('should accept an inspection performed exactly now', () => {
      spec
        .given([])
        .when(record({ at: '2026-03-02T00:30:00+08:00' }))
        .then([recorded]);
    });

    it.each(['faulty', 'under-maintenance'] as const)('should allow inspecting a %s site', (status) => {
      spec
        .given([])
        .when(record({ site: { status, kind: 'light-box' } }))
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
        .when(record({ site: { status: 'retired', kind: 'light-box' } }))
        .thenThrows('SITE_RETIRED', 'rule-violated');
    });

    it('should refuse an inspection performed in the future', () => {
      spec
        .given([])
        .when(record({ at: '2026-03-01T16:29:59Z' }))
        .thenThrows('PERFORMED_IN_FUTURE', 'rule-violated');
    });

    it('should refuse an inspection performed before the site was registered, and accept one at that instant', () => {
      spec
        .given([])
        .when(record({ site: { status: 'in-service', kind: 'light-box', registeredAt: '2026-03-01T16:30:01Z' } }))
        .thenThrows('PERFORMED_BEFORE_REGISTRATION', 'rule-violated');
      expect(
        spec
          .given([])
          .when(record({ site: { status: 'in-service', kind: 'light-box', registeredAt: '2026-03-01T16:30:00Z' } }))
          .events(),
      ).toHaveLength(1);
    });

    it('should refuse an inspection without photos', () => {
      spec
        .given([])
        .when(record({ photos: [] }))
        .thenThrows('PHOTO_REQUIRED', 'rule-violated');
    });

    it.each<[string, Partial<InspectionChecks>]>([
      ['the device is not running', { deviceRunning: false }],
      ['the ads are wrong', { adsCorrect: false }],
      ['a safety hazard was found', { safetyHazardFound: true }],
      ['the site is not clean', { clean: false }],
    ])('should refuse a failed check without a problem when %s', (_what, failed) => {
      spec
        .given([])
        .when(record({ checks: { ...allGood, ...failed } }))
        .thenThrows('PROBLEM_DESCRIPTION_REQUIRED', 'rule-violated');
    });

    it('should refuse a problem with a blank description', () => {
      spec
        .given([])
        .when(record({ checks: { ...allGood, clean: false }, problems: [{ description: ' ', severity: 'minor' }] }))
        .thenThrows('PROBLEM_DESCRIPTION_REQUIRED', 'rule-violated');
    });

    it('should accept a problem noticed while every check passed', () => {
      const problems = [{ description: 'Frame scratched', severity: 'minor' as const }];
      expect(spec.given([]).when(record({ problems })).events()[0].data.problems).toEqual(problems);
    });
  });

  describe('When recorded', () => {
    it('should hold the whole recorded inspection (its view now and as of any later instant)', () => {
      expect(spec.given([recorded]).state()).toEqual({ status: 'recorded', ...recorded.data });
      expect(spec.given([recorded]).state()).toMatchObject({
        inspectionId: 'insp-1',
        siteId: 'SH-001',
        performedAt: '2026-03-01T16:30:00Z',
        localDate: '2026-03-02',
        checks: allGood,
        problems: [],
        by: inspector,
      });
    });

    it('should refuse recording it again', () => {
      spec.given([recorded]).when(record()).thenThrows('INSPECTION_ALREADY_RECORDED', 'conflict');
    });
  });

  describe('faultsToOpen', () => {
    it('should give one fault per problem, with its index', () => {
      const event: InspectionRecorded = {
        ...recorded,
        data: {
          ...recorded.data,
          problems: [
            { description: 'Screen flickers', severity: 'major' },
            { description: 'Dusty', severity: 'minor' },
          ],
        },
      };
      expect(faultsToOpen(event)).toEqual([
        { problemIndex: 0, description: 'Screen flickers', severity: 'major' },
        { problemIndex: 1, description: 'Dusty', severity: 'minor' },
      ]);
    });

    it('should give nothing for an inspection without problems', () => {
      expect(faultsToOpen(recorded)).toEqual([]);
    });
  });
});
