import { h } from './dom';
import { zonedInstant, zonedLocal } from './format';
import { t } from './i18n';

/** A report's two times from the page's query: the business day, and the instant it is known at. */
export const timesOf = (query: URLSearchParams): URLSearchParams => new URLSearchParams([...query].filter(([k, v]) => ['asOf', 'knownAt'].includes(k) && v));

/**
 * The form every report shows its times with: "as of" a business day and "as known at" an instant
 * typed in the operator's time zone (sent with its offset). Submitting reopens `route` with them and
 * with `keep` (e.g. the month).
 */
export function timesForm(route: string, times: URLSearchParams, keep: Record<string, string> = {}): HTMLElement {
  return h(
    'form',
    {
      class: 'times',
      'data-testid': 'times',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const data = new FormData(e.target as HTMLFormElement);
        const q = new URLSearchParams(keep);
        const asOf = String(data.get('asOf') ?? '');
        const knownAt = String(data.get('knownAt') ?? '');
        if (asOf) q.set('asOf', asOf);
        if (knownAt) q.set('knownAt', zonedInstant(knownAt));
        location.hash = `#/${route}?${q}`;
      },
    },
    h('label', {}, t('asOf'), h('input', { type: 'date', name: 'asOf', value: times.get('asOf') ?? '' })),
    h('label', {}, t('knownAt'), h('input', { type: 'datetime-local', name: 'knownAt', value: zonedLocal(times.get('knownAt') ?? '') })),
    h('button', { type: 'submit' }, t('apply')),
  );
}
