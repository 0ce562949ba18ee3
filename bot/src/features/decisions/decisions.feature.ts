import { DECISION_VERBS } from './cards/verbs';
import type { DecisionLinkChecker } from './domain/ports';
import type { Feature, FeatureContext } from '../../platform/teams/feature';
import { parsePayload } from '../../platform/cards/payload';
import { decisionRoutes } from './routes/decision-routes';
import { createDecisionServices, type DecisionsRepositories } from './decision-services';
import { decisionFormCard, supersedeFormCard } from './chat/decision-form';
import { confirmDecision, editDecision, submitDecisionForm } from './chat/decision-confirm';
import { detailCard, linkSearch, listCard, verifyCard } from './chat/decision-views';
import { decisionsPersonalData } from './person-data';
import { confirmPayload, formPayload, pagePayload, recordPayload, refPayload, teamPayload } from './cards/payloads';
import WORDS from './locales/commands.json';

export { decisionFormCard } from './chat/decision-form';

/**
 * The register of decisions: recorded by co-chairs from a form they confirm, append-only (amendments and
 * revocations are new records), hash-chained per group, searchable and verifiable by members.
 * `links` lets sessions/polls/work-plan check linked ids once they exist.
 */
export function createDecisionsFeature(ctx: FeatureContext<DecisionsRepositories>, links?: DecisionLinkChecker): Feature {
  const svc = createDecisionServices(ctx, links);
  return {
    name: 'decisions',
    personalData: decisionsPersonalData(ctx.repos.decisions),
    commands: [
      {
        id: 'decide',
        words: WORDS.decide,
        usageKey: 'decisions.usage.decide',
        descriptionKey: 'decisions.commands.decide',
        audience: 'co-chair',
        inMenu: true,
        run: async (s, args) => s.sendCard(await decisionFormCard(svc.directory, s, args ? { title: args } : {})),
      },
      {
        id: 'decisions',
        words: WORDS.decisions,
        usageKey: 'decisions.usage.list',
        descriptionKey: 'decisions.commands.list',
        audience: 'everyone',
        inMenu: true,
        run: async (s, args) => s.sendCard(await listCard(svc, s, args)),
      },
      {
        id: 'decision',
        words: WORDS.decision,
        usageKey: 'decisions.usage.show',
        descriptionKey: 'decisions.commands.show',
        audience: 'everyone',
        run: async (s, args) => s.sendCard(await detailCard(svc, s, args)),
      },
      {
        id: 'decisions-verify',
        words: WORDS['decisions-verify'],
        usageKey: 'decisions.usage.verify',
        descriptionKey: 'decisions.commands.verify',
        audience: 'everyone',
        run: async (s) => s.sendCard(await verifyCard(svc, s)),
      },
    ],
    verbs: [
      {
        verb: DECISION_VERBS.form,
        run: async (s, data) => {
          const { teamId: _teamId, ...prefill } = parsePayload(formPayload, data);
          return { card: await decisionFormCard(svc.directory, s, prefill) };
        },
      },
      { verb: DECISION_VERBS.record, run: async (s, data) => ({ card: await submitDecisionForm(svc, s, parsePayload(recordPayload, data)) }) },
      { verb: DECISION_VERBS.confirm, run: async (s, data) => ({ card: await confirmDecision(svc, s, parsePayload(confirmPayload, data)) }) },
      { verb: DECISION_VERBS.edit, run: async (s, data) => ({ card: await editDecision(svc, s, parsePayload(confirmPayload, data)) }) },
      { verb: DECISION_VERBS.show, run: async (s, data) => ({ card: await detailCard(svc, s, parsePayload(refPayload, data).ref) }) },
      { verb: DECISION_VERBS.amend, run: async (s, data) => ({ card: await supersedeFormCard(svc, s, parsePayload(refPayload, data).ref, 'amendment') }) },
      { verb: DECISION_VERBS.revoke, run: async (s, data) => ({ card: await supersedeFormCard(svc, s, parsePayload(refPayload, data).ref, 'revocation') }) },
      {
        verb: DECISION_VERBS.page,
        run: async (s, data) => {
          const p = parsePayload(pagePayload, data);
          return { card: await listCard(svc, s, p.q ?? '', p.page ?? 0) };
        },
      },
      {
        verb: DECISION_VERBS.verify,
        run: async (s, data) => {
          parsePayload(teamPayload, data);
          return { card: await verifyCard(svc, s) };
        },
      },
    ],
    searches: [linkSearch(svc, 'sessions'), linkSearch(svc, 'polls')],
    routes: decisionRoutes(svc),
  };
}
