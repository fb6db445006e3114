import { contextSettings, setting } from '@ooh/http-kit';

export const FINANCE_SETTINGS = Symbol('FinanceSettings');

/** The finance context's settings, from its environment. */
export const financeSettings = contextSettings(
  FINANCE_SETTINGS,
  {
    FINANCE_PAYMENT_TERMS_DAYS: setting.int(7, 0, 365),
    FINANCE_PAYABLE_EXECUTIVE_THRESHOLD_FEN: setting.int(5_000_000, 0, Number.MAX_SAFE_INTEGER),
    FINANCE_EXPENSE_EXECUTIVE_THRESHOLD_FEN: setting.int(500_000, 0, Number.MAX_SAFE_INTEGER),
  },
  (s) => ({
    /** Days a client has to pay a receivable opened from a payment request. */
    paymentTermsDays: s.FINANCE_PAYMENT_TERMS_DAYS,
    /** Payables above this also need an executive's approval (fen). */
    payableExecutiveThresholdFen: s.FINANCE_PAYABLE_EXECUTIVE_THRESHOLD_FEN,
    /** Expenses above this also need an executive's approval (fen). */
    expenseExecutiveThresholdFen: s.FINANCE_EXPENSE_EXECUTIVE_THRESHOLD_FEN,
  }),
);

export type FinanceSettings = ReturnType<typeof financeSettings.load>;
