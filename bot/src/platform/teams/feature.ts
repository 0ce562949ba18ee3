import type { AdaptiveCard } from '../cards/render';
import type { Clock } from '../../kernel/clock';
import type { Group } from '../../kernel/group';
import type { Notifier } from '../../kernel/notifications';
import type { JobHandler, Scheduler } from '../../kernel/scheduling';
import type { i18n } from 'i18next';
import type { Caller } from '../../kernel/identity';
import type { PersonErasure, PersonExport, PersonRef } from '../../kernel/person-data';
import type { Role } from '../../kernel/member';
import type { Repositories } from '../../kernel/ports';
import type { RolePolicy } from '../../kernel/roles';
import type { Logger } from '../logging/logger';
import type { Language, Translate } from '../i18n/i18n';
import type { BotDeps } from './bot-deps';
import type { TurnIdentity } from './turn-identity';

/**
 * What one turn knows, handed to every feature handler. The group and role are resolved
 * lazily and once per turn (most commands need them, help without a group does not).
 */
export interface TurnScope {
  readonly deps: BotDeps;
  readonly t: Translate;
  readonly id: TurnIdentity;
  readonly caller: Caller;
  /** The activity's id: Teams redelivers a message it got no answer for under the same id. */
  readonly activityId?: string;
  /** The caller's Teams user id (`from.id`, not the Entra id): what a card shown to one person names them by. */
  readonly viewerUserId?: string;
  /** In a meeting's chat, the meeting (`channelData.meeting.id`). */
  readonly meetingId?: string;
  /** The channel's team, or in personal chat the caller's one group (else a catalogued error). */
  group(): Promise<Group>;
  /** The caller's role in group(); undefined when not a member. */
  role(): Promise<Role | undefined>;
  /**
   * The first person @mentioned other than the bot, as an Entra object id that Teams (not the
   * message text) vouches for. Undefined when nobody is; a not-found error when Teams does not know them.
   */
  mentionedUser(): Promise<string | undefined>;
  /** Where to post in this conversation later: stored with the conversation, opaque to features. */
  conversationReference(): unknown;
  sendCard(card: AdaptiveCard): Promise<void>;
  sendText(text: string): Promise<void>;
}

/**
 * A command's leading words (any alias) in each language, from the feature's
 * `locales/commands.json`. English always works, whatever the client's language.
 */
export type CommandWords = { readonly en: readonly (readonly string[])[] } & { readonly [L in Language]?: readonly (readonly string[])[] };

/**
 * A chat command: its words, then `args`. The answer comes in the language of the words typed:
 * `aide` answers in French in an English client. A phrase several languages share (`?`)
 * answers in the client's language when it is one of them.
 */
export interface ChatCommand {
  readonly id: string;
  readonly words: CommandWords;
  /** i18n key of how it is typed in help, in each language's own command words. */
  readonly usageKey: string;
  /** i18n key of the one-line description. */
  readonly descriptionKey: string;
  /** Co-chair commands are listed (and marked) only for co-chairs; the handler still checks. */
  readonly audience: 'everyone' | 'co-chair';
  /** Listed in the Teams command menu (the manifest's commandLists: at most 10 per scope). */
  readonly inMenu?: boolean;
  run(scope: TurnScope, args: string): Promise<void>;
}

export type CardActionResult = { card: AdaptiveCard } | { message: string };

/** A handler for one Action.Execute verb. `data` is untrusted: validate it with a strict schema. */
export interface CardVerb {
  readonly verb: string;
  run(scope: TurnScope, data: unknown): Promise<CardActionResult>;
}

/**
 * Typeahead for an Input.ChoiceSet whose `choices.data` names this dataset (Teams sends an
 * `application/search` invoke as the user types). `query` is untrusted text; answer at most `top`.
 */
export interface CardSearch {
  readonly dataset: string;
  run(scope: TurnScope, query: string, page: { skip: number; top: number }): Promise<{ title: string; value: string }[]>;
}

/**
 * The tab API (under /api/tab/). The caller comes from a validated Teams SSO token (or the
 * development identity on an unauthenticated local run) — never from the request — and the
 * group is the team the tab names, after checking the caller belongs to it.
 */
export interface ApiScope {
  readonly deps: BotDeps;
  readonly caller: Caller;
  readonly group: Group;
  readonly role: Role;
  readonly t: Translate;
}

export interface ApiRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** Parsed JSON body (untrusted: validate it with a strict schema). */
  readonly body: unknown;
  /** Request headers, lower-case names; never Authorization or cookies (identity is the scope's). */
  readonly headers?: Readonly<Record<string, string>>;
}

export type ApiResponse =
  | { status?: number; json: unknown }
  /** A download (CSV, Markdown, HTML report…). */
  | { status?: number; body: string; contentType: string; filename?: string };

export interface ApiRoute {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Relative to /api/tab/, restify syntax, e.g. 'decisions/:ref'. */
  readonly path: string;
  /** Checked before the handler runs; use cases still check their own rules. */
  readonly audience: 'member' | 'co-chair';
  /** Reads many of the group's rows: each call spends the caller's request budget (429 when spent). */
  readonly list?: true;
  handle(scope: ApiScope, req: ApiRequest): Promise<ApiResponse>;
}

/**
 * What a feature is built from (in the composition root). Factories do no I/O: tools (the manifest build) create features just to read their commands.
 * `R`: the repositories, built once by the root from the storage factories; a feature names the ones it uses (its own, and other features' ports).
 */
export interface FeatureContext<R extends Repositories = Repositories> {
  readonly repos: R;
  readonly roles: RolePolicy;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly notifier: Notifier;
  readonly scheduler: Scheduler;
  readonly i18n: i18n;
  /** Where users reach the service, for links in cards (e.g. to the tab). */
  readonly publicBaseUrl: string;
}

/** The message a message action ("…" → app) was run on: text only, never trusted markup. */
export interface ActionSourceMessage {
  /** Plain text of the message (HTML stripped). */
  text: string;
  authorName?: string;
  /** Entra object id of the author, when Teams says. */
  authorAadObjectId?: string;
  /** Link back to the message in Teams, when present. */
  link?: string;
}

/**
 * A message action (compose extension action command on a message). fetch() returns the
 * form shown in the dialog; submit() gets the form's values (untrusted) and returns either
 * nothing (dialog closes) or a card to show again (e.g. with validation errors).
 */
export interface MessageAction {
  readonly commandId: string;
  fetch(scope: TurnScope, message: ActionSourceMessage): Promise<AdaptiveCard>;
  submit(scope: TurnScope, data: unknown): Promise<{ card?: AdaptiveCard }>;
}

/** Everything a feature adds to the bot. */
export interface Feature {
  readonly name: string;
  readonly commands?: readonly ChatCommand[];
  readonly verbs?: readonly CardVerb[];
  readonly searches?: readonly CardSearch[];
  /** Scheduled work the feature owns (reminders, auto-close…). */
  readonly jobs?: readonly JobHandler[];
  /** Routes of the tab API. */
  readonly routes?: readonly ApiRoute[];
  readonly messageActions?: readonly MessageAction[];
  /** Teams meeting start/end events (system events: nobody acts, so there is no caller). */
  readonly meetingEvents?: (event: MeetingEvent) => Promise<void>;
  /** What the feature stores about a person, for `npm run person -- export|erase`. */
  readonly personalData?: PersonalData;
  /** The card posted in a team's channel when the app is installed there (one feature gives it: core). */
  readonly installWelcome?: (t: Translate, teamName: string) => AdaptiveCard;
}

/** A Teams meeting where the app is installed started or ended (`application/vnd.microsoft.meetingStart`/`meetingEnd`). */
export interface MeetingEvent {
  readonly kind: 'start' | 'end';
  readonly tenantId: string;
  /** `channelData.meeting.id` (Teams says to use it rather than `value.Id`), else `value.Id`. */
  readonly meetingId: string;
  /** The meeting chat (the activity's conversation), where posts about the meeting go. */
  readonly conversationId: string;
  readonly joinUrl: string;
  /** Actual start or end time (UTC), as Teams reports it. */
  readonly at: Date;
  readonly locale?: string;
  /** The meeting chat's conversation reference, to store once the meeting is known to belong to a group. */
  readonly reference: unknown;
}

/** Export and erasure of one person's data in a feature (see docs/security.md), through the feature's repositories. */
export interface PersonalData {
  export(person: PersonRef): Promise<PersonExport>;
  /** Removes or de-identifies; never rewrites hash-chained records. Safe to run twice. */
  erase(person: PersonRef): Promise<PersonErasure>;
}
