import type { GroupRef } from './identity';
import type { Language } from './languages';

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
  /** The language the person chose for their own answers (personal chat, tab); absent: their Teams locale. */
  language?: Language;
  updatedAt: string;
}
