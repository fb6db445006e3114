import { currentLang } from './i18n';

let timeZone = 'Asia/Shanghai';
export const setTimeZone = (tz: string): void => {
  timeZone = tz;
};

const locale = () => (currentLang() === 'zh' ? 'zh-CN' : 'en-GB');

/** Money travels in fen; it is shown in yuan, to the fen. */
export const yuan = (fen: number): string =>
  new Intl.NumberFormat(locale(), { style: 'currency', currency: 'CNY', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100);

/** An instant, in the operator's time zone. */
export const instant = (iso: string): string =>
  new Intl.DateTimeFormat(locale(), { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/** A calendar date is already the operator's day: shown as it is. */
export const day = (date: string | null): string => date ?? '—';
