import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Locale } from '../../lib/i18n';
import { formatInstant } from '../../lib/i18n/format';
import { t } from './i18n';
import type { SendResult } from './store';
import { errorText, reasonText } from './words';

export interface ReopenResultProps {
  locale: Locale;
  sending: boolean;
  result: SendResult | null;
  awaitingCheck: boolean;
  timeZone?: string;
  /** The button that sent: focus on it moves to the outcome when the outcome arrives. */
  sendRef?: RefObject<HTMLButtonElement | null>;
  onConfirmChecked(checked: boolean): void;
}

function Outcome({ locale, result, awaitingCheck, timeZone, onConfirmChecked }: Omit<ReopenResultProps, 'sending' | 'result' | 'sendRef'> & { result: SendResult }) {
  const time = (ms: number) => formatInstant(ms, locale, timeZone);
  switch (result.outcome) {
    case 'sent':
      return (
        <p>
          {result.nextAttemptAt ? t(locale, 'panel.result.sent', { time: time(result.nextAttemptAt) }) : t(locale, 'panel.result.sentNoTime')}
        </p>
      );
    case 'blocked':
      return (
        <>
          <p>
            {t(locale, 'panel.result.blocked', {
              reason: result.reason ? reasonText(locale, result.reason, { until: result.until ?? null, ...(timeZone ? { timeZone } : {}) }) : '',
            })}
          </p>
          {result.feedbackProblems?.length ? <p>{t(locale, 'panel.feedbackProblems')}</p> : null}
          {result.error ? <ErrorWords locale={locale} result={result} /> : null}
        </>
      );
    case 'failed':
      return result.rejected ? (
        <p>{t(locale, 'panel.result.rejected', { message: result.rejected })}</p>
      ) : (
        <ErrorWords locale={locale} result={result} failed />
      );
    case 'unknown':
      return (
        <>
          <p>{t(locale, 'panel.result.unknown')}</p>
          <label class="reopen-check">
            <input type="checkbox" checked={!awaitingCheck} onChange={(event) => onConfirmChecked((event.currentTarget as HTMLInputElement).checked)} />
            {t(locale, 'panel.result.unknownConfirm')}
          </label>
        </>
      );
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
  const { locale, sending, result } = props;
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
    if (focusBelongsToOutcome(element, props.sendRef?.current ?? null)) element.focus();
  }, [sending, result]);

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
          {...(result.error?.code !== undefined ? { 'data-error-code': String(result.error.code) } : {})}
          {...(result.error?.subcode !== undefined ? { 'data-error-subcode': String(result.error.subcode) } : {})}
        >
          <Outcome {...props} result={result} />
        </div>
      ) : null}
    </div>
  );
}
