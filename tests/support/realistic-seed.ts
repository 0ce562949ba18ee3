import type { GroupRef } from '../../bot/src/kernel/identity';
import type { QuorumRepositories } from '../../bot/src/features/storage';
import { SESSION_LIMITS } from '../../bot/src/features/sessions/domain/session-input';
import { seedItems } from './group-at-size';
import { submitAndRecord } from './decision-confirm';
import { addDays, decisionText, pollAtLimits, realisticItems, realisticMembers, realisticOrganisations, SIZE, textOf, voters } from './realistic-group';

/** A card action as a co-chair's client sends it; answers with the card it got back, if any. */
export type Execute = (verb: string, data: Record<string, unknown>) => Promise<unknown>;

export interface SeedPlan {
  group: GroupRef;
  /** The first day of the seeded plan: items fall due around it, decisions before it. */
  today: string;
  /** The caller's object id, recorded as the creator of the seeded items. */
  by: string;
  sessions: { id: string; startDate: string; onlineUrl?: string }[];
  polls: { id: string; closesDate: string; sessionId?: string }[];
}

/**
 * Stores the realistic group (realistic-group.ts) into a running service: members, their
 * organisations and the items straight through the repositories (they have no card of their
 * own to come from), decisions, sessions and polls through the co-chair's card actions, as the
 * service records them (the register's chain, the session's links, the poll's jobs), and the
 * 1,000 votes through the poll repository. Returns the decisions' references in order.
 */
export async function seedRealisticGroup(repos: QuorumRepositories, execute: Execute, plan: SeedPlan): Promise<{ refs: string[] }> {
  const { group } = plan;
  const members = realisticMembers(group);
  for (const m of members) await repos.members.upsertProfile(m);
  await execute('workplan.settings.save', { timeZone: 'UTC', organisations: realisticOrganisations().join('\n') });
  for (const m of members) await repos.workPlan.settings.setMemberOrganisation(group, m.aadObjectId, m.organisation);
  await seedItems(repos.workPlan.items, group, realisticItems(members, plan.today), plan.by, `${plan.today}T08:00:00.000Z`);

  // 100 decisions: the last fifteen amend or revoke earlier ones.
  const refs: string[] = [];
  for (let i = 0; i < SIZE.decisions; i++) {
    const kind = i >= 95 ? { kind: 'revocation', supersedes: refs[i - 90] } : i >= 85 ? { kind: 'amendment', supersedes: refs[i - 85] } : {};
    const answer = JSON.stringify(await submitAndRecord(execute, { ...decisionText(i), decidedAt: addDays(plan.today, -i), ...kind }));
    const ref = /D-\d{4}-\d{3,}/.exec(answer)?.[0];
    if (!ref) throw new Error(`decision ${i} was not recorded: ${answer.slice(0, 400)}`);
    refs.push(ref);
  }

  for (const s of plan.sessions) {
    const answer = await execute('session.save', {
      sessionId: s.id,
      title: textOf(`Session exécutive ${s.startDate} — الدورة التنفيذية — 执行会议`, SESSION_LIMITS.title),
      startDate: s.startDate,
      startTime: '09:00',
      endDate: '',
      endTime: '13:00',
      timeZone: 'UTC',
      place: textOf('Palais des Nations, salle XVII, Genève', SESSION_LIMITS.place),
      onlineUrl: s.onlineUrl ?? '',
      description: textOf('Ordre du jour annoté : ', SESSION_LIMITS.description),
      agenda: Array.from({ length: SIZE.agenda }, (_, i) => `${textOf(`Point ${i + 1} — examen « sécurité » 🔐 مراجعة`, 200)} | ${members[i]!.name} | 5 | A-${i * 5 + 2}`).join('\n'),
    });
    if (!(await repos.sessions.sessions.get(group, s.id))) throw new Error(`session ${s.id} was not saved: ${JSON.stringify(answer).slice(0, 400)}`);
  }

  const { question, options } = pollAtLimits();
  for (const p of plan.polls) {
    const answer = await execute('poll.create', {
      pollId: p.id,
      question,
      options,
      kind: 'single',
      visibility: 'live',
      closesDate: p.closesDate,
      closesTime: '17:00',
      ...(p.sessionId ? { sessionId: p.sessionId } : {}),
    });
    const poll = (await repos.polls.polls.get(group, p.id))?.value;
    if (!poll) throw new Error(`poll ${p.id} was not created: ${JSON.stringify(answer).slice(0, 400)}`);
    for (const [i, v] of voters().entries()) await repos.polls.polls.castNamed(poll, v, { kind: 'choices', optionIds: [poll.options[i % poll.options.length]!.id] });
  }
  return { refs };
}
