import type { OrderContent, OrderUnitInput } from '@ooh/buying-domain';
import type { OrderContentDto, OrderUnitDto } from './media-order.dto';

/** A unit as the domain takes it: absent fields given their meaning (one day, quantity 1, no note, no face). */
export const unitInputOf = (u: OrderUnitDto): OrderUnitInput => ({
  unitId: u.unitId,
  date: u.date,
  endDate: u.endDate ?? u.date,
  daypart: u.daypart,
  unit: u.unit,
  spotLengthSeconds: u.spotLengthSeconds ?? null,
  quantity: u.quantity ?? 1,
  rateFen: u.rateFen,
  negotiationNote: u.negotiationNote ?? null,
  face: u.face ? { siteId: u.face.siteId, face: u.face.face } : null,
});

export const contentOf = (dto: OrderContentDto): OrderContent => ({
  lines: dto.lines.map((l) => ({ planLineId: l.planLineId, units: l.units.map(unitInputOf) })),
  materialsDueDate: dto.materialsDueDate ?? null,
});
