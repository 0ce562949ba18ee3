import { shortHash } from '../domain/chain-anchor';
import type { DecisionView } from '../domain/find-decisions.use-case';
import type { Translate } from '../../../platform/i18n/i18n';
import { formatLocal } from '../../../kernel/local-time';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import template from './templates/decision.json';

export interface DecisionCardOptions {
  teamId: string;
  /** The group's zone and the reader's language: times read as everywhere else in Quorum. */
  timeZone: string;
  language: string;
  /** What people call the linked session and poll; the id is shown only when it is gone. */
  names?: { session?: string; poll?: string };
  /** Co-chairs get Amend / Revoke on a record still in force. */
  canManage: boolean;
  notice?: string;
  /** A channel post offers "Details" (which then shows each viewer what they may do). */
  showDetails?: boolean;
}

export function statusText(t: Translate, d: Pick<DecisionView, 'status' | 'by' | 'kind' | 'supersedes'>): { text: string; color: 'Good' | 'Attention' | 'Warning' } {
  if (d.status === 'superseded') return { text: t('decisions.status.superseded', { ref: d.by ?? '' }), color: 'Warning' };
  if (d.status === 'revoked') return { text: t('decisions.status.revoked', { ref: d.by ?? '' }), color: 'Attention' };
  if (d.kind === 'revocation') return { text: t('decisions.status.revokes', { ref: d.supersedes ?? '' }), color: 'Good' };
  if (d.kind === 'amendment') return { text: t('decisions.status.amends', { ref: d.supersedes ?? '' }), color: 'Good' };
  return { text: t('decisions.status.inForce'), color: 'Good' };
}

export function renderDecisionCard(t: Translate, d: DecisionView, opts: DecisionCardOptions): AdaptiveCard {
  const status = statusText(t, d);
  const facts = [
    { label: t('decisions.fields.decidedAt'), value: d.decidedAt },
    { label: t('decisions.fields.recordedBy'), value: d.recordedByName ?? t('decisions.formerMember') },
    { label: t('decisions.fields.recordedAt'), value: formatLocal(new Date(d.recordedAt), opts.timeZone, opts.language) },
    ...(d.sessionId ? [{ label: t('decisions.fields.session'), value: opts.names?.session ?? d.sessionId }] : []),
    ...(d.pollId ? [{ label: t('decisions.fields.poll'), value: opts.names?.poll ?? d.pollId }] : []),
    ...(d.actionItemIds.length ? [{ label: t('decisions.fields.actionItems'), value: d.actionItemIds.join(', ') }] : []),
  ];
  return expandCard(
    template,
    {
      notice: opts.notice ?? '',
      // The colon is the language's: French puts a narrow no-break space before it.
      facts: facts.map((f) => ({ ...f, label: t('label', { label: f.label }) })),
      ref: d.ref,
      title: d.title,
      statusText: status.text,
      statusColor: status.color,
      text: d.text,
      rationale: d.rationale ?? '',
      // In blocks of eight: a 64-character word cannot wrap and would run off the card's edge.
      fingerprint: t('decisions.fingerprint', { hash: inBlocks(d.hash) }),
      // A record's hash is the chain head once it is appended: a card kept from the channel anchors the register there.
      anchor: {
        short: t('decisions.anchor.short', { seq: d.seq, short: shortHash(d.hash) }),
        explain: t('decisions.anchor.explain'),
        expect: t('decisions.anchor.expect', { seq: d.seq, hash: d.hash }),
      },
      teamId: opts.teamId,
      canAmend: opts.canManage && d.status === 'in-force' && d.kind !== 'revocation',
      showDetails: opts.showDetails ?? false,
      labels: {
        rationale: t('decisions.fields.rationale'),
        amend: t('decisions.actions.amend'),
        revoke: t('decisions.actions.revoke'),
        details: t('decisions.actions.details'),
        chain: t('decisions.anchor.toggle'),
      },
    },
    t,
  );
}

/** `ab12cd34ef56…` → `ab12cd34 ef56…`: the full value, with places to wrap. */
export function inBlocks(hash: string, size = 8): string {
  return hash.match(new RegExp(`.{1,${size}}`, 'g'))?.join(' ') ?? hash;
}
