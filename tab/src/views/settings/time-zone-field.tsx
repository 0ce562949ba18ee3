import { Combobox, Field, Option } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../lib/i18n';

/** The IANA names this browser knows (plus UTC, which some engines leave out of the list). */
function timeZones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes('UTC') ? all : ['UTC', ...all];
}

interface Props {
  value: string;
  onChange(value: string): void;
  /** Set by the parent when the typed text is not a time zone. */
  invalid: boolean;
}

export const isKnownTimeZone = (tz: string) => timeZones().includes(tz);

/** A searchable list of IANA time zones: type part of a name ("zur", "new york"). */
export function TimeZoneField({ value, onChange, invalid }: Props) {
  const t = useT();
  const all = useMemo(timeZones, []);
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  // A chosen zone lists every zone (to pick another); typed text narrows the list.
  const needle = text.trim().toLowerCase().replace(/\s+/g, '_');
  const matches = needle === '' || all.includes(text.trim()) ? all : all.filter((z) => z.toLowerCase().includes(needle));
  return (
    <Field label={t('setTimeZone')} hint={t('setTimeZoneHint')} {...(invalid ? { validationState: 'error' as const, validationMessage: t('setTimeZoneInvalid') } : {})}>
      <Combobox
        freeform
        value={text}
        selectedOptions={[value]}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.trim());
        }}
        onOptionSelect={(_e, d) => {
          if (!d.optionValue) return;
          setText(d.optionValue);
          onChange(d.optionValue);
        }}
        // Fluent names the list button in English ("Open") unless told otherwise.
        expandIcon={{ 'aria-label': t('setTimeZoneOpen') }}
        style={{ minWidth: 0, maxWidth: '100%' }}
      >
        {matches.map((z) => (
          <Option key={z} value={z}>
            {z}
          </Option>
        ))}
        {matches.length === 0 && (
          <Option key="none" value="" disabled text="">
            {t('setTimeZoneNone')}
          </Option>
        )}
      </Combobox>
    </Field>
  );
}
