import type { MessageKey } from '../../lib/i18n';

/** A decision as the register API returns it (status derived from later records). */
export interface Decision {
  ref: string;
  seq: number;
  kind: 'decision' | 'amendment' | 'revocation';
  title: string;
  text: string;
  rationale?: string;
  sessionId?: string;
  pollId?: string;
  /** What people call them (absent when the session or poll is gone: the id is shown then). */
  sessionTitle?: string;
  pollTitle?: string;
  actionItemIds: string[];
  supersedes?: string;
  decidedAt: string;
  recordedAt: string;
  recordedByName?: string;
  hash: string;
  status: 'in-force' | 'superseded' | 'revoked';
  /** The later record that amended or revoked it. */
  by?: string;
}

export interface DecisionPage {
  items: Decision[];
  page: number;
  pages: number;
  total: number;
}

export interface Verification {
  ok: boolean;
  count: number;
  /** The server's words: "N decisions, chain intact…" or the first bad record and why. */
  message: { result: string; detail: string };
}

export const kindKey = (k: string) => `decKind_${k}` as MessageKey;
export const statusKey = (s: string) => `decStatus_${s}` as MessageKey;
