import { QuorumError } from '../../../kernel/errors';
import { ANSWERS, type Answer, type Ballot, type Poll } from './poll';

const invalid = (reason: string, params: Record<string, string | number> = {}) => new QuorumError('validation', reason, { reason: `polls.errors.${reason}`, ...params });

/**
 * A vote as the card sent it: `choice` ("o1" or "o1,o3") for single/multiple, `answers`
 * (option id → yes/maybe/no) for availability. Only this poll's option ids are accepted.
 */
export function parseBallot(poll: Poll, choice: string | undefined, answers: Record<string, string>): Ballot {
  const ids = new Set(poll.options.map((o) => o.id));
  if (poll.kind === 'availability') {
    if (choice !== undefined) throw invalid('unknownOption');
    const out: Record<string, Answer> = {};
    for (const [id, a] of Object.entries(answers)) {
      if (!ids.has(id)) throw invalid('unknownOption');
      const answer = ANSWERS.find((x) => x === a);
      if (!answer) throw invalid('unknownOption');
      out[id] = answer;
    }
    if (Object.keys(out).length !== poll.options.length) throw invalid('answerEveryOption');
    return { kind: 'availability', answers: out };
  }
  if (Object.keys(answers).length > 0) throw invalid('unknownOption');
  const chosen = (choice ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (chosen.length === 0) throw invalid('noChoice');
  if (chosen.some((id) => !ids.has(id))) throw invalid('unknownOption');
  if (new Set(chosen).size !== chosen.length) throw invalid('unknownOption');
  const max = poll.kind === 'single' ? 1 : poll.maxChoices;
  if (chosen.length > max) throw invalid('tooManyChoices', { count: max });
  return { kind: 'choices', optionIds: chosen };
}
