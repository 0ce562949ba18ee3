import type { Role } from '../domain/member';
import type { CardVerb, ChatCommand, Feature, MeetingEvent, MessageAction } from './feature';
import { nearestPhrase } from './nearest-phrase';

export interface CommandMatch {
  command: ChatCommand;
  args: string;
}

/**
 * All features' commands and verbs, checked for clashes at start: two features claiming one
 * verb or one command phrase is a programming error, not something to resolve at run time.
 */
export class FeatureRegistry {
  private readonly commands: ChatCommand[] = [];
  private readonly verbs = new Map<string, CardVerb>();
  private readonly phrases = new Map<string, ChatCommand>();
  private readonly actions = new Map<string, MessageAction>();

  constructor(readonly features: readonly Feature[]) {
    for (const f of features) {
      for (const c of f.commands ?? []) {
        this.commands.push(c);
        for (const words of c.words) {
          const phrase = words.join(' ').toLowerCase();
          if (this.phrases.has(phrase)) throw new Error(`command phrase "${phrase}" registered twice`);
          this.phrases.set(phrase, c);
        }
      }
      for (const a of f.messageActions ?? []) {
        if (this.actions.has(a.commandId)) throw new Error(`message action "${a.commandId}" registered twice`);
        this.actions.set(a.commandId, a);
      }
      for (const v of f.verbs ?? []) {
        if (this.verbs.has(v.verb)) throw new Error(`card verb "${v.verb}" registered twice`);
        this.verbs.set(v.verb, v);
      }
    }
  }

  /** The command whose phrase matches the most leading words of the text. */
  match(text: string): CommandMatch | undefined {
    const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
    for (let n = Math.min(words.length, 4); n > 0; n--) {
      const command = this.phrases.get(words.slice(0, n).join(' ').toLowerCase());
      if (command) return { command, args: words.slice(n).join(' ') };
    }
    return undefined;
  }

  /** For text no command matched: the phrase it most likely meant (a typo), if any. */
  suggest(text: string): string | undefined {
    return nearestPhrase(text, this.phrases.keys());
  }

  verb(name: string): CardVerb | undefined {
    return this.verbs.get(name);
  }

  messageAction(commandId: string): MessageAction | undefined {
    return this.actions.get(commandId);
  }

  /** What help lists for a role, in registration order. */
  commandsFor(role: Role | undefined): ChatCommand[] {
    return this.commands.filter((c) => c.audience === 'everyone' || role === 'co-chair');
  }

  allCommands(): readonly ChatCommand[] {
    return this.commands;
  }

  /** Every feature's meeting start/end handler, in registration order. */
  meetingHandlers(): ((event: MeetingEvent) => Promise<void>)[] {
    return this.features.flatMap((f) => (f.meetingEvents ? [f.meetingEvents] : []));
  }
}
