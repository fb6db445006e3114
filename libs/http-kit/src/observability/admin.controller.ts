import { Optional } from '../http/optional';
import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AppError, type MessageBus } from '@ooh/eventing';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { ProblemResponse } from '../errors/openapi-problems';
import { SubscriptionsHost } from '../runtime/subscriptions-host';
import { MESSAGE_BUS } from '../runtime/tokens';

export class DeadLetterQueryDto {
  @ApiPropertyOptional({ description: 'Consumer group' })
  @Optional()
  @IsString()
  @MaxLength(200)
  group?: string;
}

export class ReplayDeadLetterDto {
  @ApiProperty({ description: 'Consumer group' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  group!: string;

  @ApiProperty({ description: 'Message id of the dead letter' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  messageId!: string;
}

class DeliveredMessageDto {
  @ApiProperty() messageId!: string;
  @ApiProperty({ example: 'operations.booking-payment-requested' }) type!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty({ description: 'Partition key: the aggregate id' }) key!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty() correlationId!: string;
  @ApiProperty() causationId!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty() producer!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Offset in the bus' }) offset!: number;
}

class DeadLetterDto {
  @ApiProperty({ description: 'Consumer group' }) group!: string;
  @ApiProperty({ type: DeliveredMessageDto }) message!: DeliveredMessageDto;
  @ApiProperty({ description: 'The last failure' }) error!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) attempts!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class DeadLettersDto {
  @ApiProperty({ type: [DeadLetterDto] }) items!: DeadLetterDto[];
}

class SubscriptionStatusDto {
  @ApiProperty({ example: 'projection:operations.faults' }) name!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Log position handled up to' }) position!: number;
  @ApiPropertyOptional({ description: 'Its last error, while it retries' }) error?: string;
}

class FlowDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, description: 'Messages not yet handled, per consumer group' })
  consumerLag!: Record<string, number>;
  @ApiProperty({ type: [SubscriptionStatusDto], description: 'The subscriptions this replica runs (it holds their leases)' })
  subscriptions!: SubscriptionStatusDto[];
  @ApiProperty({ example: 'ops-7f9c/1/1a2b3c4d', description: 'This replica: host/pid/nonce, as written in the leases it holds' }) replica!: string;
  @ApiProperty({
    type: [String],
    example: ['projection:operations.faults', 'relay:operations', 'job:operations.fault-sla'],
    description: 'Leases this replica holds: the log-driven work it does; the rest is done by other replicas',
  })
  heldLeases!: string[];
}

/** What an operator needs to see when messages stop flowing: dead letters, consumer lag, subscriptions. */
class ReplayedDto {
  @ApiProperty({ enum: [true] }) replayed!: boolean;
  @ApiProperty() group!: string;
  @ApiProperty() messageId!: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin')
export class AdminController {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly subscriptions: SubscriptionsHost,
  ) {}

  @Get('dead-letters')
  @Roles('admin')
  @ApiOkResponse({ type: DeadLettersDto })
  async deadLetters(@Query() q: DeadLetterQueryDto) {
    return { items: await this.bus.deadLetters(q.group) };
  }

  /** Delivers a dead letter again to its consumer (after the consumer or the data was fixed). */
  @Post('dead-letters/replay')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: ReplayedDto })
  @ProblemResponse(404, 'No such dead letter in that group (DEAD_LETTER_NOT_FOUND)')
  async replay(@Body() body: ReplayDeadLetterDto) {
    let replayed: boolean;
    try {
      replayed = await this.bus.replayDeadLetter(body.group, body.messageId);
    } catch (error) {
      throw new AppError(
        'rule-violated',
        'REPLAY_FAILED',
        `the consumer failed again: ${error instanceof Error ? error.message : String(error)}; the message stays dead-lettered`,
      );
    }
    if (!replayed) throw new AppError('not-found', 'DEAD_LETTER_NOT_FOUND', `no dead letter ${body.messageId} in group ${body.group}`);
    return { replayed: true, group: body.group, messageId: body.messageId };
  }

  @Get('flow')
  @Roles('admin')
  @ApiOkResponse({ type: FlowDto })
  async flow() {
    return {
      consumerLag: await this.bus.lag(),
      subscriptions: this.subscriptions.status(),
      replica: this.subscriptions.replica,
      heldLeases: this.subscriptions.heldLeases(),
    };
  }
}
