import type { Clock } from './clock';
import { QuorumError } from './errors';
import type { ConversationKind } from './conversation';
import { DEFAULT_TIME_ZONE, type Group } from './group';
import type { GroupRef } from './identity';
import type { Language } from './languages';
import type { Member } from './member';
import { plainName } from './plain-text';
import type { Repositories } from './ports';
import { retryOnConflict } from './retry-on-conflict';

// Not a feature's: the platform's own events (install, uninstall, a post refused because the bot is gone) keep the groups, members and conversations every turn reads in step with Teams.

export interface TeamInstall extends GroupRef {
  teamName: string;
  channelConversationId: string;
  channelReference: unknown;
  /** The installer's Teams language, when known: a new group's channel starts in it (else English). */
  language?: Language;
}

export interface MemberProfile {
  aadObjectId: string;
  userId?: string;
  name: string;
}

/**
 * The bot was added to a team: remember the group and where to post. A re-install
 * re-activates the group and keeps its settings (its language too).
 * Returns true when the group is new or was inactive (the caller then posts a welcome).
 */
export async function recordTeamInstall(repos: Repositories, clock: Clock, install: TeamInstall): Promise<boolean> {
  const teamName = plainName(install.teamName);
  const now = clock.now().toISOString();
  await repos.conversations.put({
    tenantId: install.tenantId,
    conversationId: install.channelConversationId,
    kind: 'channel',
    teamId: install.teamId,
    reference: install.channelReference,
    active: true,
    updatedAt: now,
  });
  return retryOnConflict(async () => {
    const existing = await repos.groups.get(install);
    if (!existing) {
      const group: Group = {
        tenantId: install.tenantId,
        teamId: install.teamId,
        name: teamName,
        active: true,
        channelConversationId: install.channelConversationId,
        timeZone: DEFAULT_TIME_ZONE,
        installedAt: now,
        ...(install.language ? { language: install.language } : {}),
      };
      try {
        await repos.groups.create(group);
        return true;
      } catch (err) {
        // Teams sends conversationUpdate and installationUpdate for one install, often together:
        // the other event created the group a moment ago, and it posts the welcome.
        if (err instanceof QuorumError && err.code === 'conflict') return false;
        throw err;
      }
    }
    const wasInactive = !existing.value.active;
    const { deactivatedAt: _dropped, ...rest } = existing.value;
    await repos.groups.update({ ...rest, name: teamName || rest.name, active: true, channelConversationId: install.channelConversationId }, existing.etag);
    return wasInactive;
  });
}

/** The bot was removed or the team deleted: nothing more is posted there. */
export async function recordTeamRemoval(repos: Repositories, clock: Clock, ref: GroupRef): Promise<void> {
  await retryOnConflict(async () => {
    const existing = await repos.groups.get(ref);
    if (!existing || !existing.value.active) return;
    await repos.groups.update({ ...existing.value, active: false, deactivatedAt: clock.now().toISOString() }, existing.etag);
    if (existing.value.channelConversationId) {
      await repos.conversations.setActive(ref.tenantId, existing.value.channelConversationId, false);
    }
  });
}

/** Members learnt from Teams (install roster, member added). Roles are kept. */
export async function recordMembers(repos: Repositories, clock: Clock, ref: GroupRef, profiles: readonly MemberProfile[]): Promise<void> {
  const now = clock.now().toISOString();
  for (const p of profiles) {
    const member: Member = { ...ref, ...p, name: plainName(p.name), role: 'member', active: true, updatedAt: now };
    await repos.members.upsertProfile(member);
  }
}

export async function recordMemberLeft(repos: Repositories, clock: Clock, ref: GroupRef, aadObjectId: string): Promise<void> {
  await retryOnConflict(async () => {
    const m = await repos.members.get(ref, aadObjectId);
    if (!m || !m.value.active) return;
    await repos.members.update({ ...m.value, active: false, updatedAt: clock.now().toISOString() }, m.etag);
  });
}

export interface PersonalConversation {
  tenantId: string;
  aadObjectId: string;
  conversationId: string;
  kind: ConversationKind;
  reference: unknown;
}

/** Remembered so reminders can later reach a person directly. */
export async function recordPersonalConversation(repos: Repositories, clock: Clock, c: PersonalConversation): Promise<void> {
  const known = await repos.conversations.get(c.tenantId, c.conversationId);
  if (known?.active) return;
  await repos.conversations.put({ ...c, active: true, updatedAt: clock.now().toISOString() });
}
