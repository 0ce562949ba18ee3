import type { ErrorCode } from '../../kernel/errors';

/** The one mapping from error codes to HTTP statuses. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation: 400,
  'not-found': 404,
  forbidden: 403,
  'not-a-member': 403,
  conflict: 409,
  'concurrent-update': 409,
  'group-unknown': 404,
  'group-ambiguous': 409,
  'group-inactive': 404,
  'tenant-not-allowed': 403,
  'storage-unavailable': 503,
  'too-large': 500,
  internal: 500,
};

export function errorBody(code: string, message: string, ref?: string): { error: { code: string; message: string; ref?: string } } {
  return { error: { code, message, ...(ref ? { ref } : {}) } };
}
