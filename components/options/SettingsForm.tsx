import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { translator, type Locale, type MessageKey } from '../../lib/i18n';
import type { SettingsPatch } from '../../lib/settings/schema';
import type { SettingsView } from '../../lib/settings/schema';
import { formFromSettings, validateSettingsForm, type FieldProblem, type SettingsField, type SettingsFormValues } from './settingsForm';
import { errorDetail } from '../../lib/extension-pages/error-detail';

export interface SettingsFormProps {
  settings: SettingsView;
  locale: Locale;
  onSave: (patch: SettingsPatch) => Promise<SettingsView>;
}

type SaveState = { status: 'idle' } | { status: 'saved' } | { status: 'invalid' } | { status: 'failed'; detail: string };

export function SettingsForm({ settings, locale, onSave }: SettingsFormProps) {
  const t = translator(locale);
  const id = useId();
  const [values, setValues] = useState<SettingsFormValues>(() => formFromSettings(settings));
  // The latest typed values, even before a re-render: a submit right after an edit must see the edit.
  const latest = useRef(values);
  const setField = (name: SettingsField, value: string) => {
    latest.current = { ...latest.current, [name]: value };
    setValues(latest.current);
  };
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const [busy, setBusy] = useState(false);

  // A new settings object (saved, imported) replaces what the form shows; the first one is already shown.
  const shownSettings = useRef(settings);
  useEffect(() => {
    if (shownSettings.current === settings) return;
    shownSettings.current = settings;
    latest.current = formFromSettings(settings);
    setValues(latest.current);
    setProblems([]);
  }, [settings]);

  const locked = (field: SettingsField) => settings.locked.includes(field);
  const problemOf = (field: SettingsField) => problems.find((p) => p.field === field);

  const field = (
    name: SettingsField,
    label: MessageKey,
    hint: MessageKey | null,
    control: (ids: { input: string; describedBy: string | undefined }) => preact.JSX.Element,
  ) => {
    const input = `${id}-${name}`;
    const problem = problemOf(name);
    const describedBy =
      [hint ? `${input}-hint` : null, locked(name) ? `${input}-locked` : null, problem ? `${input}-problem` : null].filter(Boolean).join(' ') || undefined;
    return (
      <div class="field" data-testid={`setting-${name}`} data-locked={String(locked(name))}>
        <label for={input}>{t(label)}</label>
        {control({ input, describedBy })}
        {hint && (
          <p id={`${input}-hint`} class="muted">
            {t(hint)}
          </p>
        )}
        {locked(name) && (
          <p id={`${input}-locked`} class="locked" data-testid="setting-locked">
            {t('options.settings.locked')}
          </p>
        )}
        {problem && (
          <p id={`${input}-problem`} class="error" data-testid="setting-problem">
            {t(problem.key, problem.params)}
          </p>
        )}
      </div>
    );
  };

  const bind = (name: SettingsField) => ({
    value: values[name],
    disabled: locked(name),
    'aria-invalid': problemOf(name) ? ('true' as const) : undefined,
    onInput: (event: Event) => setField(name, (event.currentTarget as HTMLInputElement).value),
  });

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('options.settings.heading')}</h2>
      <form
        data-testid="settings-form"
        noValidate
        onSubmit={(event) =>
          void (async () => {
            event.preventDefault();
            const result = validateSettingsForm(latest.current, settings.locked);
            if (!result.ok) {
              setProblems(result.problems);
              setSave({ status: 'invalid' });
              return;
            }
            setProblems([]);
            setBusy(true);
            try {
              await onSave(result.patch);
              setSave({ status: 'saved' });
            } catch (error) {
              setSave({ status: 'failed', detail: errorDetail(error) });
            } finally {
              setBusy(false);
            }
          })()
        }
      >
        {field('graphVersion', 'options.settings.graphVersion', 'options.settings.graphVersion.hint', ({ input, describedBy }) => (
          <input id={input} type="text" spellcheck={false} aria-describedby={describedBy} {...bind('graphVersion')} />
        ))}
        {field('language', 'options.settings.language', null, ({ input, describedBy }) => (
          <select id={input} aria-describedby={describedBy} {...bind('language')} onChange={(event) => setField('language', event.currentTarget.value)}>
            <option value="browser">{t('options.settings.language.browser')}</option>
            <option value="es">{t('options.settings.language.es')}</option>
            <option value="en">{t('options.settings.language.en')}</option>
          </select>
        ))}
        {field('retentionDays', 'options.settings.retentionDays', 'options.settings.retentionDays.hint', ({ input, describedBy }) => (
          <input id={input} type="number" inputMode="numeric" min={1} max={3650} step={1} aria-describedby={describedBy} {...bind('retentionDays')} />
        ))}
        {field('closesSoonMinutes', 'options.settings.closesSoonMinutes', 'options.settings.closesSoonMinutes.hint', ({ input, describedBy }) => (
          <input id={input} type="number" inputMode="numeric" min={5} max={1440} step={1} aria-describedby={describedBy} {...bind('closesSoonMinutes')} />
        ))}
        {field('promoTerms', 'options.settings.promoTerms', 'options.settings.promoTerms.hint', ({ input, describedBy }) => (
          <textarea id={input} rows={6} spellcheck={false} aria-describedby={describedBy} {...bind('promoTerms')} />
        ))}
        <div class="row">
          <button type="submit" class="primary" data-testid="settings-save" disabled={busy} aria-busy={busy}>
            {t('options.settings.save')}
          </button>
          <span aria-live="polite" data-testid="settings-status" data-state={save.status}>
            {save.status === 'saved' && t('options.settings.saved')}
            {save.status === 'invalid' && t('options.settings.invalid')}
            {save.status === 'failed' && t('options.settings.saveFailed', { detail: save.detail })}
          </span>
        </div>
      </form>
    </section>
  );
}
