import { QuorumError } from '../../../kernel/errors';
import { parseRef, type DecisionKind } from './decision';

export const LIMITS = { title: 200, text: 4000, rationale: 2000, id: 100, actionItems: 20 } as const;

/** What a co-chair submits (card form, tab, a poll's "record as decision"): untrusted. */
export interface DecisionInput {
  kind?: DecisionKind;
  title?: string;
  text?: string;
  rationale?: string;
  /** YYYY-MM-DD; empty = today in the group's calendar. */
  decidedAt?: string;
  sessionId?: string;
  pollId?: string;
  /** Ids, or one comma/space-separated string as typed in a card. */
  actionItemIds?: string | readonly string[];
  supersedes?: string;
}

export interface CleanDecisionInput {
  kind: DecisionKind;
  title: string;
  text: string;
  rationale?: string;
  decidedAt: string;
  sessionId?: string;
  pollId?: string;
  actionItemIds: string[];
  supersedes?: string;
}

/** Ids of other features' entities: letters, digits and - _ . : (no spaces, no markup). */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const invalid = (reason: string, params: Record<string, string | number> = {}) => new QuorumError('validation', `decision input: ${reason}`, { reason: `decisions.errors.${reason}`, ...params });

/** Checks and normalises a submission; `today` is the group's current date (YYYY-MM-DD). */
export function validateDecisionInput(input: DecisionInput, today: string): CleanDecisionInput {
  const kind = input.kind ?? 'decision';
  const title = cleanText(input.title, false);
  const text = cleanText(input.text, true);
  const rationale = cleanText(input.rationale, true);
  if (!title) throw invalid('emptyTitle');
  if (!text) throw invalid('emptyText');
  tooLong('title', title, LIMITS.title);
  tooLong('text', text, LIMITS.text);
  if (rationale) tooLong('rationale', rationale, LIMITS.rationale);

  const decidedAt = (input.decidedAt ?? '').trim() || today;
  if (!isDate(decidedAt)) throw invalid('badDate');
  if (decidedAt > today) throw invalid('futureDate');

  const out: CleanDecisionInput = { kind, title, text, decidedAt, actionItemIds: actionItems(input.actionItemIds) };
  if (rationale) out.rationale = rationale;
  const sessionId = id('session', input.sessionId);
  const pollId = id('poll', input.pollId);
  if (sessionId) out.sessionId = sessionId;
  if (pollId) out.pollId = pollId;

  const target = (input.supersedes ?? '').trim();
  if (kind === 'decision') {
    if (target) throw invalid('targetNotExpected');
  } else {
    if (!target) throw invalid('targetNeeded');
    const ref = parseRef(target);
    if (!ref) throw invalid('badRef');
    out.supersedes = ref;
  }
  return out;
}

/** NFC, unified newlines, no control characters, no lone surrogates (JCS refuses them). */
function cleanText(value: string | undefined, multiline: boolean): string {
  let s = (value ?? '').normalize('NFC').replace(/\r\n?/g, '\n');
  s = s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  // eslint-disable-next-line no-control-regex
  s = s.replace(multiline ? /[\u0000-\u0008\u000B-\u001F\u007F]/g : /[\u0000-\u001F\u007F]/g, multiline ? '' : ' ');
  return s.trim();
}

function tooLong(field: string, value: string, max: number): void {
  if (value.length > max) throw invalid(`tooLong.${field}`, { max, length: value.length });
}

function id(field: 'session' | 'poll', value: string | undefined): string | undefined {
  const v = (value ?? '').trim();
  if (!v) return undefined;
  if (v.length > LIMITS.id || !ID.test(v)) throw invalid(`badId.${field}`);
  return v;
}

function actionItems(value: string | readonly string[] | undefined): string[] {
  const list = (typeof value === 'string' ? value.split(/[\s,;]+/) : [...(value ?? [])]).map((s) => s.trim()).filter(Boolean);
  const unique = [...new Set(list)];
  if (unique.length > LIMITS.actionItems) throw invalid('tooManyActionItems', { max: LIMITS.actionItems });
  for (const v of unique) if (v.length > LIMITS.id || !ID.test(v)) throw invalid('badId.actionItem');
  return unique;
}

function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s && Number(m[1]) >= 1900;
}
