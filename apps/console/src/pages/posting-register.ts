import { get, photo } from '../api';
import { h, table } from '../dom';
import { instant } from '../format';
import { t } from '../i18n';
import { toolbar } from '../toolbar';
import { monthForm, monthOf } from '../month';

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
  const { month, from, to } = monthOf(query, today);
  const page = await get<{ items: Entry[] }>(`/api/operations/posting-register?from=${from}&to=${to}&limit=200`);
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
    monthForm('postings', month),
    toolbar(`/api/operations/posting-register?from=${from}&to=${to}`, `posting-register-${month}`),
    page.items.length
      ? table(
          [t('date'), t('kind'), t('site'), t('client'), t('late'), t('photos'), t('recordedAt')],
          page.items.map((e) => [e.date, e.kind, `${e.siteId}/${e.face}`, e.advertiser, e.daysLate ? `+${e.daysLate}` : '—', thumbs(e), instant(e.recordedAt)]),
          { 'data-testid': 'postings-table' },
        )
      : h('p', { class: 'empty' }, t('empty')),
  );
}
