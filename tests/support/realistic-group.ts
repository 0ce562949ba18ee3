import type { GroupRef } from '../../bot/src/kernel/identity';
import type { Member } from '../../bot/src/kernel/member';
import { LIMITS as DECISION_LIMITS } from '../../bot/src/features/decisions/domain/decision-input';
import { LIMITS as ITEM_LIMITS } from '../../bot/src/features/work-plan/domain/action-item';
import { MAX_OPTION_CHARS, MAX_OPTIONS, MAX_QUESTION_CHARS } from '../../bot/src/features/polls/domain/poll';
import { guid, type ItemSeed } from './group-at-size';

/**
 * The group at its true size and shape, as the outside review described it: 250 members in
 * 60 organisations, people from three tenants, 500 action items with 90-character titles and
 * long descriptions, 100 decisions with amendments and revocations, a poll of 20 options of
 * the longest length and 1,000 voters, a session of 40 agenda and 50 review items. Names and
 * texts mix French, Arabic, Chinese, Cyrillic and emoji, as the group's do.
 *
 * Only data here: each test stores it through the running service (or its repositories) the
 * way it needs, so what the fixture holds and what a card shows can be compared.
 */
export const SIZE = { members: 250, organisations: 60, tenants: 3, items: 500, decisions: 100, pollOptions: MAX_OPTIONS, voters: 1_000, agenda: 40, review: 50 } as const;

/** The host tenant is the team's; the two others are member organisations' own tenants. */
export const OTHER_TENANTS = ['5f2a9c3e-7b1d-4e6f-9a8b-0c1d2e3f4a5b', 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f'] as const;

const AGENCIES = [
  'IAEA',
  'ICAO',
  'IFAD',
  'ILO',
  'IMO',
  'IOM',
  'ITU',
  'UNDP',
  'UNEP',
  'UNESCO',
  'UNFPA',
  'UN-Habitat',
  'UNHCR',
  'UNICEF',
  'UNIDO',
  'UNOPS',
  'UNRWA',
  'UN Women',
  'UPU',
  'WFP',
  'WHO',
  'WIPO',
  'WMO',
  'FAO',
];
const NAME_PARTS = {
  first: ['Émilie', 'Nour', 'Wei', 'Olusegun', 'Ana María', 'Дмитрий', 'فاطمة', 'Søren', 'Léa', 'Hiroshi', '明华', 'José', 'Zoë', 'عبد الله'],
  last: ['Ndiaye-Dubois', 'Al-Hashimi', '张', 'Okonkwo', 'García Márquez', 'Иванова', 'المنصوري', 'Kristiansen', 'Lefèvre 🌍', 'Tanaka', '王', 'Da Silva'],
};

/** 60 organisation names: the agencies, then longer names of up to 60 characters. */
export function realisticOrganisations(): string[] {
  const more = Array.from({ length: SIZE.organisations - AGENCIES.length }, (_, i) =>
    `Organisation ${String(i + 1).padStart(2, '0')} de coopération régionale — منظمة 🤝`.padEnd(60, '·').slice(0, 60),
  );
  return [...AGENCIES, ...more];
}

export interface RealisticMember extends Member {
  organisation: string;
  /** The tenant the person's account lives in (the host's for members and guests). */
  homeTenantId: string;
}

/** 250 active members; every fifth from an organisation in another tenant. */
export function realisticMembers(group: GroupRef): RealisticMember[] {
  const orgs = realisticOrganisations();
  return Array.from({ length: SIZE.members }, (_, i) => ({
    ...group,
    aadObjectId: guid('member', i),
    userId: `29:1member-${i}`,
    name: `${NAME_PARTS.first[i % NAME_PARTS.first.length]} ${NAME_PARTS.last[Math.floor(i / NAME_PARTS.first.length) % NAME_PARTS.last.length]} ${i}`,
    role: 'member' as const,
    active: true,
    updatedAt: '2027-01-01T00:00:00.000Z',
    organisation: orgs[i % orgs.length]!,
    homeTenantId: i % 5 === 0 ? OTHER_TENANTS[i % 2]! : group.tenantId,
  }));
}

const TITLES = [
  'Réviser la procédure d’accès privilégié « sécurité » 🔐 et rendre compte',
  'مراجعة سياسة إدارة الحوادث الأمنية وتقديم تقرير إلى الفريق العامل',
  '审查各机构的多因素身份验证基线并向工作组提交报告',
  'Пересмотреть порядок реагирования на инциденты и доложить группе',
  'Rotate the VPN keys of every field office and confirm the rotation',
];

/** A text of `length` UTF-16 units or one less (never a split emoji): the unit our limits count. */
export function textOf(seed: string, length: number): string {
  const chars = [...`${seed} `];
  let out = '';
  for (let i = 0; out.length + chars[i % chars.length]!.length <= length; i++) out += chars[i % chars.length];
  return out;
}

/** 500 items: a fifth overdue, a fifth due soon, a fifth done, the rest later; owners and organisations spread. */
export function realisticItems(members: readonly RealisticMember[], today: string): ItemSeed[] {
  return Array.from({ length: SIZE.items }, (_, i) => {
    const owner = members[i % members.length]!;
    const band = i % 5;
    const due = band === 0 ? addDays(today, -1 - (i % 60)) : band === 1 ? addDays(today, i % 14) : addDays(today, 30 + (i % 200));
    return {
      title: textOf(`${i + 1}. ${TITLES[i % TITLES.length]}`, 90),
      description: textOf(TITLES[(i + 1) % TITLES.length]!, ITEM_LIMITS.description),
      status: band === 2 ? 'done' : band === 3 ? 'in-progress' : 'open',
      progress: band === 2 ? 100 : band === 3 ? 50 : 0,
      due,
      ownerId: owner.aadObjectId,
      organisation: owner.organisation,
      ...(band === 2 ? { doneAt: `${addDays(today, -2)}T12:00:00.000Z` } : {}),
    } satisfies ItemSeed;
  });
}

/** A decision's title and text at the limits. */
export function decisionText(i: number): { title: string; text: string; rationale: string } {
  return {
    title: textOf(`Décision ${i + 1} — ${TITLES[i % TITLES.length]}`, DECISION_LIMITS.title),
    text: textOf(TITLES[(i + 2) % TITLES.length]!, DECISION_LIMITS.text),
    rationale: textOf(TITLES[(i + 3) % TITLES.length]!, DECISION_LIMITS.rationale),
  };
}

/** A poll of 20 options of the longest length allowed. */
export function pollAtLimits(): { question: string; options: string } {
  return {
    question: textOf('Quelle option le groupe retient-il pour la feuille de route 2027 ? 选择 اختيار', MAX_QUESTION_CHARS),
    options: Array.from({ length: SIZE.pollOptions }, (_, i) => textOf(`Option ${i + 1} — ${TITLES[i % TITLES.length]}`, MAX_OPTION_CHARS)).join('\n'),
  };
}

/** 1,000 voters (the team is larger than the group's active members). */
export function voters(): { aadObjectId: string; name: string }[] {
  return Array.from({ length: SIZE.voters }, (_, i) => ({ aadObjectId: guid('voter', i), name: `${NAME_PARTS.first[i % NAME_PARTS.first.length]} ${i}` }));
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
