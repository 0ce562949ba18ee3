import type { Feature } from '../platform/teams/feature';
import { createCoreFeature } from './core/core.feature';
import { createPollsFeature } from './polls/polls.feature';
import { createSessionsFeature } from './sessions/sessions.feature';
import { createDecisionsFeature } from './decisions/decisions.feature';
import { createWorkPlanFeature } from './work-plan/work-plan.feature';
import { createReportsFeature } from './reports/reports.feature';
import { createMeetingsFeature } from './meetings/meetings.feature';
import type { QuorumContext } from './storage';

/**
 * Every feature of the bot, in the order help lists their commands. Adding a feature is
 * one line here (and its storage factory in storage.ts); its commands, verbs and tables come with it.
 */
export function createFeatures(ctx: QuorumContext): Feature[] {
  return [createCoreFeature(ctx), createWorkPlanFeature(ctx), createDecisionsFeature(ctx), createSessionsFeature(ctx, { openItems: ctx.repos.workPlan.openItems }), createPollsFeature(ctx), createReportsFeature(ctx), createMeetingsFeature(ctx)];
}
