import { defineAggregate } from '@ooh/eventing';
import { bookingDecider } from './booking/booking.decider';
import { bookingStream } from './booking/booking.events';
import { faceCalendarDecider } from './face-calendar/face-calendar.decider';
import { faceCalendarStream } from './face-calendar/face-calendar.events';
import { faultDecider } from './fault/fault.decider';
import { inspectionDecider } from './inspection/inspection.decider';
import { installationDecider } from './installation/installation.decider';
import { installationStream } from './installation/installation.events';
import { maintenanceDecider } from './maintenance/maintenance.decider';
import { proofOfPlayDecider } from './proof-of-play/proof-of-play.decider';
import { proofOfPlayStream } from './proof-of-play/proof-of-play.events';
import { faultStream, inspectionStream, maintenanceStream, siteStream } from './shared';
import { siteDecider } from './site/site.decider';

/** The operations aggregates: each decider with its streams, the field of its id and its "not found" code. */
export const siteAggregate = defineAggregate({ name: 'site', decider: siteDecider, stream: siteStream, idField: 'siteId', notFoundCode: 'SITE_NOT_FOUND' });

export const inspectionAggregate = defineAggregate({
  name: 'inspection',
  decider: inspectionDecider,
  stream: inspectionStream,
  idField: 'inspectionId',
  notFoundCode: 'INSPECTION_NOT_FOUND',
  occurredAt: (command) => command.data.performedAt,
});

export const maintenanceAggregate = defineAggregate({
  name: 'maintenance visit',
  decider: maintenanceDecider,
  stream: maintenanceStream,
  idField: 'maintenanceId',
  notFoundCode: 'MAINTENANCE_NOT_FOUND',
  occurredAt: (command) => command.data.performedAt,
});

export const faultAggregate = defineAggregate({
  name: 'fault',
  decider: faultDecider,
  stream: faultStream,
  idField: 'faultId',
  notFoundCode: 'FAULT_NOT_FOUND',
});

export const installationAggregate = defineAggregate({
  name: 'installation job',
  decider: installationDecider,
  stream: installationStream,
  idField: 'jobId',
  notFoundCode: 'INSTALLATION_JOB_NOT_FOUND',
});

export const bookingAggregate = defineAggregate({
  name: 'booking',
  decider: bookingDecider,
  stream: bookingStream,
  idField: 'bookingId',
  notFoundCode: 'BOOKING_NOT_FOUND',
});

/** A face's calendar; its id is `<siteId>:<face>` (see faceKey). */
export const faceCalendarAggregate = defineAggregate({
  name: 'face calendar',
  decider: faceCalendarDecider,
  stream: (key: string) => {
    const split = key.lastIndexOf(':');
    return faceCalendarStream(key.slice(0, split), key.slice(split + 1));
  },
  notFoundCode: 'HOLD_NOT_FOUND',
  status: (state) => (state.holds.length > 0 ? 'held' : 'free'),
});

export const faceKey = (face: { siteId: string; face: string }): string => `${face.siteId}:${face.face}`;

export const proofOfPlayAggregate = defineAggregate({
  name: 'proof-of-play report',
  decider: proofOfPlayDecider,
  stream: proofOfPlayStream,
  idField: 'reportId',
  notFoundCode: 'REPORT_NOT_FOUND',
});
