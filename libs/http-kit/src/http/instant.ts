import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy, buildMessage } from 'class-validator';
import { DateTime } from 'luxon';
import { Optional } from './optional';

/** Calendar date, time (hours and minutes at least) and an explicit offset: the only instant form accepted. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export const INSTANT_PATTERN = INSTANT.source;

/** Parsed, not pattern-matched: month 13, hour 25, second 61, Feb 30 and offsets beyond ±14:00 are refused. */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !INSTANT.test(value)) return false;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid && Math.abs(parsed.offset) <= 14 * 60 && parsed.hour < 24;
}

export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: isInstant,
      defaultMessage: buildMessage((each) => `${each}$property must be an instant such as 2026-12-01T10:00:00+08:00 (a real calendar date and time with its offset)`),
    },
  });

/** An instant with an explicit offset: a wall-clock time without a zone would be ambiguous. */
export const InstantField = (description: string, example: string, options: { optional?: boolean } = {}) =>
  applyDecorators(
    ...(options.optional
      ? [ApiPropertyOptional({ description, example, format: 'date-time', pattern: INSTANT_PATTERN }), Optional()]
      : [ApiProperty({ description, example, format: 'date-time', pattern: INSTANT_PATTERN })]),
    IsInstant(),
  );

export class AsOfQueryDto {
  @InstantField('The state as it was recorded at that instant (folded from the events recorded by then)', '2026-11-28T12:00:00+08:00', { optional: true })
  asOf?: string;
}

/** A validated instant as events record it: UTC, milliseconds, `Z`. */
export const utcInstant = (value: string): string => new Date(value).toISOString();
