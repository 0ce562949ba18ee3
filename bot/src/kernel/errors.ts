/**
 * Every failure a user or client can see has a stable code. The HTTP layer maps codes to
 * statuses (platform/http/error-status.ts) and the bot maps them to catalogued messages
 * (platform/teams/turn-error.ts), so neither ever shows a stack or an SDK's wording.
 */
export const ERROR_CODES = [
  'validation',
  'not-found',
  'forbidden',
  'not-a-member',
  'conflict',
  'concurrent-update',
  'group-unknown',
  'group-ambiguous',
  'group-inactive',
  'tenant-not-allowed',
  'storage-unavailable',
  /** A message that would not fit in Teams even summarised: the user is sent to the tab instead. */
  'too-large',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class QuorumError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Values the user-facing message may show; never secrets, never whole payloads. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'QuorumError';
  }
}

export function isQuorumError(err: unknown): err is QuorumError {
  return err instanceof QuorumError;
}
