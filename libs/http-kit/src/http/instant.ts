import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTANT_PATTERN, isInstant } from '@ooh/calendar';
import { ValidateBy, buildMessage } from 'class-validator';
import { Optional } from './optional';

export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: isInstant,
      defaultMessage: buildMessage(
        (each) => `${each}$property must be an instant such as 2026-12-01T10:00:00+08:00 (a real calendar date and time with its offset)`,
      ),
    },
  });

/** An instant with an explicit offset (a wall-clock time without a zone would be ambiguous), validated by parsing. */
export const InstantField = (description: string, example: string, options: { optional?: boolean } = {}) =>
  applyDecorators(
    ...(options.optional
      ? [ApiPropertyOptional({ description, example, format: 'date-time', pattern: INSTANT_PATTERN.source }), Optional()]
      : [ApiProperty({ description, example, format: 'date-time', pattern: INSTANT_PATTERN.source })]),
    IsInstant(),
  );

export class AsOfQueryDto {
  @InstantField('The state as it was recorded at that instant (folded from the events recorded by then)', '2026-11-28T12:00:00+08:00', { optional: true })
  asOf?: string;
}

/** A validated instant as events record it: UTC, milliseconds, `Z`. */
export const utcInstant = (value: string): string => new Date(value).toISOString();
