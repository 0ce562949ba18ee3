import type { Role } from '../../kernel/member';
import type { AdaptiveCard } from '../cards/render';
import { LANGUAGES, type Language, type Translate } from '../i18n/i18n';
import type { CardSearch, CardVerb, ChatCommand, Feature, MeetingEvent, MessageAction } from './feature';
import { nearestPhrase } from './nearest-phrase';

export interface CommandMatch {
  command: ChatCommand;
  args: string;
  /** The languages the typed phrase belongs to (one, or both for a shared word like `?`). */
  languages: readonly Language[];
}

/**
 * All features' commands and verbs, checked for clashes at start: two features claiming one
 * verb or one command phrase is a programming error, not something to resolve at run time.
 */
export class FeatureRegistry {
  private readonly commands: ChatCommand[] = [];
  private readonly verbs = new Map<string, CardVerb>();
  private readonly phrases = new Map<string, { command: ChatCommand; languages: Language[] }>();
  private readonly actions = new Map<string, MessageAction>();
  private readonly searches = new Map<string, CardSearch>();
  private readonly welcome: Feature['installWelcome'];

  constructor(readonly features: readonly Feature[]) {
    const welcomes = features.flatMap((f) => (f.installWelcome ? [f.installWelcome] : []));
    if (welcomes.length > 1) throw new Error('more than one feature gives the install welcome card');
    this.welcome = welcomes[0];
    for (const f of features) {
      for (const c of f.commands ?? []) {
        this.commands.push(c);
        for (const language of LANGUAGES) {
          const phrases = c.words[language] ?? [];
          for (const words of phrases) {
            const phrase = words.join(' ').toLowerCase();
            const known = this.phrases.get(phrase);
            if (known && (known.command !== c || known.languages.includes(language))) throw new Error(`command phrase "${phrase}" registered twice`);
            if (known) known.languages.push(language);
            else this.phrases.set(phrase, { command: c, languages: [language] });
          }
        }
      }
      for (const a of f.messageActions ?? []) {
        if (this.actions.has(a.commandId)) throw new Error(`message action "${a.commandId}" registered twice`);
        this.actions.set(a.commandId, a);
      }
      for (const s of f.searches ?? []) {
        if (this.searches.has(s.dataset)) throw new Error(`card search "${s.dataset}" registered twice`);
        this.searches.set(s.dataset, s);
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
      const found = this.phrases.get(words.slice(0, n).join(' ').toLowerCase());
      if (found) return { command: found.command, args: words.slice(n).join(' '), languages: found.languages };
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

  search(dataset: string): CardSearch | undefined {
    return this.searches.get(dataset);
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

  /** The card a team gets when the app is installed in it; none when no feature gives one. */
  installWelcome(t: Translate, teamName: string): AdaptiveCard | undefined {
    return this.welcome?.(t, teamName);
  }

  /** Every feature's meeting start/end handler, in registration order. */
  meetingHandlers(): ((event: MeetingEvent) => Promise<void>)[] {
    return this.features.flatMap((f) => (f.meetingEvents ? [f.meetingEvents] : []));
  }
}
