import { useEffect, useRef, useState } from 'preact/hooks';
import { translator, type Locale } from '../../lib/i18n';
import { formatInstant } from '../../lib/i18n/format';
import type { PageBlockRow } from '../../lib/summary/view';

// Pages Meta restricted from sending (10/1893063), at the top of the popup and the dashboard: Meta's words and since
// when, until when, and the manager's clear right beside Meta's words, behind a confirmation that says the risk.

export interface PageBlocksProps {
  blocks: readonly PageBlockRow[];
  locale: Locale;
  timeZone?: string;
  /** Clears the block the manager read (its `since` names it). */
  onClear: (pageId: string, since: number) => void;
  /** Pages whose clear is on its way, and the last failure's detail by Page. */
  clearing?: Readonly<Record<string, boolean>>;
  clearFailed?: Readonly<Record<string, string>>;
}

const codeOf = (block: PageBlockRow) => (block.subcode === undefined ? `${block.code}` : `${block.code}/${block.subcode}`);

function PageBlock({
  block,
  locale,
  timeZone,
  onClear,
  clearing,
  failed,
}: Omit<PageBlocksProps, 'blocks' | 'clearing' | 'clearFailed'> & { block: PageBlockRow; clearing: boolean; failed?: string }) {
  const t = translator(locale);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const clearRef = useRef<HTMLButtonElement>(null);
  const since = formatInstant(block.since, locale, timeZone);
  const titleId = `page-block-title-${block.pageId}`;
  const confirmId = `page-block-confirm-${block.pageId}`;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    // Back where the manager was.
    queueMicrotask(() => clearRef.current?.focus());
  };

  return (
    <section class="warning page-block" role="alert" data-testid="page-block" data-page-id={block.pageId} aria-labelledby={titleId}>
      <h2 id={titleId}>{t('popup.pageBlock.title', { page: block.pageName })}</h2>
      <p data-testid="page-block-meta">
        {block.metaMessage
          ? t('popup.pageBlock.meta', { since, message: block.metaMessage, code: codeOf(block) })
          : t('popup.pageBlock.metaNoWords', { since, code: codeOf(block) })}{' '}
        {confirming ? null : (
          <button
            type="button"
            ref={clearRef}
            data-testid="page-block-clear"
            aria-describedby={titleId}
            aria-expanded="false"
            aria-controls={confirmId}
            disabled={clearing}
            onClick={() => setConfirming(true)}
          >
            {t('popup.pageBlock.clear')}
          </button>
        )}
      </p>
      <p>{block.until !== undefined ? t('popup.pageBlock.until', { until: formatInstant(block.until, locale, timeZone) }) : t('popup.pageBlock.noUntil')}</p>
      {confirming ? (
        <div id={confirmId} role="group" aria-labelledby={`${confirmId}-text`} data-testid="page-block-confirmation">
          <p id={`${confirmId}-text`}>{t('popup.pageBlock.confirmText')}</p>
          <button
            type="button"
            class="primary"
            ref={confirmRef}
            data-testid="page-block-confirm"
            disabled={clearing}
            aria-busy={clearing}
            onClick={() => onClear(block.pageId, block.since)}
          >
            {t('popup.pageBlock.confirm')}
          </button>{' '}
          <button type="button" data-testid="page-block-cancel" onClick={cancel} onKeyDown={(event) => event.key === 'Escape' && cancel()}>
            {t('popup.pageBlock.cancel')}
          </button>
        </div>
      ) : null}
      {failed ? <p role="status">{t('popup.pageBlock.failed', { detail: failed })}</p> : null}
    </section>
  );
}

export function PageBlocks(props: PageBlocksProps) {
  if (props.blocks.length === 0) return null;
  return (
    <>
      {props.blocks.map((block) => (
        <PageBlock
          key={`${block.pageId}:${block.since}`}
          block={block}
          locale={props.locale}
          timeZone={props.timeZone}
          onClear={props.onClear}
          clearing={props.clearing?.[block.pageId] === true}
          failed={props.clearFailed?.[block.pageId]}
        />
      ))}
    </>
  );
}
