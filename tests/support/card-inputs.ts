/**
 * Reading cards the way a Teams client does: its inputs, what it sends when a button is
 * pressed untouched, its buttons, and what is drawn right after an input.
 */
type Node = Record<string, unknown>;

export interface CardInput {
  id: string;
  type: string;
  value?: unknown;
  node: Node;
}

function walk(node: unknown, visit: (n: Node, siblings: Node[], index: number) => void): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => {
      if (child && typeof child === 'object' && !Array.isArray(child)) visit(child as Node, node as Node[], i);
      walk(child, visit);
    });
  } else if (node && typeof node === 'object') {
    for (const v of Object.values(node)) walk(v, visit);
  }
}

const asCard = (card: unknown): Node => (typeof card === 'string' ? (JSON.parse(card) as Node) : (card as Node));

export function inputsOf(card: unknown): CardInput[] {
  const out: CardInput[] = [];
  walk(asCard(card), (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') out.push({ id: n.id, type: n.type, value: n.value, node: n });
  });
  return out;
}

/** Values a client sends for inputs left as drawn (a toggle without a value sends its valueOff). */
export function untouchedValues(card: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const i of inputsOf(card)) {
    const v = i.value ?? (i.type === 'Input.Toggle' ? (i.node.valueOff ?? 'false') : undefined);
    if (v !== undefined) values[i.id] = v;
  }
  return values;
}

/**
 * What the Adaptive Cards schema says an input's value is: Input.Number a number, the
 * others a string. A string in an Input.Number is drawn as 0 by Teams' renderer.
 */
export function badInputValues(card: unknown): string[] {
  return inputsOf(card).flatMap((i) => {
    if (i.value === undefined) return [];
    const ok = i.type === 'Input.Number' ? typeof i.value === 'number' : typeof i.value === 'string';
    return ok ? [] : [`${i.id}: ${JSON.stringify(i.value)}`];
  });
}

export interface CardAction {
  title?: string;
  verb?: string;
  data?: Record<string, unknown>;
  type: string;
  node: Node;
}

export function actionsOf(card: unknown): CardAction[] {
  const out: CardAction[] = [];
  walk(asCard(card), (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Action.'))
      out.push({
        type: n.type,
        node: n,
        ...(typeof n.title === 'string' ? { title: n.title } : {}),
        ...(typeof n.verb === 'string' ? { verb: n.verb } : {}),
        ...(n.data ? { data: n.data as Record<string, unknown> } : {}),
      });
  });
  return out;
}

function textOf(n: Node | undefined): string {
  if (!n) return '';
  const parts: string[] = [];
  JSON.stringify(n, (_k, v: unknown) => {
    if (v && typeof v === 'object' && typeof (v as Node).text === 'string') parts.push((v as { text: string }).text);
    return v;
  });
  return parts.join(' ');
}

/** The text drawn right after the input with this id (where a form shows that field's error). */
export function textAfterInput(card: unknown, id: string): string {
  let found = '';
  walk(asCard(card), (n, siblings, i) => {
    if (n.id === id && typeof n.type === 'string' && n.type.startsWith('Input.') && !found) found = textOf(siblings[i + 1]);
  });
  return found;
}

/** Every text shown on the card, in order. */
export function cardTexts(card: unknown): string {
  return textOf(asCard(card));
}
