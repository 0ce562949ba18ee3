import { createOpenItemsSource } from '../../storage/work-plan/open-items.source';
import type { Feature, FeatureContext } from '../feature';
import { coreFeature } from './core.feature';
import { createPollsFeature } from './polls.feature';
import { createSessionsFeature } from './sessions.feature';
import { createDecisionsFeature } from './decisions.feature';
import { createWorkPlanFeature } from './work-plan.feature';
import { createReportsFeature } from './reports.feature';
import { createMeetingsFeature } from './meetings.feature';

/**
 * Every feature of the bot, in the order help lists their commands. Adding a feature is
 * one line here; its commands, verbs and tables come with it.
 */
export function createFeatures(ctx: FeatureContext): Feature[] {
  return [coreFeature, createWorkPlanFeature(ctx), createDecisionsFeature(ctx), createSessionsFeature(ctx, { openItems: createOpenItemsSource(ctx.tables) }), createPollsFeature(ctx), createReportsFeature(ctx), createMeetingsFeature(ctx)];
}
