import { REMINDER_KINDS } from './domain/reminder-plan';
import type { Feature, FeatureContext } from '../../platform/teams/feature';
import { workPlanCommands } from './chat/commands';
import { digestHandler } from './jobs/digest-job';
import { createItemAction } from './chat/message-action';
import { itemReminderHandler } from './jobs/reminder-jobs';
import { workPlanRoutes } from './routes/routes';
import { workPlanVerbs } from './chat/verbs';
import { workPlanContext, type WorkPlanRepositories } from './work-plan-context';
import { workPlanPersonalData } from './person-data';
import { memberSearch, organisationSearch } from './chat/searches';

/**
 * The work-plan: action items (chat, cards, message action, tab API) and the reminders that
 * keep them moving (weekly digest, due-soon and overdue posts in the channel).
 */
export function createWorkPlanFeature(ctx: FeatureContext<WorkPlanRepositories>): Feature {
  const w = workPlanContext(ctx);
  return {
    name: 'work-plan',
    commands: workPlanCommands(w),
    verbs: workPlanVerbs(w),
    searches: [memberSearch(w), organisationSearch(w)],
    jobs: [itemReminderHandler(w, REMINDER_KINDS.dueSoon), itemReminderHandler(w, REMINDER_KINDS.overdue), digestHandler(w)],
    routes: workPlanRoutes(w),
    messageActions: [createItemAction(w)],
    personalData: workPlanPersonalData(ctx.repos.workPlan.person),
  };
}
