import { Inject, Injectable, Logger } from '@nestjs/common';
import { commandContext, isAppError, SYSTEM_ACTORS, type ReadModelStore, type ScheduledJob } from '@ooh/eventing';
import { Aggregates, READ_MODELS } from '@ooh/http-kit';
import { FLAG_BEFORE_MS, meetingAggregate } from '@ooh/planning-domain';
import { MEETINGS } from './meetings.projection';

/** The scheduler's part: flag, once, every meeting whose checklist is incomplete 24 h before it starts. */
@Injectable()
export class MeetingAutomation {
  private readonly logger = new Logger('MeetingAutomation');
  private readonly meetings;

  constructor(
    aggregates: Aggregates,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {
    this.meetings = aggregates.commands(meetingAggregate);
  }

  checklistJob(everyMs: number): ScheduledJob {
    return { name: 'planning.meeting-checklists', everyMs, run: (now) => this.flagIncomplete(now) };
  }

  async flagIncomplete(now: Date): Promise<void> {
    const horizon = new Date(now.getTime() + FLAG_BEFORE_MS).toISOString();
    const filter = { status: 'scheduled', flagged: false, startsAt: { $lte: horizon } };
    let cursor: string | undefined;
    do {
      const page = await this.readModels.find<{ meetingId: string; startsAt: string }>(MEETINGS, { filter, limit: 200, cursor });
      for (const meeting of page.items) {
        try {
          await this.meetings.execute(
            meeting.meetingId,
            'FlagIncompleteChecklist',
            {},
            commandContext.fromSchedule(SYSTEM_ACTORS.scheduler, now, 'meeting-checklist', meeting.meetingId, meeting.startsAt),
          );
        } catch (error) {
          if (!isAppError(error) || error.kind === 'conflict') throw error;
          this.logger.warn(`meeting ${meeting.meetingId}: ${error.code}`);
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
}
