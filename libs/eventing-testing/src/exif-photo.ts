/** What an EXIF test photo says about itself. */
export interface ExifPhotoFacts {
  /** EXIF local time, `YYYY:MM:DD HH:MM:SS`. */
  takenAt?: string;
  /** `+08:00`: written as OffsetTimeOriginal. */
  offset?: string;
  latitude?: number;
  longitude?: number;
}

interface Entry {
  tag: number;
  type: 2 | 4 | 5; // ASCII, LONG, RATIONAL
  count: number;
  value: Buffer;
}

const ascii = (tag: number, text: string): Entry => ({ tag, type: 2, count: text.length + 1, value: Buffer.from(`${text}\0`, 'latin1') });
const long = (tag: number, n: number): Entry => {
  const value = Buffer.alloc(4);
  value.writeUInt32LE(n);
  return { tag, type: 4, count: 1, value };
};
const degrees = (tag: number, decimal: number): Entry => {
  const abs = Math.abs(decimal);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 10_000);
  const value = Buffer.alloc(24);
  [d, 1, m, 1, s, 10_000].forEach((n, i) => value.writeUInt32LE(n, i * 4));
  return { tag, type: 5, count: 3, value };
};

/** Lays out one IFD at `start`: entries, next-IFD 0, then the values that do not fit in 4 bytes. */
function ifd(entries: Entry[], start: number): Buffer {
  const head = Buffer.alloc(2 + entries.length * 12 + 4);
  head.writeUInt16LE(entries.length, 0);
  const data: Buffer[] = [];
  let dataOffset = start + head.length;
  entries.forEach((e, i) => {
    const at = 2 + i * 12;
    head.writeUInt16LE(e.tag, at);
    head.writeUInt16LE(e.type, at + 2);
    head.writeUInt32LE(e.count, at + 4);
    if (e.value.length <= 4) e.value.copy(head, at + 8);
    else {
      head.writeUInt32LE(dataOffset, at + 8);
      const padded = e.value.length % 2 ? Buffer.concat([e.value, Buffer.alloc(1)]) : e.value;
      data.push(padded);
      dataOffset += padded.length;
    }
  });
  return Buffer.concat([head, ...data]);
}

/**
 * A small JPEG whose EXIF says when (DateTimeOriginal, OffsetTimeOriginal) and where (GPS) it was
 * taken, for tests of capture facts. `label` makes the bytes (and so the blob) distinct.
 */
export function exifPhoto(facts: ExifPhotoFacts, label = String(Math.random())): Buffer {
  const exifEntries: Entry[] = [];
  if (facts.takenAt) exifEntries.push(ascii(0x9003, facts.takenAt));
  if (facts.offset) exifEntries.push(ascii(0x9011, facts.offset));
  const gpsEntries: Entry[] =
    facts.latitude === undefined || facts.longitude === undefined
      ? []
      : [
          ascii(0x0001, facts.latitude >= 0 ? 'N' : 'S'),
          degrees(0x0002, facts.latitude),
          ascii(0x0003, facts.longitude >= 0 ? 'E' : 'W'),
          degrees(0x0004, facts.longitude),
        ];
  // IFD0 points at the Exif and GPS IFDs, which follow it.
  const ifd0Size = 2 + 2 * 12 + 4;
  const exifStart = 8 + ifd0Size;
  const exif = ifd(exifEntries, exifStart);
  const gpsStart = exifStart + exif.length;
  const gps = ifd(gpsEntries, gpsStart);
  const ifd0 = ifd([long(0x8769, exifStart), long(0x8825, gpsStart)], 8);
  const tiff = Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]), ifd0, exif, gps]);
  const app1Body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(app1Body.length + 2);
  const comment = Buffer.from(`test photo ${label}`, 'latin1');
  const commentLength = Buffer.alloc(2);
  commentLength.writeUInt16BE(comment.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), length, app1Body, Buffer.from([0xff, 0xfe]), commentLength, comment, Buffer.from([0xff, 0xd9])]);
}
