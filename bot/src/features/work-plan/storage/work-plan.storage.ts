import type { Clock } from '../../../kernel/clock';
import type { PersonRows } from '../../../kernel/person-data';
import type { MemberRepository } from '../../../kernel/ports';
import type { JobTable } from '../../../platform/storage/table-job-store';
import type { TableClients } from '../../../platform/storage/table-client.factory';
import type { ActionItemRepository, OpenItemsSource, WorkPlanSettingsRepository } from '../domain/ports';
import { TableActionItemRepository, WORK_ITEMS_TABLE } from './action-item.repository';
import { WorkPlanOpenItems } from './open-items.source';
import { WorkPlanPersonRows } from './work-plan-person-rows';
import { TableWorkPlanSettingsRepository, WORK_PLAN_SETTINGS_TABLE } from './work-plan-settings.repository';
import { turnReadSettings } from './turn-read-settings';
import type { ReadCache } from '../../../platform/storage/read-cache';

/** The work plan's tables, in the catalogue the composition root assembles. */
export const WORK_PLAN_TABLES = [WORK_ITEMS_TABLE, WORK_PLAN_SETTINGS_TABLE] as const;
export type WorkPlanTable = (typeof WORK_PLAN_TABLES)[number];

export interface WorkPlanStorage {
  items: ActionItemRepository;
  settings: WorkPlanSettingsRepository;
  /** A group's open items with owner names, for the sessions feature's review list. */
  openItems: OpenItemsSource;
  /** Items, history, organisation rows and reminder jobs that name a person. */
  person: PersonRows;
}

/** The scheduler's jobs table is read and changed for a person's erasure only: the work plan's reminders name the item's owner. */
/** `turnReads`: a cache without a lifetime, so a turn reads the settings once (the service's). */
export function createWorkPlanStorage(tables: TableClients<WorkPlanTable | JobTable>, members: MemberRepository, clock: Clock, turnReads?: ReadCache): WorkPlanStorage {
  const items = new TableActionItemRepository(tables.table(WORK_ITEMS_TABLE));
  const settings = new TableWorkPlanSettingsRepository(tables.table(WORK_PLAN_SETTINGS_TABLE));
  return {
    items,
    settings: turnReads ? turnReadSettings(settings, turnReads) : settings,
    openItems: new WorkPlanOpenItems(items, members),
    person: new WorkPlanPersonRows(tables.table(WORK_ITEMS_TABLE), tables.table(WORK_PLAN_SETTINGS_TABLE), tables.table('jobs'), clock),
  };
}
