import type { Request, Response } from 'restify';

/** Reports whether storage answers, so App Service's health check can take a bad instance out. */
export function healthHandler(pingStorage: () => Promise<void>) {
  return async (_req: Request, res: Response): Promise<void> => {
    const storage = await pingStorage().then(
      () => 'up' as const,
      () => 'down' as const,
    );
    res.json(storage === 'up' ? 200 : 503, { status: storage === 'up' ? 'ok' : 'degraded', storage });
  };
}
