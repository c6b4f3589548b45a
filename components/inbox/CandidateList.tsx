import type { Locale } from '../../lib/i18n';
import { formatInstant } from '../../lib/i18n/format';
import { t } from '../../lib/i18n/inbox-strings';
import type { Candidate } from '../../lib/threads/view';
import { CandidateButton, lastMessageLine } from './RecipientCheck';

export interface CandidateListProps {
  locale: Locale;
  candidates: readonly Candidate[];
  busy: boolean;
  timeZone?: string;
  onChoose: (psid: string) => void;
}

/** When the PSID is ambiguous the agent picks the customer; never a silent guess (DESIGN §2). */
export function CandidateList({ locale, candidates, busy, timeZone, onChoose }: CandidateListProps) {
  const headingId = 'reopen-candidates-title';
  return (
    <div class="reopen-candidates">
      <p id={headingId} class="reopen-candidates__title">
        {t(locale, 'banner.candidates.title')}
      </p>
      {candidates.length === 0 ? (
        <p>{t(locale, 'banner.candidates.none')}</p>
      ) : (
        <ul aria-labelledby={headingId} class="reopen-candidates__list">
          {candidates.map((candidate) => (
            <li key={candidate.psid}>
              <CandidateButton candidate={candidate} busy={busy} label={t(locale, 'banner.candidate.choose', { name: candidate.name })} onChoose={onChoose}>
                <span class="reopen-candidate__name">{candidate.name}</span>
                {candidate.customerLastMessageAt !== undefined ? (
                  <span class="reopen-candidate__snippet">{lastMessageLine(locale, candidate, timeZone)}</span>
                ) : candidate.snippet ? (
                  <span class="reopen-candidate__snippet">{candidate.snippet}</span>
                ) : null}
                {candidate.updatedAt ? (
                  <span class="reopen-candidate__time">
                    {t(locale, 'banner.candidate.updated', { time: formatInstant(candidate.updatedAt, locale, timeZone) })}
                  </span>
                ) : null}
              </CandidateButton>
            </li>
          ))}
        </ul>
      )}
      <p class="reopen-hint">{t(locale, 'banner.candidates.hint')}</p>
    </div>
  );
}
