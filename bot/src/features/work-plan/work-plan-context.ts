import type { WorkPlanDeps } from './domain/work-plan-deps';
import type { i18n } from 'i18next';
import type { Logger } from '../../platform/logging/logger';
import type { Notifier } from '../../kernel/notifications';
import type { Repositories } from '../../kernel/ports';
import type { WorkPlanStorage } from './storage/work-plan.storage';
import type { FeatureContext } from '../../platform/teams/feature';
import { tabLinks, type TabLink } from '../../platform/cards/tab-link';

/** The repositories the work plan uses: the core's and its own. */
export type WorkPlanRepositories = Repositories & { workPlan: WorkPlanStorage };

/** Everything the work-plan's handlers use, built once from the feature context (no I/O). */
export interface WorkPlanContext extends WorkPlanDeps {
  notifier: Notifier;
  logger: Logger;
  i18n: i18n;
  /** Where a card sends a reader for what it only summarises (the tab's work-plan, filtered). */
  tabLink: TabLink;
}

export function workPlanContext(ctx: FeatureContext<WorkPlanRepositories>): WorkPlanContext {
  return {
    repos: ctx.repos,
    roles: ctx.roles,
    clock: ctx.clock,
    scheduler: ctx.scheduler,
    items: ctx.repos.workPlan.items,
    settings: ctx.repos.workPlan.settings,
    notifier: ctx.notifier,
    logger: ctx.logger,
    i18n: ctx.i18n,
    tabLink: tabLinks(ctx.publicBaseUrl),
  };
}
