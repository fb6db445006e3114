import type { Actor } from '@ooh/eventing';
import { deciderSpec } from '@ooh/eventing-testing';
import { clientDecider, type ClientCommand } from './client.decider';
import type { ClientEvent } from './client.events';

const spec = deciderSpec(clientDecider);
const mei: Actor = { userId: 'mei', role: 'admin' };
const zhao: Actor = { userId: 'zhao', role: 'admin' };
const AT = '2026-12-01T02:00:00.000Z';
const id = 'x-1';

const open = (title = 'First'): ClientCommand => ({ type: 'OpenClient', data: { clientId: id, title, at: AT, by: mei } });
const close = (by: Actor = zhao, reason = 'Done'): ClientCommand => ({ type: 'CloseClient', data: { clientId: id, reason, at: AT, by } });
const opened: ClientEvent = { type: 'ClientOpened', data: { clientId: id, title: 'First', at: AT, by: mei } };
const closed: ClientEvent = { type: 'ClientClosed', data: { clientId: id, reason: 'Done', at: AT, by: zhao } };

describe('Client decider', () => {
  it('opens a client with a title', () => {
    spec.given([]).when(open()).then([opened]);
    spec.given([]).when(open(' ')).thenThrows('TITLE_REQUIRED', 'rule-violated');
    spec.given([opened]).when(open()).thenThrows('CLIENT_ALREADY_EXISTS', 'conflict');
  });

  it('is closed by someone other than who opened it, with a reason', () => {
    spec.given([opened]).when(close()).then([closed]);
    spec.given([opened]).when(close(mei)).thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    spec.given([opened]).when(close(zhao, '')).thenThrows('REASON_REQUIRED', 'rule-violated');
    spec.given([opened, closed]).when(close()).thenThrows('CLIENT_CLOSED', 'rule-violated');
    spec.given([]).when(close()).thenThrows('CLIENT_NOT_FOUND', 'not-found');
  });

  it('keeps who opened and closed it', () => {
    expect(spec.given([opened, closed]).state()).toMatchObject({ status: 'closed', openedBy: mei, closedBy: zhao, closeReason: 'Done' });
  });
});
