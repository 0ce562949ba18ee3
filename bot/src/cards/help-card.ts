import type { Translate } from '../i18n/i18n';
import template from './templates/help.json';
import { expandCard, type AdaptiveCard } from './render';

export interface HelpCardData {
  title: string;
  groupName: string;
  intro: string;
  roleNote: string;
  commands: { usage: string; description: string }[];
  showCoChairs: string;
  teamId: string;
}

export interface HelpContext {
  group?: { name: string; teamId: string };
  isCoChair: boolean;
  /** The caller is in several groups and asked outside a team's channel. */
  severalGroups?: boolean;
}

/** The commands a caller can use, co-chair ones only for co-chairs: help shows what really works for them. */
export function renderHelpCard(t: Translate, ctx: HelpContext): AdaptiveCard {
  const commands = [
    { usage: 'help', description: t('help.commands.help') },
    { usage: 'cochairs', description: t('help.commands.cochairs') },
  ];
  if (ctx.isCoChair) {
    commands.push(
      { usage: 'cochair add @Name', description: t('help.commands.cochairAdd') },
      { usage: 'cochair remove @Name', description: t('help.commands.cochairRemove') },
    );
  }
  const roleNote = ctx.severalGroups ? t('help.severalGroupsNote') : !ctx.group ? t('help.noGroupNote') : ctx.isCoChair ? t('help.coChairNote') : t('help.memberNote');
  const data: HelpCardData = {
    title: t('help.title'),
    groupName: ctx.group?.name ?? '',
    intro: t('help.intro'),
    roleNote,
    commands,
    showCoChairs: t('help.showCoChairs'),
    teamId: ctx.group?.teamId ?? '',
  };
  return expandCard(template, data);
}
