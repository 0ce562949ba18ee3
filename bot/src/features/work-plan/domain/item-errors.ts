import { QuorumError } from '../../../kernel/errors';

/** A validation error whose message is in the work-plan catalog (workPlan.errors.<reason>). */
export function invalid(reason: string, params: Record<string, string | number> = {}): QuorumError {
  return new QuorumError('validation', `work-plan: ${reason}`, { ...params, reason: `workPlan.errors.${reason}` });
}

export function itemNotFound(ref: string): QuorumError {
  return new QuorumError('not-found', 'action item not found', { ref, reason: 'workPlan.errors.itemNotFound' });
}

export function notAllowed(reason: string): QuorumError {
  return new QuorumError('forbidden', `work-plan: ${reason}`, { reason: `workPlan.errors.${reason}` });
}
