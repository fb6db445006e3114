import { deciderSpec } from '@ooh/eventing-testing';
import type { Actor, EvidenceRef } from '@ooh/eventing';
import type { SlaPolicy } from '../shared';
import { faultDecider, type FaultCommand, type OpenFault } from './fault.decider';
import type { FaultEvent, FaultOpened, FaultResolved, FaultSlaBreached } from './fault.events';

const spec = deciderSpec(faultDecider);
const inspector: Actor = { userId: 'u-insp', role: 'inspector' };
const tech: Actor = { userId: 'u-tech', role: 'technician' };
const manager: Actor = { userId: 'u-mgr', role: 'ops-manager' };
const scheduler: Actor = { userId: 'system:scheduler', role: 'system' };
const photo: EvidenceRef = { blobId: 'b-1', sha256: 'a'.repeat(64), contentType: 'image/jpeg' };
const sla: SlaPolicy = { minorHours: 72, majorHours: 4 };
const faultId = 'f-1';
const OPENED_AT = '2026-03-02T01:00:00.000Z';
const DEADLINE = '2026-03-02T05:00:00.000Z'; // major: 4 h
const BEFORE_DEADLINE = '2026-03-02T04:00:00.000Z';
const AFTER_DEADLINE = '2026-03-02T06:00:00.000Z';
const source = { kind: 'inspection' as const, inspectionId: 'insp-1', problemIndex: 0 };

const open = (data: Partial<OpenFault['data']> = {}): FaultCommand => ({
  type: 'OpenFault',
  data: {
    faultId,
    siteId: 'SH-001',
    site: { status: 'in-service', kind: 'led-screen' },
    severity: 'major',
    description: 'Screen dark',
    photos: [photo],
    source,
    at: OPENED_AT,
    sla,
    by: inspector,
    ...data,
  },
});
const acknowledge = (at = BEFORE_DEADLINE, by = tech): FaultCommand => ({ type: 'AcknowledgeFault', data: { faultId, at, by } });
const resolve = (data: Partial<{ action: string; photos: EvidenceRef[]; at: string; by: Actor }> = {}): FaultCommand => ({
  type: 'ResolveFault',
  data: { faultId, action: 'Replaced power supply', photos: [photo], at: BEFORE_DEADLINE, by: tech, ...data },
});
const reject = (by: Actor = manager, reason = 'Still flickering'): FaultCommand => ({
  type: 'RejectFaultResolution',
  data: { faultId, reason, at: AFTER_DEADLINE, by },
});
const close = (by: Actor = manager, note?: string): FaultCommand => ({ type: 'CloseFault', data: { faultId, note, at: AFTER_DEADLINE, by } });
const recordBreach = (at: string): FaultCommand => ({ type: 'RecordSlaBreach', data: { faultId, at, by: scheduler } });

const opened: FaultOpened = {
  type: 'FaultOpened',
  data: {
    faultId,
    siteId: 'SH-001',
    severity: 'major',
    description: 'Screen dark',
    photos: [photo],
    source,
    openedAt: OPENED_AT,
    slaDeadline: DEADLINE,
    by: inspector,
  },
};
const acknowledged: FaultEvent = { type: 'FaultAcknowledged', data: { faultId, at: BEFORE_DEADLINE, by: tech } };
const resolvedBy = (by: Actor): FaultResolved => ({
  type: 'FaultResolved',
  data: { faultId, action: 'Replaced power supply', photos: [photo], resolvedAt: BEFORE_DEADLINE, withinSla: true, by },
});
const resolved = resolvedBy(tech);
const breached = (detectedAt: string, by: Actor = scheduler): FaultSlaBreached => ({
  type: 'FaultSlaBreached',
  data: { faultId, siteId: 'SH-001', severity: 'major', slaDeadline: DEADLINE, detectedAt, by },
});
const rejected: FaultEvent = { type: 'FaultResolutionRejected', data: { faultId, reason: 'Still flickering', at: AFTER_DEADLINE, by: manager } };
const closed: FaultEvent = { type: 'FaultClosed', data: { faultId, note: null, at: AFTER_DEADLINE, by: manager } };

describe('Fault decider', () => {
  describe('When none', () => {
    it('should open a major fault with the major SLA deadline', () => {
      spec.given([]).when(open()).then([opened]);
    });

    it('should open a minor fault with the minor SLA deadline', () => {
      const [event] = spec
        .given([])
        .when(open({ severity: 'minor' }))
        .events();
      expect(event.data).toMatchObject({ severity: 'minor', slaDeadline: '2026-03-05T01:00:00.000Z' });
    });

    it('should open a manual fault without photos', () => {
      const [event] = spec
        .given([])
        .when(open({ source: { kind: 'manual' }, photos: [] }))
        .events();
      expect(event.data).toMatchObject({ source: { kind: 'manual' }, photos: [] });
    });

    it.each(['faulty', 'under-maintenance'] as const)('should open a fault on a %s site', (status) => {
      spec
        .given([])
        .when(open({ site: { status, kind: 'led-screen' } }))
        .then([opened]);
    });

    it('should refuse an unregistered site', () => {
      spec
        .given([])
        .when(open({ site: { status: 'unregistered', kind: 'other' } }))
        .thenThrows('SITE_NOT_FOUND', 'not-found');
    });

    it('should refuse a retired site', () => {
      spec
        .given([])
        .when(open({ site: { status: 'retired', kind: 'led-screen' } }))
        .thenThrows('SITE_RETIRED', 'rule-violated');
    });

    it('should refuse a blank description', () => {
      spec
        .given([])
        .when(open({ description: '  ' }))
        .thenThrows('DESCRIPTION_REQUIRED', 'rule-violated');
    });

    it('should refuse an SLA policy without positive hours', () => {
      spec
        .given([])
        .when(open({ sla: { minorHours: 72, majorHours: 0 } }))
        .thenThrows('SLA_POLICY_INVALID', 'invalid');
    });

    it.each([
      ['acknowledging', acknowledge()],
      ['resolving', resolve()],
      ['rejecting a resolution', reject()],
      ['closing', close()],
      ['recording an SLA breach', recordBreach(AFTER_DEADLINE)],
    ])('should refuse %s as not found', (_what, command) => {
      spec.given([]).when(command).thenThrows('FAULT_NOT_FOUND', 'not-found');
    });
  });

  describe('When open', () => {
    it('should be open with its deadline and opener', () => {
      expect(spec.given([opened]).state()).toEqual({
        status: 'open',
        faultId,
        siteId: 'SH-001',
        severity: 'major',
        description: 'Screen dark',
        photos: [photo],
        source,
        openedAt: OPENED_AT,
        slaDeadline: DEADLINE,
        breached: false,
        openedBy: inspector,
      });
    });

    it('should refuse opening it again', () => {
      spec.given([opened]).when(open()).thenThrows('FAULT_ALREADY_OPENED', 'conflict');
    });

    it('should keep the note sent with the acknowledgement, and none when it is blank', () => {
      const noted = { type: 'AcknowledgeFault' as const, data: { faultId, note: 'On my way', at: BEFORE_DEADLINE, by: tech } };
      spec
        .given([opened])
        .when(noted)
        .then([{ type: 'FaultAcknowledged', data: { faultId, note: 'On my way', at: BEFORE_DEADLINE, by: tech } }]);
      spec
        .given([opened])
        .when({ ...noted, data: { ...noted.data, note: '  ' } })
        .then([acknowledged]);
      expect(spec.given([opened, { type: 'FaultAcknowledged', data: { faultId, note: 'On my way', at: BEFORE_DEADLINE, by: tech } }]).state()).toMatchObject({
        acknowledgementNote: 'On my way',
      });
    });

    it('should acknowledge it', () => {
      spec.given([opened]).when(acknowledge()).then([acknowledged]);
      expect(spec.given([opened, acknowledged]).state()).toMatchObject({ status: 'acknowledged', acknowledgedBy: tech, acknowledgedAt: BEFORE_DEADLINE });
    });

    it('should refuse resolving it before it is acknowledged', () => {
      spec.given([opened]).when(resolve()).thenThrows('FAULT_NOT_ACKNOWLEDGED', 'rule-violated');
    });

    it.each([
      ['rejecting a resolution', reject()],
      ['closing', close()],
    ])('should refuse %s', (_what, command) => {
      spec.given([opened]).when(command).thenThrows('FAULT_NOT_RESOLVED', 'rule-violated');
    });

    it('should not record a breach before the deadline', () => {
      spec.given([opened]).when(recordBreach(BEFORE_DEADLINE)).thenNothingHappens();
    });

    it('should not record a breach exactly at the deadline (resolving then is still within SLA)', () => {
      spec.given([opened]).when(recordBreach(DEADLINE)).thenNothingHappens();
    });

    it('should record a breach after the deadline and mark it breached', () => {
      spec
        .given([opened])
        .when(recordBreach(AFTER_DEADLINE))
        .then([breached(AFTER_DEADLINE)]);
      expect(spec.given([opened, breached(AFTER_DEADLINE)]).state()).toMatchObject({ status: 'open', breached: true });
    });

    it('should not record a breach twice', () => {
      spec
        .given([opened, breached(DEADLINE)])
        .when(recordBreach(AFTER_DEADLINE))
        .thenNothingHappens();
    });
  });

  describe('When acknowledged', () => {
    const given = [opened, acknowledged];

    it('should refuse acknowledging it again', () => {
      spec.given(given).when(acknowledge()).thenThrows('FAULT_NOT_OPEN', 'rule-violated');
    });

    it('should resolve it within SLA', () => {
      spec.given(given).when(resolve()).then([resolved]);
      expect(spec.given([...given, resolved]).state()).toMatchObject({ status: 'resolved', resolvedBy: tech, resolvedAt: BEFORE_DEADLINE });
    });

    it('should count resolving exactly at the deadline as within SLA', () => {
      spec
        .given(given)
        .when(resolve({ at: DEADLINE }))
        .then([{ type: 'FaultResolved', data: { ...resolved.data, resolvedAt: DEADLINE, withinSla: true } }]);
    });

    it('should record the breach first when resolving late', () => {
      spec
        .given(given)
        .when(resolve({ at: AFTER_DEADLINE }))
        .then([breached(AFTER_DEADLINE, tech), { type: 'FaultResolved', data: { ...resolved.data, resolvedAt: AFTER_DEADLINE, withinSla: false } }]);
    });

    it('should not record the breach again when resolving late after the scheduler did', () => {
      spec
        .given([...given, breached(DEADLINE)])
        .when(resolve({ at: AFTER_DEADLINE }))
        .then([{ type: 'FaultResolved', data: { ...resolved.data, resolvedAt: AFTER_DEADLINE, withinSla: false } }]);
    });

    it('should refuse resolving it without photos', () => {
      spec
        .given(given)
        .when(resolve({ photos: [] }))
        .thenThrows('PHOTO_REQUIRED', 'rule-violated');
    });

    it('should refuse resolving it without an action', () => {
      spec
        .given(given)
        .when(resolve({ action: ' ' }))
        .thenThrows('ACTION_REQUIRED', 'rule-violated');
    });

    it('should record a breach after the deadline', () => {
      spec
        .given(given)
        .when(recordBreach(AFTER_DEADLINE))
        .then([breached(AFTER_DEADLINE)]);
    });

    it('should refuse closing it', () => {
      spec.given(given).when(close()).thenThrows('FAULT_NOT_RESOLVED', 'rule-violated');
    });
  });

  describe('When resolved', () => {
    const given = [opened, acknowledged, resolved];

    it('should refuse acknowledging it', () => {
      spec.given(given).when(acknowledge()).thenThrows('FAULT_NOT_OPEN', 'rule-violated');
    });

    it('should refuse resolving it again', () => {
      spec.given(given).when(resolve()).thenThrows('FAULT_NOT_ACKNOWLEDGED', 'rule-violated');
    });

    it('should not record a breach even past the deadline', () => {
      spec.given(given).when(recordBreach(AFTER_DEADLINE)).thenNothingHappens();
    });

    it('should let a second person reject the resolution, back to acknowledged', () => {
      spec.given(given).when(reject()).then([rejected]);
      const state = spec.given([...given, rejected]).state();
      expect(state.status).toBe('acknowledged');
      expect(state.resolvedBy).toBeNull();
      expect(state.resolvedAt).toBeNull();
    });

    it('should refuse the resolver rejecting their own resolution', () => {
      spec.given(given).when(reject(tech)).thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse a rejection without a reason', () => {
      spec.given(given).when(reject(manager, '')).thenThrows('REASON_REQUIRED', 'rule-violated');
    });

    it('should let a second person close it', () => {
      spec
        .given(given)
        .when(close(manager, 'checked on site'))
        .then([{ type: 'FaultClosed', data: { faultId, note: 'checked on site', at: AFTER_DEADLINE, by: manager } }]);
      expect(spec.given([...given, closed]).state()).toMatchObject({ status: 'closed', closedBy: manager, closedAt: AFTER_DEADLINE });
    });

    it('should record a missing note as null', () => {
      spec.given(given).when(close()).then([closed]);
    });

    it.each(['admin', 'ops-manager'])('should refuse the resolver closing it, even as %s', (role) => {
      const boss: Actor = { userId: 'u-boss', role };
      spec
        .given([opened, acknowledged, resolvedBy(boss)])
        .when(close({ userId: 'u-boss', role }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse the resolver closing it under another role', () => {
      spec
        .given(given)
        .when(close({ userId: 'u-tech', role: 'admin' }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });
  });

  describe('When the resolution was rejected', () => {
    const given = [opened, acknowledged, resolved, rejected];

    it('should refuse closing it', () => {
      spec.given(given).when(close()).thenThrows('FAULT_NOT_RESOLVED', 'rule-violated');
    });

    it('should let it be resolved again, and closed by a second person', () => {
      const again = spec
        .given(given)
        .when(resolve({ at: AFTER_DEADLINE, by: manager }))
        .events();
      expect(again.map((e) => e.type)).toEqual(['FaultSlaBreached', 'FaultResolved']);
      spec
        .given([...given, ...again])
        .when(close(manager))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
      expect(
        spec
          .given([...given, ...again])
          .when(close(tech))
          .events(),
      ).toHaveLength(1);
    });
  });

  describe('When closed', () => {
    const given = [opened, acknowledged, resolved, closed];

    it('should be closed', () => {
      expect(spec.given(given).state().status).toBe('closed');
    });

    it.each([
      ['closing it again', close(tech)],
      ['rejecting the resolution', reject(tech)],
    ])('should refuse %s', (_what, command) => {
      spec.given(given).when(command).thenThrows('FAULT_NOT_RESOLVED', 'rule-violated');
    });

    it('should refuse acknowledging it', () => {
      spec.given(given).when(acknowledge()).thenThrows('FAULT_NOT_OPEN', 'rule-violated');
    });

    it('should not record a breach', () => {
      spec.given(given).when(recordBreach(AFTER_DEADLINE)).thenNothingHappens();
    });
  });
});
