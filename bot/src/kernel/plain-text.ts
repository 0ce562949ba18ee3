/**
 * Control characters in text that arrives from outside (Teams team and member names, tokens'
 * `name` claims, form fields). A CR/LF in a team name becomes a new line in any line-based
 * file built from it (an .ics gets a whole extra VEVENT, a CSV a new row); NUL and the
 * other C0/C1 controls confuse the programs that open our files. U+2028/U+2029 are line
 * breaks to some readers, so they count as controls too.
 */
const CONTROLS = /[\p{Cc}\u2028\u2029]+/gu;
const CONTROLS_BUT_LF = /(?!\n)[\p{Cc}\u2028\u2029]/gu;

/** A one-line name: each run of controls becomes one space, and the ends are trimmed. */
export function plainName(text: string): string {
  return text.replace(CONTROLS, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Multi-line text (a description): line breaks kept as LF, a tab as a space, other controls removed. */
export function plainText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROLS_BUT_LF, (c) => (c === '\t' ? ' ' : c === '\u2028' || c === '\u2029' ? '\n' : ''));
}
