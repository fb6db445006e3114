import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, Matches, ValidateNested } from 'class-validator';
import { EvidenceInputDto } from './evidence.dto';

/** Field decorators shared by the operations DTOs: one definition of a site code, an instant, a photo list. */
export const SITE_CODE = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;

export const SiteIdField = (options: { optional?: boolean } = {}) =>
  applyDecorators(
    ...(options.optional ? [ApiPropertyOptional({ example: 'CQN-LED-01' }), IsOptional()] : [ApiProperty({ example: 'CQN-LED-01' })]),
    Matches(SITE_CODE, { message: '$property must be a site code (2-40 of A-Z, 0-9, _ or -)' }),
  );

/** An instant with an explicit offset: a wall-clock time without a zone would be ambiguous. */
export const InstantField = (description: string, example: string) =>
  applyDecorators(
    ApiProperty({ description, example }),
    IsISO8601({ strict: true, strictSeparator: true }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: '$property must carry a time zone offset' }),
  );

export const PhotosField = (options: { optional?: boolean; description?: string } = {}) =>
  applyDecorators(
    ...(options.optional
      ? [ApiPropertyOptional({ type: [EvidenceInputDto], description: options.description }), IsOptional()]
      : [ApiProperty({ type: [EvidenceInputDto], description: options.description })]),
    IsArray(),
    ArrayMaxSize(20),
    ValidateNested({ each: true }),
    Type(() => EvidenceInputDto),
  );
