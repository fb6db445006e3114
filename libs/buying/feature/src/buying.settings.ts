import { contextSettings, setting } from '@ooh/http-kit';

export const BUYING_SETTINGS = Symbol('BuyingSettings');

/** The buying context's settings, from its environment. */
export const buyingSettings = contextSettings(
  BUYING_SETTINGS,
  {
    BUYING_PROOF_GRACE_DAYS: setting.int(7, 0, 90),
  },
  (s) => ({
    /** Days after a unit's last day by which its proof of airing is due (later proof counts as late). */
    proofGraceDays: s.BUYING_PROOF_GRACE_DAYS,
  }),
);

export type BuyingSettings = ReturnType<typeof buyingSettings.load>;
