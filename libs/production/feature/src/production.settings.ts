import { contextSettings } from '@ooh/http-kit';

export const PRODUCTION_SETTINGS = Symbol('ProductionSettings');

/** The production context's settings, from its environment: add `VARIABLE: setting.int(...)` here and map it below. */
export const productionSettings = contextSettings(PRODUCTION_SETTINGS, {}, () => ({}));

export type ProductionSettings = ReturnType<typeof productionSettings.load>;
