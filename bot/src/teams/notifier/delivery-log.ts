import { randomBytes } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import type { Delivery } from '../../domain/notifications';
import { guard } from '../../storage/storage-errors';

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

/**
 * Every proactive send's outcome, kept for audit and for the tests that prove nothing was
 * lost or sent twice. One partition per UTC day keeps a day's records together.
 */
export class DeliveryLog {
  constructor(private readonly table: TableClient) {}

  async record(r: DeliveryRecord): Promise<void> {
    const day = r.at.toISOString().slice(0, 10);
    await guard(() =>
      this.table.createEntity({
        partitionKey: day,
        rowKey: `${r.at.toISOString()}|${randomBytes(4).toString('hex')}`,
        tenantId: r.tenantId,
        conversationId: r.conversationId,
        purpose: r.purpose,
        attempts: r.attempts,
        status: r.delivery.status,
        activityId: r.delivery.status === 'sent' ? r.delivery.activityId : '',
        reason: r.delivery.status === 'failed' ? r.delivery.reason : '',
      }),
    );
  }

  /** A UTC day's records (YYYY-MM-DD). */
  async day(day: string): Promise<DeliveryRow[]> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error('day must be YYYY-MM-DD');
    const out: DeliveryRow[] = [];
    const iter = this.table.listEntities<DeliveryRow>({ queryOptions: { filter: odata`PartitionKey eq ${day}` } });
    for await (const e of iter) out.push({ tenantId: e.tenantId, conversationId: e.conversationId, purpose: e.purpose, status: e.status, attempts: e.attempts, reason: e.reason, activityId: e.activityId });
    return out;
  }
}
