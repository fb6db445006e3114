import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { OperatorToday, STAFF_ROLES, Roles } from '@ooh/http-kit';

export class OperatorSettingsDto {
  @ApiProperty({ example: 'Asia/Shanghai', description: 'The operator’s time zone: every date is shown in it' }) timeZone!: string;
  @ApiProperty({ format: 'date', description: 'Today in that time zone' }) today!: string;
  @ApiProperty({ example: 'CNY', description: 'The currency money is shown in (amounts travel in fen)' }) currency!: string;
}

/** What a client needs to show the reports as the users read them (the console reads it on sign-in). */
@ApiTags('reporting: work queue')
@ApiBearerAuth()
@Controller('api/reporting/settings')
export class OperatorSettingsController {
  constructor(private readonly today: OperatorToday) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ type: OperatorSettingsDto })
  settings(): OperatorSettingsDto {
    return { timeZone: this.today.timeZone, today: this.today.today(), currency: 'CNY' };
  }
}
