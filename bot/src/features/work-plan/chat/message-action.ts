import { itemFormPayload } from '../cards/payloads';
import { CREATE_ITEM_COMMAND } from '../cards/verbs';
import { isQuorumError } from '../../../kernel/errors';
import { LIMITS } from '../domain/action-item';
import { createItem } from '../domain/action-items.use-case';
import { ITEM_FORM_ERROR_FIELDS } from '../cards/item-form-card';
import { formError } from '../../../platform/teams/form-error';
import type { ActionSourceMessage, MessageAction } from '../../../platform/teams/feature';
import { parsePayload } from '../../../platform/cards/payload';
import { itemForm } from './commands';
import { formToFields, formValues } from './form-input';
import type { WorkPlanContext } from '../work-plan-context';

/** The first line of the message, cut at a word, makes the title; the whole text the description. */
export function prefill(message: ActionSourceMessage): Record<string, string> {
  const text = message.text.trim();
  const firstLine = text.split('\n')[0]?.trim() ?? '';
  let title = firstLine;
  if (title.length > 120) title = `${title.slice(0, 120).replace(/\s+\S*$/, '')}…`;
  const source = [message.authorName ? `— ${message.authorName}` : '', message.link ?? ''].filter(Boolean).join(' ');
  const description = [text, source].filter(Boolean).join('\n\n').slice(0, LIMITS.description);
  return { title, description };
}

/** "Create action item" on a channel message: a pre-filled form; submitting creates the item. */
export function createItemAction(w: WorkPlanContext): MessageAction {
  return {
    commandId: CREATE_ITEM_COMMAND,
    async fetch(s, message) {
      const group = await s.group();
      await w.roles.assertMember(s.caller, group);
      return itemForm(w, s, group, prefill(message), true);
    },
    async submit(s, data) {
      const p = parsePayload(itemFormPayload, data);
      const group = await s.group();
      try {
        await createItem(w, s.caller, group, formToFields(p), p.requestKey);
        return {};
      } catch (err) {
        if (!isQuorumError(err) || !['validation', 'forbidden'].includes(err.code)) throw err;
        const error = formError(err, s.t, s.deps.logger, `action:${CREATE_ITEM_COMMAND}`, ITEM_FORM_ERROR_FIELDS);
        return { card: await itemForm(w, s, group, formValues(p), true, error) };
      }
    },
  };
}
