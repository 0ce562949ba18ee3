import { parseCommand } from '../../bot/src/teams/command-parser';

describe('command parser', () => {
  it.each([
    ['help', 'help'],
    ['  HELP  ', 'help'],
    ['aide', 'help'],
    ['cochairs', 'cochairs'],
    ['Co-Chairs', 'cochairs'],
    ['cochair add Sofia', 'cochair-add'],
    ['co-chair remove Sofia', 'cochair-remove'],
    ['cochair promote Sofia', 'unknown'],
    ['what is this', 'unknown'],
    ['', 'unknown'],
  ])('%j → %s', (text, name) => {
    expect(parseCommand(text).name).toBe(name);
  });

  it('keeps the arguments', () => {
    expect(parseCommand('cochair add  Sofia   Marquez').args).toBe('Sofia Marquez');
  });
});
