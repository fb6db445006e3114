import { exifPhoto } from '@ooh/eventing-testing';
import { captureFacts } from './evidence-capture';

describe('capture facts of a photo (EXIF)', () => {
  it('reads when it was taken with its recorded offset, and where', () => {
    const photo = exifPhoto({ takenAt: '2026:11:25 08:40:00', offset: '+08:00', latitude: 29.6076, longitude: 106.5502 });
    expect(captureFacts(photo, 'image/jpeg', 'Asia/Shanghai')).toEqual({
      at: '2026-11-25T00:40:00.000Z',
      offsetRecorded: true,
      latitude: 29.6076,
      longitude: 106.5502,
    });
  });

  it('reads a local time without offset in the operator time zone, and says so', () => {
    const photo = exifPhoto({ takenAt: '2026:11:25 08:40:00' });
    expect(captureFacts(photo, 'image/jpeg', 'Asia/Shanghai')).toEqual({ at: '2026-11-25T00:40:00.000Z', offsetRecorded: false });
    expect(captureFacts(photo, 'image/jpeg', 'Europe/Berlin')).toEqual({ at: '2026-11-25T07:40:00.000Z', offsetRecorded: false });
  });

  it('keeps southern and western positions signed', () => {
    expect(captureFacts(exifPhoto({ latitude: -33.8688, longitude: -70.6693 }), 'image/jpeg', 'UTC')).toEqual({ latitude: -33.8688, longitude: -70.6693 });
  });

  it('gives nothing for files without metadata, unparseable dates or non-images, never a guess', () => {
    expect(captureFacts(Buffer.from('\xff\xd8\xff\xe0 no exif here', 'latin1'), 'image/jpeg', 'UTC')).toEqual({});
    expect(captureFacts(exifPhoto({ takenAt: '0000:00:00 00:00:00' }), 'image/jpeg', 'UTC')).toEqual({});
    expect(captureFacts(exifPhoto({ takenAt: '2026:11:25 08:40:00' }), 'application/pdf', 'UTC')).toEqual({});
    expect(captureFacts(Buffer.alloc(0), 'image/png', 'UTC')).toEqual({});
  });
});
