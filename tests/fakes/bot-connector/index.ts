export { startBotConnector } from './server';
export type {
  BotConnector,
  BotConnectorOptions,
  BotConnectorStats,
  DelayOptions,
  DropOptions,
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
