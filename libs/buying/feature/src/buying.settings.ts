import { contextSettings } from '@ooh/http-kit';

export const BUYING_SETTINGS = Symbol('BuyingSettings');

/** The buying context's settings, from its environment: add `VARIABLE: setting.int(...)` here and map it below. */
export const buyingSettings = contextSettings(BUYING_SETTINGS, {}, () => ({}));

export type BuyingSettings = ReturnType<typeof buyingSettings.load>;
