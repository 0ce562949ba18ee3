import { renderCoChairsCard } from './cards/co-chairs-card';
import { renderHelpCard, type HelpContext } from './cards/help-card';
import { renderWelcomeCard } from './cards/welcome-card';
import type { Translate } from '../../platform/i18n/i18n';
import type { AdaptiveCard } from '../../platform/cards/render';
import { VERBS } from './cards/verbs';
import { QuorumError } from '../../kernel/errors';
import type { Group } from '../../kernel/group';
import { listCoChairs, setCoChair } from './domain/co-chairs.use-case';
import type { ApiScope, ChatCommand, Feature, FeatureContext, TurnScope } from '../../platform/teams/feature';
import type { Repositories } from '../../kernel/ports';
import type { PersonRows } from '../../kernel/person-data';
import { parsePayload } from '../../platform/cards/payload';
import { corePersonalData } from './person-data';
import { coChairChangePayload, coChairsShowPayload } from './cards/payloads';
import { coChairBody, objectIdParam, type CoChairs, type Me } from './routes/core.contract';
import WORDS from './locales/commands.json';
import { languageCommand } from './chat/language-command';
/** Help and co-chair management: what every installation has. */
export const coreFeature: Feature = {
  name: 'core',
  installWelcome: renderWelcomeCard,
  routes: [
    {
      method: 'get',
      path: 'me',
      audience: 'member',
      handle: async (s) => ({
        json: {
          tenantId: s.caller.tenantId,
          aadObjectId: s.caller.aadObjectId,
          name: s.caller.name ?? '',
          role: s.role,
          group: { teamId: s.group.teamId, name: s.group.name, timeZone: s.group.timeZone },
          language: (await s.deps.repos.members.get(s.group, s.caller.aadObjectId))?.value.language ?? null,
        } satisfies Me,
      }),
    },
    {
      method: 'get',
      path: 'cochairs',
      audience: 'member',
      handle: async (s) => ({ json: await coChairsView(s) }),
    },
    {
      method: 'put',
      path: 'cochairs/:aadObjectId',
      audience: 'co-chair',
      handle: async (s, req) => {
        const target = parsePayload(objectIdParam, req.params.aadObjectId);
        const { coChair } = parsePayload(coChairBody, req.body);
        await setCoChair(s.deps, s.caller, s.group, target, coChair);
        return { json: await coChairsView(s) };
      },
    },
  ],
  commands: [
    { id: 'help', words: WORDS.help, usageKey: 'help.usage.help', descriptionKey: 'help.commands.help', audience: 'everyone', inMenu: true, run: (s) => help(s) },
    {
      id: 'cochairs',
      words: WORDS.cochairs,
      usageKey: 'help.usage.cochairs',
      descriptionKey: 'help.commands.cochairs',
      audience: 'everyone',
      inMenu: true,
      run: async (s) => s.sendCard(await coChairsCard(s, await s.group())),
    },
    {
      id: 'cochair-add',
      words: WORDS['cochair-add'],
      usageKey: 'help.usage.cochairAdd',
      descriptionKey: 'help.commands.cochairAdd',
      audience: 'co-chair',
      run: (s) => changeByMention(s, true),
    },
    {
      id: 'cochair-remove',
      words: WORDS['cochair-remove'],
      usageKey: 'help.usage.cochairRemove',
      descriptionKey: 'help.commands.cochairRemove',
      audience: 'co-chair',
      run: (s) => changeByMention(s, false),
    },
    languageCommand,
  ],
  verbs: [
    {
      verb: VERBS.coChairsShow,
      run: async (s, data) => {
        parsePayload(coChairsShowPayload, data);
        return { card: await coChairsCard(s, await s.group()) };
      },
    },
    {
      verb: VERBS.coChairAdd,
      run: async (s, data) => ({ card: await changeCoChair(s, await s.group(), parsePayload(coChairChangePayload, data).aadObjectId, true) }),
    },
    {
      verb: VERBS.coChairRemove,
      run: async (s, data) => ({ card: await changeCoChair(s, await s.group(), parsePayload(coChairChangePayload, data).aadObjectId, false) }),
    },
  ],
};

async function coChairsView(s: ApiScope): Promise<CoChairs> {
  const { coChairs, members } = await listCoChairs(s.deps, s.caller, s.group);
  return { coChairs, members: members.map((m) => ({ aadObjectId: m.aadObjectId, name: m.name, organisation: m.organisation ?? '', role: m.role })) };
}

/** The core's repositories, with its rows about a person (built in platform/storage). */
export type CoreRepositories = Repositories & { corePerson: PersonRows };

/** The core with its personal data, which needs the repositories (commands and verbs do not). */
export function createCoreFeature(ctx: FeatureContext<CoreRepositories>): Feature {
  return { ...coreFeature, personalData: corePersonalData(ctx.repos.corePerson, ctx.roles) };
}

/** What help lists: each command as typed in the reader's language, with its description. */
export function helpCommands(commands: readonly ChatCommand[], t: Translate): HelpContext['commands'] {
  return commands.map((c) => ({ usage: t(c.usageKey), description: t(c.descriptionKey), coChairOnly: c.audience === 'co-chair' }));
}

async function help(s: TurnScope): Promise<void> {
  let group: Group | undefined;
  let severalGroups = false;
  let groupChat = false;
  try {
    group = await s.group();
  } catch (err) {
    // Help must always answer: without a (single) group it explains how to get one.
    if (!(err instanceof QuorumError) || err.code === 'storage-unavailable') throw err;
    severalGroups = err.code === 'group-ambiguous';
    groupChat = err.params.reason === 'group-chat';
  }
  const role = group ? await s.role() : undefined;
  const commands = helpCommands(s.deps.registry.commandsFor(role), s.t);
  const ctx = { isCoChair: role === 'co-chair', severalGroups, groupChat, commands, ...(group ? { group: { name: group.name, teamId: group.teamId } } : {}) };
  await s.sendCard(renderHelpCard(s.t, ctx));
}

async function coChairsCard(s: TurnScope, group: Group, notice?: { text: string; tone: 'good' | 'attention' }): Promise<AdaptiveCard> {
  const { coChairs, members } = await listCoChairs(s.deps, s.caller, group);
  const canManage = (await s.deps.roles.roleOf(s.caller, group)) === 'co-chair';
  return renderCoChairsCard(s.t, { groupName: group.name, teamId: group.teamId, canManage, coChairs, members, ...(notice ? { notice } : {}) });
}

async function changeCoChair(s: TurnScope, group: Group, target: string, makeCoChair: boolean): Promise<AdaptiveCard> {
  const member = await setCoChair(s.deps, s.caller, group, target, makeCoChair);
  s.deps.logger.info({ tenantId: group.tenantId, teamId: group.teamId, by: s.caller.aadObjectId, target, makeCoChair }, 'co-chair role changed');
  const text = s.t(makeCoChair ? 'coChairs.added' : 'coChairs.removed', { name: member.name });
  return coChairsCard(s, group, { text, tone: 'good' });
}

async function changeByMention(s: TurnScope, makeCoChair: boolean): Promise<void> {
  const group = await s.group();
  await s.deps.roles.assertCoChair(s.caller, group);
  // `cochair add @Name`: whom the mention names, as Teams (not the message text) says.
  const target = await s.mentionedUser();
  if (!target) throw new QuorumError('validation', 'no mention', { reason: 'mention-needed' });
  await s.sendCard(await changeCoChair(s, group, target, makeCoChair));
}
