/**
 * Chat commands are a first word plus arguments. Matching is case-insensitive and accepts
 * the French words too, so "Aide" works as well as "help".
 */
export type CommandName = 'help' | 'cochairs' | 'cochair-add' | 'cochair-remove' | 'unknown';

export interface ParsedCommand {
  name: CommandName;
  args: string;
}

const ALIASES: Record<string, CommandName> = {
  help: 'help',
  aide: 'help',
  '?': 'help',
  cochairs: 'cochairs',
  'co-chairs': 'cochairs',
  coprésidence: 'cochairs',
  copresidence: 'cochairs',
};

export function parseCommand(text: string): ParsedCommand {
  const clean = text.replace(/\s+/g, ' ').trim();
  const [first = '', second = '', ...rest] = clean.split(' ');
  const word = first.toLowerCase();
  if (word === 'cochair' || word === 'co-chair') {
    const sub = second.toLowerCase();
    if (sub === 'add') return { name: 'cochair-add', args: rest.join(' ') };
    if (sub === 'remove') return { name: 'cochair-remove', args: rest.join(' ') };
    return { name: 'unknown', args: clean };
  }
  const name = ALIASES[word];
  return name ? { name, args: [second, ...rest].join(' ').trim() } : { name: 'unknown', args: clean };
}
