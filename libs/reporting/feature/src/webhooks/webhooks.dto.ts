import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { CONTRACTS } from '@ooh/contracts';
import { Optional, PageDto } from '@ooh/http-kit';

const EVENT_TYPES = [...new Set(CONTRACTS.map((c) => c.type))];

export class RegisterWebhookDto {
  @ApiProperty({ maxLength: 2000, example: 'https://erp.example.com/hooks/ooh', description: 'Where deliveries are POSTed (http or https)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  url!: string;
  @ApiProperty({ type: [String], enum: EVENT_TYPES, minItems: 1, maxItems: 100, description: 'The event types it receives' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsIn(EVENT_TYPES, { each: true })
  types!: string[];
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'Deliver what comes after this feed position (default: the head now, so only new events)',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  startAfter?: number;
}

export class ReplayWebhookDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Deliver again from this feed position on' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  fromPosition!: number;
}

export class RemoveWebhookDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class WebhookCreatedDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The signing secret, shown this once: x-ooh-signature = v1=HMAC-SHA256(secret, `${x-ooh-timestamp}.${body}`) in hex' })
  secret!: string;
  @ApiProperty({ type: 'integer' }) startAfter!: number;
}

export class WebhookViewDto {
  @ApiProperty() webhookId!: string;
  @ApiProperty({ enum: ['active', 'removed'] }) status!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String] }) types!: string[];
  @ApiProperty({ type: 'integer', description: 'The last feed position delivered (or given up on)' }) cursor!: number;
  @ApiProperty({ type: 'integer', description: 'Messages of its types after the cursor' }) behind!: number;
  @ApiProperty({ type: 'integer' }) delivered!: number;
  @ApiProperty({ type: 'integer', description: 'Failed attempts at the next message' }) attempts!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) nextAttemptAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: 'integer' }) deadLetters!: number;
}

export const WebhookPageDto = PageDto(WebhookViewDto, 'WebhookPageDto');

export class WebhookDeadLetterDto {
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty() messageId!: string;
  @ApiProperty() type!: string;
  @ApiProperty() error!: string;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class WebhookDeadLettersDto {
  @ApiProperty({ type: [WebhookDeadLetterDto], description: 'In feed order; replay from a position to deliver them again' }) items!: WebhookDeadLetterDto[];
}
