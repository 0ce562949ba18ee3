import { Button, Checkbox, Field, Input, Select } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useT } from '../../lib/i18n';
import type { ItemSort as Sort } from '../../../../bot/src/features/work-plan/routes/work-plan.contract';
import { NO_FILTERS, PRIORITIES, priorityKey, SORT_LABELS, SORTS, STATUSES, statusKey, type Filters } from './filters';

interface Props {
  filters: Filters;
  onChange(f: Filters): void;
  organisations: string[];
  owners: { aadObjectId: string; name: string }[];
  /** The caller's own organisation, when known: offered as a one-click filter. */
  myOrganisation?: string;
}

// A Field is a grid whose track would otherwise grow to the control's widest option and
// spill over the next field: the track may shrink to the field's own width.
const cell = { minWidth: 0, flex: '1 1 10.5rem', gridTemplateColumns: 'minmax(0, 1fr)' } as const;

/** The grid's filters; all applied by the server (the CSV export uses the same query). */
export function FilterBar({ filters, onChange, organisations, owners, myOrganisation }: Props) {
  const t = useT();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  // Free text: sent once typing pauses, not on every keystroke.
  const [area, setArea] = useState(filters.area);
  useEffect(() => setArea(filters.area), [filters.area]);
  useEffect(() => {
    if (area === filters.area) return;
    const timer = setTimeout(() => onChange({ ...filters, area }), 400);
    return () => clearTimeout(timer);
  }, [area, filters, onChange]);

  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'end' }}>
      <legend className="visually-hidden" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {t('wpFilters')}
      </legend>
      <Field label={t('wpStatus')} style={cell}>
        <Select value={filters.status} onChange={(_e, d) => set({ status: d.value })}>
          <option value="">{t('wpAllStatuses')}</option>
          <option value="open">{t('wpOpenOnly')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(statusKey(s))}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('wpOrganisation')} style={cell}>
        <Select value={filters.org} onChange={(_e, d) => set({ org: d.value })}>
          <option value="">{t('wpAllOrganisations')}</option>
          {organisations.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </Select>
      </Field>
      {myOrganisation && <Checkbox label={t('wpMyOrg', { org: myOrganisation })} checked={filters.org === myOrganisation} onChange={(_e, d) => set({ org: d.checked ? myOrganisation : '' })} />}
      <Field label={t('wpOwner')} style={cell}>
        <Select value={filters.owner} onChange={(_e, d) => set({ owner: d.value })}>
          <option value="">{t('wpAllOwners')}</option>
          {owners.map((o) => (
            <option key={o.aadObjectId} value={o.aadObjectId}>
              {o.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('wpPriority')} style={cell}>
        <Select value={filters.priority} onChange={(_e, d) => set({ priority: d.value })}>
          <option value="">{t('wpAllPriorities')}</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(priorityKey(p))}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('wpArea')} style={cell}>
        <Input value={area} onChange={(_e, d) => setArea(d.value)} />
      </Field>
      <Field label={t('wpDueFrom')} style={cell}>
        <Input type="date" value={filters.dueFrom} onChange={(_e, d) => set({ dueFrom: d.value })} />
      </Field>
      <Field label={t('wpDueTo')} style={cell}>
        <Input type="date" value={filters.dueTo} onChange={(_e, d) => set({ dueTo: d.value })} />
      </Field>
      <Field label={t('wpSort')} style={cell}>
        <Select value={filters.sort} onChange={(_e, d) => set({ sort: d.value as Sort })}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(SORT_LABELS[s])}
            </option>
          ))}
        </Select>
      </Field>
      <Checkbox label={t('wpOrderDesc')} checked={filters.order === 'desc'} onChange={(_e, d) => set({ order: d.checked ? 'desc' : 'asc' })} />
      <Button onClick={() => onChange({ ...NO_FILTERS, sort: filters.sort, order: filters.order })}>{t('wpClear')}</Button>
    </fieldset>
  );
}
