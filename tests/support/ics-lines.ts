/**
 * An iCalendar reader written from RFC 5545 alone (no project code, no generator code), for
 * checking the files the service writes. No iCalendar parser is installed here; `ical.js`
 * (Mozilla's) would be the independent one to add. What it checks, per the RFC:
 * - §3.1: content lines end with CRLF, the last included; no bare CR or LF anywhere;
 *   a physical line is at most 75 octets (UTF-8), longer ones folded with CRLF + one blank;
 * - §3.1 grammar: each unfolded line is `name *(";" param) ":" value`, name = iana-token / x-name;
 * - §3.4/§3.6: one VCALENDAR, components properly nested.
 */
export interface IcsProperty {
  name: string;
  params: string;
  value: string;
}

export interface IcsComponent {
  name: string;
  properties: IcsProperty[];
  components: IcsComponent[];
}

export function parseIcsStrictly(text: string): IcsComponent {
  if (!text.endsWith('\r\n')) throw new Error('the file does not end with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  physical.forEach((line, i) => {
    if (/[\r\n]/.test(line)) throw new Error(`bare CR or LF in line ${i + 1}`);
    if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`line ${i + 1} is longer than 75 octets`);
    // §3.1 CONTROL: no control character other than HTAB (C1 controls refused too: we never write them).
    if (/(?!\t)\p{Cc}/u.test(line)) throw new Error(`control character in line ${i + 1}`);
  });
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (lines.length === 0) throw new Error('the file starts with a continuation line');
      lines[lines.length - 1] += line.slice(1);
    } else lines.push(line);
  }
  const stack: IcsComponent[] = [];
  let root: IcsComponent | undefined;
  for (const line of lines) {
    const m = /^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    if (!m) throw new Error(`not a content line: ${JSON.stringify(line)}`);
    const [, rawName, params, value] = m as unknown as [string, string, string, string];
    const name = rawName.toUpperCase();
    if (name === 'BEGIN') {
      if (root && stack.length === 0) throw new Error('content after the end of the calendar');
      const c: IcsComponent = { name: value.toUpperCase(), properties: [], components: [] };
      if (stack.length > 0) stack[stack.length - 1]!.components.push(c);
      else root = c;
      stack.push(c);
    } else if (name === 'END') {
      const open = stack.pop();
      if (!open || open.name !== value.toUpperCase()) throw new Error(`END:${value} does not close ${open?.name ?? 'anything'}`);
    } else {
      if (stack.length === 0) throw new Error(`property outside any component: ${name}`);
      stack[stack.length - 1]!.properties.push({ name, params, value });
    }
  }
  if (!root || stack.length > 0 || root.name !== 'VCALENDAR') throw new Error('not one complete VCALENDAR');
  return root;
}

/** The one value of a property (throws when there are none or several). */
export function icsValue(c: IcsComponent, name: string): string {
  const found = c.properties.filter((p) => p.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${name} properties in ${c.name}`);
  return found[0]!.value;
}

/** TEXT values (§3.3.11) read back: \\n → LF, \\, \\; \\\\ literal. */
export function icsText(value: string): string {
  return value.replace(/\\([nN,;\\])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
