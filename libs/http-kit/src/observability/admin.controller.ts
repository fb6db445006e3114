import { Optional } from '../http/optional';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { MessageBus } from '@ooh/eventing';
import { IsString, MaxLength } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { SubscriptionsHost } from '../runtime/subscriptions-host';
import { MESSAGE_BUS } from '../runtime/tokens';

export class DeadLetterQueryDto {
  @ApiPropertyOptional({ description: 'Consumer group' })
  @Optional()
  @IsString()
  @MaxLength(200)
  group?: string;
}

/** What an operator needs to see when messages stop flowing: dead letters, consumer lag, subscriptions. */
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
  async deadLetters(@Query() q: DeadLetterQueryDto) {
    return { items: await this.bus.deadLetters(q.group) };
  }

  @Get('flow')
  @Roles('admin')
  async flow() {
    return { consumerLag: await this.bus.lag(), subscriptions: this.subscriptions.status() };
  }
}
