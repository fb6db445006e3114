import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { notFound, readAll, type ReadModelStore } from '@ooh/eventing';
import { CsvExport, ProblemResponse, READ_MODELS, Roles, tableCsv, tablesWorkbook, XlsxExport, type ReportTable } from '@ooh/http-kit';
import type { BriefState, BudgetState, ClientState, MediaPlanState } from '@ooh/planning-domain';
import { BRIEFS } from '../briefs/briefs.projection';
import { BUDGETS } from '../budgets/budgets.projection';
import { CLIENTS } from '../clients/clients.projection';
import { MEDIA_PLANS } from '../media-plans/media-plans.projection';
import { PLANNING_READERS } from '../shared/readers';
import { APPROVED_PLANS } from './approved-plans.projection';
import { ClientCampaignsDto, ClientCampaignsQueryDto, type ApprovedTotalsDto, type CampaignDto } from './planning-reports.dto';

interface ApprovedPlan {
  briefId: string;
  grossFen: number;
  netFen: number;
  byChannel: Record<string, number>;
  byMonth: Record<string, number>;
}

const add = (into: Record<string, number>, from: Record<string, number>) => Object.entries(from).forEach(([k, v]) => (into[k] = (into[k] ?? 0) + v));

/** Planning's reports: a client with its campaigns, their budgets, authorizations, plans and approved totals. */
@ApiTags('planning: reports')
@ApiBearerAuth()
@Controller('api/planning/reports')
export class PlanningReportsController {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelStore) {}

  @Get('client-campaigns')
  @Roles(...PLANNING_READERS)
  @ApiOkResponse({ type: ClientCampaignsDto })
  @ProblemResponse(404, 'No such client (CLIENT_NOT_FOUND)')
  async clientCampaigns(@Query() q: ClientCampaignsQueryDto): Promise<ClientCampaignsDto> {
    const client = (await this.readModels.get<ClientState>(CLIENTS, q.clientId))?.doc;
    if (!client) throw notFound('CLIENT_NOT_FOUND', `No client ${q.clientId}`);
    const briefs = await readAll<BriefState>(this.readModels, BRIEFS, { clientId: q.clientId });
    const briefIds = briefs.map((b) => b.briefId);
    const [budgets, plans, approved] = briefIds.length
      ? await Promise.all([
          readAll<BudgetState>(this.readModels, BUDGETS, { briefId: { $in: briefIds }, status: 'authorized' }),
          readAll<MediaPlanState & { netFen: number }>(this.readModels, MEDIA_PLANS, { briefId: { $in: briefIds } }),
          readAll<ApprovedPlan>(this.readModels, APPROVED_PLANS, { briefId: { $in: briefIds } }),
        ])
      : [[], [], []];
    const campaigns = briefs.map((brief) => {
      const totals: ApprovedTotalsDto = { netFen: 0, grossFen: 0, byChannel: {}, byMonth: {} };
      for (const a of approved.filter((x) => x.briefId === brief.briefId)) {
        totals.netFen += a.netFen;
        totals.grossFen += a.grossFen;
        add(totals.byChannel, a.byChannel);
        add(totals.byMonth, a.byMonth);
      }
      return {
        briefId: brief.briefId,
        campaign: brief.current!.campaign,
        briefVersion: brief.current!.version,
        currency: brief.current!.budget.currency,
        budgetFen: brief.current!.budget.amountFen,
        authorizedFen: budgets.filter((b) => b.briefId === brief.briefId).reduce((sum, b) => sum + b.totalFen, 0),
        plans: plans
          .filter((p) => p.briefId === brief.briefId)
          .map((p) => ({
            planId: p.planId,
            name: p.name,
            status: p.status,
            currentVersion: p.currentVersion,
            netFen: p.netFen,
            approvedVersion: p.approvedVersion,
          })),
        approved: totals,
      };
    });
    return { clientId: client.clientId, name: client.name, status: client.status, campaigns };
  }

  @Get('client-campaigns.csv')
  @Roles(...PLANNING_READERS)
  @CsvExport('A client’s campaigns: budget, authorized, plans and approved totals, a row per campaign')
  @ProblemResponse(404, 'No such client (CLIENT_NOT_FOUND)')
  async clientCampaignsCsv(@Query() q: ClientCampaignsQueryDto) {
    return tableCsv(campaignsTable(await this.clientCampaigns(q)), `client-campaigns-${q.clientId}.csv`);
  }

  @Get('client-campaigns.xlsx')
  @Roles(...PLANNING_READERS)
  @XlsxExport('A client’s campaigns: budget, authorized, plans and approved totals, a row per campaign')
  @ProblemResponse(404, 'No such client (CLIENT_NOT_FOUND)')
  async clientCampaignsXlsx(@Query() q: ClientCampaignsQueryDto) {
    return tablesWorkbook([campaignsTable(await this.clientCampaigns(q))], `client-campaigns-${q.clientId}.xlsx`);
  }
}

function campaignsTable(report: ClientCampaignsDto): ReportTable<CampaignDto> {
  return {
    name: `Campaigns of ${report.name}`.slice(0, 31),
    rows: report.campaigns,
    columns: [
      { key: 'brief_id', header: 'Brief 简报', value: (c) => c.briefId, width: 40 },
      { key: 'campaign', header: 'Campaign 活动', value: (c) => c.campaign, width: 24 },
      { key: 'brief_version', header: 'Brief version 版本', value: (c) => c.briefVersion },
      { key: 'currency', header: 'Currency 币种', value: (c) => c.currency },
      { key: 'budget_fen', header: 'Budget 预算', money: true, value: (c) => c.budgetFen },
      { key: 'authorized_fen', header: 'Authorized 已授权', money: true, value: (c) => c.authorizedFen },
      { key: 'plans', header: 'Plans 计划数', value: (c) => c.plans.length },
      { key: 'approved_net_fen', header: 'Approved net 已批准净额', money: true, value: (c) => c.approved.netFen },
      { key: 'approved_gross_fen', header: 'Approved gross 已批准总额', money: true, value: (c) => c.approved.grossFen },
    ],
  };
}
