import { useId, useState } from 'preact/hooks';
import { translator, type Locale } from '../../lib/i18n';
import type { ResponseMap } from '../../lib/messaging/responses';
import { errorDetail } from '../../lib/extension-pages/error-detail';

// Settings travel as a JSON file built by the background (which leaves every token out). An import is
// checked by the background as a whole: a bad file changes nothing, and the view says why.

/** The protocol's limit for settings.import; a larger file cannot be a settings export. */
export const MAX_IMPORT_CHARS = 200_000;

export interface SettingsTransferProps {
  locale: Locale;
  onExport: () => Promise<{ filename: string }>;
  onImport: (json: string) => Promise<ResponseMap['settings.import']>;
}

type Status = { status: 'idle' } | { status: 'exported'; filename: string } | { status: 'imported' } | { status: 'error'; message: string };

export function SettingsTransfer(props: SettingsTransferProps) {
  const t = translator(props.locale);
  const id = useId();
  const [state, setState] = useState<Status>({ status: 'idle' });
  const fail = (error: unknown) => setState({ status: 'error', message: t('options.import.failed', { detail: errorDetail(error) }) });

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('options.transfer.heading')}</h2>
      <p class="muted">{t('options.transfer.note')}</p>
      <div class="row">
        <button
          type="button"
          data-testid="settings-export"
          onClick={() =>
            void (async () => {
              try {
                const { filename } = await props.onExport();
                setState({ status: 'exported', filename });
              } catch (error) {
                setState({ status: 'error', message: t('options.actionFailed', { detail: errorDetail(error) }) });
              }
            })()
          }
        >
          {t('options.export')}
        </button>
      </div>
      <div class="field">
        <label for={`${id}-file`}>{t('options.import.label')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/json,.json"
          data-testid="settings-import"
          onChange={(event) =>
            void (async () => {
              const input = event.currentTarget;
              const file = input.files?.[0];
              if (!file) return;
              try {
                if (file.size > MAX_IMPORT_CHARS * 4) {
                  setState({ status: 'error', message: t('options.import.tooLarge') });
                  return;
                }
                const json = await file.text();
                if (json.length > MAX_IMPORT_CHARS) {
                  setState({ status: 'error', message: t('options.import.tooLarge') });
                  return;
                }
                const result = await props.onImport(json);
                if ('error' in result) {
                  setState({
                    status: 'error',
                    message:
                      result.error === 'invalid_json' ? t('options.import.invalid_json') : t('options.import.invalid_settings', { detail: result.detail }),
                  });
                } else {
                  setState({ status: 'imported' });
                }
              } catch (error) {
                fail(error);
              } finally {
                // The same file can be picked again after fixing it.
                input.value = '';
              }
            })()
          }
        />
      </div>
      <p
        data-testid="settings-transfer-status"
        data-state={state.status}
        role={state.status === 'error' ? 'alert' : 'status'}
        class={state.status === 'error' ? 'error' : undefined}
      >
        {state.status === 'exported' && t('options.export.done', { filename: state.filename })}
        {state.status === 'imported' && t('options.import.done')}
        {state.status === 'error' && state.message}
      </p>
    </section>
  );
}
