import { formatDuration } from '../../lib/i18n/format';
import type { Locale } from '../../lib/i18n/core';
import { compactMs, type RowBadgeView } from '../../lib/inbox/row-badge-model';
import { t } from '../../lib/i18n/inbox-strings';

/** A row badge's words and accessible name in the agent's language (locales/<lang>/rows.ts, served with ui.strings). */
export function rowBadgeWords(view: RowBadgeView, locale: Locale): { text: string; label: string } {
  const duration = formatDuration(compactMs(view.left), locale);
  const exact = formatDuration(view.left, locale);
  return {
    text: t(locale, `rows.${view.kind}`, { duration }),
    label: t(locale, `rows.${view.kind}.label`, { duration: exact }),
  };
}
