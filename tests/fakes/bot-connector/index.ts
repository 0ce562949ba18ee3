export { startBotConnector } from './server';
export type {
  BotConnector,
  BotConnectorOptions,
  BotConnectorStats,
  DelayOptions,
  DropOptions,
  FaultMixOptions,
  MixedFault,
  FailOptions,
  InjectableStatus,
  RecordedRequest,
  RequestMatcher,
  RequestOutcome,
  RouteName,
  TeamChannel,
  TeamRecord,
  TeamsChannelAccount,
  TeamsRateLimits,
  WaitForOptions,
} from './types';
export { auditRateLimits, auditRetryAfter, TEAMS_PROACTIVE_LIMITS } from './limit-audit';
export type { AuditedLimits, LimitViolation, RetryAfterViolation } from './limit-audit';
