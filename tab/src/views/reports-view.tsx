import { Button, Dropdown, Field, Input, Option, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import { Empty, ErrorBar, Loading } from '../components/status';
import { formatDate } from '../../../bot/src/kernel/display-time';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { sessionList } from '../../../bot/src/features/sessions/routes/sessions.contract';
import type { ReportFormat } from '../../../bot/src/features/reports/routes/reports.contract';

const FORMATS = [
  { id: 'md', label: 'reportMarkdown', ext: 'md' },
  { id: 'csv', label: 'reportCsv', ext: 'csv' },
  { id: 'html', label: 'reportPrintable', ext: 'html' },
] as const satisfies readonly { id: ReportFormat; label: string; ext: string }[];

/**
 * Session and yearly reports for download (the chat's `report` card links here). The
 * printable page is an HTML file a browser opens and can save as PDF.
 */
export default function ReportsView() {
  const t = useT();
  const { api, host, me } = useSession();
  const params = new URLSearchParams(location.search);
  const sessions = useResource(() => api.get('sessions', sessionList), [api]);
  const [sessionId, setSessionId] = useState(params.get('session') ?? '');
  const [year, setYear] = useState(params.get('year') ?? String(new Date().getFullYear()));
  const [error, setError] = useState<Error>();

  const get = async (path: string, format: (typeof FORMATS)[number]) => {
    setError(undefined);
    try {
      await api.download(path, `${path.replace(/[^A-Za-z0-9]+/g, '-')}.${format.ext}`);
    } catch (err) {
      setError(err as Error);
    }
  };

  const buttons = (path: string, disabled: boolean) => (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
      {FORMATS.map((f) => (
        <Button key={f.id} disabled={disabled} onClick={() => void get(`${path}/${f.id}`, f)}>
          {t(f.label)}
        </Button>
      ))}
    </div>
  );

  return (
    <div style={{ display: 'grid', gap: 20, maxWidth: 640 }}>
      {error && <ErrorBar error={error} />}
      <section aria-labelledby="report-session" style={{ display: 'grid', gap: 8 }}>
        <Subtitle2 as="h2" id="report-session">
          {t('reportSessionTitle')}
        </Subtitle2>
        {sessions.error ? (
          <ErrorBar error={sessions.error} onRetry={sessions.reload} />
        ) : !sessions.data ? (
          <Loading />
        ) : sessions.data.length === 0 ? (
          <Empty text={t('reportNoSessions')} />
        ) : (
          <>
            <Field label={t('reportSessionPick')}>
              <Dropdown
                placeholder={t('reportSessionPick')}
                selectedOptions={sessionId ? [sessionId] : []}
                value={sessions.data.find((s) => s.id === sessionId)?.title ?? ''}
                onOptionSelect={(_e, d) => setSessionId(d.optionValue ?? '')}
              >
                {sessions.data.map((s) => (
                  <Option key={s.id} value={s.id} text={s.title}>
                    {`${s.title} — ${formatDate(new Date(s.startsAt), me.group.timeZone, host.locale)}`}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            {buttons(`reports/session/${encodeURIComponent(sessionId)}`, !sessionId)}
          </>
        )}
      </section>
      <section aria-labelledby="report-year" style={{ display: 'grid', gap: 8 }}>
        <Subtitle2 as="h2" id="report-year">
          {t('reportYearTitle')}
        </Subtitle2>
        <Field label={t('reportYearLabel')}>
          <Input type="number" min={2000} max={2100} value={year} onChange={(_e, d) => setYear(d.value)} />
        </Field>
        {buttons(`reports/year/${encodeURIComponent(year)}`, !/^\d{4}$/.test(year))}
      </section>
    </div>
  );
}
