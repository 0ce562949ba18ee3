import type { GroupRef } from '../../../kernel/identity';
import type { Session } from './session';

/**
 * A Teams meeting is linked to a session in one of two ways: its join URL equals the
 * session's online link (an index kept in step when a session is saved), or a co-chair typed
 * `session link <id>` in the meeting chat (an explicit link, which wins).
 *
 * Both are keyed by the meeting's chat thread: Teams join URLs carry it percent-encoded
 * (`19%3ameeting_…%40thread.v2`, `%3A` or `%3a`, sometimes encoded twice by mail gateways),
 * and the meeting chat's conversation id is that same thread, decoded.
 */
export interface SessionLink extends GroupRef {
  sessionId: string;
}

export interface ExplicitLink extends SessionLink {
  linkedBy: string;
  linkedAt: Date;
  meetingId?: string;
}

export interface MeetingLinkStore {
  /** Records the session under its online link's thread (nothing when it has none). */
  indexSession(session: Session): Promise<void>;
  /** Sessions indexed under a thread; rows may be stale (the link changed since): verify. */
  indexed(tenantId: string, threadKey: string): Promise<SessionLink[]>;
  /** Drops an index row found stale. */
  unindex(tenantId: string, threadKey: string, link: SessionLink): Promise<void>;
  linkChat(tenantId: string, threadKey: string, link: ExplicitLink): Promise<void>;
  linkedChat(tenantId: string, threadKey: string): Promise<ExplicitLink | undefined>;
}

const THREAD = /(19:[A-Za-z0-9_\-.=+]+@thread\.[A-Za-z0-9]+)(?:\/(\d+))?/i;

/** Decodes until stable (at most a few rounds): links pasted from mail may be encoded twice. */
function decodeFully(text: string): string {
  let current = text;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * The meeting thread a join URL or a conversation id names, or undefined when it names none
 * (a Zoom link, a room). The thread's own case is kept: its middle part is base64. A channel
 * meeting lives in a channel reply thread, so its key carries the message id, as the
 * meeting chat's conversation id does (`…;messageid=…`).
 */
export function meetingThreadKey(urlOrConversationId: string | undefined): string | undefined {
  if (!urlOrConversationId || urlOrConversationId.length > 2048) return undefined;
  const decoded = decodeFully(urlOrConversationId.trim());
  const m = THREAD.exec(decoded);
  if (!m?.[1]) return undefined;
  const [prefix, rest] = [m[1].slice(0, 3), m[1].slice(3)];
  const at = rest.lastIndexOf('@');
  const thread = `${prefix}${rest.slice(0, at)}${rest.slice(at).toLowerCase()}`;
  const messageId = m[2] ?? /;messageid=(\d+)/i.exec(decoded)?.[1];
  return messageId && messageId !== '0' ? `${thread};messageid=${messageId}` : thread;
}

/** How far from its planned times a meeting may start or end and still be that session's. */
export const SESSION_MATCH_SLACK_MS = 24 * 3_600_000;

/**
 * Among the sessions sharing one online link (a recurring meeting used for every session),
 * the one this meeting occurrence is: planned around `at`, closest start first.
 */
export function sessionAt(sessions: readonly Session[], at: Date): Session | undefined {
  const t = at.getTime();
  return sessions
    .filter((s) => s.startsAt.getTime() - SESSION_MATCH_SLACK_MS <= t && t <= s.endsAt.getTime() + SESSION_MATCH_SLACK_MS)
    .sort((a, b) => Math.abs(a.startsAt.getTime() - t) - Math.abs(b.startsAt.getTime() - t))[0];
}
