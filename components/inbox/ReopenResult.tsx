import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '../../lib/i18n';
import type { AttemptView } from '../../lib/threads/view';
import { RECONCILE_READS_AFTER_MS, RESEND_AFTER_MS } from '../../lib/policy/reconcile-schedule';
import { formatInstant } from '../../lib/i18n/format';
import { t } from '../../lib/i18n/inbox-strings';
import type { SendResult } from '../../lib/conversation/inbox-store';
import { errorText, reasonText } from './words';
import { MetaWords, blockStartedText } from './StopNotice';
import { onTrusted } from './trusted';

export interface ReopenResultProps {
  locale: Locale;
  sending: boolean;
  result: SendResult | null;
  timeZone?: string;
  /** The button that sent: focus on it moves to the outcome when the outcome arrives. */
  sendRef?: RefObject<HTMLButtonElement | null>;
}

function Outcome({ locale, result, timeZone }: Omit<ReopenResultProps, 'sending' | 'result' | 'sendRef'> & { result: SendResult }) {
  const time = (ms: number) => formatInstant(ms, locale, timeZone);
  switch (result.outcome) {
    case 'sent':
      return <p>{result.nextAttemptAt ? t(locale, 'panel.result.sent', { time: time(result.nextAttemptAt) }) : t(locale, 'panel.result.sentNoTime')}</p>;
    case 'blocked':
      return (
        <>
          <p>
            {t(locale, 'panel.result.blocked', {
              reason: result.reason ? reasonText(locale, result.reason, { until: result.until ?? result.block?.until ?? null, timeZone }) : '',
            })}
          </p>
          {result.block ? <MetaWords locale={locale} block={result.block} timeZone={timeZone} /> : null}
          {result.feedbackProblems?.length ? <p>{t(locale, 'panel.feedbackProblems')}</p> : null}
          {result.error ? <ErrorWords locale={locale} result={result} /> : null}
        </>
      );
    case 'failed':
      if (result.rejected) return <p>{t(locale, 'panel.result.rejected', { message: result.rejected })}</p>;
      return (
        <>
          <ErrorWords locale={locale} result={result} failed />
          {/* Meta's refusal means stop: the block holds from now on. */}
          {result.block ? <p class="reopen-stop__started">{blockStartedText(locale, result.block, timeZone)}</p> : null}
        </>
      );
    case 'unknown':
      // Never "try again": the background reads the conversation to settle it (see ReconcileStatus).
      return <p>{t(locale, 'panel.result.unknown')}</p>;
  }
}

function ErrorWords({ locale, result, failed = false }: { locale: Locale; result: SendResult; failed?: boolean }) {
  if (!result.error) return <p>{t(locale, 'panel.result.failed', { explain: '' })}</p>;
  const words = errorText(locale, result.error);
  return (
    <>
      <p>{failed ? t(locale, 'panel.result.failed', { explain: words.explain }) : words.explain}</p>
      {words.next ? <p>{words.next}</p> : null}
    </>
  );
}

/** Whether the focus should follow the outcome: it is on nothing (Send was disabled while the message was on
 *  its way and the browser dropped it), on a disabled control, or still on the button that sent. */
function focusBelongsToOutcome(element: HTMLElement, sender: HTMLElement | null): boolean {
  const root = element.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement as (HTMLElement & { disabled?: boolean }) | null;
  return !active || active === element.ownerDocument.body || active.disabled === true || active === sender;
}

/** The outcome of the one send, in words; an aria-live region so a screen reader hears it. */
export function ReopenResult(props: ReopenResultProps) {
  const { locale, sending, result, sendRef } = props;
  const resultRef = useRef<HTMLDivElement>(null);
  // The outcome already shown when this view appeared (a panel opened again) is not news: only a new one moves.
  const announced = useRef(result);

  useEffect(() => {
    const element = resultRef.current;
    if (sending || !result || result === announced.current || !element) return;
    announced.current = result;
    // The panel may be taller than its box (closed threads list every route): bring the outcome into view
    // without jumping the page, and give the focus a place to continue from if the send took it away.
    element.scrollIntoView?.({ block: 'nearest' });
    if (focusBelongsToOutcome(element, sendRef?.current ?? null)) element.focus();
  }, [sending, result, sendRef]);

  return (
    <div class="reopen-live" role="status" aria-live="polite">
      {sending ? <p aria-busy="true">{t(locale, 'panel.sending')}</p> : null}
      {!sending && result ? (
        <div
          class={`reopen-result reopen-result--${result.outcome}`}
          ref={resultRef}
          tabIndex={-1}
          data-testid="reopen-result"
          data-outcome={result.outcome}
          data-error-code={result.error?.code}
          data-error-subcode={result.error?.subcode}
          data-block={result.block && (result.outcome === 'blocked' || result.outcome === 'failed') ? result.block.scope : undefined}
        >
          <Outcome {...props} result={result} />
        </div>
      ) : null}
    </div>
  );
}

export interface ReconcileStatusProps {
  locale: Locale;
  /** The newest attempt that may have reached Meta, with its reconciliation. */
  attempt: AttemptView;
  /** Set when the agent may send it again ("It did not arrive — send again"). */
  resend?: { disabled: boolean; sending: boolean; onResend: () => void } | null;
}

/** What the panel says of the reading: "checking (n of N)", or, once a read 10 minutes after the POST found nothing
 *  while the reads go on until the hour, that it is missing so far (or that the last read failed). */
function reconcileWords(locale: Locale, reconciliation: NonNullable<AttemptView['reconciliation']>): string {
  const counts = { reads: reconciliation.reads, total: RECONCILE_READS_AFTER_MS.length };
  // A message Reopen cannot be sure to recognise: not seeing it is no proof it did not arrive.
  const lookFirst = reconciliation.unrecognisable && !reconciliation.lastReadFailed;
  if (lookFirst && (reconciliation.state === 'unchecked' || (reconciliation.lastReadAfterMs ?? 0) >= RESEND_AFTER_MS)) {
    return t(locale, 'panel.reconcile.unrecognisable');
  }
  if (reconciliation.state !== 'checking') return t(locale, `panel.reconcile.${reconciliation.state}`);
  if ((reconciliation.lastReadAfterMs ?? 0) < RESEND_AFTER_MS) return t(locale, 'panel.reconcile.checking', counts);
  return t(locale, reconciliation.lastReadFailed ? 'panel.reconcile.missingUnread' : 'panel.reconcile.missing', counts);
}

/** Where the reading of the conversation for an `unknown` send stands, and the explicit resend once a read 10 minutes
 *  after the POST found nothing — behind a confirmation that names the risk (a late first message makes two). */
export function ReconcileStatus({ locale, attempt, resend }: ReconcileStatusProps) {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const againRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      againRef.current?.focus();
    }
  }, [confirming]);
  const reconciliation = attempt.reconciliation;
  if (!reconciliation) return null;
  const state = reconciliation.state;
  const cancel = () => {
    returnFocus.current = true;
    setConfirming(false);
  };
  return (
    <section class="reopen-reconcile" data-testid="reopen-reconcile" data-state={state} aria-labelledby="reopen-reconcile-title">
      <h3 id="reopen-reconcile-title" class="reopen-tag__label">
        {t(locale, 'panel.reconcile.heading')}
      </h3>
      <p role="status" aria-live="polite">
        {reconcileWords(locale, reconciliation)}
      </p>
      {resend && !confirming ? (
        <button
          type="button"
          class="reopen-button reopen-button--primary"
          data-testid="reopen-send-again"
          data-retry-of={attempt.requestId}
          ref={againRef}
          disabled={resend.disabled || resend.sending}
          aria-busy={resend.sending}
          onClick={onTrusted(() => setConfirming(true))}
        >
          {resend.sending ? t(locale, 'panel.sending') : t(locale, 'panel.resend')}
        </button>
      ) : null}
      {resend && confirming ? (
        <div
          class="reopen-confirm"
          role="group"
          data-testid="reopen-send-again-confirm"
          aria-labelledby="reopen-resend-risk"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              cancel();
            }
          }}
        >
          <p id="reopen-resend-risk">{t(locale, 'panel.resend.risk')}</p>
          <button
            type="button"
            class="reopen-button reopen-button--primary"
            data-testid="reopen-send-again-yes"
            ref={confirmRef}
            disabled={resend.disabled || resend.sending}
            onClick={onTrusted(() => {
              setConfirming(false);
              resend.onResend();
            })}
          >
            {t(locale, 'panel.resend.confirm')}
          </button>{' '}
          <button type="button" class="reopen-button" data-testid="reopen-send-again-cancel" onClick={cancel}>
            {t(locale, 'panel.resend.cancel')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** A first message that showed up after the agent sent it again: said plainly, the customer got it twice. */
export function DoubleDeliveryNotice({ locale, attempt, timeZone }: { locale: Locale; attempt: AttemptView | null; timeZone?: string }) {
  if (!attempt?.doubleDelivery) return null;
  return (
    <p class="reopen-warning" role="status" data-testid="reopen-double-delivery">
      {t(locale, 'panel.reconcile.doubleDelivery', { time: formatInstant(attempt.at, locale, timeZone) })}
    </p>
  );
}
