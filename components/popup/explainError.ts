import { t, type Locale, type MessageKey } from '../../lib/i18n';
import type { ErrorView } from '../../lib/graph/error-view';

// Error kinds are the keys of lib/graph's catalog; their words live in locales/*/errors.ts as
// `errors.<kind>.explain` / `errors.<kind>.next`. A kind without words (a new code) falls back to
// Meta's own message and code, so the manager always has something to search or pass on.

export interface ErrorExplanation {
  explain: string;
  next: string | null;
}

function lookup(locale: Locale, key: string): string | null {
  const text = t(locale, key as MessageKey);
  return text === key ? null : text;
}

export function explainError(locale: Locale, error: Pick<ErrorView, 'kind'> & Partial<ErrorView>): ErrorExplanation {
  const explain = lookup(locale, `errors.${error.kind}.explain`);
  const next = lookup(locale, `errors.${error.kind}.next`);
  if (explain) return { explain, next };
  if (error.metaMessage) {
    const code = [error.code, error.subcode].filter((n) => n !== undefined).join('/');
    return {
      explain: code ? t(locale, 'popup.error.fallback', { message: error.metaMessage, code }) : error.metaMessage,
      next,
    };
  }
  return { explain: t(locale, 'popup.error.unknownKind', { kind: error.kind }), next };
}
