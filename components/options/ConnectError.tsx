import { translator, type Locale } from '../../lib/i18n';
import type { ErrorView } from '../../lib/graph/error-view';
import { explainError } from '../popup/explainError';

/** A refused token explained: what happened, what to do, and Meta's code for support. */
export function ConnectError({ error, locale, testId = 'connect-error' }: { error: ErrorView; locale: Locale; testId?: string }) {
  const t = translator(locale);
  const { explain, next } = explainError(locale, error);
  const code = [error.code, error.subcode].filter((n) => n !== undefined).join('/');
  return (
    <div
      role="alert"
      class="error"
      data-testid={testId}
      data-error-kind={error.kind}
      data-error-code={error.code === undefined ? undefined : String(error.code)}
      data-error-subcode={error.subcode === undefined ? undefined : String(error.subcode)}
    >
      <p>
        <strong>{t('options.connect.failed')}</strong> {explain}
      </p>
      {next && <p>{next}</p>}
      {code && <p class="muted">{t('options.connect.code', { code })}</p>}
    </div>
  );
}
