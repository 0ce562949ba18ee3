import type { Translate } from '../../../platform/i18n/i18n';
import template from './templates/help.json';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';

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
  /** Asked in a group chat that belongs to no group: its data is not shown there. */
  groupChat?: boolean;
  /** What this caller can type, already filtered for their role; co-chair ones are marked ★. */
  commands: { usage: string; description: string; coChairOnly: boolean }[];
}

export function renderHelpCard(t: Translate, ctx: HelpContext): AdaptiveCard {
  const roleNote = ctx.groupChat
    ? t('help.groupChatNote')
    : ctx.severalGroups
      ? t('help.severalGroupsNote')
      : !ctx.group
        ? t('help.noGroupNote')
        : ctx.isCoChair
          ? t('help.coChairNote')
          : t('help.memberNote');
  const data: HelpCardData = {
    title: t('help.title'),
    groupName: ctx.group?.name ?? '',
    intro: t('help.intro'),
    roleNote,
    commands: ctx.commands.map((c) => ({ usage: c.usage, description: c.coChairOnly ? `★ ${c.description}` : c.description })),
    showCoChairs: t('help.showCoChairs'),
    teamId: ctx.group?.teamId ?? '',
  };
  return expandCard(template, data, t);
}
