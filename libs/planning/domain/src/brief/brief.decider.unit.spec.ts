import type { Actor } from '@ooh/eventing';
import { deciderSpec } from '@ooh/eventing-testing';
import { briefDecider, type BriefCommand } from './brief.decider';
import type { BriefEvent } from './brief.events';

const spec = deciderSpec(briefDecider);
const mei: Actor = { userId: 'mei', role: 'admin' };
const zhao: Actor = { userId: 'zhao', role: 'admin' };
const AT = '2026-12-01T02:00:00.000Z';
const id = 'x-1';

const open = (title = 'First'): BriefCommand => ({ type: 'OpenBrief', data: { briefId: id, title, at: AT, by: mei } });
const close = (by: Actor = zhao, reason = 'Done'): BriefCommand => ({ type: 'CloseBrief', data: { briefId: id, reason, at: AT, by } });
const opened: BriefEvent = { type: 'BriefOpened', data: { briefId: id, title: 'First', at: AT, by: mei } };
const closed: BriefEvent = { type: 'BriefClosed', data: { briefId: id, reason: 'Done', at: AT, by: zhao } };

describe('Brief decider', () => {
  it('opens a brief with a title', () => {
    spec.given([]).when(open()).then([opened]);
    spec.given([]).when(open(' ')).thenThrows('TITLE_REQUIRED', 'rule-violated');
    spec.given([opened]).when(open()).thenThrows('BRIEF_ALREADY_EXISTS', 'conflict');
  });

  it('is closed by someone other than who opened it, with a reason', () => {
    spec.given([opened]).when(close()).then([closed]);
    spec.given([opened]).when(close(mei)).thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    spec.given([opened]).when(close(zhao, '')).thenThrows('REASON_REQUIRED', 'rule-violated');
    spec.given([opened, closed]).when(close()).thenThrows('BRIEF_CLOSED', 'rule-violated');
    spec.given([]).when(close()).thenThrows('BRIEF_NOT_FOUND', 'not-found');
  });

  it('keeps who opened and closed it', () => {
    expect(spec.given([opened, closed]).state()).toMatchObject({ status: 'closed', openedBy: mei, closedBy: zhao, closeReason: 'Done' });
  });
});
