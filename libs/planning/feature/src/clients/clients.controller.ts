import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, filterOf, HistoryDto, Idempotent, ReasonDto, Roles } from '@ooh/http-kit';
import { clientAggregate, type ClientContact } from '@ooh/planning-domain';
import { PLANNING_READERS } from '../shared/readers';
import { ClientFilePageDto, ClientQueryDto, ClientFileViewDto, RegisterClientDto, UpdateClientDto, type ClientContactDto } from './client.dto';
import { CLIENTS } from './clients.projection';

const ClientHistoryDto = HistoryDto('clientId', 'ClientHistoryDto');

const contact = (c: ClientContactDto): ClientContact => ({ name: c.name, title: c.title ?? null, phone: c.phone ?? null, email: c.email ?? null });

/** Client files (客户档案): registered, updated and archived by account managers; never deleted. */
@ApiTags('planning: clients')
@ApiBearerAuth()
@Controller('api/planning/clients')
export class ClientsController {
  private readonly commands;
  private readonly reads;

  constructor(aggregates: Aggregates) {
    this.commands = aggregates.commands(clientAggregate);
    this.reads = aggregates.reads(clientAggregate, { collection: CLIENTS, sort: { field: 'nameKey', direction: 'asc' }, idKey: 'clientId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles('account-manager')
  register(@Body() dto: RegisterClientDto, @Ctx() ctx: CommandContext) {
    const profile = { name: dto.name, industry: dto.industry, contacts: dto.contacts.map(contact), needs: dto.needs ?? null, notes: dto.notes ?? null };
    return this.commands.execute(newId(), 'RegisterClient', profile, ctx);
  }

  @Patch(':clientId')
  @CommandRoute()
  @Roles('account-manager')
  update(@Param('clientId') id: string, @Body() dto: UpdateClientDto, @Ctx() ctx: CommandContext) {
    const { contacts, ...rest } = dto;
    const changes = { ...rest, ...(contacts ? { contacts: contacts.map(contact) } : {}) };
    return this.commands.execute(id, 'UpdateClient', { changes }, ctx);
  }

  @Post(':clientId/archive')
  @CommandRoute()
  @Roles('account-manager')
  archive(@Param('clientId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ArchiveClient', dto, ctx);
  }

  @Get()
  @Roles(...PLANNING_READERS)
  @ApiOkResponse({ type: ClientFilePageDto })
  list(@Query() q: ClientQueryDto) {
    const prefix = q.name?.toLowerCase();
    return this.reads.page({ ...filterOf(q, ['status', 'industry']), ...(prefix ? { nameKey: { $gte: prefix, $lt: `${prefix}\uffff` } } : {}) }, q);
  }

  @Get(':clientId')
  @Roles(...PLANNING_READERS)
  @ApiOkResponse({ type: ClientFileViewDto })
  get(@Param('clientId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':clientId/history')
  @ApiOkResponse({ type: ClientHistoryDto })
  @Roles(...PLANNING_READERS)
  history(@Param('clientId') id: string) {
    return this.reads.history(id);
  }
}
