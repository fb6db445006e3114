import type { RecordedEvent } from './envelope';
import { Upcasters, type Upcaster } from './upcasting';

const recorded = (type: string, data: unknown, schemaVersion: number): RecordedEvent => ({
  eventId: 'e-1',
  streamId: 'test.thing-1',
  revision: 4,
  position: 17,
  recordedAt: '2026-03-01T00:00:00.000Z',
  type,
  data,
  metadata: {
    correlationId: 'c',
    causationId: 'c',
    actor: { userId: 'u', role: 'ops-staff' },
    occurredAt: '2026-02-28T00:00:00.000Z',
    schemaVersion,
    tenant: 'x',
  },
});

// FaultReported v1 `{ text }` → v2 `{ description }` → v3 `{ description, severity }`.
const v1ToV2: Upcaster = {
  type: 'FaultReported',
  fromVersion: 1,
  upcast: (d) => ({ data: { description: (d as { text: string }).text } }),
};
const v2ToV3: Upcaster = {
  type: 'FaultReported',
  fromVersion: 2,
  upcast: (d) => ({ data: { ...(d as object), severity: 'normal' } }),
};

describe('Upcasters', () => {
  describe('When none are registered', () => {
    it('should return the very same event', () => {
      const upcasters = new Upcasters();
      const event = recorded('FaultReported', { text: 'dark' }, 1);
      expect(upcasters.apply(event)).toBe(event);
      expect(upcasters.size).toBe(0);
    });
  });

  describe('When a chain v1 → v2 → v3 is registered', () => {
    const upcasters = new Upcasters([v2ToV3, v1ToV2]);

    it('should count each registered step', () => {
      expect(upcasters.size).toBe(2);
    });

    it('should take a v1 event all the way to v3', () => {
      const out = upcasters.apply(recorded('FaultReported', { text: 'screen dark' }, 1));
      expect(out.type).toBe('FaultReported');
      expect(out.data).toEqual({ description: 'screen dark', severity: 'normal' });
      expect(out.metadata.schemaVersion).toBe(3);
    });

    it('should take a v2 event only through the remaining step', () => {
      const out = upcasters.apply(recorded('FaultReported', { description: 'flicker' }, 2));
      expect(out.data).toEqual({ description: 'flicker', severity: 'normal' });
      expect(out.metadata.schemaVersion).toBe(3);
    });

    it('should leave a current (v3) event as it is', () => {
      const event = recorded('FaultReported', { description: 'x', severity: 'high' }, 3);
      expect(upcasters.apply(event)).toEqual(event);
    });

    it('should leave other event types untouched', () => {
      const event = recorded('SiteRegistered', { text: 'keep' }, 1);
      expect(upcasters.apply(event)).toEqual(event);
    });

    it('should keep the envelope and not mutate the stored event', () => {
      const event = recorded('FaultReported', { text: 'dark' }, 1);
      const snapshot = structuredClone(event);
      const out = upcasters.apply(event);
      expect(event).toEqual(snapshot);
      expect(out).toMatchObject({
        eventId: 'e-1',
        streamId: 'test.thing-1',
        revision: 4,
        position: 17,
        recordedAt: '2026-03-01T00:00:00.000Z',
        metadata: { correlationId: 'c', causationId: 'c', occurredAt: '2026-02-28T00:00:00.000Z', tenant: 'x' },
      });
    });
  });

  describe('When an upcaster renames the type', () => {
    const upcasters = new Upcasters([{ type: 'ProblemLogged', fromVersion: 1, upcast: (d) => ({ type: 'FaultReported', data: d }) }, v2ToV3]);

    it('should continue the chain under the new type and version', () => {
      const out = upcasters.apply(recorded('ProblemLogged', { description: 'dark' }, 1));
      expect(out.type).toBe('FaultReported');
      expect(out.data).toEqual({ description: 'dark', severity: 'normal' });
      expect(out.metadata.schemaVersion).toBe(3);
    });

    it('should not apply steps registered for the new type at a version the event never had', () => {
      const only = new Upcasters([
        { type: 'ProblemLogged', fromVersion: 1, upcast: (d) => ({ type: 'FaultReported', data: d }) },
        { ...v1ToV2, upcast: () => ({ data: 'must not run' }) },
      ]);
      const out = only.apply(recorded('ProblemLogged', { description: 'dark' }, 1));
      expect(out).toMatchObject({ type: 'FaultReported', data: { description: 'dark' }, metadata: { schemaVersion: 2 } });
    });
  });

  describe('When two upcasters are registered for the same type and version', () => {
    it('should use the last one', () => {
      const upcasters = new Upcasters([v1ToV2, { type: 'FaultReported', fromVersion: 1, upcast: () => ({ data: { description: 'second' } }) }]);
      expect(upcasters.size).toBe(1);
      expect(upcasters.apply(recorded('FaultReported', { text: 'first' }, 1)).data).toEqual({ description: 'second' });
    });
  });
});
