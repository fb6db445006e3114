import { h } from './dom';
import { t } from './i18n';

/** The month a page shows (the query's, or the operator's current one) and its first and last day. */
export function monthOf(query: URLSearchParams, today: string): { month: string; from: string; to: string } {
  const month = query.get('month') ?? today.slice(0, 7);
  const [y, m] = month.split('-').map(Number);
  return { month, from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/** A month picker that reopens the page's route for the month chosen. */
export function monthForm(route: string, month: string): HTMLElement {
  return h(
    'form',
    {
      class: 'times',
      onsubmit: (e: Event) => {
        e.preventDefault();
        location.hash = `#/${route}?month=${new FormData(e.target as HTMLFormElement).get('month')}`;
      },
    },
    h('label', {}, t('month'), h('input', { type: 'month', name: 'month', value: month })),
    h('button', { type: 'submit' }, t('apply')),
  );
}
