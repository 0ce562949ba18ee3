import { QuorumError } from '../../bot/src/kernel/errors';
import type { Group } from '../../bot/src/kernel/group';
import type { Member } from '../../bot/src/kernel/member';
import type { Repositories } from '../../bot/src/kernel/ports';
import { testTables } from '../support/storage';

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const TEAM = '19:Zc1qXfQwR8mJ0yE3vT6uN2kL5hP9sA4b@thread.tacv2';
const ref = { tenantId: TENANT, teamId: TEAM };

function group(overrides: Partial<Group> = {}): Group {
  return { ...ref, name: 'InfoSec SIG', active: true, timeZone: 'Europe/Zurich', installedAt: '2026-11-22T09:00:00.000Z', ...overrides };
}

function member(aadObjectId: string, overrides: Partial<Member> = {}): Member {
  return { ...ref, aadObjectId, name: `Member ${aadObjectId.slice(0, 4)}`, role: 'member', active: true, updatedAt: '2026-11-22T09:00:00.000Z', ...overrides };
}

async function code(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    return err instanceof QuorumError ? err.code : `non-domain error: ${String(err)}`;
  }
  return undefined;
}

describe('repositories on Azure Table storage (Azurite)', () => {
  let repos: Repositories;
  beforeAll(async () => {
    ({ repos } = await testTables());
  });

  describe('groups', () => {
    it('creates, reads back and refuses a duplicate create', async () => {
      await repos.groups.create(group({ channelConversationId: '19:chan@thread.tacv2' }));
      const read = await repos.groups.get(ref);
      expect(read?.value).toEqual(group({ channelConversationId: '19:chan@thread.tacv2' }));
      expect(read?.etag).toBeTruthy();
      expect(await code(repos.groups.create(group()))).toBe('conflict');
    });

    it('updates with the ETag read and refuses a stale one (no lost update)', async () => {
      const first = (await repos.groups.get(ref))!;
      await repos.groups.update({ ...first.value, name: 'Renamed' }, first.etag);
      expect(await code(repos.groups.update({ ...first.value, name: 'Stale write' }, first.etag))).toBe('concurrent-update');
      expect((await repos.groups.get(ref))?.value.name).toBe('Renamed');
    });

    it('answers undefined for an unknown group', async () => {
      expect(await repos.groups.get({ tenantId: TENANT, teamId: 'nope' })).toBeUndefined();
    });
  });

  describe('members', () => {
    const a = '0d6b1c3e-5a7f-4e2b-8c9d-1f2e3a4b5c6d';
    const b = '1e7c2d4f-6b8a-4f3c-9d0e-2a3b4c5d6e7f';

    it('upserts profiles without touching a role set earlier', async () => {
      await repos.members.upsertProfile(member(a));
      const read = (await repos.members.get(ref, a))!;
      await repos.members.update({ ...read.value, role: 'co-chair' }, read.etag);
      await repos.members.upsertProfile(member(a, { name: 'New Display Name' }));
      const after = (await repos.members.get(ref, a))!.value;
      expect(after.role).toBe('co-chair');
      expect(after.name).toBe('New Display Name');
    });

    it('finds members case-insensitively by object id and lists a group', async () => {
      await repos.members.upsertProfile(member(b, { userId: '29:1abc' }));
      expect((await repos.members.get(ref, b.toUpperCase()))?.value.userId).toBe('29:1abc');
      const ids = (await repos.members.list(ref)).map((m) => m.aadObjectId).sort();
      expect(ids).toEqual([a, b].sort());
    });

    it('indexes the groups a person belongs to', async () => {
      const other = { tenantId: TENANT, teamId: '19:other@thread.tacv2' };
      await repos.members.upsertProfile({ ...member(b), ...other });
      const groups = await repos.members.groupsOf(TENANT, b);
      expect(groups).toEqual(expect.arrayContaining([ref, other]));
      expect(groups).toHaveLength(2);
      expect(await repos.members.groupsOf(TENANT, '99999999-9999-4999-8999-999999999999')).toEqual([]);
    });

    it('refuses a role change made on a stale read', async () => {
      const read = (await repos.members.get(ref, b))!;
      await repos.members.update({ ...read.value, role: 'co-chair' }, read.etag);
      expect(await code(repos.members.update({ ...read.value, role: 'member' }, read.etag))).toBe('concurrent-update');
      expect((await repos.members.get(ref, b))?.value.role).toBe('co-chair');
    });
  });

  describe('conversations', () => {
    it('stores a conversation reference as given and flips its active flag', async () => {
      const reference = { conversation: { id: 'a:1xyz/with#odd?chars' }, serviceUrl: 'https://smba.trafficmanager.net/emea/', bot: { id: '28:x' } };
      await repos.conversations.put({ tenantId: TENANT, conversationId: 'a:1xyz/with#odd?chars', kind: 'personal', aadObjectId: 'x', reference, active: true, updatedAt: 'now' });
      expect((await repos.conversations.get(TENANT, 'a:1xyz/with#odd?chars'))?.reference).toEqual(reference);
      await repos.conversations.setActive(TENANT, 'a:1xyz/with#odd?chars', false);
      expect((await repos.conversations.get(TENANT, 'a:1xyz/with#odd?chars'))?.active).toBe(false);
    });

    it('ignores deactivating a conversation it never stored', async () => {
      await expect(repos.conversations.setActive(TENANT, 'never-seen', false)).resolves.toBeUndefined();
      expect(await repos.conversations.get(TENANT, 'never-seen')).toBeUndefined();
    });
  });
});
