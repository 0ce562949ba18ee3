import type { RecordedRequest, RequestMatcher } from './types';

/** What the stand-in can do to one request of a fault mix. */
export type MixedFault =
  | '429-retry-after'
  | '429'
  | '500'
  | '502'
  | '504'
  | 'slow'
  /** The socket is destroyed before the service sees the request: nothing was posted. */
  | 'drop'
  /** The service posts the activity, then the socket is destroyed: the bot never hears back. */
  | 'accept-then-drop';

export interface FaultMixOptions {
  /** Share (0..1) of matching requests that meet a fault. */
  share: number;
  /** Drawn with equal weight; list a kind twice to weigh it double. */
  kinds: readonly MixedFault[];
  /** Which requests the mix applies to (default: every request). */
  match?: RequestMatcher;
  /** Seed of the pseudo-random draw, so a failing run can be replayed. */
  seed?: number;
  /** `Retry-After` of '429-retry-after' (seconds, default 1). */
  retryAfterSeconds?: number;
  /** How long a 'slow' answer waits (ms, default 1500). */
  slowMs?: number;
}

/** mulberry32: small, seedable and good enough to spread faults. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Faults for a share of requests, drawn at random but reproducibly (seeded), on top of the
 * one-off `failNext`/`delayNext`/`dropNext` rules, which are consulted first.
 */
export class FaultMix {
  private readonly random: () => number;
  readonly retryAfterSeconds: number;
  readonly slowMs: number;

  constructor(private readonly opts: FaultMixOptions) {
    if (!(opts.share >= 0 && opts.share <= 1)) throw new Error(`share must be within 0..1, got ${String(opts.share)}`);
    if (opts.kinds.length === 0) throw new Error('a fault mix needs at least one kind');
    this.random = prng(opts.seed ?? 1);
    this.retryAfterSeconds = opts.retryAfterSeconds ?? 1;
    this.slowMs = opts.slowMs ?? 1_500;
  }

  draw(req: RecordedRequest): MixedFault | undefined {
    if (this.opts.match && !this.opts.match(req)) return undefined;
    if (this.random() >= this.opts.share) return undefined;
    return this.opts.kinds[Math.floor(this.random() * this.opts.kinds.length)];
  }
}
