import { Optional } from '@ooh/http-kit';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** One definition of a site code for every operations DTO. */
export const SITE_CODE = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;
/** A face of a site (A, B, east-1). */
export const FACE_CODE = /^[A-Za-z0-9_-]{1,20}$/;

export const SiteIdField = (options: { optional?: boolean } = {}) =>
  applyDecorators(
    ...(options.optional ? [ApiPropertyOptional({ example: 'CQN-LED-01' }), Optional()] : [ApiProperty({ example: 'CQN-LED-01' })]),
    Matches(SITE_CODE, { message: '$property must be a site code (2-40 of A-Z, 0-9, _ or -)' }),
  );
