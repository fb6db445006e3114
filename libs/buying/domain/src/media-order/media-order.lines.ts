import { ruleViolated } from '@ooh/eventing';
import { blank, percentOf } from '../shared';
import type { RateUnit } from '../vendor/vendor.events';

/** An operator face an OOH unit runs on. */
export interface FaceRef {
  siteId: string;
  face: string;
}

/** One bought unit: a spot, an insertion, or a face for a period (its quantity in face-days). */
export interface OrderUnitInput {
  unitId: string;
  date: string;
  endDate: string;
  daypart: string;
  unit: RateUnit;
  spotLengthSeconds: number | null;
  quantity: number;
  /** Gross rate per quantity. */
  rateFen: number;
  /** Why the rate differs from the vendor's rate card (null: it matches the card). */
  negotiationNote: string | null;
  face: FaceRef | null;
}

export interface OrderUnit extends OrderUnitInput {
  grossFen: number;
  netFen: number;
  /** The makegood this unit was offered in (null: ordered as such). */
  makegoodFor: string | null;
  /** The makegood that replaced this missed or preempted unit (it no longer counts in the totals). */
  replacedBy: string | null;
}

export interface OrderLineInput {
  planLineId: string;
  units: OrderUnitInput[];
}

/** A line of the client-approved plan, as planning published it. */
export interface PlanLineSnapshot {
  lineId: string;
  channel: string;
  vendor: { vendorId: string; name: string };
  property: string;
  faces: FaceRef[];
  market: string;
  flight: { start: string; end: string };
  commissionPercent: number;
  netFen: number;
}

export interface OrderLine {
  planLineId: string;
  channel: string;
  property: string;
  market: string;
  /** The plan line's flight: the window its units (makegoods included) run in. */
  flight: { start: string; end: string };
  /** Operator faces the plan line buys (none: not on the operator's own faces). */
  faces: FaceRef[];
  commissionPercent: number;
  units: OrderUnit[];
  grossFen: number;
  netFen: number;
}

export interface OrderTotals {
  grossFen: number;
  netFen: number;
  units: number;
  firstDate: string | null;
  lastDate: string | null;
}

/** At most this many units in one order (a year of hourly spots on one station is far below it). */
export const MAX_UNITS_PER_ORDER = 5_000;

/** A line on the operator's own faces (planning names them); its units are face-days on those faces. */
const onOperatorFaces = (line: PlanLineSnapshot) => line.faces.length > 0;

function unitOf(input: OrderUnitInput, line: PlanLineSnapshot): OrderUnit {
  const where = `Unit ${input.unitId} of plan line ${line.lineId}`;
  if (input.endDate < input.date) throw ruleViolated('UNIT_DATES_INVALID', `${where} ends ${input.endDate}, before it starts ${input.date}`);
  if (input.date < line.flight.start || input.endDate > line.flight.end)
    throw ruleViolated(
      'UNIT_OUTSIDE_FLIGHT',
      `${where} runs ${input.date}–${input.endDate}, outside the line’s flight ${line.flight.start}–${line.flight.end}`,
    );
  if (input.quantity < 1 || input.rateFen < 0) throw ruleViolated('UNIT_QUANTITY_INVALID', `${where} needs a quantity of at least 1 and a rate`);
  if (blank(input.daypart)) throw ruleViolated('DAYPART_REQUIRED', `${where} names its daypart or position`);
  if (input.negotiationNote !== null && blank(input.negotiationNote)) throw ruleViolated('NOTE_EMPTY', `${where} has an empty negotiation note`);
  if (onOperatorFaces(line)) {
    if (!input.face) throw ruleViolated('FACE_REQUIRED', `${where} is on a line of the operator’s faces: it names its face`);
    if (!line.faces.some((f) => f.siteId === input.face?.siteId && f.face === input.face?.face))
      throw ruleViolated('FACE_NOT_IN_PLAN', `${where} is on face ${input.face.siteId}/${input.face.face}, which the plan line does not buy`);
    if (input.unit !== 'face-day') throw ruleViolated('FACE_DAYS_REQUIRED', `${where} is bought in face-days`);
  } else if (input.face) throw ruleViolated('FACE_NOT_IN_PLAN', `${where} names a face on a line that buys none`);
  return priced(input, line.commissionPercent);
}

/** A unit with its cost, gross and net of the line's commission. */
export function priced(input: OrderUnitInput, commissionPercent: number, makegoodFor: string | null = null): OrderUnit {
  const grossFen = input.rateFen * input.quantity;
  return { ...input, grossFen, netFen: grossFen - percentOf(grossFen, commissionPercent), makegoodFor, replacedBy: null };
}

/** The units that count: those not replaced by a makegood. */
export const countedUnits = (line: OrderLine): OrderUnit[] => line.units.filter((u) => u.replacedBy === null);

/** A line's totals over its counted units. */
export function lineTotals(line: Omit<OrderLine, 'grossFen' | 'netFen'>): OrderLine {
  const units = line.units.filter((u) => u.replacedBy === null);
  return { ...line, grossFen: units.reduce((s, u) => s + u.grossFen, 0), netFen: units.reduce((s, u) => s + u.netFen, 0) };
}

/** The order's lines from the plan lines they buy, with every unit priced. */
export function orderLinesOf(inputs: OrderLineInput[], planLines: PlanLineSnapshot[]): OrderLine[] {
  if (inputs.length === 0) throw ruleViolated('LINES_REQUIRED', 'An order buys at least one plan line');
  const seenUnits = new Set<string>();
  const seenLines = new Set<string>();
  const count = inputs.reduce((n, l) => n + l.units.length, 0);
  if (count > MAX_UNITS_PER_ORDER) throw ruleViolated('TOO_MANY_UNITS', `An order holds at most ${MAX_UNITS_PER_ORDER} units, not ${count}`);
  return inputs.map((input) => {
    const line = planLines.find((l) => l.lineId === input.planLineId);
    if (!line) throw ruleViolated('PLAN_LINE_NOT_FOUND', `The plan version has no line ${input.planLineId}`);
    if (seenLines.has(line.lineId)) throw ruleViolated('DUPLICATE_LINE', `Plan line ${line.lineId} appears twice`);
    seenLines.add(line.lineId);
    if (input.units.length === 0) throw ruleViolated('UNITS_REQUIRED', `Plan line ${line.lineId} is bought with at least one unit`);
    const units = input.units.map((u) => {
      if (seenUnits.has(u.unitId)) throw ruleViolated('DUPLICATE_UNIT', `Unit ${u.unitId} appears twice`);
      seenUnits.add(u.unitId);
      return unitOf(u, line);
    });
    const { channel, property, market, flight, faces, commissionPercent } = line;
    return lineTotals({ planLineId: line.lineId, channel, property, market, flight, faces, commissionPercent, units });
  });
}

export function totalsOf(lines: OrderLine[]): OrderTotals {
  const units = lines.flatMap(countedUnits);
  const dates = units.map((u) => u.date).sort();
  const ends = units.map((u) => u.endDate).sort();
  return {
    grossFen: lines.reduce((s, l) => s + l.grossFen, 0),
    netFen: lines.reduce((s, l) => s + l.netFen, 0),
    units: units.length,
    firstDate: dates[0] ?? null,
    lastDate: ends[ends.length - 1] ?? null,
  };
}

/** Net spend per channel and month (a unit's cost in the month it starts). */
export function spendByChannelMonth(lines: OrderLine[]): Array<{ channel: string; month: string; netFen: number }> {
  const sums = new Map<string, number>();
  lines.forEach((l) =>
    countedUnits(l).forEach((u) => sums.set(`${l.channel}|${u.date.slice(0, 7)}`, (sums.get(`${l.channel}|${u.date.slice(0, 7)}`) ?? 0) + u.netFen)),
  );
  return [...sums.entries()].sort().map(([key, netFen]) => ({ channel: key.split('|')[0], month: key.split('|')[1], netFen }));
}
