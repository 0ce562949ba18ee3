/** The slice of @azure/core-rest-pipeline's Pipeline this module uses (typed here: it is not a direct dependency). */
interface PipelineRequestLike {
  url: string;
  /** Milliseconds before the HTTP client gives up on this attempt (0: never). */
  timeout: number;
}
interface PipelineLike {
  addPolicy(policy: { name: string; sendRequest(req: PipelineRequestLike, next: (req: PipelineRequestLike) => Promise<unknown>): Promise<unknown> }, options: { afterPhase: 'Retry' }): void;
  removePolicy(options: { name: string }): unknown;
}

const GATE = 'quorumRateSlotPerAttempt';

/**
 * botbuilder's HTTP pipeline retries 5xx, dropped connections and 429-with-Retry-After up to
 * three times on its own. Those retries reach Teams like any request, so each must take a
 * rate slot too: `gate` runs before every HTTP attempt, retries included (a policy placed
 * after the pipeline's retry phase sees each one), and each attempt gets its own timeout.
 *
 * The pipeline sits in a private field of botframework-connector's ServiceClientContext;
 * there is no public option that reaches inside the retry loop. botbuilder is archived, so the
 * shape is fixed; if it ever changes this throws, and the fan-out fault test fails, rather
 * than letting retries slip past the limits. (`connector` is botframework-connector's
 * ConnectorClient; its public type says nothing about the private field read here.)
 */
export function gateEveryAttempt(connector: object, gate: () => Promise<void>, timeoutMs: number): void {
  const pipeline = (connector as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  if (!pipeline || typeof pipeline.addPolicy !== 'function') throw new Error('the connector client has no HTTP pipeline to rate-limit its retries');
  pipeline.removePolicy({ name: GATE });
  pipeline.addPolicy(
    {
      name: GATE,
      async sendRequest(req, next) {
        await gate();
        // Timed from here, once the slot is taken: waiting for a slot is not Teams being slow.
        req.timeout = timeoutMs;
        return next(req);
      },
    },
    { afterPhase: 'Retry' },
  );
}
