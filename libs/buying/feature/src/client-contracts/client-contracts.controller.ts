import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, unprocessable, type CommandContext, type ReadModelStore } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, EmptyBodyDto, filterOf, HistoryDto, Idempotent, READ_MODELS, Roles, OperatorToday } from '@ooh/http-kit';
import { clientContractAggregate, CONTRACT_DRAFTERS, CONTRACT_REVIEWERS, CONTRACT_TERMINATORS, type ContractDraft } from '@ooh/buying-domain';
import { ApprovedPlans } from '../shared/approved-plans';

import { clientName } from '../shared/client-names';
import { BUYING_READERS } from '../shared/readers';
import {
  AmendContractDto,
  ClientContractPageDto,
  ClientContractQueryDto,
  ClientContractViewDto,
  ContractDraftDto,
  ContractRevisionRefDto,
  RecordSignatureDto,
  ReturnContractDto,
  TerminateContractDto,
} from './client-contract.dto';
import { CLIENT_CONTRACTS, contractView } from './client-contracts.projection';

const ClientContractHistoryDto = HistoryDto('contractId', 'ClientContractHistoryDto');

/** Client contracts (客户合同): drafted by an account manager, reviewed by another account director, signed by the client. */
@ApiTags('buying: client contracts')
@ApiBearerAuth()
@Controller('api/buying/client-contracts')
export class ClientContractsController {
  private readonly commands;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly plans: ApprovedPlans,
    private readonly clock: OperatorToday,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {
    this.commands = aggregates.commands(clientContractAggregate);
    this.reads = aggregates.reads(clientContractAggregate, {
      collection: CLIENT_CONTRACTS,
      sort: { field: 'draftedAt', direction: 'desc' },
      idKey: 'contractId',
      view: contractView,
    });
  }

  /** The draft the decider checks: a plan version read from what planning published, or a directly named client. */
  private async draftOf(dto: ContractDraftDto): Promise<ContractDraft> {
    const fromPlan = dto.planId !== undefined || dto.planVersion !== undefined;
    if (fromPlan && (dto.planId === undefined || dto.planVersion === undefined))
      throw unprocessable('PLAN_REFERENCE_INCOMPLETE', 'planId and planVersion go together', [
        { field: dto.planId === undefined ? 'planId' : 'planVersion', message: 'required with the other' },
      ]);
    const plan = fromPlan ? await this.plans.forContract(dto.planId as string, dto.planVersion as number) : null;
    const clientId = plan?.clientId || dto.clientId || '';
    const name = dto.clientName ?? (clientId ? await clientName(this.readModels, clientId) : null) ?? '';
    return {
      plan,
      party: { clientId, clientName: name, campaign: dto.campaign ?? '', currency: dto.currency ?? 'CNY' },
      valueFen: dto.valueFen,
      milestones: dto.milestones.map((m) => ({ kind: m.kind, percent: m.percent, dueDate: m.dueDate })),
      scope: dto.scope,
    };
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles(...CONTRACT_DRAFTERS)
  async draft(@Body() dto: ContractDraftDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(newId(), 'DraftClientContract', { draft: await this.draftOf(dto), today: this.clock.today() }, ctx);
  }

  @Put(':contractId/draft')
  @CommandRoute()
  @Roles(...CONTRACT_DRAFTERS)
  async revise(@Param('contractId') id: string, @Body() dto: ContractDraftDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ReviseClientContract', { draft: await this.draftOf(dto), today: this.clock.today() }, ctx);
  }

  @Post(':contractId/submit')
  @CommandRoute()
  @Roles(...CONTRACT_DRAFTERS)
  submit(@Param('contractId') id: string, @Body() _dto: EmptyBodyDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'SubmitClientContract', {}, ctx);
  }

  @Post(':contractId/approve')
  @CommandRoute()
  @Roles(...CONTRACT_REVIEWERS)
  approve(@Param('contractId') id: string, @Body() dto: ContractRevisionRefDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ApproveClientContract', { revision: dto.revision }, ctx);
  }

  @Post(':contractId/return')
  @CommandRoute()
  @Roles(...CONTRACT_REVIEWERS)
  return(@Param('contractId') id: string, @Body() dto: ReturnContractDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ReturnClientContract', { revision: dto.revision, reasons: dto.reasons }, ctx);
  }

  @Post(':contractId/signature')
  @CommandRoute()
  @Roles(...CONTRACT_DRAFTERS)
  sign(@Param('contractId') id: string, @Body() dto: RecordSignatureDto, @Ctx() ctx: CommandContext) {
    const { revision, signedOn, signatory, evidence } = dto;
    return this.commands.execute(id, 'RecordClientSignature', { revision, signedOn, signatory, evidence, today: this.clock.today() }, ctx);
  }

  @Post(':contractId/amendments')
  @CommandRoute()
  @Roles(...CONTRACT_DRAFTERS)
  async amend(@Param('contractId') id: string, @Body() dto: AmendContractDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'AmendClientContract', { draft: await this.draftOf(dto), reason: dto.reason, today: this.clock.today() }, ctx);
  }

  @Post(':contractId/terminate')
  @CommandRoute()
  @Roles(...CONTRACT_TERMINATORS)
  terminate(@Param('contractId') id: string, @Body() dto: TerminateContractDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'TerminateClientContract', { reason: dto.reason, effectiveOn: dto.effectiveOn, today: this.clock.today() }, ctx);
  }

  @Get()
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: ClientContractPageDto })
  list(@Query() q: ClientContractQueryDto) {
    return this.reads.page(filterOf(q, ['status', 'clientId', 'briefId']), q);
  }

  @Get(':contractId')
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: ClientContractViewDto })
  get(@Param('contractId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':contractId/history')
  @ApiOkResponse({ type: ClientContractHistoryDto })
  @Roles(...BUYING_READERS)
  history(@Param('contractId') id: string) {
    return this.reads.history(id);
  }
}
