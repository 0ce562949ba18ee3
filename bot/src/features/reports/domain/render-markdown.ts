import { escapeMarkdown as md, markdownLines } from '../../../kernel/text-escape';
import { localStamp, type Label } from './labels';
import type { ProgressBucket, ReportDecision, ReportItem, ReportPoll, SessionReport, YearReport } from './report-model';
import { ITEM_STATUSES } from '../../work-plan';

const table = (head: string[], rows: string[][]) => [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];

function decisions(t: Label, list: readonly ReportDecision[]): string[] {
  if (!list.length) return [md(t('reports.empty.decisions'))];
  return list.flatMap((d) => {
    const status = d.by ? t(`reports.decisionStatus.${d.status}By`, { ref: d.by }) : t(`reports.decisionStatus.${d.status}`);
    const lines = [
      `### ${md(d.ref)} — ${md(d.title)}`,
      '',
      `${md(t('label', { label: t('reports.fields.decidedAt') }))} ${md(d.decidedAt)} · ${md(status)}${d.supersedes ? ` · ${md(t(`reports.kind.${d.kind}`, { ref: d.supersedes }))}` : ''}`,
      '',
    ];
    lines.push(...markdownLines(d.text).map((l) => (l ? `> ${l}` : '>')), '');
    if (d.rationale) lines.push(`${md(t('label', { label: t('reports.fields.rationale') }))} ${md(d.rationale)}`, '');
    return lines;
  });
}

function polls(t: Label, list: readonly ReportPoll[]): string[] {
  if (!list.length) return [md(t('reports.empty.polls'))];
  return list.flatMap((p) => {
    const notes = [
      t(p.anonymous ? 'reports.poll.anonymous' : 'reports.poll.named'),
      t('reports.poll.voters', { count: p.voters, electorate: p.electorate }),
      ...(p.open ? [t('reports.poll.open')] : []),
      ...(p.tie ? [t('reports.poll.tie')] : []),
    ];
    const lines = [`### ${md(p.question)}`, '', notes.map(md).join(' · '), ''];
    if (!p.results) return [...lines, md(t('reports.poll.hidden')), ''];
    const avail = p.kind === 'availability';
    const head = [
      t('reports.columns.option'),
      t(avail ? 'reports.columns.yes' : 'reports.columns.votes'),
      ...(avail ? [t('reports.columns.maybe'), t('reports.columns.no')] : []),
      t('reports.columns.percent'),
    ].map(md);
    const rows = p.results.map((o) => [`${o.leading ? '★ ' : ''}${md(o.text)}`, String(o.votes), ...(avail ? [String(o.maybe), String(o.no)] : []), `${o.percent} %`]);
    return [...lines, ...table(head, rows), ''];
  });
}

function items(t: Label, list: readonly ReportItem[], timeZone: string, emptyKey: string, atKey: string): string[] {
  if (!list.length) return [md(t(emptyKey))];
  const head = ['ref', 'title', 'status', 'progress', 'area', 'organisation'].map((c) => md(t(`reports.columns.${c}`))).concat(md(t(atKey)));
  return table(
    head,
    list.map((i) => [md(i.ref), md(i.title), md(t(`reports.itemStatus.${i.status}`)), `${i.progress} %`, md(i.area ?? ''), md(i.organisation ?? ''), md(localStamp(i.at, timeZone))]),
  );
}

function header(t: Label, title: string, r: SessionReport | YearReport): string[] {
  return [
    `# ${md(title)}`,
    '',
    `${md(t('label', { label: t('reports.fields.group') }))} ${md(r.groupName)}  `,
    `${md(t('reports.fields.generated', { at: localStamp(r.generatedAt, r.timeZone), zone: r.timeZone }))}`,
    '',
  ];
}

export function sessionMarkdown(t: Label, r: SessionReport): string {
  const s = r.session;
  const out = header(t, t('reports.session.title', { title: s.title }), r);
  out.push(`${md(t('label', { label: t('reports.fields.when') }))} ${md(`${localStamp(s.startsAt, r.timeZone)} – ${localStamp(s.endsAt, r.timeZone)} (${r.timeZone})`)}  `);
  if (s.place) out.push(`${md(t('label', { label: t('reports.fields.place') }))} ${md(s.place)}  `);
  out.push(`${md(t('label', { label: t('reports.fields.status') }))} ${md(t(`reports.sessionStatus.${s.status}`))}`, '');
  out.push(`## ${md(t('reports.sections.agenda'))}`, '');
  if (!r.agenda.length) out.push(md(t('reports.empty.agenda')));
  r.agenda.forEach((a, n) =>
    out.push(`${n + 1}. ${md(a.title)}${a.presenter ? ` — ${md(a.presenter)}` : ''}${a.minutes !== undefined ? ` (${md(t('reports.agenda.minutes', { minutes: a.minutes }))})` : ''}`),
  );
  out.push('', `## ${md(t('reports.sections.decisions'))}`, '', ...decisions(t, r.decisions));
  out.push('', `## ${md(t('reports.sections.polls'))}`, '', ...polls(t, r.polls));
  out.push('', `## ${md(t('reports.sections.itemsCreated'))}`, '', ...items(t, r.itemsCreated, r.timeZone, 'reports.empty.itemsCreated', 'reports.columns.createdAt'));
  out.push('', `## ${md(t('reports.sections.itemsClosed'))}`, '', ...items(t, r.itemsClosed, r.timeZone, 'reports.empty.itemsClosed', 'reports.columns.closedAt'));
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

function progress(t: Label, buckets: readonly ProgressBucket[], keyColumn: string, noneKey: string): string[] {
  if (!buckets.length) return [md(t('reports.empty.items'))];
  const head = [t(keyColumn), t('reports.columns.total'), ...ITEM_STATUSES.map((s) => t(`reports.itemStatus.${s}`)), t('reports.columns.averageProgress')].map(md);
  return table(
    head,
    buckets.map((b) => [md(b.key || t(noneKey)), String(b.total), ...ITEM_STATUSES.map((s) => String(b.byStatus[s])), `${b.averageProgress} %`]),
  );
}

export function yearMarkdown(t: Label, r: YearReport): string {
  const out = header(t, t('reports.year.title', { year: r.year }), r);
  out.push(`## ${md(t('reports.sections.decisionsOfYear', { year: r.year }))}`, '', ...decisions(t, r.decisions));
  out.push('', `## ${md(t('reports.sections.workPlan'))}`, '', md(t('reports.year.scope', { year: r.year })), '');
  out.push(`### ${md(t('reports.sections.byStatus'))}`, '', ...progress(t, r.items.total.total ? [r.items.total] : [], 'reports.columns.items', 'reports.year.allItems'));
  out.push('', `### ${md(t('reports.sections.byArea'))}`, '', ...progress(t, r.items.byArea, 'reports.columns.area', 'reports.year.noArea'));
  out.push('', `### ${md(t('reports.sections.byOrganisation'))}`, '', ...progress(t, r.items.byOrganisation, 'reports.columns.organisation', 'reports.year.noOrganisation'));
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
