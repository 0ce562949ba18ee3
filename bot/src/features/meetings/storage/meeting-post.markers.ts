import type { TableClient } from '@azure/data-tables';
import { toKey } from '../../../platform/storage/keys';
import { getOrUndefined, guard, isNotFound, statusOf, toDomainError } from '../../../platform/storage/storage-errors';

export const MEETING_POSTS_TABLE = 'meetingPosts' as const;

interface MarkerEntity {
  partitionKey: string;
  rowKey: string;
  state: 'posting' | 'sent';
  claimedAt: Date;
  activityId?: string;
}

export interface MarkerKey {
  tenantId: string;
  meetingId: string;
  kind: 'start' | 'end';
  sessionId: string;
}

export type Claim = { claimed: true; etag: string } | { claimed: false };

/** A claim older than this was left by an instance that died mid-post: another may take it over. */
const STALE_CLAIM_MS = 2 * 60_000;

/**
 * Exactly one post per meeting, start or end, and session: Teams may deliver an event twice,
 * to two instances at once. The first to create the marker posts; a failed post releases it.
 */
export class MeetingPostMarkers {
  constructor(private readonly table: TableClient) {}

  async claim(k: MarkerKey, now: Date): Promise<Claim> {
    const keys = { partitionKey: toKey(k.tenantId, k.meetingId), rowKey: toKey(k.kind, k.sessionId) };
    try {
      const res = await this.table.createEntity<MarkerEntity>({ ...keys, state: 'posting', claimedAt: now });
      return { claimed: true, etag: res.etag ?? '' };
    } catch (err) {
      if (statusOf(err) !== 409) throw toDomainError(err);
    }
    const existing = await getOrUndefined(() => this.table.getEntity<MarkerEntity>(keys.partitionKey, keys.rowKey));
    if (!existing || existing.state === 'sent' || now.getTime() - new Date(existing.claimedAt).getTime() < STALE_CLAIM_MS) return { claimed: false };
    try {
      const res = await this.table.updateEntity<MarkerEntity>({ ...keys, state: 'posting', claimedAt: now }, 'Replace', { etag: existing.etag });
      return { claimed: true, etag: res.etag ?? '' };
    } catch (err) {
      if (statusOf(err) === 412) return { claimed: false };
      throw toDomainError(err);
    }
  }

  async sent(k: MarkerKey, etag: string, activityId: string, now: Date): Promise<void> {
    const keys = { partitionKey: toKey(k.tenantId, k.meetingId), rowKey: toKey(k.kind, k.sessionId) };
    await guard(() => this.table.updateEntity<MarkerEntity>({ ...keys, state: 'sent', claimedAt: now, activityId }, 'Replace', { etag }));
  }

  /** The post failed: a redelivered event may try again. */
  async release(k: MarkerKey, etag: string): Promise<void> {
    try {
      await this.table.deleteEntity(toKey(k.tenantId, k.meetingId), toKey(k.kind, k.sessionId), { etag });
    } catch (err) {
      if (!isNotFound(err) && statusOf(err) !== 412) throw toDomainError(err);
    }
  }
}
