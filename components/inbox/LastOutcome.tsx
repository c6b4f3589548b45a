import { useEffect, useRef } from 'preact/hooks';
import type { Locale } from '../../lib/i18n';
import { t } from '../../lib/i18n/inbox-strings';
import { PanelShell } from './PanelShell';
import { ReopenResult } from './ReopenResult';
import type { SendResult } from '../../lib/conversation/inbox-store';

export interface LastOutcomeProps {
  locale: Locale;
  sending: boolean;
  result: SendResult | null;
  timeZone?: string;
  onDismiss: () => void;
}

/**
 * The outcome of the last send when the panel can no longer be drawn: the re-read after a send may find the
 * thread unresolved (a 190 leaves the Page needing reconnection), and the agent must still see what happened
 * to their message and why. It stays until dismissed or until another conversation is shown.
 */
export function LastOutcome(props: LastOutcomeProps) {
  const { locale } = props;
  const titleRef = useRef<HTMLHeadingElement>(null);

  // It replaces the panel the agent was working in, taking the focus with it: give the focus a place to land.
  useEffect(() => {
    titleRef.current?.scrollIntoView?.({ block: 'nearest' });
    titleRef.current?.focus();
  }, []);

  return (
    <PanelShell
      class="reopen-panel reopen-outcome"
      testId="reopen-last-outcome"
      titleId="reopen-outcome-title"
      title={t(locale, 'panel.outcome.title')}
      titleRef={titleRef}
      onEscape={props.onDismiss}
    >
      <ReopenResult locale={locale} sending={props.sending} result={props.result} timeZone={props.timeZone} />
      <div class="reopen-panel__actions">
        <button type="button" class="reopen-button" onClick={props.onDismiss}>
          {t(locale, 'panel.outcome.dismiss')}
        </button>
      </div>
    </PanelShell>
  );
}
