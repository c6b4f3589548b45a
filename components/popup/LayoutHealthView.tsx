import { formatInstant, translator, type Locale, type MessageKey } from '../../lib/i18n';
import type { ReportState } from '../../lib/extension-pages/popup-state';
import type { LayoutHealth } from '../../lib/inbox/layout-health';
import type { NameSignalId } from '../../lib/inbox/name-signals';

// The popup's "Inbox layout": which parts of Business Suite's inbox Reopen found, where it read the customer's
// name (in words, not the registry's ids), and the layout report to attach to a bug report.

export interface LayoutHealthViewProps {
  health: LayoutHealth | null;
  reportState: ReportState;
  locale: Locale;
  timeZone?: string;
  onCopyReport: () => void;
}

type Identity = NonNullable<LayoutHealth['identity']>;

/** The name signals of lib/inbox/name-signals.ts, in words: one added there without its words here fails the
 *  typecheck. Keyed by string: a report from another version may name a signal this one does not know. */
const SIGNAL_WORDS: Readonly<Record<string, MessageKey>> = {
  paneHeading: 'popup.health.signal.paneHeading',
  profileLink: 'popup.health.signal.profileLink',
  contactSidebar: 'popup.health.signal.contactSidebar',
  selectedCard: 'popup.health.signal.selectedCard',
} satisfies Record<NameSignalId, MessageKey>;
const VERDICT_WORDS: Readonly<Record<Identity['verdicts'][string], MessageKey>> = {
  trusted: 'popup.health.verdict.trusted',
  generic: 'popup.health.verdict.generic',
  stale: 'popup.health.verdict.stale',
  missing: 'popup.health.verdict.missing',
};
const STATUS_WORDS: Readonly<Record<Exclude<Identity['status'], 'trusted'>, MessageKey>> = {
  waiting: 'popup.health.name.waiting',
  conflict: 'popup.health.name.conflict',
  none: 'popup.health.name.none',
};
const ANCHOR_WORDS: Readonly<Record<string, MessageKey>> = {
  composer: 'popup.health.anchor.composer',
  conversationHeader: 'popup.health.anchor.conversationHeader',
  threadList: 'popup.health.anchor.threadList',
};

function NameSource({ identity, locale }: { identity: Identity; locale: Locale }) {
  const t = translator(locale);
  const source = identity.source ? SIGNAL_WORDS[identity.source] : undefined;
  const summary =
    identity.status === 'trusted' && source
      ? t('popup.health.name.from', { signal: t(source) })
      : t(STATUS_WORDS[identity.status === 'trusted' ? 'none' : identity.status]);
  return (
    <div data-testid="name-health" data-status={identity.status} data-source={identity.source ?? ''}>
      <p>{summary}</p>
      <ul class="anchors">
        {Object.entries(SIGNAL_WORDS)
          .filter(([signal]) => identity.verdicts[signal])
          .map(([signal, words]) => (
            <li key={signal} data-signal={signal} data-verdict={identity.verdicts[signal]}>
              {t(words)}: {t(VERDICT_WORDS[identity.verdicts[signal]!])}
            </li>
          ))}
      </ul>
    </div>
  );
}

function reportStatus(state: ReportState, locale: Locale): string {
  const t = translator(locale);
  switch (state.status) {
    case 'copied':
      return t('popup.health.report.copied');
    case 'downloaded':
      return t('popup.health.report.downloaded', { filename: state.filename });
    case 'failed':
      return t(state.reason === 'no_inbox' ? 'popup.health.report.no_inbox' : 'popup.health.report.unreachable');
    default:
      return '';
  }
}

export function LayoutHealthView({ health, reportState, locale, timeZone, onCopyReport }: LayoutHealthViewProps) {
  const t = translator(locale);
  return (
    <>
      <h3>{t('popup.health.layout')}</h3>
      {!health ? (
        <p class="muted" data-testid="layout-health" data-state="none">
          {t('popup.health.layout.none')}
        </p>
      ) : (
        <div data-testid="layout-health" data-state={health.floating ? 'floating' : 'ok'}>
          <p>{health.floating ? t('popup.health.layout.floating') : t('popup.health.layout.ok')}</p>
          <ul class="anchors">
            {Object.entries(health.anchors).map(([anchor, matched]) => (
              <li key={anchor} data-anchor={anchor} data-found={String(matched !== null)}>
                {ANCHOR_WORDS[anchor] ? t(ANCHOR_WORDS[anchor]) : anchor}:{' '}
                {matched !== null ? t('popup.health.anchor.found') : t('popup.health.anchor.missing')}
              </li>
            ))}
          </ul>
          {health.identity ? <NameSource identity={health.identity} locale={locale} /> : null}
          <p class="muted">{t('popup.health.layout.checkedAt', { time: formatInstant(health.checkedAt, locale, timeZone) })}</p>
        </div>
      )}
      <p>
        <button
          type="button"
          data-testid="layout-report"
          aria-describedby="layout-report-note"
          disabled={reportState.status === 'working'}
          aria-busy={reportState.status === 'working'}
          onClick={onCopyReport}
        >
          {t('popup.health.report')}
        </button>
      </p>
      <p class="muted" id="layout-report-note">
        {t('popup.health.report.note')}
      </p>
      <p aria-live="polite" data-testid="layout-report-status" data-state={reportState.status}>
        {reportStatus(reportState, locale)}
      </p>
    </>
  );
}
