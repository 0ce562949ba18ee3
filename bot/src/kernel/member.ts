import type { GroupRef } from './identity';

export const ROLES = ['co-chair', 'member'] as const;
export type Role = (typeof ROLES)[number];

export interface Member extends GroupRef {
  aadObjectId: string;
  /** The Teams user id (29:…) — what mentions and 1:1 conversations need. */
  userId?: string;
  name: string;
  organisation?: string;
  role: Role;
  active: boolean;
  updatedAt: string;
}
