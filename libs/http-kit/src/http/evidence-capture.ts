import type { CaptureFacts } from '@ooh/eventing';
import { load } from 'exifreader';
import { DateTime } from 'luxon';

const EXIF_DATE = 'yyyy:MM:dd HH:mm:ss';
const OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * When and where a photo was taken, as its own metadata says (EXIF DateTimeOriginal with its
 * OffsetTimeOriginal, GPS position). A capture time without an offset is a local time: it is read in
 * the operator's time zone and marked so. Files without metadata, or with values that do not parse,
 * give nothing: a missing capture time is reported as missing, never guessed.
 */
export function captureFacts(bytes: Buffer, contentType: string, timeZone: string): CaptureFacts {
  if (!contentType.startsWith('image/')) return {};
  let tags: ReturnType<typeof loadExpanded>;
  try {
    tags = loadExpanded(bytes);
  } catch {
    return {};
  }
  const facts: CaptureFacts = {};
  const exif = tags.exif;
  const local = text(exif?.DateTimeOriginal) ?? text(exif?.DateTimeDigitized) ?? text(exif?.DateTime);
  const offset = text(exif?.OffsetTimeOriginal) ?? text(exif?.OffsetTime);
  if (local) {
    const withOffset = offset && OFFSET.test(offset);
    const at = DateTime.fromFormat(local, EXIF_DATE, { zone: withOffset ? `UTC${offset}` : timeZone });
    if (at.isValid && at.year >= 1990) {
      facts.at = at.toUTC().toISO()!;
      facts.offsetRecorded = Boolean(withOffset);
    }
  }
  const { Latitude: latitude, Longitude: longitude, Altitude: altitude } = tags.gps ?? {};
  if (isFiniteIn(latitude, 90) && isFiniteIn(longitude, 180) && !(latitude === 0 && longitude === 0)) {
    facts.latitude = round(latitude, 6);
    facts.longitude = round(longitude, 6);
    if (isFiniteIn(altitude, 20_000)) facts.altitudeMeters = round(altitude, 1);
  }
  return facts;
}

function loadExpanded(bytes: Buffer) {
  return load(bytes, { expanded: true });
}

function text(tag: { description?: unknown } | undefined): string | undefined {
  const value = tag?.description;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function isFiniteIn(value: unknown, bound: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= bound;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
