/** The group's calendar: references are numbered by the year in the group's time zone. */
export function dateIn(timeZone: string, at: Date): { year: number; date: string } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  } catch {
    // A bad stored zone must not block recording: fall back to UTC.
    parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: Number(get('year')), date: `${get('year')}-${get('month')}-${get('day')}` };
}
