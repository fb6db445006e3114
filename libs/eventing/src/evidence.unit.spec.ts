import { evidenceIn } from './evidence';

const ref = (n: number, extra: object = {}) => ({
  blobId: String(n).repeat(64).slice(0, 64),
  sha256: 'a'.repeat(63) + String(n % 10),
  contentType: 'image/jpeg',
  ...extra,
});

describe('evidenceIn', () => {
  it('finds evidence in any field and at any depth, once per blob', () => {
    const data = {
      photos: [ref(1)],
      receipt: [ref(2)],
      creative: { files: [ref(3, { caption: 'spot' })] },
      lines: [{ inspections: [{ photos: [ref(1), ref(4)] }] }],
      evidence: [ref(5, { masthead: true })],
      changes: { photos: [ref(6)] },
    };
    expect(evidenceIn(data).map((e) => e.blobId)).toEqual([ref(1), ref(2), ref(3), ref(4), ref(5), ref(6)].map((e) => e.blobId));
    expect(evidenceIn(data)[2]).toMatchObject({ caption: 'spot' });
  });

  it('ignores look-alikes without a real sha256 or content type', () => {
    expect(evidenceIn({ a: { blobId: 'x', sha256: 'not-a-hash', contentType: 'image/jpeg' }, b: { blobId: 'y', sha256: 'a'.repeat(64) } })).toEqual([]);
    expect(evidenceIn(null)).toEqual([]);
  });
});
