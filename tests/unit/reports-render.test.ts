import type { DecisionRecord } from '../../bot/src/features/decisions/domain/decision';
import type { StatusOf } from '../../bot/src/features/decisions/domain/decision-record';
import type { Poll } from '../../bot/src/features/polls/domain/poll';
import { computeResults } from '../../bot/src/features/polls/domain/results';
import { csvCell, escapeHtml, escapeMarkdown } from '../../bot/src/kernel/text-escape';
import { renderReport } from '../../bot/src/features/reports/domain/render';
import { SESSION_CSV_HEADER, YEAR_CSV_HEADER } from '../../bot/src/features/reports/domain/render-csv';
import { buildSessionReport, buildYearReport } from '../../bot/src/features/reports/domain/report-builders';
import type { Session } from '../../bot/src/features/sessions/domain/session';
import type { ActionItem, HistoryEntry } from '../../bot/src/features/work-plan/domain/action-item';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';
import { readCsv } from '../support/csv';

/** Everything a hostile member could type: markup, template syntax, markdown, a spreadsheet formula. */
const HOSTILE = '<script>alert(1)</script> ${process.env.X} **x** =CMD()';
const FORMULAS = ['=CMD()', '+1+1', '-2+3', '@SUM(A1)'];
const t = translator(createI18n(), 'en');
const group = { tenantId: 't', teamId: 'team' };

const session: Session = {
  ...group,
  id: 's1',
  title: HOSTILE,
  startsAt: new Date('2027-03-10T08:00:00Z'),
  endsAt: new Date('2027-03-10T12:00:00Z'),
  timeZone: 'Europe/Zurich',
  place: '=HYPERLINK("http://evil")',
  agenda: [
    { title: HOSTILE, presenter: '@ops', minutes: 30, actionItemIds: [], pollIds: [] },
    { title: '# Not a heading | cell', actionItemIds: [], pollIds: [] },
  ],
  status: 'planned',
  createdBy: 'a',
  updatedAt: new Date('2027-03-01T08:00:00Z'),
};

const decision = (seq: number, title: string, text: string, over: Partial<DecisionRecord & StatusOf> = {}): DecisionRecord & StatusOf => ({
  v: 1,
  ...group,
  seq,
  ref: `D-2027-00${seq}`,
  year: 2027,
  number: seq,
  kind: 'decision',
  title,
  text,
  actionItemIds: [],
  decidedAt: '2027-03-10',
  recordedAt: '2027-03-10T09:00:00.000Z',
  recordedBy: 'pseudo',
  prev: '0',
  hash: 'h',
  status: 'in-force',
  sessionId: 's1',
  ...over,
});

const poll = (id: string, anonymous: boolean, options: string[]): Poll => ({
  ...group,
  id,
  question: HOSTILE,
  options: options.map((text, i) => ({ id: `o${i}`, text })),
  kind: 'single',
  maxChoices: 1,
  anonymous,
  visibility: 'live',
  closesAt: new Date('2027-03-10T10:00:00Z'),
  timeZone: 'UTC',
  sessionId: 's1',
  status: 'closed',
  createdBy: 'a',
  createdAt: new Date('2027-03-01T00:00:00Z'),
  resultsPosted: true,
  electorate: 3,
});

const item = (number: number, title: string, over: Partial<ActionItem> = {}): ActionItem => ({
  ...group,
  number,
  title,
  description: '',
  priority: 'medium',
  status: 'open',
  progress: 0,
  createdBy: 'a',
  createdAt: '2027-03-10T09:00:00.000Z',
  updatedAt: '2027-03-10T09:00:00.000Z',
  revision: 1,
  ...over,
});

const named = poll('p1', false, [HOSTILE, ...FORMULAS]);
const anon = poll('p2', true, ['Yes', 'No']);
const items = [
  item(1, HOSTILE, { area: '**bold area**', organisation: '=ORG()' }),
  item(2, '+SUM(1)', { status: 'done', progress: 100, doneAt: '2027-03-10T10:00:00.000Z', updatedAt: '2027-03-10T10:00:00.000Z', createdAt: '2027-01-05T09:00:00.000Z' }),
];
const closeOf2: HistoryEntry = { number: 2, revision: 2, at: '2027-03-10T10:00:00.000Z', by: 'a', byName: 'A', field: 'status', from: 'open', to: 'done' };

const sessionModel = buildSessionReport({
  groupName: '<b>Group</b> ${x}',
  timeZone: 'Europe/Zurich',
  now: new Date('2027-03-11T08:00:00Z'),
  session,
  decisions: [decision(1, HOSTILE, `# heading\n<img src=x onerror=alert(1)>\n\n=CMD()`, { rationale: '[link](javascript:alert(1))' }), decision(2, '=2+2', 'plain')],
  polls: [
    { poll: named, voters: 3, results: computeResults(named, { voters: 3, counts: [2, 1, 0, 0, 0] }) },
    { poll: anon, voters: 2, results: computeResults(anon, { voters: 2, counts: [1, 1] }) },
  ],
  items,
  histories: new Map([[2, [closeOf2]]]),
});
const yearModel = buildYearReport({
  groupName: HOSTILE,
  timeZone: 'Europe/Zurich',
  now: new Date('2027-12-31T08:00:00Z'),
  year: 2027,
  decisions: [decision(1, HOSTILE, HOSTILE), decision(2, '=2+2', '@x'), decision(3, 'Other year', 'x', { year: 2026 })],
  items,
});

describe('report renderers keep user text inert', () => {
  describe.each([
    ['session', sessionModel],
    ['year', yearModel],
  ] as const)('%s report', (_name, model) => {
    it("HTML: only the page's own tags, every user value escaped, no script allowed", () => {
      const html = renderReport(t, 'en', model, 'html');
      const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
      const allowed = [
        'html',
        'head',
        'meta',
        'title',
        'style',
        'body',
        'main',
        'header',
        'h1',
        'h2',
        'h3',
        'p',
        'br',
        'section',
        'dl',
        'dt',
        'dd',
        'ol',
        'li',
        'table',
        'thead',
        'tbody',
        'tr',
        'th',
        'td',
        'blockquote',
        'strong',
        'time',
      ];
      expect([...tags].filter((x) => !allowed.includes(x))).toEqual([]);
      expect(html).not.toMatch(/<script|<img|<b>/i);
      expect(html).toContain(escapeHtml(HOSTILE));
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; ${process.env.X} **x** =CMD()');
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
      expect(html).toMatch(/@media print\{/);
    });

    it('Markdown: every markdown/HTML character of user text is backslash-escaped', () => {
      const md = renderReport(t, 'en', model, 'md');
      expect(md).toContain('\\<script\\>alert(1)\\</script\\> \\$\\{process.env.X\\} \\*\\*x\\*\\* =CMD()');
      // Nowhere raw: no live tag, emphasis or template syntax.
      expect(md).not.toMatch(/(^|[^\\])<script/);
      expect(md).not.toMatch(/(^|[^\\])\*\*x/);
      expect(md).not.toMatch(/(^|[^\\])\$\{/);
      // A value cannot open a block: a leading = - + or "1." is escaped.
      expect(md).toMatch(/\| \\=2\+2 \||— \\=2\+2/);
    });

    it('CSV: quoted as RFC 4180, formulas neutralised, text read back intact', () => {
      const csv = renderReport(t, 'en', model, 'csv');
      const rows = readCsv(csv);
      const width = (model.kind === 'session' ? SESSION_CSV_HEADER : YEAR_CSV_HEADER).length;
      expect(rows.every((r) => r.length === width)).toBe(true);
      // No cell a spreadsheet would evaluate.
      expect(rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
      const cells = new Set(rows.flat());
      const expected = model.kind === 'session' ? [HOSTILE, ...FORMULAS, '**bold area**', '=ORG()', '+SUM(1)', '=2+2', '=HYPERLINK("http://evil")', '@ops'] : [HOSTILE, '=2+2', '@x'];
      for (const text of expected) expect({ text, found: cells.has(/^[=+\-@]/.test(text) ? `'${text}` : text) }).toEqual({ text, found: true });
    });
  });

  it('escapes each format by its own rules', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeMarkdown('a\n# b | [c](d) `e` _f_ ~g~ http://x www.y z@w &amp;')).toBe('a \\# b \\| \\[c\\](d) \\`e\\` \\_f\\_ \\~g\\~ http\\://x www\\.y z\\@w \\&amp;');
    expect(['- x', '+ x', '= x', '12. x', '3) x', '> x'].map(escapeMarkdown)).toEqual(['\\- x', '\\+ x', '\\= x', '12\\. x', '3\\) x', '\\> x']);
    expect(FORMULAS.map(csvCell)).toEqual(["'=CMD()", "'+1+1", "'-2+3", "'@SUM(A1)"]);
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell(-5)).toBe('-5');
  });

  it('shows a multi-line decision text as a quote whose lines cannot start a block', () => {
    const md = renderReport(t, 'en', sessionModel, 'md');
    expect(md).toContain('> \\# heading\n> \\<img src=x onerror=alert(1)\\>\n>\n> \\=CMD()');
    expect(md).toContain('Rationale: \\[link\\](javascript:alert(1))');
  });
});

describe('French reports', () => {
  it.each(['md', 'html'] as const)('put a narrow no-break space before the colon after a label (%s)', (format) => {
    const fr = translator(createI18n(), 'fr');
    const text = renderReport(fr, 'fr', sessionModel, format);
    expect(text).toContain(`${fr('reports.fields.decidedAt')}\u202F:`);
    expect(text).not.toContain(`${fr('reports.fields.decidedAt')}:`);
  });
});
