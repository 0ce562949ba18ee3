import { createOpenItemsSource } from './work-plan';
import type { Feature, FeatureContext } from '../platform/teams/feature';
import { coreFeature } from './core';
import { createPollsFeature } from './polls';
import { createSessionsFeature } from './sessions';
import { createDecisionsFeature } from './decisions';
import { createWorkPlanFeature } from './work-plan';
import { createReportsFeature } from './reports';
import { createMeetingsFeature } from './meetings';

/**
 * Every feature of the bot, in the order help lists their commands. Adding a feature is
 * one line here; its commands, verbs and tables come with it.
 */
export function createFeatures(ctx: FeatureContext): Feature[] {
  return [coreFeature, createWorkPlanFeature(ctx), createDecisionsFeature(ctx), createSessionsFeature(ctx, { openItems: createOpenItemsSource(ctx.tables) }), createPollsFeature(ctx), createReportsFeature(ctx), createMeetingsFeature(ctx)];
}
