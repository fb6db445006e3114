import { download } from './api';
import { h } from './dom';
import { t } from './i18n';

/**
 * A report's exports and its printable page: the same API path with `.csv` or `.xlsx` (and the same
 * query), downloaded with the token; Print uses the page's print stylesheet (no navigation, no buttons).
 */
export function toolbar(path: string, filename: string): HTMLElement {
  const [base, query] = path.split('?');
  const file = (ext: string) => `${base}.${ext}${query ? `?${query}` : ''}`;
  return h(
    'div',
    { class: 'toolbar', 'data-testid': 'toolbar' },
    h('button', { type: 'button', 'data-testid': 'export-xlsx', onclick: () => void download(file('xlsx'), `${filename}.xlsx`) }, `${t('export')} Excel`),
    h('button', { type: 'button', 'data-testid': 'export-csv', onclick: () => void download(file('csv'), `${filename}.csv`) }, `${t('export')} CSV`),
    h('button', { type: 'button', 'data-testid': 'print', onclick: () => window.print() }, t('print')),
  );
}
