import { Inject, Injectable, Logger } from '@nestjs/common';
import { commandContext, isAppError, SYSTEM_ACTORS, type ReadModelStore, type RecordedEvent, type ScheduledJob } from '@ooh/eventing';
import { Aggregates, READ_MODELS, type ReactorDefinition } from '@ooh/http-kit';
import { OPERATIONS_SETTINGS, type OperationsSettings } from '../operations.settings';
import { faultAggregate, faultIdForProblem, faultsToOpen, type InspectionRecorded } from '@ooh/operations-domain';
import { SiteSnapshots } from '../sites/site-snapshots';
import { FAULTS } from './faults.projection';

/**
 * Time and events that move faults without a person: a problem found in an inspection opens a
 * ticket; a deadline passed without a resolution is recorded as an SLA breach. Both derive their
 * ids from what triggered them, so a replay or a second run changes nothing.
 */
@Injectable()
export class FaultAutomation {
  private readonly logger = new Logger('FaultAutomation');
  private readonly faults;

  constructor(
    aggregates: Aggregates,
    private readonly sites: SiteSnapshots,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(OPERATIONS_SETTINGS) private readonly settings: OperationsSettings,
  ) {
    this.faults = aggregates.commands(faultAggregate);
  }

  readonly inspectionProblemsOpenFaults: ReactorDefinition = {
    name: 'operations.inspection-problems-open-faults',
    filter: { categories: ['operations.inspection'], eventTypes: ['InspectionRecorded'] },
    react: (event) => this.openFaultsFor(event),
  };

  slaBreachJob(everyMs: number): ScheduledJob {
    return { name: 'operations.fault-sla-breaches', everyMs, run: (now) => this.recordBreaches(now) };
  }

  private async openFaultsFor(event: RecordedEvent): Promise<void> {
    const inspection = event.data as InspectionRecorded['data'];
    for (const problem of faultsToOpen({ type: 'InspectionRecorded', data: inspection })) {
      const faultId = faultIdForProblem(inspection.inspectionId, problem.problemIndex);
      await this.final(faultId, async () =>
        this.faults.execute(
          faultId,
          'OpenFault',
          {
            siteId: inspection.siteId,
            site: await this.sites.of(inspection.siteId),
            severity: problem.severity,
            description: problem.description,
            photos: inspection.photos,
            source: { kind: 'inspection', inspectionId: inspection.inspectionId, problemIndex: problem.problemIndex },
            sla: this.settings.sla,
          },
          { ...commandContext.fromEvent(event, { key: [faultId] }), at: inspection.performedAt },
        ),
      );
    }
  }

  async recordBreaches(now: Date): Promise<void> {
    const filter = { status: { $in: ['open', 'acknowledged'] }, breached: false, slaDeadline: { $lt: now.toISOString() } };
    let cursor: string | undefined;
    do {
      const page = await this.readModels.find<{ faultId: string }>(FAULTS, { filter, limit: 200, cursor });
      for (const fault of page.items)
        await this.final(fault.faultId, () =>
          this.faults.execute(fault.faultId, 'RecordSlaBreach', {}, commandContext.fromSchedule(SYSTEM_ACTORS.scheduler, now, 'sla-breach', fault.faultId)),
        );
      cursor = page.nextCursor;
    } while (cursor);
  }

  /** A business refusal of a derived command is its final answer: log it rather than retry forever. */
  private async final(faultId: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (e) {
      if (isAppError(e) && e.kind !== 'conflict') {
        this.logger.warn({ faultId, code: e.code, msg: e.message });
        return;
      }
      throw e;
    }
  }
}
