import { contextSettings } from '@ooh/http-kit';

export const PLANNING_SETTINGS = Symbol('PlanningSettings');

/** The planning context's settings, from its environment: add `VARIABLE: setting.int(...)` here and map it below. */
export const planningSettings = contextSettings(PLANNING_SETTINGS, {}, () => ({}));

export type PlanningSettings = ReturnType<typeof planningSettings.load>;
