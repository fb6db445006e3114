import { contextSettings } from '@ooh/http-kit';

export const REPORTING_SETTINGS = Symbol('ReportingSettings');

/** The reporting context's settings, from its environment: add `VARIABLE: setting.int(...)` here and map it below. */
export const reportingSettings = contextSettings(REPORTING_SETTINGS, {}, () => ({}));

export type ReportingSettings = ReturnType<typeof reportingSettings.load>;
