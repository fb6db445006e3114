import { get, photo } from '../api';
import { h, table } from '../dom';
import { instant } from '../format';
import { t } from '../i18n';

interface Entry {
  kind: string;
  bookingId: string;
  date: string;
  daysLate: number;
  siteId: string;
  face: string;
  advertiser: string;
  photos: Array<{ blobId: string; contentType: string }>;
  recordedAt: string;
}

/** The posting register (媒体上下刊登记表): every posting and removal of a month, with its photos. */
export async function postingRegisterPage(query: URLSearchParams, today: string): Promise<HTMLElement> {
  const month = query.get('month') ?? today.slice(0, 7);
  const [y, m] = month.split('-').map(Number);
  const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const page = await get<{ items: Entry[] }>(`/api/operations/posting-register?from=${month}-01&to=${to}&limit=200`);
  const thumbs = (e: Entry) => {
    const box = h('span', { class: 'thumbs' });
    for (const p of e.photos.filter((x) => x.contentType.startsWith('image/')).slice(0, 3))
      void photo(p.blobId).then((url) => box.append(h('img', { src: url, alt: `${e.siteId}/${e.face} ${e.date}`, class: 'thumb' })));
    return box;
  };
  return h(
    'section',
    {},
    h('h2', {}, t('postings')),
    h(
      'form',
      {
        class: 'times',
        onsubmit: (e: Event) => {
          e.preventDefault();
          location.hash = `#/postings?month=${new FormData(e.target as HTMLFormElement).get('month')}`;
        },
      },
      h('label', {}, t('month'), h('input', { type: 'month', name: 'month', value: month })),
      h('button', { type: 'submit' }, t('apply')),
    ),
    page.items.length
      ? table(
          [t('date'), t('kind'), t('site'), t('client'), t('late'), t('photos'), t('recordedAt')],
          page.items.map((e) => [e.date, e.kind, `${e.siteId}/${e.face}`, e.advertiser, e.daysLate ? `+${e.daysLate}` : '—', thumbs(e), instant(e.recordedAt)]),
          { 'data-testid': 'postings-table' },
        )
      : h('p', { class: 'empty' }, t('empty')),
  );
}
