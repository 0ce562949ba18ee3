import { Button, Caption1, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { ErrorBar } from '../../components/status';
import { useT } from '../../lib/i18n';
import { useRequestKey } from '../../lib/request-key';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/use-resource';
import { createdPoll, type CreatePollBody, type PollKind, type PollSummary, type Visibility } from '../../../../bot/src/features/polls/routes/polls.contract';
import { sessionList } from '../../../../bot/src/features/sessions/routes/sessions.contract';
import { dateIn, KINDS, kindKey, MAX_OPTIONS, VISIBILITIES, visibilityKey } from './poll-format';

interface Props {
  /** Preselected (the session view's "new poll for this session"). */
  sessionId?: string;
  onClose(created?: { poll: PollSummary; posted: boolean }): void;
}

/**
 * A new poll (co-chairs). The server applies the chat form's rules and answers with their
 * message; the dialog shows it and keeps what was typed.
 */
export default function CreatePollDialog({ sessionId, onClose }: Props) {
  const t = useT();
  const { api, me } = useSession();
  const zone = me.group.timeZone;
  const sessions = useResource(() => api.get('sessions', sessionList), [api]);
  const [f, setF] = useState({
    question: '',
    kind: 'single' as PollKind,
    maxChoices: '',
    anonymous: false,
    visibility: 'live' as Visibility,
    closesDate: dateIn(new Date(Date.now() + 7 * 86_400_000), zone),
    closesTime: '17:00',
    sessionId: sessionId ?? '',
  });
  const [options, setOptions] = useState(['', '']);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const requestKey = useRequestKey();
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }));
  const now = Date.now();
  const upcoming = (sessions.data ?? []).filter((s) => s.id === f.sessionId || (s.status !== 'closed' && new Date(s.endsAt).getTime() > now));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = {
        question: f.question,
        kind: f.kind,
        options,
        ...(f.kind === 'multiple' && f.maxChoices.trim() ? { maxChoices: Number(f.maxChoices) } : {}),
        anonymous: f.anonymous,
        visibility: f.visibility,
        closesDate: f.closesDate,
        closesTime: f.closesTime,
        ...(f.sessionId ? { sessionId: f.sessionId } : {}),
      } satisfies CreatePollBody;
      const created = await api.create('polls', createdPoll, body, requestKey.keyFor(body));
      requestKey.done();
      onClose(created);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_e, d) => !d.open && onClose()}>
      <DialogSurface>
        <form onSubmit={(e) => void submit(e)}>
          <DialogBody>
            <DialogTitle>{t('pollNew')}</DialogTitle>
            <DialogContent style={{ display: 'grid', gap: 8 }}>
              {error && <ErrorBar error={error} />}
              <Field label={t('pollQuestion')} required>
                <Input value={f.question} onChange={(_e, d) => set({ question: d.value })} autoFocus />
              </Field>
              <Field label={t('pollKind')} hint={t('pollKindHint')}>
                <Select value={f.kind} onChange={(_e, d) => set({ kind: d.value as PollKind })}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(kindKey(k))}
                    </option>
                  ))}
                </Select>
              </Field>
              <fieldset style={{ border: 0, margin: 0, padding: 0, display: 'grid', gap: 6, minWidth: 0 }}>
                <legend style={{ padding: 0, marginBottom: 4, fontWeight: 600 }}>{t('pollOptions')}</legend>
                {options.map((o, i) => (
                  <div key={i} style={{ display: 'flex', gap: 6, alignItems: 'center', minWidth: 0 }}>
                    <Input aria-label={t('pollOptionN', { n: i + 1 })} value={o} onChange={(_e, d) => setOptions((xs) => xs.map((x, j) => (j === i ? d.value : x)))} style={{ flex: 1, minWidth: 0 }} />
                    <Button
                      aria-label={t('pollRemoveOption', { n: i + 1 })}
                      title={t('pollRemoveOption', { n: i + 1 })}
                      disabled={options.length <= 2}
                      onClick={() => setOptions((xs) => xs.filter((_x, j) => j !== i))}
                    >
                      ✕
                    </Button>
                  </div>
                ))}
                <div>
                  <Button size="small" disabled={options.length >= MAX_OPTIONS} onClick={() => setOptions((xs) => [...xs, ''])}>
                    {t('pollAddOption')}
                  </Button>
                </div>
              </fieldset>
              {f.kind === 'multiple' && (
                <Field label={t('pollMaxChoices')} hint={t('pollMaxChoicesHint')}>
                  <Input type="number" min={1} max={options.length} value={f.maxChoices} onChange={(_e, d) => set({ maxChoices: d.value })} />
                </Field>
              )}
              <Checkbox checked={f.anonymous} onChange={(_e, d) => set({ anonymous: d.checked === true })} label={t('pollAnonymousLabel')} />
              <Field label={t('pollVisibility')}>
                <Select value={f.visibility} onChange={(_e, d) => set({ visibility: d.value as Visibility })}>
                  {VISIBILITIES.map((v) => (
                    <option key={v} value={v}>
                      {t(visibilityKey(v))}
                    </option>
                  ))}
                </Select>
              </Field>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                <Field label={t('pollClosesDate')} style={{ flex: '1 1 140px' }}>
                  <Input type="date" value={f.closesDate} onChange={(_e, d) => set({ closesDate: d.value })} />
                </Field>
                <Field label={t('pollClosesTime')} style={{ flex: '1 1 100px' }}>
                  <Input type="time" value={f.closesTime} onChange={(_e, d) => set({ closesTime: d.value })} />
                </Field>
              </div>
              <Caption1>{t('pollZone', { zone })}</Caption1>
              <Field label={t('pollSession')}>
                <Select value={f.sessionId} onChange={(_e, d) => set({ sessionId: d.value })}>
                  <option value="">{t('pollNoSession')}</option>
                  {upcoming.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title} · {dateIn(new Date(s.startsAt), s.timeZone)}
                    </option>
                  ))}
                </Select>
              </Field>
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy}>
                {t('pollCreate')}
              </Button>
              <Button onClick={() => onClose()}>{t('pollCancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
