import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '@ooh/http-kit';

export class FeedQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    default: 0,
    description: 'The last position already read (0: from the start)',
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 }) @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({
    type: String,
    maxLength: 2000,
    description: 'Only these event types, comma-separated',
    example: 'buying.media-order-signed,finance.invoice-issued',
  })
  @Optional()
  @IsString()
  @MaxLength(2000)
  @Matches(/^[a-z0-9.-]+(,[a-z0-9.-]+)*$/, { message: 'types is a comma-separated list of event types' })
  types?: string;
}

class FeedMessageDto {
  @ApiProperty({ description: 'Unique per message: deduplicate on it' }) messageId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() key!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event, as its contract says (GET /asyncapi.json)' }) data!: Record<
    string,
    unknown
  >;
  @ApiProperty() correlationId!: string;
  @ApiProperty() causationId!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) recordedAt?: string;
  @ApiProperty() producer!: string;
}

class FeedItemDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Its place in the feed: pass the last one read as `after`' }) position!: number;
  @ApiProperty({ type: FeedMessageDto }) message!: FeedMessageDto;
}

export class FeedPageDto {
  @ApiProperty({ type: [FeedItemDto], description: 'In feed order' }) items!: FeedItemDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Where to resume: the `after` of the next request' }) next!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'The feed’s last position now' }) head!: number;
}
