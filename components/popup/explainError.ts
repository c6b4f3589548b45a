import { t, type Locale, type MessageKey } from '../../lib/i18n';
import { errorWords } from '../../lib/i18n/error-words';
import type { ErrorView } from '../../lib/graph/error-view';

// An error in the popup's and the options page's words (lib/i18n/error-words.ts): a kind without words (a new code)
// falls back to Meta's own message and code, so the manager always has something to search or pass on.

export interface ErrorExplanation {
  explain: string;
  next: string | null;
}

function lookup(locale: Locale, key: string): string | null {
  const text = t(locale, key as MessageKey);
  return text === key ? null : text;
}

export function explainError(locale: Locale, error: Pick<ErrorView, 'kind'> & Partial<ErrorView>): ErrorExplanation {
  return errorWords(
    (key) => lookup(locale, key),
    error,
    (code) =>
      !error.metaMessage
        ? t(locale, 'popup.error.unknownKind', { kind: error.kind })
        : code
          ? t(locale, 'popup.error.fallback', { message: error.metaMessage, code })
          : error.metaMessage,
  );
}
