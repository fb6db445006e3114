import { get } from '../api';
import { h, table } from '../dom';
import { day, yuan } from '../format';
import { t } from '../i18n';
import { toolbar } from '../toolbar';

interface Entry {
  jobKind: string;
  jobId: string;
  title: string;
  status: string;
  stage: string | null;
  dueDate: string | null;
  overdue: boolean;
  daysOverdue: number;
  blockedBy: Array<{ gate: string; releasedBy: string }>;
  costs: { budgetFen: number; requestedFen: number; remainingFen: number };
}

/** Production's open jobs by stage, overdue first, with what each waits for. */
export async function pipelinePage(): Promise<HTMLElement> {
  const pipeline = await get<{ today: string; jobs: Entry[] }>('/api/production/reports/pipeline');
  if (pipeline.jobs.length === 0) return h('section', {}, h('h2', {}, t('pipeline')), h('p', { class: 'empty' }, t('empty')));
  const rows = pipeline.jobs.map((j) => [
    h('span', {}, h('span', { class: 'tag' }, j.jobKind), ' ', j.title),
    j.status,
    j.stage ?? '—',
    h('span', { class: j.overdue ? 'overdue' : '' }, `${day(j.dueDate)}${j.overdue ? ` (+${j.daysOverdue})` : ''}`),
    j.blockedBy.map((b) => `${b.gate} → ${b.releasedBy}`).join('; '),
    yuan(j.costs.budgetFen),
    h('span', { class: j.costs.remainingFen < 0 ? 'overdue' : '' }, yuan(j.costs.requestedFen)),
  ]);
  return h(
    'section',
    {},
    h('h2', {}, t('pipeline')),
    toolbar('/api/production/reports/pipeline', `production-pipeline-${pipeline.today}`),
    table([t('job'), t('status'), t('stage'), t('due'), t('gate'), t('budget'), t('spent')], rows, { 'data-testid': 'pipeline-table' }),
  );
}
