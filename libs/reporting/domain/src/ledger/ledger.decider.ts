import { ruleViolated, type Actor, type Command, type Decider } from '@ooh/eventing';
import {
  DETAIL_MEASURES,
  MEASURES,
  evolveLedger,
  initialLedgerState,
  type DocumentKind,
  type Fact,
  type LedgerEvent,
  type LedgerLinks,
  type LedgerState,
} from './ledger.events';

/** Records what one published message says about one document; the message id makes a redelivery a no-op. */
export type RecordFacts = Command<
  'RecordFacts',
  { ledgerId: string; kind: DocumentKind; documentId: string; links: Partial<LedgerLinks>; messageId: string; facts: Fact[]; at: string; by: Actor }
>;

export type LedgerCommand = RecordFacts;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function decideLedger(command: LedgerCommand, state: LedgerState): LedgerEvent[] {
  switch (command.type) {
    case 'RecordFacts': {
      const { ledgerId, kind, documentId, links, messageId, facts, at, by } = command.data;
      if (state.messageIds.includes(messageId)) return [];
      if (state.kind !== null && state.kind !== kind) throw ruleViolated('LEDGER_KIND_MISMATCH', `Ledger ${ledgerId} is a ${state.kind}, not a ${kind}`);
      const known = new Set(state.facts.map((f) => f.factId));
      for (const f of facts) {
        if (![...MEASURES, ...DETAIL_MEASURES].includes(f.measure)) throw ruleViolated('MEASURE_UNKNOWN', `No measure ${f.measure}`);
        if (!Number.isSafeInteger(f.amount)) throw ruleViolated('AMOUNT_INVALID', `${f.measure} ${f.amount} is not a whole number`);
        if (!DATE.test(f.businessDate)) throw ruleViolated('DATE_INVALID', `${f.businessDate} is not a date`);
        if (known.has(f.factId)) throw ruleViolated('FACT_DUPLICATE', `Fact ${f.factId} is already recorded`);
        known.add(f.factId);
      }
      return [{ type: 'FactsRecorded', data: { ledgerId, kind, documentId, links, messageId, facts, at, by } }];
    }
  }
}

export const ledgerDecider: Decider<LedgerCommand, LedgerEvent, LedgerState> = {
  decide: decideLedger,
  evolve: evolveLedger,
  initialState: initialLedgerState,
};
