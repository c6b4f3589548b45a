import type { Locale } from '../../lib/i18n';
import { formatInstant } from '../../lib/i18n/format';
import { t } from '../../lib/i18n/inbox-strings';
import type { StopBlock } from '../../lib/storage/schema';
import { reasonText } from './words';

// A refusal that means stop, in words: why (whose block, Meta's own words and code) and until when. The panel shows it
// as soon as it opens on a blocked conversation, and the outcome of a send says it again.

/** Meta's code as agents quote it to support: "10/1893063". */
export const metaCode = (block: Pick<StopBlock, 'code' | 'subcode'>) => (block.subcode === undefined ? `${block.code}` : `${block.code}/${block.subcode}`);

/** What Meta answered and when. */
export function MetaWords({ locale, block, timeZone }: { locale: Locale; block: StopBlock; timeZone?: string }) {
  const since = formatInstant(block.since, locale, timeZone);
  return (
    <p class="reopen-stop__meta">
      {block.metaMessage
        ? t(locale, 'panel.stop.meta', { since, message: block.metaMessage, code: metaCode(block) })
        : t(locale, 'panel.stop.metaNoWords', { since, code: metaCode(block) })}
    </p>
  );
}

/** The block that holds on this conversation: shown at the top of the panel, and Send answers with it. */
export function StopNotice({ locale, block, timeZone }: { locale: Locale; block: StopBlock; timeZone?: string }) {
  const reason = block.scope === 'page' ? 'page_blocked' : 'person_blocked';
  return (
    <section class="reopen-stop" role="alert" data-testid="reopen-stop" data-block={block.scope} aria-labelledby="reopen-stop-title">
      <h3 id="reopen-stop-title" class="reopen-tag__label">
        {t(locale, block.scope === 'page' ? 'panel.stop.page.title' : 'panel.stop.person.title')}
      </h3>
      <p id="reopen-stop-why">{reasonText(locale, reason, { until: block.until ?? null, timeZone })}</p>
      <MetaWords locale={locale} block={block} timeZone={timeZone} />
    </section>
  );
}

/** After the refusal that started a block: from now on Reopen holds back (until when). */
export function blockStartedText(locale: Locale, block: StopBlock, timeZone?: string): string {
  if (block.until !== undefined) return t(locale, `panel.stop.started.${block.scope}.until`, { until: formatInstant(block.until, locale, timeZone) });
  return t(locale, `panel.stop.started.${block.scope}`);
}
