import type { Locale } from '../../lib/i18n';
import { t } from '../../lib/i18n/inbox-strings';
import type { UtilityTemplate } from '../../lib/policy/types';
import type { TemplatesState } from '../../lib/conversation/inbox-store';
import { errorLine } from './words';

export interface UtilityDraft {
  templateName: string;
  language: string;
  parameters: string[];
}

export interface UtilityFormProps {
  locale: Locale;
  templates: TemplatesState;
  value: UtilityDraft | null;
  onChange: (value: UtilityDraft | null) => void;
  onReload: () => void;
}

const keyOf = (template: Pick<UtilityTemplate, 'name' | 'language'>) => `${template.name}\u0000${template.language}`;

/** The Page's approved utility templates (the only route after 7 days) and the values for their parameters. */
export function UtilityForm({ locale, templates, value, onChange, onReload }: UtilityFormProps) {
  if (templates.status === 'idle' || templates.status === 'loading') {
    return (
      <p class="reopen-hint" aria-busy="true">
        {t(locale, 'panel.utility.loading')}
      </p>
    );
  }
  if (templates.status === 'error') {
    return (
      <div class="reopen-utility">
        <p class="reopen-problem">{errorLine(locale, templates.error)}</p>
        <button type="button" class="reopen-button" onClick={onReload}>
          {t(locale, 'panel.utility.reload')}
        </button>
      </div>
    );
  }
  const approved = templates.templates.filter((template) => template.status === 'APPROVED');
  if (approved.length === 0) {
    return (
      <div class="reopen-utility">
        <p>{t(locale, 'panel.utility.none')}</p>
        <button type="button" class="reopen-button" onClick={onReload}>
          {t(locale, 'panel.utility.reload')}
        </button>
      </div>
    );
  }
  const chosen = value ? approved.find((template) => keyOf(template) === keyOf({ name: value.templateName, language: value.language })) : undefined;
  const pick = (key: string) => {
    const template = approved.find((candidate) => keyOf(candidate) === key);
    onChange(
      template ? { templateName: template.name, language: template.language, parameters: Array.from({ length: template.parameterCount }, () => '') } : null,
    );
  };

  return (
    <div class="reopen-utility">
      <div class="reopen-field">
        <label for="reopen-utility-template">{t(locale, 'panel.utility.template')}</label>
        <select id="reopen-utility-template" value={chosen ? keyOf(chosen) : ''} onChange={(event) => pick(event.currentTarget.value)}>
          <option value="">{t(locale, 'panel.utility.choose')}</option>
          {approved.map((template) => (
            <option key={keyOf(template)} value={keyOf(template)}>
              {template.name} ({template.language})
            </option>
          ))}
        </select>
      </div>
      {chosen && value ? (
        <>
          <p class="reopen-tag__label">{t(locale, 'panel.utility.body')}</p>
          <p class="reopen-utility__body">{chosen.bodyText}</p>
          {value.parameters.map((parameter, index) => (
            <div class="reopen-field" key={index}>
              <label for={`reopen-utility-param-${index}`}>{t(locale, 'panel.utility.parameter', { n: index + 1 })}</label>
              <input
                id={`reopen-utility-param-${index}`}
                type="text"
                required
                value={parameter}
                onInput={(event) => {
                  const parameters = [...value.parameters];
                  parameters[index] = event.currentTarget.value;
                  onChange({ ...value, parameters });
                }}
              />
            </div>
          ))}
        </>
      ) : null}
    </div>
  );
}
