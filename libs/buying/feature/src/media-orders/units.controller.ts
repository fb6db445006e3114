import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { addDays } from '@ooh/calendar';
import type { Filter, ReadModelStore } from '@ooh/eventing';
import { filterOf, READ_MODELS, Roles, OperatorToday } from '@ooh/http-kit';
import { BUYING_SETTINGS, type BuyingSettings } from '../buying.settings';

import { BUYING_READERS } from '../shared/readers';
import { MakegoodPageDto, MakegoodQueryDto, OrderUnitPageDto, OrderUnitQueryDto } from './order-delivery.dto';
import { MAKEGOODS, ORDER_UNITS } from './units.projection';

/** The units of signed orders (due for proof, overdue, aired, missed) and the makegoods offered for them. */
@ApiTags('buying: proof of airing and makegoods')
@ApiBearerAuth()
@Controller('api/buying')
export class UnitsController {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(BUYING_SETTINGS) private readonly settings: BuyingSettings,
    private readonly clock: OperatorToday,
  ) {}

  @Get('units')
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: OrderUnitPageDto })
  units(@Query() q: OrderUnitQueryDto) {
    const filter: Filter = { ...filterOf(q, ['proof', 'vendorId', 'orderId']), replacedBy: null };
    if (q.overdue === 'true') Object.assign(filter, { proof: 'pending', endDate: { $lt: addDays(this.clock.today(), -this.settings.proofGraceDays) } });
    return this.readModels.find(ORDER_UNITS, { filter, sort: { field: 'endDate', direction: 'asc' }, limit: q.limit ?? 50, cursor: q.cursor });
  }

  @Get('makegood-offers')
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: MakegoodPageDto })
  makegoods(@Query() q: MakegoodQueryDto) {
    return this.readModels.find(MAKEGOODS, {
      filter: filterOf(q, ['status', 'vendorId']),
      sort: { field: 'offeredAt', direction: 'desc' },
      limit: q.limit ?? 50,
      cursor: q.cursor,
    });
  }
}
