import { useId, useState } from 'preact/hooks';
import { formatInstant, LOCALES, translator, type Locale } from '../../lib/i18n';
import type { LabelsPageView, LabelsRefusal, LabelsSetReply } from '../../lib/labels/view';
import { explainError } from '../popup/explainError';
import { labelStateWords } from '../popup/labelWords';

// Labels in Business Suite (issue 22), inside a connected Page's item: one switch, what it writes and needs, the
// labels' language, and what Meta or the background answered. Opt-in per Page; the background decides and writes,
// this shows its view (lib/labels/view.ts) and asks for the change.

export interface LabelsSwitchProps {
  view: LabelsPageView;
  /** The options page's language: the words here, and the labels' language offered first. */
  locale: Locale;
  timeZone?: string;
  onSet: (pageId: string, enabled: boolean, language: Locale) => Promise<LabelsSetReply>;
}

function Refusal({ refusal, locale }: { refusal: LabelsRefusal; locale: Locale }) {
  const t = translator(locale);
  const { error } = refusal;
  const code = error ? [error.code, error.subcode].filter((part) => part !== undefined).join('/') : '';
  // A refusal of a known kind says what to do in its own words; anything else also says what Meta answered.
  const explained = refusal.kind === 'failed' && error ? explainError(locale, error) : null;
  return (
    <div
      role="alert"
      class="error"
      data-testid="labels-refusal"
      data-kind={refusal.kind}
      data-error-code={error?.code === undefined ? undefined : String(error.code)}
      data-error-subcode={error?.subcode === undefined ? undefined : String(error.subcode)}
    >
      <p>{t(`labels.refusal.${refusal.kind}`)}</p>
      {explained && (
        <p>
          {explained.explain}
          {explained.next ? ` ${explained.next}` : ''}
        </p>
      )}
      {explained && error?.metaMessage && <p class="muted">{t('labels.refusal.detail', { detail: error.metaMessage })}</p>}
      {explained && error?.fbtraceId && <p class="muted">{t('labels.refusal.trace', { id: error.fbtraceId })}</p>}
      {code && <p class="muted">{t('labels.refusal.code', { code })}</p>}
    </div>
  );
}

export function LabelsSwitch({ view, locale, timeZone, onSet }: LabelsSwitchProps) {
  const t = translator(locale);
  const id = useId();
  /** This window's switch on its way (the view's `pending` says another window's). */
  const [waiting, setWaiting] = useState<'enabling' | 'disabling' | null>(null);
  const [refusal, setRefusal] = useState<LabelsRefusal | null>(null);
  /** The labels' language picked before switching on; the options page's language until one is picked. */
  const [chosen, setChosen] = useState<Locale | null>(null);
  const busy = waiting ?? view.pending;
  const language = view.enabled ? view.language : (chosen ?? locale);
  const states = labelStateWords(locale)
    .map(({ words }) => `“${words}”`)
    .join(', ');
  const cleared = !view.enabled && view.clearedAt !== null && !busy && !refusal;

  const toggle = async (enabled: boolean) => {
    setRefusal(null);
    setWaiting(enabled ? 'enabling' : 'disabling');
    try {
      const reply = await onSet(view.pageId, enabled, language);
      setRefusal(reply.refusal ?? null);
    } finally {
      setWaiting(null);
    }
  };

  return (
    <div class="labels-sync" data-testid="labels-switch" data-page-id={view.pageId} data-enabled={String(view.enabled)}>
      <div class="row">
        <input
          type="checkbox"
          id={`${id}-switch`}
          data-testid="labels-sync"
          checked={view.enabled}
          disabled={view.managed || busy !== null}
          aria-busy={busy !== null}
          aria-describedby={[view.managed ? `${id}-managed` : '', busy ? `${id}-busy` : '', `${id}-about`].filter(Boolean).join(' ')}
          onChange={(event) => void toggle(event.currentTarget.checked)}
        />
        <label for={`${id}-switch`} class="inline">
          {t('labels.switch.label')}
        </label>
      </div>
      {view.managed && (
        <p id={`${id}-managed`} class="muted" data-testid="labels-managed">
          {t('labels.managed')}
        </p>
      )}
      {busy && (
        <p id={`${id}-busy`} role="status" data-testid="labels-busy" data-pending={busy}>
          {t(busy === 'enabling' ? 'labels.busy.enabling' : 'labels.busy.disabling')}
        </p>
      )}
      <div id={`${id}-about`} class="muted" data-testid="labels-about">
        <p>{t('labels.about.writes', { states })}</p>
        <p>{t('labels.about.needs')}</p>
        <p data-testid="labels-messenger-only">{t('labels.about.messenger')}</p>
        <p>{t('labels.about.off')}</p>
      </div>
      <div class="row">
        <label for={`${id}-language`} class="inline">
          {t('labels.language.label')}
        </label>{' '}
        <select
          id={`${id}-language`}
          data-testid="labels-language"
          value={language}
          disabled={view.enabled || view.managed || busy !== null}
          aria-describedby={view.enabled ? `${id}-language-fixed` : undefined}
          onChange={(event) => setChosen(event.currentTarget.value as Locale)}
        >
          {LOCALES.map((option) => (
            <option key={option} value={option}>
              {t(`labels.language.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {view.enabled && (
        <p id={`${id}-language-fixed`} class="muted">
          {t('labels.language.fixed')}
        </p>
      )}
      {refusal && <Refusal refusal={refusal} locale={locale} />}
      {cleared && view.clearedAt !== null && (
        <p role="status" class="ok" data-testid="labels-cleared">
          {t('labels.cleared', { time: formatInstant(view.clearedAt, locale, timeZone) })}
        </p>
      )}
    </div>
  );
}
