import { Template } from 'adaptivecards-templating';
import { QuorumError } from '../../kernel/errors';
import { isolatedIn, isRightToLeft, type Translate } from '../i18n/i18n';

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/**
 * Teams refuses bot messages over ~100 KB of UTF-16 JSON; stay well below so the envelope
 * and mentions fit. Lists that could grow past this are paged or summarised by their card
 * (`fitCard` in fit.ts); a card that still does not fit is refused with the `too-large` code,
 * which the user sees explained (never a stack).
 */
export const MAX_CARD_CHARS = 40_000;

/**
 * Templates are compiled once per file: constructing a Template parses every expression in
 * it (10–30 ms for a large card); expanding a compiled one takes about 1 ms, which matters on
 * busy paths (a card per vote).
 */
const compiled = new WeakMap<object, Template>();

/**
 * The only way a card is built: a template file expanded once with data. User text lives
 * in the data (templating inserts it literally) and is only shown through TextRun or input
 * elements, which never interpret markdown. `t` is the translator the card was written with:
 * a card in a right-to-left language says so at its root (`rtl`, Adaptive Cards 1.5), and
 * Teams then lays the whole card out from the right; other cards leave it unset.
 */
export function expandCard(template: object, data: object, t: Pick<Translate, 'language'>): AdaptiveCard {
  let tpl = compiled.get(template);
  if (!tpl) compiled.set(template, (tpl = new Template(template)));
  const card = tpl.expand({ $root: data }) as AdaptiveCard;
  if (isRightToLeft(t.language)) {
    card.rtl = true;
    isolateRuns(card, t.language);
  }
  const size = JSON.stringify(card).length;
  if (size > MAX_CARD_CHARS) throw new QuorumError('too-large', `card of ${size} characters exceeds the ${MAX_CARD_CHARS} budget`, { size });
  return card;
}

type CardNode = Record<string, unknown>;

/**
 * Cards put a reference, a number or a user's title in its own TextRun beside a translated
 * label ("A-12 " then the title): in a right-to-left paragraph a Latin run next to Arabic
 * ones would swap places with its neighbours' punctuation. Each run is isolated (U+2068 …
 * U+2069), so it is laid out on its own and the runs follow each other from the right.
 */
function isolateRuns(node: unknown, language: string | undefined): void {
  if (Array.isArray(node)) return node.forEach((n) => isolateRuns(n, language));
  if (node === null || typeof node !== 'object') return;
  const n = node as CardNode;
  if (n.type === 'TextRun' && typeof n.text === 'string' && n.text.trim() !== '') n.text = isolatedIn(language, n.text);
  Object.values(n).forEach((v) => isolateRuns(v, language));
}

/**
 * Calls `visit` on every action object in a built card (wherever it sits: action sets,
 * selectActions, refresh), for what is added to actions after expansion (request keys, the
 * card's language): data, never template text.
 */
export function forEachAction(card: AdaptiveCard, visit: (action: CardNode) => void): AdaptiveCard {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const n = node as CardNode;
    if (typeof n.type === 'string' && n.type.startsWith('Action.')) visit(n);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return card;
}
