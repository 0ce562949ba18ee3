import type { DelayOptions, DropOptions, FailOptions, InjectableStatus, RecordedRequest, RequestMatcher } from './types';

interface Rule<T> {
  remaining: number;
  match: RequestMatcher | undefined;
  spec: T;
}

/**
 * One queue of rules per fault kind. A request uses up at most one rule of each kind:
 * the oldest rule whose `match` accepts it, so rules queued for different routes do not
 * steal each other's turns.
 */
class RuleQueue<T> {
  private rules: Rule<T>[] = [];

  add(spec: T, times: number | undefined, match: RequestMatcher | undefined): void {
    const remaining = times ?? 1;
    if (!Number.isInteger(remaining) || remaining < 1) {
      throw new Error(`times must be a positive integer, got ${String(times)}`);
    }
    this.rules.push({ remaining, match, spec });
  }

  take(req: RecordedRequest): T | undefined {
    const index = this.rules.findIndex((rule) => rule.match === undefined || rule.match(req));
    const rule = this.rules[index];
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.rules.splice(index, 1);
    return rule.spec;
  }

  clear(): void {
    this.rules = [];
  }
}

export interface FailSpec {
  status: InjectableStatus;
  retryAfterSeconds: number | undefined;
  code: string;
  message: string;
}

export interface DropSpec {
  afterProcessing: boolean;
}

// Codes a bot meets from Teams for these statuses; tests can override them per rule.
const TEAMS_ERRORS: Record<InjectableStatus, { code: string; message: string }> = {
  403: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' },
  404: { code: 'ConversationNotFound', message: 'Conversation not found.' },
  412: { code: 'PreconditionFailed', message: 'The precondition given in the request evaluated to false.' },
  429: { code: 'Throttled', message: 'Too many requests. Retry after the period given in Retry-After.' },
  500: { code: 'InternalServerError', message: 'An internal error occurred.' },
  502: { code: 'BadGateway', message: 'Bad gateway.' },
  503: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable.' },
  504: { code: 'GatewayTimeout', message: 'The upstream service did not answer in time.' },
};

/** The Teams-like error body for a status. */
export function errorFor(status: InjectableStatus): { code: string; message: string } {
  return TEAMS_ERRORS[status];
}

export class FaultPlan {
  private readonly failures = new RuleQueue<FailSpec>();
  private readonly delays = new RuleQueue<number>();
  private readonly drops = new RuleQueue<DropSpec>();

  failNext(options: FailOptions): void {
    const defaults = TEAMS_ERRORS[options.status];
    if (!defaults) throw new Error(`failNext does not inject status ${String(options.status)}`);
    this.failures.add(
      {
        status: options.status,
        retryAfterSeconds: options.retryAfterSeconds,
        code: options.code ?? defaults.code,
        message: options.message ?? defaults.message,
      },
      options.times,
      options.match,
    );
  }

  delayNext(options: DelayOptions): void {
    if (!(options.ms >= 0)) throw new Error(`delay must be >= 0 ms, got ${String(options.ms)}`);
    this.delays.add(options.ms, options.times, options.match);
  }

  dropNext(options: DropOptions): void {
    this.drops.add({ afterProcessing: options.afterProcessing ?? false }, options.times, options.match);
  }

  takeDelay(req: RecordedRequest): number | undefined {
    return this.delays.take(req);
  }

  takeDrop(req: RecordedRequest): DropSpec | undefined {
    return this.drops.take(req);
  }

  takeFailure(req: RecordedRequest): FailSpec | undefined {
    return this.failures.take(req);
  }

  clear(): void {
    this.failures.clear();
    this.delays.clear();
    this.drops.clear();
  }
}
