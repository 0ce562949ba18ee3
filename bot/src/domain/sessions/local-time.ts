/**
 * Wall-clock times in a group's IANA time zone. Intl knows every zone's offsets; the only
 * missing piece is local → instant, done here by asking Intl for the offset and correcting
 * once more around DST changes (a time that does not exist, in a spring-forward gap, lands
 * after the gap).
 */
/** Building an Intl.DateTimeFormat costs far more than using one: keep one per zone and style. */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formats.get(key);
  if (!f) {
    if (formats.size > 500) formats.clear();
    f = make();
    formats.set(key, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** `2027-03-14` + `14:30` in `Europe/Zurich` → the instant; undefined when malformed or impossible (Feb 30). */
export function parseLocalDateTime(date: string, time: string, timeZone: string): Date | undefined {
  const d = DATE.exec(date.trim());
  const t = TIME.exec(time.trim());
  if (!d || !t || !isValidTimeZone(timeZone)) return undefined;
  const [y, mo, da, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return undefined;
  const wall = Date.UTC(y, mo - 1, da, h, mi);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== da) return undefined;
  // Two estimates: they differ only around a DST change. The one whose local reading is the
  // requested time wins (the earlier of two in an autumn overlap); in a spring gap neither
  // is, and the first lands just after the gap.
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  const wanted = `${date.trim()} ${t[1]}:${t[2]}`;
  const reads = (at: number) => {
    const p = localParts(new Date(at), timeZone);
    return `${p.date} ${p.time}` === wanted;
  };
  const matching = [second, first].filter(reads).sort((a, b) => a - b)[0];
  return new Date(matching ?? Math.max(first, second));
}

function offsetMs(at: number, timeZone: string): number {
  const parts = formatter(`offset|${timeZone}`, () =>
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  ).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant as `YYYY-MM-DD` and `HH:mm` in the zone (to prefill Input.Date / Input.Time). */
export function localParts(at: Date, timeZone: string): { date: string; time: string } {
  const f = formatter(`parts|${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }));
  const parts = f.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** For people: "14 Mar 2027, 14:30 (Europe/Zurich)" in their language. */
export function formatLocal(at: Date, timeZone: string, language: string): string {
  const text = formatter(`show|${language}|${timeZone}`, () => new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'medium', timeStyle: 'short' })).format(at);
  return `${text} (${timeZone})`;
}
