import { createHash, randomBytes } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import type { Delivery } from '../../kernel/notifications';
import { getOrUndefined, guard } from './storage-errors';

/** Markers of posts sent under a once-key; never a date, so `day()` never lists them. */
const ONCE_PARTITION = 'once';

interface OnceMarker {
  partitionKey: string;
  rowKey: string;
  day: string;
  dayRow: string;
  tenantId: string;
  conversationId: string;
  purpose: string;
  attempts: number;
  status: string;
  activityId: string;
  reason: string;
}

function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export interface DeliveryRecord {
  tenantId: string;
  conversationId: string;
  purpose: string;
  attempts: number;
  delivery: Delivery;
  at: Date;
}

/** A stored outcome; `activityId` is the id Teams gave a sent post ('' otherwise). */
export interface DeliveryRow {
  tenantId: string;
  conversationId: string;
  purpose: string;
  status: string;
  attempts: number;
  reason: string;
  activityId: string;
}

/** The notifier's one table, in the catalogue the composition root assembles. */
export const DELIVERY_TABLES = ['deliveries'] as const;
export type DeliveryTable = (typeof DELIVERY_TABLES)[number];

/**
 * Every proactive send's outcome, kept for audit and for the tests that prove nothing was
 * lost or sent twice. One partition per UTC day keeps a day's records together.
 */
export class DeliveryLog {
  constructor(private readonly table: TableClient) {}

  /**
   * Records an outcome. A sent post with a once-key first gets its marker (which names the
   * day row it goes with), then that day row, both written idempotently: a crash between or
   * after the two still leaves exactly one "sent" record once `sentBefore` has run again.
   */
  async record(r: DeliveryRecord, onceKey?: string): Promise<void> {
    const day = r.at.toISOString().slice(0, 10);
    if (onceKey && r.delivery.status === 'sent') {
      const rowKey = `${r.at.toISOString()}|${keyHash(onceKey)}`;
      await guard(() => this.table.upsertEntity({ partitionKey: ONCE_PARTITION, rowKey: keyHash(onceKey), day, dayRow: rowKey, ...this.fields(r) }, 'Replace'));
      await guard(() => this.table.upsertEntity({ partitionKey: day, rowKey, ...this.fields(r) }, 'Replace'));
      return;
    }
    await guard(() => this.table.createEntity({ partitionKey: day, rowKey: `${r.at.toISOString()}|${randomBytes(4).toString('hex')}`, ...this.fields(r) }));
  }

  /** The delivery already recorded as sent under this once-key (its day row rewritten, in case a crash lost it). */
  async sentBefore(onceKey: string): Promise<Delivery | undefined> {
    const marker = await getOrUndefined(() => this.table.getEntity<OnceMarker>(ONCE_PARTITION, keyHash(onceKey)));
    if (!marker) return undefined;
    const { tenantId, conversationId, purpose, attempts, status, activityId, reason } = marker;
    await guard(() => this.table.upsertEntity({ partitionKey: marker.day, rowKey: marker.dayRow, tenantId, conversationId, purpose, attempts, status, activityId, reason }, 'Replace'));
    return { status: 'sent', activityId: marker.activityId };
  }

  private fields(r: DeliveryRecord) {
    return {
      tenantId: r.tenantId,
      conversationId: r.conversationId,
      purpose: r.purpose,
      attempts: r.attempts,
      status: r.delivery.status,
      activityId: r.delivery.status === 'sent' ? r.delivery.activityId : '',
      reason: r.delivery.status === 'failed' ? r.delivery.reason : '',
    };
  }

  /** A UTC day's records (YYYY-MM-DD). */
  async day(day: string): Promise<DeliveryRow[]> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error('day must be YYYY-MM-DD');
    const out: DeliveryRow[] = [];
    const iter = this.table.listEntities<DeliveryRow>({ queryOptions: { filter: odata`PartitionKey eq ${day}` } });
    for await (const e of iter)
      out.push({ tenantId: e.tenantId, conversationId: e.conversationId, purpose: e.purpose, status: e.status, attempts: e.attempts, reason: e.reason, activityId: e.activityId });
    return out;
  }
}
