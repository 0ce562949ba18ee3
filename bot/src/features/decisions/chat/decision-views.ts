import { renderDecisionCard, type DecisionCardOptions } from '../cards/decision-card';
import { renderDecisionListCard } from '../cards/decision-list-card';
import { describeVerification } from '../cards/verification-text';
import { renderVerifyCard } from '../cards/verify-card';
import type { AdaptiveCard } from '../../../platform/cards/render';
import { parseDecisionQuery } from '../domain/decision-query';
import { findDecisions, getDecision, verifyRegister, type DecisionView } from '../domain/find-decisions.use-case';
import type { Group } from '../../../kernel/group';
import { languageOf } from '../../../platform/i18n/i18n';
import { QuorumError } from '../../../kernel/errors';
import type { CardSearch, TurnScope } from '../../../platform/teams/feature';
import { LINK_DATASETS, optionTitle } from '../cards/decision-form-card';
import type { DecisionServices } from '../decision-services';

/** `decisions`, `decisions <words>`, `decisions 2026`: newest first, a page at a time. */
export async function listCard(svc: DecisionServices, s: TurnScope, q: string, page = 0): Promise<AdaptiveCard> {
  const group = await s.group();
  const query = q.replace(/\s+/g, ' ').trim().slice(0, 200);
  const found = await findDecisions(svc, s.caller, group, parseDecisionQuery(query), page);
  return renderDecisionListCard(s.t, { teamId: group.teamId, q: query, page: found });
}

/** `decision D-2026-004` or a list entry: the record, its derived status, Amend/Revoke for co-chairs. */
export async function detailCard(svc: DecisionServices, s: TurnScope, refText: string): Promise<AdaptiveCard> {
  if (!refText.trim()) throw new QuorumError('validation', 'no reference', { reason: 'decisions.errors.showUsage' });
  const group = await s.group();
  const view = await getDecision(svc, s.caller, group, refText.trim().split(/\s+/)[0] ?? '');
  return renderDecisionCard(s.t, view, { teamId: group.teamId, canManage: (await s.role()) === 'co-chair', ...(await cardContext(svc, group, view, s.id.locale)) });
}

export async function verifyCard(svc: DecisionServices, s: TurnScope): Promise<AdaptiveCard> {
  const group = await s.group();
  const result = await verifyRegister(svc, s.caller, group);
  if (!result.ok) svc.logger.warn({ tenantId: group.tenantId, teamId: group.teamId, ...result }, 'decision register failed verification');
  return renderVerifyCard(s.t, { teamId: group.teamId, ...describeVerification(s.t, result) });
}

/** What a decision card needs besides the record: the group's zone, the reader's language, the linked session's and poll's names. */
export async function cardContext(
  svc: DecisionServices,
  group: Group,
  view: Pick<DecisionView, 'sessionId' | 'pollId'>,
  locale: string | undefined,
): Promise<Pick<DecisionCardOptions, 'timeZone' | 'language' | 'names'>> {
  const [sessions, polls] = await Promise.all([view.sessionId ? svc.directory.sessions(group).catch(() => []) : [], view.pollId ? svc.directory.polls(group).catch(() => []) : []]);
  const session = sessions.find((x) => x.id === view.sessionId)?.title;
  const poll = polls.find((x) => x.id === view.pollId)?.title;
  return { timeZone: group.timeZone, language: languageOf(locale), names: { ...(session ? { session } : {}), ...(poll ? { poll } : {}) } };
}

/** Case and accents do not matter when looking for a session or poll by name. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** The decision form's typeahead: the group's sessions or polls whose name holds every typed word. */
export function linkSearch(svc: DecisionServices, kind: 'sessions' | 'polls'): CardSearch {
  return {
    dataset: LINK_DATASETS[kind],
    async run(s, query, page) {
      const group = await s.group();
      await svc.roles.assertCoChair(s.caller, group);
      const words = fold(query).split(/\s+/).filter(Boolean);
      const all = await svc.directory[kind](group);
      const language = languageOf(s.id.locale);
      return all
        .filter((o) => words.every((w) => fold(o.title).includes(w)))
        .slice(page.skip, page.skip + page.top)
        .map((o) => ({ title: optionTitle(o, language), value: o.id }));
    },
  };
}
