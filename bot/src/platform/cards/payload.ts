import { z } from 'zod';
import { QuorumError } from '../../kernel/errors';

/** Card data and form input are user input: parse with a strict schema or refuse, naming the fields. */
export function parsePayload<T>(schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (!r.success) {
    throw new QuorumError('validation', 'bad card payload', { detail: [...new Set(r.error.issues.map((i) => i.path.join('.') || 'payload'))].join(', ') });
  }
  return r.data;
}

/** The team a card acts on: every card carries it so it also works in personal chat. */
export const TEAM_ID = z.string().min(1).max(256);
