import { createI18n, translator } from '../bot/src/platform/i18n/i18n';
import type { ChatCommand } from '../bot/src/platform/teams/feature';
import { FeatureRegistry } from '../bot/src/platform/teams/feature-registry';
import { createFeatures } from '../bot/src/features/index';
import type { QuorumContext } from '../bot/src/features/storage';
import { BOT_SCOPES, COMMAND_LIMITS } from './constants';

/**
 * The bot's command menu, generated from what the bot really answers: every command a feature
 * registers with `inMenu: true`, titled by its first phrase and described by its English help
 * text. Nothing is listed by hand, so the menu cannot drift from the bot.
 */

export interface MenuCommand {
  title: string;
  description: string;
}

export interface CommandList {
  scopes: (typeof BOT_SCOPES)[number][];
  commands: MenuCommand[];
}

/**
 * A stand-in for every dependency of a feature factory. Factories do no I/O, so nothing real is
 * needed to read their commands; any property or call yields another stand-in (never a promise).
 */
/** A FeatureContext whose every member is a harmless stand-in: feature factories do no I/O. */
export function standIn(): unknown {
  const target = function standInFunction(): void {};
  return new Proxy(target, {
    // Anything can be read, called or built; used in a string (a base URL) it reads as "stand-in".
    get: (_t, prop) => (prop === Symbol.toPrimitive ? () => 'stand-in' : prop === 'then' || typeof prop === 'symbol' ? undefined : standIn()),
    apply: () => standIn(),
    construct: () => standIn() as object,
  });
}

/** Every registered command, from the same factories the service uses. */
export function registeredCommands(): readonly ChatCommand[] {
  return new FeatureRegistry(createFeatures(standIn() as QuorumContext)).allCommands();
}

/** The commandIds of the message actions the bot handles (the manifest must declare exactly these). */
export function registeredMessageActionIds(): string[] {
  return createFeatures(standIn() as QuorumContext).flatMap((f) => (f.messageActions ?? []).map((a) => a.commandId));
}

/** The menu entries, in registration order; throws when a command cannot be listed as Teams requires. */
export function menuCommands(commands: readonly ChatCommand[] = registeredCommands()): MenuCommand[] {
  const i18n = createI18n();
  const t = translator(i18n, 'en');
  const problems: string[] = [];
  const menu = commands
    .filter((c) => c.inMenu === true)
    .map((c) => {
      const title = (c.words.en[0] ?? []).join(' ');
      const description = t(c.descriptionKey);
      if (!title) problems.push(`command "${c.id}" has no phrase`);
      if (title.length > COMMAND_LIMITS.title) problems.push(`command "${c.id}": title "${title}" is longer than ${COMMAND_LIMITS.title} characters`);
      if (!i18n.exists(c.descriptionKey, { lng: 'en' })) problems.push(`command "${c.id}": no English text for ${c.descriptionKey}`);
      else if (description.length > COMMAND_LIMITS.description) problems.push(`command "${c.id}": description is longer than ${COMMAND_LIMITS.description} characters`);
      return { title, description };
    });
  if (menu.length > COMMAND_LIMITS.perScope) {
    problems.push(
      `${menu.length} commands have inMenu: true but Teams lists at most ${COMMAND_LIMITS.perScope} per scope (${menu.map((m) => m.title).join(', ')}); set inMenu: false on the least used`,
    );
  }
  if (problems.length > 0) throw new Error(`The bot's command menu cannot be built:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return menu;
}

/** One list per scope (Teams asks for a separate list per scope); none when nothing is in the menu. */
export function commandLists(menu: MenuCommand[] = menuCommands()): CommandList[] {
  if (menu.length === 0) return [];
  return BOT_SCOPES.map((scope) => ({ scopes: [scope], commands: menu.map((m) => ({ ...m })) }));
}
