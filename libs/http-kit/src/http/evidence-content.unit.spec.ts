import { evidenceContentProblem } from './evidence-content';

const bytes = (...parts: Array<number[] | string>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('evidence content is what it says it is (7.)', () => {
  it.each([
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')],
    ['image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR')],
    ['image/webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['image/heic', bytes([0, 0, 0, 24], 'ftypheic')],
    ['application/pdf', bytes('%PDF-1.7\n')],
    ['video/mp4', bytes([0, 0, 0, 32], 'ftypisom')],
    ['text/csv', Buffer.from('unit_id,outcome\nu1,aired\n节目,missed\n', 'utf8')],
  ])('accepts %s with its signature', (type, content) => {
    expect(evidenceContentProblem(content, type)).toBeUndefined();
  });

  it('refuses empty files, foreign bytes under an accepted type, and other types', () => {
    expect(evidenceContentProblem(Buffer.alloc(0), 'image/jpeg')).toBe('the file is empty');
    expect(evidenceContentProblem(bytes('<html></html>'), 'image/jpeg')).toMatch(/not image\/jpeg/);
    expect(evidenceContentProblem(bytes('%PDF-1.7'), 'image/png')).toMatch(/not image\/png/);
    expect(evidenceContentProblem(bytes('MZ'), 'application/x-msdownload')).toMatch(/not accepted/);
    expect(evidenceContentProblem(bytes('a,b', [0], 'c'), 'text/csv')).toMatch(/not text\/csv/);
    expect(evidenceContentProblem(bytes('a,', [0xff, 0xfe]), 'text/csv')).toMatch(/not text\/csv/);
  });
});
