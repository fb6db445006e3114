import { contextSettings, setting } from '@ooh/http-kit';

export const OPERATIONS_SETTINGS = Symbol('OperationsSettings');

/** The operations context's settings, from its environment. */
export const operationsSettings = contextSettings(
  OPERATIONS_SETTINGS,
  {
    SLA_MINOR_HOURS: setting.int(8, 1, 24 * 30),
    SLA_MAJOR_HOURS: setting.int(48, 1, 24 * 30),
    BOOKING_INTERNAL_APPROVALS: setting.int(2, 1, 10),
    BOOKING_REVIEWERS: setting.list(),
  },
  (s) => ({
    /** Hours to resolve a fault, by severity. */
    sla: { minorHours: s.SLA_MINOR_HOURS, majorHours: s.SLA_MAJOR_HOURS },
    /** Executives who must each approve a booking's creative (internal review). */
    bookingApprovals: s.BOOKING_INTERNAL_APPROVALS,
    /** When set, exactly these executives (user ids) must each approve a booking's creative. */
    bookingReviewers: s.BOOKING_REVIEWERS,
  }),
);

export type OperationsSettings = ReturnType<typeof operationsSettings.load>;
