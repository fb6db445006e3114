import type { Actor } from '@ooh/eventing';
import { deciderSpec } from '@ooh/eventing-testing';
import { clientDecider, type ClientCommand } from './client.decider';
import type { ClientEvent, ClientProfile } from './client.events';

const spec = deciderSpec(clientDecider);
const am: Actor = { userId: 'wang', role: 'account-manager' };
const AT = '2026-12-01T02:00:00.000Z';
const id = 'c-1';
const profile: ClientProfile = {
  name: 'Chongqing Beer Co.',
  industry: 'beverages',
  contacts: [{ name: 'Ms Liu', title: 'Brand manager', phone: null, email: 'liu@beer.example' }],
  needs: 'Winter campaign in rail stations',
  notes: null,
};

const register = (p: Partial<ClientProfile> = {}): ClientCommand => ({ type: 'RegisterClient', data: { ...profile, ...p, clientId: id, at: AT, by: am } });
const update = (changes: Partial<ClientProfile>): ClientCommand => ({ type: 'UpdateClient', data: { clientId: id, changes, at: AT, by: am } });
const archive = (reason = 'Lost the account'): ClientCommand => ({ type: 'ArchiveClient', data: { clientId: id, reason, at: AT, by: am } });
const registered: ClientEvent = { type: 'ClientRegistered', data: { ...profile, clientId: id, at: AT, by: am } };
const archived: ClientEvent = { type: 'ClientArchived', data: { clientId: id, reason: 'Lost the account', at: AT, by: am } };

describe('Client decider', () => {
  describe('Given no client', () => {
    it('should register one with its name, industry and contacts', () => spec.given([]).when(register()).then([registered]));
    it('should refuse a blank name, industry or contact name', () => {
      spec
        .given([])
        .when(register({ name: ' ' }))
        .thenThrows('NAME_REQUIRED', 'rule-violated');
      spec
        .given([])
        .when(register({ industry: '' }))
        .thenThrows('INDUSTRY_REQUIRED', 'rule-violated');
      spec
        .given([])
        .when(register({ contacts: [{ name: ' ', title: null, phone: null, email: null }] }))
        .thenThrows('CONTACT_NAME_REQUIRED', 'rule-violated');
    });
    it('should refuse updating or archiving it', () => {
      spec
        .given([])
        .when(update({ notes: 'x' }))
        .thenThrows('CLIENT_NOT_FOUND', 'not-found');
      spec.given([]).when(archive()).thenThrows('CLIENT_NOT_FOUND', 'not-found');
    });
  });

  describe('Given a registered client', () => {
    it('should refuse registering it again', () => spec.given([registered]).when(register()).thenThrows('CLIENT_ALREADY_EXISTS', 'conflict'));
    it('should record only what changed', () => {
      spec
        .given([registered])
        .when(update({ name: profile.name, notes: 'Prefers WeChat' }))
        .then([{ type: 'ClientUpdated', data: { clientId: id, changes: { notes: 'Prefers WeChat' }, at: AT, by: am } }]);
      spec
        .given([registered])
        .when(update({ name: profile.name }))
        .then([]);
    });
    it('should archive it with a reason, never delete it', () => {
      spec.given([registered]).when(archive()).then([archived]);
      spec.given([registered]).when(archive(' ')).thenThrows('REASON_REQUIRED', 'rule-violated');
    });
    it('should search by its name in lower case', () => {
      const renamed: ClientEvent = { type: 'ClientUpdated', data: { clientId: id, changes: { name: 'CQ Brewery' }, at: AT, by: am } };
      expect(spec.given([registered, renamed]).state()).toMatchObject({ name: 'CQ Brewery', nameKey: 'cq brewery', industry: 'beverages' });
    });
  });

  describe('Given an archived client', () => {
    it('should keep its file read-only', () => {
      spec
        .given([registered, archived])
        .when(update({ notes: 'x' }))
        .thenThrows('CLIENT_ARCHIVED', 'rule-violated');
      spec.given([registered, archived]).when(archive()).thenThrows('CLIENT_ARCHIVED', 'rule-violated');
      expect(spec.given([registered, archived]).state()).toMatchObject({ status: 'archived', archivedBy: am, archiveReason: 'Lost the account' });
    });
  });
});
