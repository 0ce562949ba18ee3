import type { ItemFormPayload } from '../cards/payloads';
import type { Priority } from '../domain/action-item';
import type { ItemFields } from '../domain/item-input';
import { NO_OWNER } from '../cards/pickers';

/** Form values as the use case takes them: empty inputs mean "not given". */
export function formToFields(p: ItemFormPayload): ItemFields & { title: string } {
  const given = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v : undefined);
  const f: ItemFields & { title: string } = { title: p.title ?? '' };
  if (given(p.description)) f.description = p.description!;
  // "Nobody" is a choice of its own (a choice needs a value); empty means the same.
  if (given(p.owner) && p.owner!.trim() !== NO_OWNER) f.ownerId = p.owner!.trim();
  if (given(p.organisation)) f.organisation = p.organisation!;
  if (given(p.priority)) f.priority = p.priority!.trim() as Priority;
  if (given(p.due)) f.due = p.due!.trim();
  if (given(p.area)) f.area = p.area!;
  return f;
}

export function formValues(p: ItemFormPayload): Record<string, string> {
  const { teamId: _teamId, ...values } = p;
  return Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}
