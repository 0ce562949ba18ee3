import type { WorkPlanDeps } from './domain/work-plan-deps';
import type { i18n } from 'i18next';
import type { Logger } from '../../platform/logging/logger';
import type { Notifier } from '../../kernel/notifications';
import { TableActionItemRepository, WORK_ITEMS_TABLE } from './storage/action-item.repository';
import { TableWorkPlanSettingsRepository, WORK_PLAN_SETTINGS_TABLE } from './storage/work-plan-settings.repository';
import type { FeatureContext } from '../../platform/teams/feature';

export const WORK_PLAN_TABLES = [WORK_ITEMS_TABLE, WORK_PLAN_SETTINGS_TABLE] as const;

/** Everything the work-plan's handlers use, built once from the feature context (no I/O). */
export interface WorkPlanContext extends WorkPlanDeps {
  notifier: Notifier;
  logger: Logger;
  i18n: i18n;
}

export function workPlanContext(ctx: FeatureContext): WorkPlanContext {
  return {
    repos: ctx.repos,
    roles: ctx.roles,
    clock: ctx.clock,
    scheduler: ctx.scheduler,
    items: new TableActionItemRepository(ctx.tables.table(WORK_ITEMS_TABLE)),
    settings: new TableWorkPlanSettingsRepository(ctx.tables.table(WORK_PLAN_SETTINGS_TABLE)),
    notifier: ctx.notifier,
    logger: ctx.logger,
    i18n: ctx.i18n,
  };
}
