import { projectionSpec } from '@ooh/eventing-testing';
import type { FaultEvent } from '@ooh/operations-domain';
import { FAULTS, faultsProjection } from './faults.projection';

const stream = 'operations.fault-f1';
const photo = { blobId: 'b'.repeat(64), sha256: 'b'.repeat(64), contentType: 'image/jpeg' };
const staff = { userId: 'li', role: 'ops-staff' };
const manager = { userId: 'zhao', role: 'ops-manager' };
const on = (event: FaultEvent, recordedAt: string) => ({ streamId: stream, recordedAt, ...event });

const opened = on(
  {
    type: 'FaultOpened',
    data: {
      faultId: 'f1',
      siteId: 'S-1',
      severity: 'major',
      description: 'Dark',
      photos: [photo],
      source: { kind: 'manual' },
      openedAt: '2026-12-01T01:00:00.000Z',
      slaDeadline: '2026-12-01T05:00:00.000Z',
      by: staff,
    },
  },
  '2026-12-01T01:00:01.000Z',
);

describe('faults projection', () => {
  it('keeps the fault as its decider folds it: opened, breached, resolved, rejected, closed', async () => {
    await projectionSpec(faultsProjection)
      .given(
        opened,
        on({ type: 'FaultAcknowledged', data: { faultId: 'f1', at: '2026-12-01T02:00:00.000Z', by: staff } }, '2026-12-01T02:00:01.000Z'),
        on(
          {
            type: 'FaultSlaBreached',
            data: {
              faultId: 'f1',
              siteId: 'S-1',
              severity: 'major',
              slaDeadline: '2026-12-01T05:00:00.000Z',
              detectedAt: '2026-12-01T05:01:00.000Z',
              by: staff,
            },
          },
          '2026-12-01T05:01:01.000Z',
        ),
        on(
          {
            type: 'FaultResolved',
            data: { faultId: 'f1', action: 'Replaced', photos: [photo], resolvedAt: '2026-12-01T06:00:00.000Z', withinSla: false, by: staff },
          },
          '2026-12-01T06:00:01.000Z',
        ),
        on(
          { type: 'FaultResolutionRejected', data: { faultId: 'f1', reason: 'Still dark', at: '2026-12-01T07:00:00.000Z', by: manager } },
          '2026-12-01T07:00:01.000Z',
        ),
      )
      .then({
        [FAULTS]: {
          f1: {
            status: 'acknowledged',
            faultId: 'f1',
            siteId: 'S-1',
            severity: 'major',
            description: 'Dark',
            photos: [photo],
            source: { kind: 'manual' },
            openedAt: '2026-12-01T01:00:00.000Z',
            slaDeadline: '2026-12-01T05:00:00.000Z',
            breached: true,
            breachDetectedAt: '2026-12-01T05:01:00.000Z',
            openedBy: staff,
            acknowledgedBy: staff,
            acknowledgedAt: '2026-12-01T02:00:00.000Z',
            resolvedBy: null,
            resolvedAt: null,
            resolution: 'Replaced',
            resolutionPhotos: [photo],
            withinSla: false,
            lastRejection: 'Still dark',
            revision: 4,
            updatedAt: '2026-12-01T07:00:01.000Z',
          },
        },
      });
  });

  it('records who closed it and when', async () => {
    const documents = await projectionSpec(faultsProjection)
      .given(
        opened,
        on({ type: 'FaultAcknowledged', data: { faultId: 'f1', at: '2026-12-01T02:00:00.000Z', by: staff } }, '2026-12-01T02:00:01.000Z'),
        on(
          {
            type: 'FaultResolved',
            data: { faultId: 'f1', action: 'Replaced', photos: [photo], resolvedAt: '2026-12-01T03:00:00.000Z', withinSla: true, by: staff },
          },
          '2026-12-01T03:00:01.000Z',
        ),
        on({ type: 'FaultClosed', data: { faultId: 'f1', note: null, at: '2026-12-01T04:00:00.000Z', by: manager } }, '2026-12-01T04:00:01.000Z'),
      )
      .documents();
    expect(documents[FAULTS].f1).toMatchObject({
      status: 'closed',
      closedBy: manager,
      closedAt: '2026-12-01T04:00:00.000Z',
      resolvedBy: staff,
      withinSla: true,
      revision: 3,
    });
  });
});
