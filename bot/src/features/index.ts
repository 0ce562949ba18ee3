import type { Feature } from '../platform/teams/feature';
import { createCoreFeature } from './core';
import { createPollsFeature } from './polls';
import { createSessionsFeature } from './sessions';
import { createDecisionsFeature } from './decisions';
import { createWorkPlanFeature } from './work-plan';
import { createReportsFeature } from './reports';
import { createMeetingsFeature } from './meetings';
import type { QuorumContext } from './storage';

/**
 * Every feature of the bot, in the order help lists their commands. Adding a feature is
 * one line here (and its storage factory in storage.ts); its commands, verbs and tables come with it.
 */
export function createFeatures(ctx: QuorumContext): Feature[] {
  return [
    createCoreFeature(ctx),
    createWorkPlanFeature(ctx),
    createDecisionsFeature(ctx),
    createSessionsFeature(ctx, { openItems: ctx.repos.workPlan.openItems }),
    createPollsFeature(ctx),
    createReportsFeature(ctx),
    createMeetingsFeature(ctx),
  ];
}
