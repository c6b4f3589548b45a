import type { ComponentChildren } from 'preact';
import type { Locale } from '../../lib/i18n';
import { formatInstant } from '../../lib/i18n/format';
import { t } from '../../lib/i18n/inbox-strings';
import type { Candidate, RecipientView } from '../../lib/threads/view';
import { onTrusted } from './trusted';

export interface RecipientCheckProps {
  locale: Locale;
  /** The person Reopen would message. */
  psid: string;
  name: string;
  recipient: RecipientView;
  busy: boolean;
  timeZone?: string;
  onChoose: (psid: string) => void;
}

/** Meta's last message from the customer, and when: what the agent compares with the conversation on screen. */
export function lastMessageLine(locale: Locale, candidate: Pick<Candidate, 'lastCustomerText' | 'customerLastMessageAt'>, timeZone?: string): string | null {
  if (candidate.customerLastMessageAt === undefined) return null;
  const time = formatInstant(candidate.customerLastMessageAt, locale, timeZone);
  return candidate.lastCustomerText
    ? t(locale, 'banner.candidate.last', { text: candidate.lastCustomerText, time })
    : t(locale, 'banner.candidate.lastTime', { time });
}

/** One person the agent can choose: a labelled button that acts only on the agent's own click (./trusted.ts). */
export function CandidateButton(props: { candidate: Candidate; busy: boolean; label?: string; onChoose: (psid: string) => void; children: ComponentChildren }) {
  const { candidate, busy, label, onChoose } = props;
  return (
    <button
      type="button"
      class="reopen-candidate"
      data-testid="reopen-candidate"
      data-psid={candidate.psid}
      disabled={busy}
      aria-label={label}
      onClick={onTrusted(() => onChoose(candidate.psid))}
    >
      {props.children}
    </button>
  );
}

/**
 * A person found by display name only (DESIGN.md §1, "The recipient must be proven"): the panel names who Reopen would
 * message — name, Meta's last customer message and its time — and the agent confirms, or picks the right person among
 * those a tag can still reach. Nothing is sent until then. Only what the inbox's own list already shows (names, last
 * messages, times).
 */
export function RecipientCheck({ locale, psid, name, recipient, busy, timeZone, onChoose }: RecipientCheckProps) {
  const proposed: Candidate = {
    psid,
    name,
    ...(recipient.lastCustomerText !== undefined ? { lastCustomerText: recipient.lastCustomerText } : {}),
    ...(recipient.customerLastMessageAt !== undefined ? { customerLastMessageAt: recipient.customerLastMessageAt } : {}),
  };
  const others = (recipient.candidates ?? []).filter((candidate) => candidate.psid !== psid);
  const item = (candidate: Candidate, label: string) => {
    const last = lastMessageLine(locale, candidate, timeZone);
    return (
      <li key={candidate.psid}>
        <CandidateButton candidate={candidate} busy={busy} onChoose={onChoose}>
          {/* The visible words are the button's name (WCAG 2.5.3): who, then their last message. */}
          <span class="reopen-candidate__name">{label}</span>
          {last ? (
            <>
              {' '}
              <span class="reopen-candidate__snippet">{last}</span>
            </>
          ) : null}
        </CandidateButton>
      </li>
    );
  };
  return (
    <section class="reopen-recipient reopen-candidates" data-testid="reopen-recipient" data-proof={recipient.proof} aria-labelledby="reopen-recipient-title">
      <p id="reopen-recipient-title" class="reopen-candidates__title">
        {t(locale, 'panel.recipient.title')}
      </p>
      <p>{t(locale, 'panel.recipient.byName', { name })}</p>
      {recipient.doubt ? <p class="reopen-hint">{t(locale, `banner.doubt.${recipient.doubt}`, { name })}</p> : null}
      <ul class="reopen-candidates__list" aria-labelledby="reopen-recipient-title">
        {item(proposed, t(locale, 'panel.recipient.confirm', { name }))}
      </ul>
      {others.length > 0 ? (
        <>
          <p id="reopen-recipient-others" class="reopen-candidates__title">
            {t(locale, 'panel.recipient.others')}
          </p>
          <ul class="reopen-candidates__list" aria-labelledby="reopen-recipient-others">
            {others.map((candidate) => item(candidate, t(locale, 'panel.recipient.pick', { name: candidate.name })))}
          </ul>
        </>
      ) : null}
      <p class="reopen-hint">{t(locale, 'panel.recipient.hint')}</p>
    </section>
  );
}
