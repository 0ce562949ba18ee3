import { groupLanguage } from '../../../kernel/languages';
import { renderItemFormCard } from '../cards/item-form-card';
import { newRequestKey, REQUEST_KEY_FIELD, withRequestKey } from '../../../platform/cards/request-key';
import { WORK_PLAN_VERBS } from '../cards/verbs';
import { renderSettingsCard, type SettingsCardView } from '../cards/settings-card';
import type { WorkPlanSettings } from '../domain/work-plan-settings';
import type { AdaptiveCard } from '../../../platform/cards/render';
import type { Notice } from '../cards/labels';
import type { FormError } from '../../../platform/cards/field-errors';
import type { Group } from '../../../kernel/group';
import { parseRef } from '../domain/action-item';
import { createItem } from '../domain/action-items.use-case';
import { isClientKey } from '../../../kernel/idempotency';
import { isQuorumError } from '../../../kernel/errors';
import { invalid } from '../domain/item-errors';
import { readSettings } from '../domain/settings.use-case';
import type { ChatCommand, TurnScope } from '../../../platform/teams/feature';
import { itemCard, listCard } from './item-views';
import { parseOneLine } from './one-line-item';
import { ownerByName } from './owner-by-name';
import { languageOf } from '../../../platform/i18n/i18n';
import type { WorkPlanContext } from '../work-plan-context';
import WORDS from '../locales/commands.json';
import ARGUMENTS from '../locales/arguments.json';
import { argumentNamed } from '../../../platform/i18n/argument-words';

export function workPlanCommands(w: WorkPlanContext): ChatCommand[] {
  return [
    {
      id: 'items',
      words: WORDS.items,
      usageKey: 'workPlan.usage.items',
      descriptionKey: 'workPlan.commands.items',
      audience: 'everyone',
      inMenu: true,
      run: (s, args) => items(w, s, args),
    },
    { id: 'item', words: WORDS.item, usageKey: 'workPlan.usage.item', descriptionKey: 'workPlan.commands.item', audience: 'everyone', run: (s, args) => item(w, s, args) },
    {
      id: 'new-item',
      words: WORDS['new-item'],
      usageKey: 'workPlan.usage.newItem',
      descriptionKey: 'workPlan.commands.newItem',
      audience: 'everyone',
      inMenu: true,
      run: (s, args) => newItem(w, s, args),
    },
    {
      id: 'work-plan-settings',
      words: WORDS['work-plan-settings'],
      usageKey: 'workPlan.usage.settings',
      descriptionKey: 'workPlan.commands.settings',
      audience: 'co-chair',
      run: async (s) => s.sendCard(await settingsCard(w, s, await s.group())),
    },
  ];
}

async function items(w: WorkPlanContext, s: TurnScope, args: string): Promise<void> {
  const group = await s.group();
  await w.roles.assertMember(s.caller, group);
  // `all`, `overdue` or `org NAME`, in English or the command's language (locales/arguments.json); else the caller's own.
  const [first = '', ...rest] = args.trim().split(/\s+/);
  const word = argumentNamed(ARGUMENTS, first, s.t.language);
  const filter = word === 'all' || word === 'overdue' ? word : word === 'org' && rest.length ? `org:${rest.join(' ')}` : 'mine';
  await s.sendCard(await listCard(w, s.t, s.caller, group, filter, 0));
}

async function item(w: WorkPlanContext, s: TurnScope, args: string): Promise<void> {
  const group = await s.group();
  const number = parseRef(args);
  if (number === undefined) throw invalid('badRef');
  await s.sendCard(await itemCard(w, s.t, s.caller, group, number));
}

async function newItem(w: WorkPlanContext, s: TurnScope, args: string): Promise<void> {
  const group = await s.group();
  await w.roles.assertMember(s.caller, group);
  if (args.trim() === '') {
    await s.sendCard(await itemForm(w, s, group, {}, false));
    return;
  }
  const line = parseOneLine(args, s.t.language);
  // A Teams @mention names the owner; else an "@Name" typed as text; else the person typing it owns it.
  const mentioned = await s.mentionedUser().catch((err: unknown) => {
    // Someone Teams does not know here reads, for an item, as an owner who is not a member.
    throw isQuorumError(err) && err.code === 'not-found' ? invalid('unknownOwner') : err;
  });
  const typed = mentioned ? { title: line.title } : await typedOwner(w, s, group, line.title);
  if (!typed.title) throw invalid('newItemUsage');
  const ownerId = mentioned ?? typed.ownerId ?? s.caller.aadObjectId;
  // Teams redelivers a message it got no answer for with the same activity id: that id is the request's key.
  const key = isClientKey(s.activityId) ? s.activityId : undefined;
  const created = await createItem(w, s.caller, group, { title: typed.title, ownerId, ...(line.due ? { due: line.due } : {}), ...(line.priority ? { priority: line.priority } : {}) }, key);
  const notice: Notice = { text: s.t('workPlan.item.created', { who: s.caller.name ?? '', ref: `A-${created.value.number}` }), tone: 'good' };
  await s.sendCard(await itemCard(w, s.t, s.caller, group, created.value.number, { notice }));
}

/** A new form (no `owner` in values) names whoever opens it as the owner; a redrawn one keeps what was chosen. */
/** "@Name" in the title: one member is the owner; several or none is asked about, and nothing is created. */
async function typedOwner(w: WorkPlanContext, s: TurnScope, group: Group, title: string): Promise<{ title: string; ownerId?: string }> {
  const members = (await w.repos.members.list(group)).filter((m) => m.active);
  const match = ownerByName(title, members);
  if (match.kind === 'none') return { title };
  if (match.kind === 'one') return { title: match.title, ownerId: match.member.aadObjectId };
  if (match.kind === 'unknown') throw invalid('ownerUnknown', { typed: match.typed });
  const names = match.candidates.map((m) => m.name).sort((a, b) => a.localeCompare(b));
  const or = new Intl.ListFormat(languageOf(s.id.locale), { type: 'disjunction' }).format(names.slice(0, 8));
  throw invalid('ownerAmbiguous', { typed: match.typed, names: or, example: names[0]! });
}

/** `values` may carry the key of the form being redrawn (`requestKey`): the redrawn form keeps it. */
export async function itemForm(w: WorkPlanContext, s: TurnScope, group: Group, shown: Record<string, string>, dialog: boolean, error?: FormError): Promise<AdaptiveCard> {
  const { [REQUEST_KEY_FIELD]: key = newRequestKey(), ...values } = shown;
  const [members, settings] = await Promise.all([w.repos.members.list(group), readSettings(w, group)]);
  const active = members.filter((m) => m.active);
  const me = active.find((m) => m.aadObjectId.toLowerCase() === s.caller.aadObjectId.toLowerCase());
  const card = renderItemFormCard(s.t, {
    teamId: group.teamId,
    members: active.map((m) => ({ id: m.aadObjectId, name: m.name })),
    organisations: settings.value.organisations,
    values: values.owner === undefined && me ? { ...values, owner: me.aadObjectId } : values,
    dialog,
    ...(error ? { error } : {}),
  });
  return withRequestKey(card, key, [WORK_PLAN_VERBS.itemCreate], dialog);
}

/** The settings card: stored values, or `shown` ones (just saved, or typed and refused). */
export async function settingsCard(
  w: WorkPlanContext,
  s: TurnScope,
  group: Group,
  notice?: Notice,
  shown: Pick<SettingsCardView, 'typed' | 'error'> & { saved?: WorkPlanSettings } = {},
): Promise<AdaptiveCard> {
  await w.roles.assertCoChair(s.caller, group);
  const [members, settings, orgs, stored] = await Promise.all([
    w.repos.members.list(group),
    shown.saved ? { value: shown.saved } : readSettings(w, group),
    w.settings.memberOrganisations(group),
    // Re-read: a save a moment ago may have changed the group's language.
    w.repos.groups.get(group),
  ]);
  return renderSettingsCard(s.t, {
    teamId: group.teamId,
    settings: settings.value,
    language: groupLanguage(stored?.value ?? group),
    ...(shown.typed ? { typed: shown.typed } : {}),
    ...(shown.error ? { error: shown.error } : {}),
    members: members
      .filter((m) => m.active)
      .map((m) => ({ id: m.aadObjectId, name: m.name, ...(orgs.get(m.aadObjectId.toLowerCase()) ? { organisation: orgs.get(m.aadObjectId.toLowerCase())! } : {}) })),
    ...(notice ? { notice } : {}),
  });
}
