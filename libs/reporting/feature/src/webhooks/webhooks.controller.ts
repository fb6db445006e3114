import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import { newId, readAll, type CommandContext, type ReadModelStore } from '@ooh/eventing';
import { Aggregates, CommandRoute, Ctx, PageQueryDto, READ_MODELS, Roles } from '@ooh/http-kit';
import { WEBHOOK_ADMINS, webhookAggregate, type WebhookState } from '@ooh/reporting-domain';
import { FEED, FEED_HEAD } from '../feed/event-feed.consumer';
import { WEBHOOK_DEAD_LETTERS, WEBHOOK_STATE, type DeliveryState } from './webhook-delivery';
import { WEBHOOKS } from './webhooks.projection';
import { RegisterWebhookDto, RemoveWebhookDto, ReplayWebhookDto, WebhookCreatedDto, WebhookDeadLettersDto, WebhookPageDto } from './webhooks.dto';

/** Signed webhooks for integrators: an administrator registers a subscriber, sees how far it is, replays it from a position. */
@ApiTags('integrations: webhooks')
@ApiBearerAuth()
@Controller('api/webhooks')
export class WebhooksController {
  private readonly commands;

  constructor(
    aggregates: Aggregates,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {
    this.commands = aggregates.commands(webhookAggregate);
  }

  @Post()
  @CommandRoute(201)
  @Roles(...WEBHOOK_ADMINS)
  @ApiOkResponse({ type: WebhookCreatedDto })
  async register(@Body() dto: RegisterWebhookDto, @Ctx() ctx: CommandContext) {
    const webhookId = newId();
    const secret = randomBytes(32).toString('hex');
    const startAfter = dto.startAfter ?? (await this.readModels.getCheckpoint(FEED_HEAD));
    const result = await this.commands.execute(webhookId, 'RegisterWebhook', { url: dto.url, types: dto.types, secret, startAfter }, ctx);
    return { ...result, id: webhookId, secret, startAfter };
  }

  @Get()
  @Roles(...WEBHOOK_ADMINS)
  @ApiOkResponse({ type: WebhookPageDto })
  async list(@Query() q: PageQueryDto) {
    const page = await this.readModels.find<WebhookState>(WEBHOOKS, { sort: { field: 'webhookId', direction: 'asc' }, limit: q.limit ?? 50, cursor: q.cursor });
    const items = [];
    for (const hook of page.items) {
      const state = (await this.readModels.get<DeliveryState>(WEBHOOK_STATE, hook.webhookId))?.doc;
      const cursor = state?.cursor ?? hook.startAfter;
      items.push({
        webhookId: hook.webhookId,
        status: hook.status,
        url: hook.url,
        types: hook.types,
        cursor,
        behind: await this.readModels.count(FEED, { position: { $gt: cursor }, type: { $in: hook.types } }),
        delivered: state?.delivered ?? 0,
        attempts: state?.attempts ?? 0,
        nextAttemptAt: state?.nextAttemptAt ?? null,
        lastError: state?.lastError ?? null,
        deadLetters: await this.readModels.count(WEBHOOK_DEAD_LETTERS, { webhookId: hook.webhookId }),
      });
    }
    return { ...page, items };
  }

  @Get(':webhookId/dead-letters')
  @Roles(...WEBHOOK_ADMINS)
  @ApiOkResponse({ type: WebhookDeadLettersDto })
  async deadLetters(@Param('webhookId') webhookId: string): Promise<WebhookDeadLettersDto> {
    await this.commands.require(webhookId);
    const items = await readAll<WebhookDeadLettersDto['items'][number] & { webhookId: string }>(this.readModels, WEBHOOK_DEAD_LETTERS, { webhookId });
    return { items: items.sort((a, b) => a.position - b.position).map(({ webhookId: _w, ...letter }) => letter) };
  }

  @Post(':webhookId/replay')
  @CommandRoute()
  @Roles(...WEBHOOK_ADMINS)
  async replay(@Param('webhookId') webhookId: string, @Body() dto: ReplayWebhookDto, @Ctx() ctx: CommandContext) {
    const head = await this.readModels.getCheckpoint(FEED_HEAD);
    return this.commands.execute(webhookId, 'ReplayWebhook', { fromPosition: dto.fromPosition, head }, ctx);
  }

  @Post(':webhookId/remove')
  @CommandRoute()
  @Roles(...WEBHOOK_ADMINS)
  remove(@Param('webhookId') webhookId: string, @Body() dto: RemoveWebhookDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(webhookId, 'RemoveWebhook', { reason: dto.reason }, ctx);
  }
}
