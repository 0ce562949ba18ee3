import { odata, type TableClient } from '@azure/data-tables';
import type { GroupRef } from '../../kernel/identity';
import { isLanguage, type Language } from '../../kernel/languages';
import type { Member, Role } from '../../kernel/member';
import { plainName } from '../../kernel/plain-text';
import type { MemberRepository } from '../../kernel/ports';
import type { Versioned } from '../../kernel/versioned';
import { toKey } from './keys';
import { getOrUndefined, guard } from './storage-errors';

interface MemberEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  teamId: string;
  aadObjectId: string;
  userId?: string;
  name: string;
  organisation?: string;
  /** Absent until a co-chair changes it: profile upserts then never clobber a role. */
  role?: Role;
  active: boolean;
  /** Absent until the person chooses one; profile upserts never carry it, so never clobber it. */
  language?: Language;
  updatedAt: string;
}

/**
 * Members of a group share a partition (tenant|team), keyed by Entra object id. A second
 * table indexes tenant|object id → teams so personal chat can find the caller's group; it
 * is a hint only: every use re-reads the member row.
 */
export class TableMemberRepository implements MemberRepository {
  constructor(
    private readonly members: TableClient,
    private readonly memberships: TableClient,
  ) {}

  async get(ref: GroupRef, aadObjectId: string): Promise<Versioned<Member> | undefined> {
    const e = await getOrUndefined(() => this.members.getEntity<MemberEntity>(partition(ref), toKey(aadObjectId.toLowerCase())));
    return e && { value: fromEntity(e), etag: e.etag };
  }

  async list(ref: GroupRef): Promise<Member[]> {
    return guard(async () => {
      const out: Member[] = [];
      const iter = this.members.listEntities<MemberEntity>({ queryOptions: { filter: odata`PartitionKey eq ${partition(ref)}` } });
      for await (const e of iter) out.push(fromEntity(e));
      return out;
    });
  }

  async upsertProfile(m: Member): Promise<void> {
    const { role: _role, language: _language, ...profile } = m;
    const entity: Omit<MemberEntity, 'role' | 'language'> = { partitionKey: partition(m), rowKey: toKey(m.aadObjectId.toLowerCase()), ...profile, ...plainNames(m) };
    await guard(() => this.members.upsertEntity(entity, 'Merge'));
    await guard(() => this.memberships.upsertEntity({ partitionKey: toKey(m.tenantId, m.aadObjectId.toLowerCase()), rowKey: toKey(m.teamId), tenantId: m.tenantId, teamId: m.teamId }, 'Replace'));
  }

  async update(m: Member, etag: string): Promise<Versioned<Member>> {
    const entity: MemberEntity = { partitionKey: partition(m), rowKey: toKey(m.aadObjectId.toLowerCase()), ...m, ...plainNames(m) };
    const res = await guard(() => this.members.updateEntity(entity, 'Replace', { etag }));
    return { value: fromEntity(entity), etag: res.etag ?? '' };
  }

  async groupsOf(tenantId: string, aadObjectId: string): Promise<GroupRef[]> {
    return guard(async () => {
      const out: GroupRef[] = [];
      const pk = toKey(tenantId, aadObjectId.toLowerCase());
      const iter = this.memberships.listEntities<{ tenantId: string; teamId: string }>({ queryOptions: { filter: odata`PartitionKey eq ${pk}` } });
      for await (const e of iter) out.push({ tenantId: e.tenantId, teamId: e.teamId });
      return out;
    });
  }
}

/** Display names and organisations come from Teams or from people: stored without control characters. */
function plainNames(m: Member): Pick<Member, 'name' | 'organisation'> {
  return { name: plainName(m.name), ...(m.organisation === undefined ? {} : { organisation: plainName(m.organisation) }) };
}

function partition(ref: GroupRef): string {
  return toKey(ref.tenantId, ref.teamId);
}

function fromEntity(e: MemberEntity): Member {
  const m: Member = {
    tenantId: e.tenantId,
    teamId: e.teamId,
    aadObjectId: e.aadObjectId,
    name: e.name,
    role: e.role ?? 'member',
    active: e.active,
    updatedAt: e.updatedAt,
  };
  if (e.userId) m.userId = e.userId;
  if (e.organisation) m.organisation = e.organisation;
  if (isLanguage(e.language)) m.language = e.language;
  return m;
}
