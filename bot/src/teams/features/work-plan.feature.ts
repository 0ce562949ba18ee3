import { REMINDER_KINDS } from '../../domain/work-plan/reminder-plan';
import type { Feature, FeatureContext } from '../feature';
import { workPlanCommands } from './work-plan/commands';
import { digestHandler } from './work-plan/digest-job';
import { createItemAction } from './work-plan/message-action';
import { itemReminderHandler } from './work-plan/reminder-jobs';
import { workPlanRoutes } from './work-plan/routes';
import { workPlanVerbs } from './work-plan/verbs';
import { WORK_PLAN_TABLES, workPlanContext } from './work-plan/work-plan-context';
import { workPlanPersonalData } from './work-plan/person-data';

/**
 * The work-plan: action items (chat, cards, message action, tab API) and the reminders that
 * keep them moving (weekly digest, due-soon and overdue posts in the channel).
 */
export function createWorkPlanFeature(ctx: FeatureContext): Feature {
  const w = workPlanContext(ctx);
  return {
    name: 'work-plan',
    tables: WORK_PLAN_TABLES,
    commands: workPlanCommands(w),
    verbs: workPlanVerbs(w),
    jobs: [itemReminderHandler(w, REMINDER_KINDS.dueSoon), itemReminderHandler(w, REMINDER_KINDS.overdue), digestHandler(w)],
    routes: workPlanRoutes(w),
    messageActions: [createItemAction(w)],
    personalData: workPlanPersonalData,
  };
}
