import type { CleanDecisionInput } from '../domain/decision-input';
import { isolatedIn, type Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import { cutText, fitCard } from '../../../platform/cards/fit';
import { CHOICE_TITLE_CHARS } from './decision-form-card';
import template from './templates/decision-confirm.json';

/** What the confirmation shows, besides the record to be written: the target's title and the links' names. */
export interface DecisionConfirmView {
  teamId: string;
  language: string;
  record: CleanDecisionInput;
  target?: { ref: string; title: string };
  names: { session?: string; poll?: string; items: ReadonlyMap<string, string> };
}

/**
 * "Check before recording": the register is never edited, so the co-chair sees what will be
 * written, as it will be written, and only Record writes it. Record and Edit carry the record
 * itself (the card's data, sent back as it is): Record checks it all again, Edit redraws the
 * form from it. See the Record payload (payloads.ts) for why the data may come from the card.
 */
export function renderDecisionConfirmCard(t: Translate, view: DecisionConfirmView): AdaptiveCard {
  // The record itself is never cut: it is what Record writes. Links' names are, to a line; and a
  // record heavy enough (quotes and backslashes double in JSON) drops Edit's copy of itself, saying so.
  return fitCard(STEPS, (step) => build(t, view, step));
}

const STEPS = [
  { nameChars: Infinity, edit: true },
  { nameChars: CHOICE_TITLE_CHARS, edit: true },
  { nameChars: CHOICE_TITLE_CHARS, edit: false },
] as const;

function build(t: Translate, view: DecisionConfirmView, step: (typeof STEPS)[number]): AdaptiveCard {
  const r = view.record;
  const name = (text: string) => cutText(text, step.nameChars);
  const lang = view.language;
  const target = view.target;
  const heading = r.kind === 'amendment' ? 'decisions.confirm.headingAmend' : r.kind === 'revocation' ? 'decisions.confirm.headingRevoke' : 'decisions.confirm.heading';
  const kind = r.kind === 'amendment' ? 'decisions.confirm.kindAmendment' : r.kind === 'revocation' ? 'decisions.confirm.kindRevocation' : 'decisions.confirm.kindDecision';
  // People know a session or a poll by its name (its id only if it is gone), an item by its reference and title.
  const item = (id: string) => {
    const title = view.names.items.get(id);
    return title ? `${isolatedIn(lang, id)} ${isolatedIn(lang, name(title))}` : id;
  };
  const facts = [
    { label: t('decisions.confirm.kind'), value: t(kind) },
    ...(target ? [{ label: t('decisions.confirm.supersedes'), value: `${isolatedIn(lang, target.ref)} — ${isolatedIn(lang, name(target.title))}` }] : []),
    { label: t('decisions.fields.decidedAt'), value: r.decidedAt },
    ...(r.sessionId ? [{ label: t('decisions.fields.session'), value: view.names.session ? name(view.names.session) : r.sessionId }] : []),
    ...(r.pollId ? [{ label: t('decisions.fields.poll'), value: view.names.poll ? name(view.names.poll) : r.pollId }] : []),
    ...(r.actionItemIds.length ? [{ label: t('decisions.fields.actionItems'), value: new Intl.ListFormat(lang, { type: 'conjunction' }).format(r.actionItemIds.map(item)) }] : []),
  ];
  return expandCard(
    template,
    {
      heading: t(heading, { ref: target?.ref ?? r.supersedes ?? '' }),
      explain: t('decisions.confirm.explain'),
      canEdit: step.edit,
      noEdit: step.edit ? '' : t('decisions.confirm.noEdit'),
      facts: facts.map((f) => ({ ...f, label: t('label', { label: f.label }) })),
      teamId: view.teamId,
      record: {
        kind: r.kind,
        supersedes: r.supersedes ?? '',
        title: r.title,
        text: r.text,
        rationale: r.rationale ?? '',
        decidedAt: r.decidedAt,
        sessionId: r.sessionId ?? '',
        pollId: r.pollId ?? '',
        actionItemIds: r.actionItemIds.join(', '),
      },
      labels: {
        title: t('decisions.form.title'),
        text: t(r.kind === 'revocation' ? 'decisions.form.textRevoke' : 'decisions.form.text'),
        rationale: t('decisions.fields.rationale'),
        record: t(r.kind === 'amendment' ? 'decisions.confirm.recordAmend' : r.kind === 'revocation' ? 'decisions.form.submitRevoke' : 'decisions.form.submit'),
        edit: t('decisions.confirm.edit'),
      },
    },
    t,
  );
}
