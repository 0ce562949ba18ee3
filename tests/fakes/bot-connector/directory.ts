import type { TeamChannel, TeamRecord, TeamsChannelAccount } from './types';

/**
 * Rosters and teams the test declares. Conversations the test never declared are
 * unknown to the service, as they would be to Teams.
 */
export class Directory {
  private readonly rosters = new Map<string, TeamsChannelAccount[]>();
  private readonly teams = new Map<string, TeamRecord>();

  setMembers(id: string, members: TeamsChannelAccount[]): void {
    this.rosters.set(
      id,
      members.map((m) => ({ ...m })),
    );
  }

  addMember(id: string, member: TeamsChannelAccount): void {
    const roster = (this.rosters.get(id) ?? []).filter((m) => m.id !== member.id);
    roster.push({ ...member });
    this.rosters.set(id, roster);
  }

  /**
   * A channel thread's conversation id is the channel id plus `;messageid=...`; its
   * roster is the channel's, so fall back to the id before the suffix.
   */
  roster(conversationId: string): TeamsChannelAccount[] | undefined {
    return this.rosters.get(conversationId) ?? this.rosters.get(conversationId.split(';')[0] ?? conversationId);
  }

  setTeam(team: TeamRecord): void {
    this.teams.set(team.id, { ...team });
  }

  team(teamId: string): TeamRecord | undefined {
    return this.teams.get(teamId);
  }

  channels(team: TeamRecord): TeamChannel[] {
    return team.channels ?? [{ id: team.id }];
  }
}

/**
 * Continuation tokens are opaque to clients; encoding the offset keeps the fake
 * stateless, and the prefix lets a forged or stale token be told apart from a real one.
 */
export function encodeContinuationToken(offset: number): string {
  return Buffer.from(`quorum-fake:${offset}`).toString('base64url');
}

export function decodeContinuationToken(token: string): number | undefined {
  const match = /^quorum-fake:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
