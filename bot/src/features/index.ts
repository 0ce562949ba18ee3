import { createOpenItemsSource } from './work-plan/storage/open-items.source';
import type { Feature, FeatureContext } from '../platform/teams/feature';
import { coreFeature } from './core/core.feature';
import { createPollsFeature } from './polls/polls.feature';
import { createSessionsFeature } from './sessions/sessions.feature';
import { createDecisionsFeature } from './decisions/decisions.feature';
import { createWorkPlanFeature } from './work-plan/work-plan.feature';
import { createReportsFeature } from './reports/reports.feature';
import { createMeetingsFeature } from './meetings/meetings.feature';

/**
 * Every feature of the bot, in the order help lists their commands. Adding a feature is
 * one line here; its commands, verbs and tables come with it.
 */
export function createFeatures(ctx: FeatureContext): Feature[] {
  return [coreFeature, createWorkPlanFeature(ctx), createDecisionsFeature(ctx), createSessionsFeature(ctx, { openItems: createOpenItemsSource(ctx.tables) }), createPollsFeature(ctx), createReportsFeature(ctx), createMeetingsFeature(ctx)];
}
