/**
 * Shapes shared by the Bot Connector stand-in. Field names follow the wire format that
 * botframework-connector 4.23 serialises and deserialises (connectorApi/models/mappers.js,
 * teams/models/mappers.js), so what a test records is what the bot really sent.
 */
import type { FaultMixOptions, MixedFault } from './fault-mix';

export type { FaultMixOptions, MixedFault };

/** A member as Teams returns it from the roster routes (botbuilder's TeamsChannelAccount). */
export interface TeamsChannelAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
  givenName?: string;
  surname?: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
  /** Teams sends "user", "guest" or "anonymous". */
  userRole?: string;
}

export interface TeamChannel {
  id: string;
  /** Teams leaves the General channel unnamed. */
  name?: string;
}

export interface TeamRecord {
  id: string;
  name: string;
  aadGroupId?: string;
  /** Defaults to the General channel alone, whose id is the team id. */
  channels?: TeamChannel[];
}

/** botframework-connector's operation names, so a `match` predicate reads like the bot's code. */
export type RouteName =
  | 'createConversation'
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'getConversationMember'
  | 'getConversationMembers'
  | 'getConversationPagedMembers'
  | 'fetchTeamDetails'
  | 'fetchChannelList'
  | 'unknown';

/**
 * What became of a request:
 * - `pending`: still being handled (delayed, or waitFor resolved on arrival);
 * - `served`: the fake service handled it (this includes its own 4xx, e.g. unknown member);
 * - `failed`: answered by a `failNext` rule; `throttled`: refused by the rate limiter;
 * - `unauthorized`: refused by the `authorize` option;
 * - `dropped`: socket destroyed before the service saw it;
 * - `dropped-after-processing`: the service acted on it, then the answer was lost.
 */
export type RequestOutcome = 'pending' | 'served' | 'failed' | 'throttled' | 'unauthorized' | 'dropped' | 'dropped-after-processing';

export interface RecordedRequest {
  method: string;
  /** Path with each segment URL-decoded, e.g. `/v3/conversations/19:abc@thread.tacv2/activities`. */
  path: string;
  /** Path exactly as sent (still encoded), without the query string. */
  rawPath: string;
  query: Record<string, string>;
  route: RouteName;
  conversationId?: string;
  activityId?: string;
  memberId?: string;
  teamId?: string;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  body: unknown;
  headers: { authorization?: string; contentType?: string };
  /** Arrival time, from the connector's clock. */
  at: number;
  /** Status answered; undefined while pending or when the socket was dropped. */
  status?: number;
  outcome: RequestOutcome;
  /** When the answer left (or the socket was destroyed), from the connector's clock. */
  answeredAt?: number;
  /** `Retry-After` of a 429/503 answer, in ms. */
  retryAfterMs?: number;
  /** The activity id the service gave a send (also when its answer was then dropped). */
  responseId?: string;
  /** The tenant a write is for: `conversation.tenantId` or `channelData.tenant.id` of its body. */
  tenantId?: string;
  /** The fault a `faultMix` applied to this request, if any. */
  mixedFault?: MixedFault;
}

export type RequestMatcher = (req: RecordedRequest) => boolean;

export type InjectableStatus = 403 | 404 | 412 | 429 | 500 | 502 | 503 | 504;

export interface FailOptions {
  status: InjectableStatus;
  /** Sent as `Retry-After` (seconds). botbuilder's HTTP pipeline only retries a 429 that has one. */
  retryAfterSeconds?: number;
  times?: number;
  match?: RequestMatcher;
  /** Overrides the Teams-like `error.code` / `error.message` chosen for the status. */
  code?: string;
  message?: string;
}

export interface DelayOptions {
  ms: number;
  times?: number;
  match?: RequestMatcher;
}

export interface DropOptions {
  times?: number;
  match?: RequestMatcher;
  /**
   * Let the service act on the request (the activity is posted) and only then lose the
   * answer: the case where a client retry produces a duplicate.
   */
  afterProcessing?: boolean;
}

export interface TeamsRateLimits {
  perConversationPerSecond?: number;
  perConversationPer30s?: number;
  globalPerSecond?: number;
}

export interface BotConnectorStats {
  requests: number;
  /** Every 429 answered, from the rate limiter or from `failNext({ status: 429 })`. */
  throttled: number;
  /** Answers given by `failNext` rules (including their 429s). */
  failed: number;
  delayed: number;
  dropped: number;
}

export interface BotConnectorOptions {
  /** Clock for `at` and the rate limiter's windows; lets a test step past a 30 s window. */
  now?: () => number;
  /**
   * Checks the `Authorization` header of every request; a false answer gets the 401 the
   * real connector gives to a missing or bad bot token.
   */
  authorize?: (authorization: string | undefined) => boolean | Promise<boolean>;
}

export interface WaitForOptions {
  timeoutMs?: number;
}

export interface BotConnector {
  /** `http://127.0.0.1:PORT/`, with the trailing slash Teams' serviceUrl has. */
  readonly url: string;
  /** Every request in arrival order (live objects: `status`/`outcome` fill in when answered). */
  readonly requests: readonly RecordedRequest[];
  readonly stats: Readonly<BotConnectorStats>;

  /** Bodies of the send/reply/update requests the service accepted, in arrival order. */
  activities(): unknown[];
  /** Forgets recorded requests and zeroes the stats; rules, roster and limits stay. */
  clear(): void;
  waitFor(predicate: RequestMatcher, options?: WaitForOptions): Promise<RecordedRequest>;

  addMember(conversationOrTeamId: string, member: TeamsChannelAccount): void;
  setMembers(conversationOrTeamId: string, members: TeamsChannelAccount[]): void;
  setTeam(team: TeamRecord): void;

  failNext(options: FailOptions): void;
  delayNext(options: DelayOptions): void;
  dropNext(options?: DropOptions): void;
  /**
   * Faults for a share of requests (seeded random draw), after the one-off rules above; a
   * new call replaces the mix. `clearFaults` removes it.
   */
  faultMix(options: FaultMixOptions): void;
  /** Removes every fault rule not yet used up, and the fault mix. */
  clearFaults(): void;

  enforceTeamsRateLimits(limits?: TeamsRateLimits): void;
  disableRateLimits(): void;

  stop(): Promise<void>;
}
