import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DATE_PATTERN, isCalendarDate, MONTH_PATTERN, WEEK_PATTERN } from '@ooh/calendar';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { Optional } from './optional';

/** The largest amount any command accepts: 10 billion yuan, in fen (well inside the safe-integer range). */
export const MAX_AMOUNT_FEN = 1_000_000_000_000;

const described = (options: { optional?: boolean }, schema: Record<string, unknown>) =>
  options.optional ? [ApiPropertyOptional(schema), Optional()] : [ApiProperty(schema)];

/** A calendar date YYYY-MM-DD, validated by parsing (2026-02-30 is refused). */
export const DateField = (description: string, example: string, options: { optional?: boolean } = {}) =>
  applyDecorators(
    ...described(options, { description, example, type: String, format: 'date', pattern: DATE_PATTERN.source }),
    ValidateBy({ name: 'isCalendarDate', validator: { validate: isCalendarDate, defaultMessage: () => '$property must be a real calendar date YYYY-MM-DD' } }),
  );

export const MonthField = (description: string, example: string, options: { optional?: boolean } = {}) =>
  applyDecorators(
    ...described(options, { description, example, type: String, pattern: MONTH_PATTERN.source }),
    Matches(MONTH_PATTERN, { message: '$property must be a month YYYY-MM' }),
  );

export const WeekField = (description: string, example: string, options: { optional?: boolean } = {}) =>
  applyDecorators(
    ...described(options, { description, example, type: String, pattern: WEEK_PATTERN.source }),
    Matches(WEEK_PATTERN, { message: '$property must be an ISO week YYYY-Www' }),
  );

/** Money in fen: a whole, positive number no larger than MAX_AMOUNT_FEN. */
export const AmountFenField = (description = 'Amount in fen (integer)', example = 680000) =>
  applyDecorators(ApiProperty({ description, example, type: 'integer', minimum: 1, maximum: MAX_AMOUNT_FEN }), IsInt(), Min(1), Max(MAX_AMOUNT_FEN));

export const CurrencyField = () =>
  applyDecorators(ApiProperty({ example: 'CNY', pattern: '^[A-Z]{3}$' }), Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' }));

/** An amount and its currency. */
export class MoneyDto {
  @AmountFenField() amountFen!: number;
  @CurrencyField() currency!: string;
}

/** A refusal, rejection or cancellation always says why. */
export class ReasonDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

/** The body of a command that needs nothing but the route (it must still be a JSON object, or absent). */
export class EmptyBodyDto {}

/**
 * A number kept to two decimals (a percentage, a rating): more precision inside [min, max] is rounded,
 * half away from zero, before validation; a value outside stays as sent, for the bounds to refuse.
 */
export const TwoDecimals = (min: number, max: number) =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'number' && value >= min && value <= max ? (Math.sign(value) * Math.round(Math.abs(value) * 100)) / 100 : value,
  );
