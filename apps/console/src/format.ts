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

/** The operator zone's offset at an instant, as `+08:00`. */
function offsetAt(ms: number): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d{2}:\d{2})/.exec(name ?? '');
  return match ? match[1] : '+00:00';
}

const minutes = (offset: string) => (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));

/** A wall-clock time typed in the operator's zone (`2026-12-31T23:59`) as an instant with its offset. */
export function zonedInstant(local: string): string {
  const asUtc = Date.parse(`${local}:00Z`);
  const offset = offsetAt(asUtc - minutes(offsetAt(asUtc)) * 60_000);
  return `${local}:00${offset}`;
}

/** An instant as the operator's wall-clock time, for a `datetime-local` input. */
export function zonedLocal(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + minutes(offsetAt(ms)) * 60_000).toISOString().slice(0, 16);
}
