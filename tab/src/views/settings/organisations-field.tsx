import { Button, Field, Input, Tag, TagGroup } from '@fluentui/react-components';
import { useState } from 'react';
import { useT } from '../../lib/i18n';

interface Props {
  value: string[];
  onChange(value: string[]): void;
  disabled?: boolean;
}

/** The group's member organisations: add by name, remove with the tag's dismiss button. */
export function OrganisationsField({ value, onChange, disabled }: Props) {
  const t = useT();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string>();
  const add = () => {
    const org = name.trim();
    if (!org) return;
    if (org.length > 100) return setProblem(t('setOrgTooLong'));
    if (value.some((o) => o.toLowerCase() === org.toLowerCase())) return setProblem(t('setOrgDuplicate', { org }));
    onChange([...value, org]);
    setName('');
    setProblem(undefined);
  };
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'grid', gap: 8, minWidth: 0 }}>
      <legend style={{ padding: 0, fontWeight: 600 }}>{t('setOrganisations')}</legend>
      {value.length === 0 ? (
        <span>{t('setOrgEmpty')}</span>
      ) : (
        <TagGroup aria-label={t('setOrganisations')} onDismiss={(_e, d) => !disabled && onChange(value.filter((o) => o !== d.value))} style={{ flexWrap: 'wrap', gap: 4, minWidth: 0 }}>
          {value.map((o) => (
            <Tag
              key={o}
              value={o}
              dismissible={!disabled}
              dismissIcon={{ 'aria-label': t('setOrgRemove', { org: o }) }}
              appearance="outline"
              // A long name wraps inside its tag instead of pushing the side panel sideways.
              style={{ maxWidth: '100%', height: 'auto', minHeight: 32 }}
              primaryText={{ style: { whiteSpace: 'normal', overflowWrap: 'anywhere', paddingBlock: 4 } }}
            >
              {o}
            </Tag>
          ))}
        </TagGroup>
      )}
      <div style={{ display: 'flex', gap: 8, alignItems: 'end', flexWrap: 'wrap' }}>
        <Field label={t('setOrgNew')} style={{ flex: '1 1 12rem', minWidth: 0 }} {...(problem ? { validationState: 'error' as const, validationMessage: problem } : {})}>
          <Input
            value={name}
            disabled={disabled}
            onChange={(_e, d) => setName(d.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
        </Field>
        <Button onClick={add} disabled={disabled || name.trim() === ''}>
          {t('setOrgAdd')}
        </Button>
      </div>
    </fieldset>
  );
}
