import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, filterOf, HistoryDto, Idempotent, ReasonDto, Roles } from '@ooh/http-kit';
import { clientAggregate } from '@ooh/planning-domain';
import { OpenClientDto, ClientQueryDto } from './client.dto';
import { CLIENTS } from './clients.projection';

const READERS = ['account-manager'] as const;
const ClientHistoryDto = HistoryDto('clientId', 'ClientHistoryDto');

@ApiTags('planning: clients')
@ApiBearerAuth()
@Controller('api/planning/clients')
export class ClientsController {
  private readonly commands;
  private readonly reads;

  constructor(aggregates: Aggregates) {
    this.commands = aggregates.commands(clientAggregate);
    this.reads = aggregates.reads(clientAggregate, { collection: CLIENTS, sort: { field: 'openedAt', direction: 'desc' }, idKey: 'clientId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles('account-manager')
  open(@Body() dto: OpenClientDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(newId(), 'OpenClient', dto, ctx);
  }

  @Post(':clientId/close')
  @CommandRoute()
  @Roles('account-manager')
  close(@Param('clientId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'CloseClient', dto, ctx);
  }

  @Get()
  @Roles(...READERS)
  list(@Query() q: ClientQueryDto) {
    return this.reads.page(filterOf(q, ['status']), q);
  }

  @Get(':clientId')
  @Roles(...READERS)
  get(@Param('clientId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':clientId/history')
  @ApiOkResponse({ type: ClientHistoryDto })
  @Roles(...READERS)
  history(@Param('clientId') id: string) {
    return this.reads.history(id);
  }
}
