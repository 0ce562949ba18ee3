import type { CoChairView } from '../domain/co-chairs.use-case';
import type { Member } from '../../../kernel/member';
import type { Translate } from '../../../platform/i18n/i18n';
import template from './templates/co-chairs.json';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';

export interface CoChairsCardData {
  title: string;
  teamId: string;
  notice: string;
  noticeColor: 'Good' | 'Attention' | 'Default';
  noneText: string;
  configuredText: string;
  removeText: string;
  canManage: boolean;
  coChairs: CoChairView[];
  candidates: { name: string; aadObjectId: string }[];
  addLabel: string;
  addPlaceholder: string;
  addText: string;
}

export interface CoChairsView {
  groupName: string;
  teamId: string;
  canManage: boolean;
  coChairs: CoChairView[];
  members: Member[];
  notice?: { text: string; tone: 'good' | 'attention' };
}

/** Long member lists would overflow the card; beyond this, co-chairs use `cochair add @Name`. */
const MAX_CANDIDATES = 100;

export function renderCoChairsCard(t: Translate, view: CoChairsView): AdaptiveCard {
  const chairIds = new Set(view.coChairs.map((c) => c.aadObjectId));
  const candidates = view.members
    .filter((m) => !chairIds.has(m.aadObjectId))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, MAX_CANDIDATES)
    .map((m) => ({ name: m.name, aadObjectId: m.aadObjectId }));
  const data: CoChairsCardData = {
    title: t('coChairs.title', { group: view.groupName }),
    teamId: view.teamId,
    notice: view.notice?.text ?? '',
    noticeColor: view.notice?.tone === 'good' ? 'Good' : view.notice ? 'Attention' : 'Default',
    noneText: t('coChairs.none'),
    configuredText: t('coChairs.configured'),
    removeText: t('coChairs.remove'),
    canManage: view.canManage,
    coChairs: view.coChairs,
    candidates,
    addLabel: t('coChairs.addLabel'),
    addPlaceholder: t('coChairs.addPlaceholder'),
    addText: t('coChairs.add'),
  };
  return expandCard(template, data, t);
}
