import { Button, Caption1, Checkbox, Field, Input, MessageBar, MessageBarBody, Select, Subtitle2 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { ErrorBar, Loading } from '../../components/status';
import { ApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/use-resource';
import { OrganisationsField } from './organisations-field';
import { isKnownTimeZone, TimeZoneField } from './time-zone-field';
import { savedSettings, settingsResponse, type ReminderSettings as Settings, type Weekday } from '../../../../bot/src/features/work-plan/routes/work-plan.contract';
import { LANGUAGE_CHOICES, LANGUAGE_NAMES, type Language } from '../../../../bot/src/kernel/languages';
import { CADENCES, fromDraft, toDraft, WEEKDAYS, weekdayName, type Draft } from './draft';

const row = { display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'start' } as const;
const cell = { flex: '1 1 10rem', minWidth: 0 } as const;

/**
 * The group's language (what its channel reads), reminder schedule, time zone and member
 * organisations (co-chairs). Saving
 * sends the version read (If-Match, or If-None-Match: * over the defaults): when another
 * co-chair saved meanwhile, their version is loaded and the server's message says so.
 */
export function ReminderSettings() {
  const t = useT();
  const { api, host } = useSession();
  const res = useResource(() => api.get('settings', settingsResponse), [api]);
  const [base, setBase] = useState<{ settings: Settings; etag: string | null }>();
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<Error>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!res.data) return;
    setBase(res.data);
    setDraft(toDraft(res.data.settings));
  }, [res.data]);

  if (res.error && !draft) return <ErrorBar error={res.error} onRetry={res.reload} />;
  if (!draft || !base) return <Loading />;

  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  const dirty = JSON.stringify(fromDraft(draft)) !== JSON.stringify(base.settings);
  const badZone = !isKnownTimeZone(draft.timeZone);
  const toggleDay = (day: Weekday, on: boolean) => set({ workingDays: WEEKDAYS.filter((d) => (d === day ? on : draft.workingDays.includes(d))) });

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (badZone) return;
    setBusy(true);
    setError(undefined);
    try {
      const precondition: Record<string, string> = base.etag ? { 'if-match': base.etag } : { 'if-none-match': '*' };
      const out = await api.send('PUT', 'settings', savedSettings, fromDraft(draft), precondition);
      setBase(out);
      setDraft(toDraft(out.settings));
      setSaved(true);
    } catch (err) {
      setError(err as Error);
      // Someone else saved first: show their version (the message says so) rather than keep a stale form.
      if (err instanceof ApiError && err.code === 'concurrent-update') res.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void save(e)} aria-labelledby="reminders-title" style={{ display: 'grid', gap: 12 }}>
      <Subtitle2 id="reminders-title" as="h2">
        {t('setRemindersTitle')}
      </Subtitle2>
      <TimeZoneField value={draft.timeZone} onChange={(timeZone) => set({ timeZone })} invalid={badZone} />
      <Field label={t('setLanguage')} hint={t('setLanguageHint')}>
        <Select value={draft.language} onChange={(_e, d) => set({ language: d.value as Language })}>
          {/* Each language named in itself (and marked as such for screen readers): everyone finds their own. */}
          {LANGUAGE_CHOICES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </Select>
      </Field>
      <div style={row}>
        <Field label={t('setDigestDay')} style={cell}>
          <Select value={draft.digestDay} onChange={(_e, d) => set({ digestDay: d.value as Weekday })}>
            {WEEKDAYS.map((d) => (
              <option key={d} value={d}>
                {weekdayName(d, host.locale)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('setDigestTime')} hint={t('setDigestTimeHint')} style={cell}>
          <Input type="time" value={draft.digestTime} onChange={(_e, d) => set({ digestTime: d.value })} />
        </Field>
      </div>
      <div style={row}>
        <Field label={t('setDueSoon')} hint={t('setDueSoonHint')} style={cell}>
          <Input value={draft.dueSoonDays} onChange={(_e, d) => set({ dueSoonDays: d.value })} />
        </Field>
        <Field label={t('setOverdue')} style={cell}>
          <Select value={draft.overdueCadence} onChange={(_e, d) => set({ overdueCadence: d.value as Draft['overdueCadence'] })}>
            {CADENCES.map((c) => (
              <option key={c} value={c}>
                {t(c === 'daily' ? 'setOverdueDaily' : 'setOverdueWeekly')}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('setEscalate')} hint={t('setEscalateHint')} style={cell}>
          <Input type="number" min={0} max={52} value={draft.escalateAfter} onChange={(_e, d) => set({ escalateAfter: d.value })} />
        </Field>
      </div>
      <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <legend style={{ padding: 0, fontWeight: 600 }}>{t('setWorkingDays')}</legend>
        <div style={{ display: 'flex', flexWrap: 'wrap' }}>
          {WEEKDAYS.map((d) => (
            <Checkbox key={d} label={weekdayName(d, host.locale)} checked={draft.workingDays.includes(d)} onChange={(_e, c) => toggleDay(d, c.checked === true)} />
          ))}
        </div>
      </fieldset>
      <OrganisationsField value={draft.organisations} onChange={(organisations) => set({ organisations })} disabled={busy} />
      {error && <ErrorBar error={error} />}
      <div role="status">
        {saved && (
          <MessageBar intent="success">
            <MessageBarBody>{t('setSaved')}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button type="submit" appearance="primary" disabled={busy || !dirty || badZone}>
          {t('setSave')}
        </Button>
        <Button disabled={busy || !dirty} onClick={() => (setDraft(toDraft(base.settings)), setError(undefined))}>
          {t('setDiscard')}
        </Button>
        {dirty && <Caption1>{t('setUnsaved')}</Caption1>}
      </div>
    </form>
  );
}
