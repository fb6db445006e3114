import { Inject, Injectable } from '@nestjs/common';
import { localDate } from '@ooh/calendar';
import type { Clock } from '@ooh/eventing';
import type { PlatformConfig } from './platform-config';
import { CLOCK, PLATFORM_CONFIG } from './tokens';

/** Today and this month in the operator's time zone: the window every recorded date is checked against. */
@Injectable()
export class OperatorToday {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  today(): string {
    return localDate(this.clock.now().toISOString(), this.config.timeZone);
  }

  month(): string {
    return this.today().slice(0, 7);
  }

  /** The operator's time zone (IANA), in which every date is shown. */
  get timeZone(): string {
    return this.config.timeZone;
  }
}
