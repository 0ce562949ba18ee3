import { ITEM_STATUSES } from '../../work-plan';
import { escapeHtml as h } from '../../../kernel/text-escape';
import { localStamp, type Label } from './labels';
import type { ProgressBucket, ReportDecision, ReportItem, ReportPoll, SessionReport, YearReport } from './report-model';

/**
 * A self-contained page to print or save as PDF: semantic HTML, inline CSS, no script and a
 * CSP that allows none, every value escaped. Text goes in element content and quoted
 * attributes only.
 */
const STYLE = `
body{font:11pt/1.45 system-ui,"Segoe UI",Arial,sans-serif;color:#111;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;border-bottom:1px solid #999;margin-top:2rem}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eee}td.n{text-align:right;font-variant-numeric:tabular-nums}
blockquote{margin:.3rem 0 .6rem;padding-left:.8rem;border-left:3px solid #999;white-space:pre-wrap}
.meta{color:#444}.empty{font-style:italic;color:#444}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}table,section.item{break-inside:avoid}th{background:#ddd;-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit;text-decoration:none}}
@page{size:A4;margin:18mm 15mm}`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

function page(lang: string, title: string, body: string[]): string {
  return [
    '<!doctype html>',
    `<html lang="${h(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const empty = (text: string) => `<p class="empty">${h(text)}</p>`;
const num = (n: number | string) => `<td class="n">${h(String(n))}</td>`;
const td = (text: string) => `<td>${h(text)}</td>`;
const thead = (cols: string[]) => `<thead><tr>${cols.map((c) => `<th scope="col">${h(c)}</th>`).join('')}</tr></thead>`;

function decisions(t: Label, list: readonly ReportDecision[]): string[] {
  if (!list.length) return [empty(t('reports.empty.decisions'))];
  return list.map((d) => {
    const status = d.by ? t(`reports.decisionStatus.${d.status}By`, { ref: d.by }) : t(`reports.decisionStatus.${d.status}`);
    const kind = d.supersedes ? ` · ${h(t(`reports.kind.${d.kind}`, { ref: d.supersedes }))}` : '';
    const rationale = d.rationale ? `<p><strong>${h(t('label', { label: t('reports.fields.rationale') }))}</strong> ${h(d.rationale)}</p>` : '';
    return `<section class="item"><h3>${h(d.ref)} — ${h(d.title)}</h3><p class="meta">${h(t('label', { label: t('reports.fields.decidedAt') }))} <time datetime="${h(d.decidedAt)}">${h(d.decidedAt)}</time> · ${h(status)}${kind}</p><blockquote>${h(d.text)}</blockquote>${rationale}</section>`;
  });
}

function polls(t: Label, list: readonly ReportPoll[]): string[] {
  if (!list.length) return [empty(t('reports.empty.polls'))];
  return list.map((p) => {
    const notes = [
      t(p.anonymous ? 'reports.poll.anonymous' : 'reports.poll.named'),
      t('reports.poll.voters', { count: p.voters, electorate: p.electorate }),
      ...(p.open ? [t('reports.poll.open')] : []),
      ...(p.tie ? [t('reports.poll.tie')] : []),
    ];
    const head = `<section class="item"><h3>${h(p.question)}</h3><p class="meta">${notes.map(h).join(' · ')}</p>`;
    if (!p.results) return `${head}${empty(t('reports.poll.hidden'))}</section>`;
    const avail = p.kind === 'availability';
    const cols = [
      t('reports.columns.option'),
      t(avail ? 'reports.columns.yes' : 'reports.columns.votes'),
      ...(avail ? [t('reports.columns.maybe'), t('reports.columns.no')] : []),
      t('reports.columns.percent'),
    ];
    const rows = p.results.map((o) => `<tr><td>${o.leading ? '★ ' : ''}${h(o.text)}</td>${num(o.votes)}${avail ? num(o.maybe) + num(o.no) : ''}${num(`${o.percent} %`)}</tr>`);
    return `${head}<table>${thead(cols)}<tbody>${rows.join('')}</tbody></table></section>`;
  });
}

function items(t: Label, list: readonly ReportItem[], timeZone: string, emptyKey: string, atKey: string): string[] {
  if (!list.length) return [empty(t(emptyKey))];
  const cols = ['ref', 'title', 'status', 'progress', 'area', 'organisation'].map((c) => t(`reports.columns.${c}`)).concat(t(atKey));
  const rows = list.map(
    (i) =>
      `<tr>${td(i.ref)}${td(i.title)}${td(t(`reports.itemStatus.${i.status}`))}${num(`${i.progress} %`)}${td(i.area ?? '')}${td(i.organisation ?? '')}<td><time datetime="${h(i.at)}">${h(localStamp(i.at, timeZone))}</time></td></tr>`,
  );
  return [`<table>${thead(cols)}<tbody>${rows.join('')}</tbody></table>`];
}

function header(t: Label, title: string, r: SessionReport | YearReport): string[] {
  return [
    `<header><h1>${h(title)}</h1>`,
    `<p class="meta">${h(t('label', { label: t('reports.fields.group') }))} ${h(r.groupName)}<br>${h(t('reports.fields.generated', { at: localStamp(r.generatedAt, r.timeZone), zone: r.timeZone }))}</p></header>`,
  ];
}

export function sessionHtml(t: Label, lang: string, r: SessionReport): string {
  const s = r.session;
  const title = t('reports.session.title', { title: s.title });
  const facts = [
    `<dt>${h(t('reports.fields.when'))}</dt><dd>${h(`${localStamp(s.startsAt, r.timeZone)} – ${localStamp(s.endsAt, r.timeZone)} (${r.timeZone})`)}</dd>`,
    ...(s.place ? [`<dt>${h(t('reports.fields.place'))}</dt><dd>${h(s.place)}</dd>`] : []),
    `<dt>${h(t('reports.fields.status'))}</dt><dd>${h(t(`reports.sessionStatus.${s.status}`))}</dd>`,
  ];
  const agenda = r.agenda.length
    ? [
        `<ol>${r.agenda.map((a) => `<li>${h(a.title)}${a.presenter ? ` — ${h(a.presenter)}` : ''}${a.minutes !== undefined ? ` (${h(t('reports.agenda.minutes', { minutes: a.minutes }))})` : ''}</li>`).join('')}</ol>`,
      ]
    : [empty(t('reports.empty.agenda'))];
  return page(lang, title, [
    ...header(t, title, r),
    `<dl>${facts.join('')}</dl>`,
    `<section><h2>${h(t('reports.sections.agenda'))}</h2>`,
    ...agenda,
    '</section>',
    `<section><h2>${h(t('reports.sections.decisions'))}</h2>`,
    ...decisions(t, r.decisions),
    '</section>',
    `<section><h2>${h(t('reports.sections.polls'))}</h2>`,
    ...polls(t, r.polls),
    '</section>',
    `<section><h2>${h(t('reports.sections.itemsCreated'))}</h2>`,
    ...items(t, r.itemsCreated, r.timeZone, 'reports.empty.itemsCreated', 'reports.columns.createdAt'),
    '</section>',
    `<section><h2>${h(t('reports.sections.itemsClosed'))}</h2>`,
    ...items(t, r.itemsClosed, r.timeZone, 'reports.empty.itemsClosed', 'reports.columns.closedAt'),
    '</section>',
  ]);
}

function progress(t: Label, buckets: readonly ProgressBucket[], keyColumn: string, noneKey: string): string[] {
  if (!buckets.length) return [empty(t('reports.empty.items'))];
  const cols = [t(keyColumn), t('reports.columns.total'), ...ITEM_STATUSES.map((s) => t(`reports.itemStatus.${s}`)), t('reports.columns.averageProgress')];
  const rows = buckets.map((b) => `<tr><th scope="row">${h(b.key || t(noneKey))}</th>${num(b.total)}${ITEM_STATUSES.map((s) => num(b.byStatus[s])).join('')}${num(`${b.averageProgress} %`)}</tr>`);
  return [`<table>${thead(cols)}<tbody>${rows.join('')}</tbody></table>`];
}

export function yearHtml(t: Label, lang: string, r: YearReport): string {
  const title = t('reports.year.title', { year: r.year });
  return page(lang, title, [
    ...header(t, title, r),
    `<section><h2>${h(t('reports.sections.decisionsOfYear', { year: r.year }))}</h2>`,
    ...decisions(t, r.decisions),
    '</section>',
    `<section><h2>${h(t('reports.sections.workPlan'))}</h2>`,
    `<p>${h(t('reports.year.scope', { year: r.year }))}</p>`,
    `<h3>${h(t('reports.sections.byStatus'))}</h3>`,
    ...progress(t, r.items.total.total ? [r.items.total] : [], 'reports.columns.items', 'reports.year.allItems'),
    `<h3>${h(t('reports.sections.byArea'))}</h3>`,
    ...progress(t, r.items.byArea, 'reports.columns.area', 'reports.year.noArea'),
    `<h3>${h(t('reports.sections.byOrganisation'))}</h3>`,
    ...progress(t, r.items.byOrganisation, 'reports.columns.organisation', 'reports.year.noOrganisation'),
    '</section>',
  ]);
}
