import type { ComponentChildren, Ref } from 'preact';
import type { Locale } from '../../lib/i18n';
import { formatDuration } from '../../lib/i18n/format';
import { t } from '../../lib/i18n/inbox-strings';
import type { ThreadStatus } from '../../lib/inbox/status';
import type { Candidate, RecipientView, UnresolvedReason } from '../../lib/threads/view';
import type { ErrorView } from '../../lib/graph/error-view';
import type { StorageNotice } from '../../lib/storage/notice';
import { storagePercent } from '../../lib/storage/notice';
import type { CandidateListProps } from './CandidateList';
import { errorLine } from './words';

/** What the banner is about; derived by the container from the store. */
export type BannerModel =
  | { kind: 'loading' }
  | { kind: 'no_conversation' }
  /** The background did not answer (ProtocolFailure code). */
  | { kind: 'failure'; code: string }
  | {
      kind: 'unresolved';
      reason: UnresolvedReason;
      candidates: readonly Candidate[];
      error?: ErrorView;
      /** Reopen could not read the customer's name on this page (changed layout): that, not the Page's
       *  conversations, is why it is not found. */
      nameUnread?: boolean;
    }
  /** `recipient`: how Reopen knows who this is; found by name only, or contradicted by the pane, the window is in doubt. */
  | { kind: 'resolved'; status: ThreadStatus; recipient?: RecipientView; customerName?: string };

export interface ExpiryBannerProps {
  locale: Locale;
  now: number;
  model: BannerModel;
  floating: boolean;
  panelOpen: boolean;
  choosing: boolean;
  /** Reopen's storage is near or at its quota: said above everything else (when full, nothing can be sent). */
  storage?: StorageNotice;
  /** A read of the thread is on its way ("Check again" says it is busy). */
  checking?: boolean;
  timeZone?: string;
  openerRef?: Ref<HTMLButtonElement>;
  /** The key the browser assigned to the panel's shortcut ('' when none): named in the opener's title. */
  shortcut?: string;
  onOpenPanel: () => void;
  /** Reads the thread from Meta again (past the background's cache). */
  onRetry: () => void;
  onOpenOptions: () => void;
  onChoose: (psid: string) => void;
  /** Draws the list the agent picks the customer from (./CandidateList.tsx, loaded on demand with the panel: a name
   *  shared by two customers is rare). */
  candidateList: (props: CandidateListProps) => ComponentChildren;
}

type Fix = 'connect' | 'reconnect' | 'retry' | 'choose' | null;

const FIX_FOR: Record<UnresolvedReason, Fix> = {
  page_not_connected: 'connect',
  page_needs_reconnect: 'reconnect',
  not_found: 'retry',
  ambiguous: 'choose',
  graph_error: 'retry',
  unsupported_thread: null,
  // "Check again" reads Meta now instead of waiting for the name to render.
  awaiting_name: 'retry',
};

function StatusLines({ locale, now, status }: { locale: Locale; now: number; status: ThreadStatus }) {
  const { window, cooldown, closingSoon } = status;
  const left = (until: number | null) => formatDuration((until ?? now) - now, locale);
  return (
    <>
      {window.state === 'open' ? (
        <p class="reopen-banner__status">
          {t(locale, 'banner.open', { left: left(window.windowClosesAt) })}
          {/* A space of its own: without it the badge is read as one word with the time ("19 minClosing soon"). */}
          {closingSoon ? (
            <>
              {' '}
              <strong class="reopen-badge">{t(locale, 'banner.closingSoon')}</strong>
            </>
          ) : null}
        </p>
      ) : null}
      {window.state === 'human_agent' ? (
        <p class="reopen-banner__status">
          {t(locale, 'banner.humanAgent', {
            ago: formatDuration(now - (window.windowClosesAt ?? now), locale),
            left: left(window.humanAgentUntil),
          })}
        </p>
      ) : null}
      {window.state === 'closed' ? (
        <>
          <p class="reopen-banner__status">{t(locale, 'banner.closed')}</p>
          <p class="reopen-hint">{t(locale, status.platform === 'instagram' ? 'banner.closedRouteInstagram' : 'banner.closedRoute')}</p>
        </>
      ) : null}
      {window.state === 'human_agent' || window.state === 'closed' ? (
        // What the window limits: sends through Meta's Send API, not Business Suite's own reply box (unconfirmed by Meta).
        <p class="reopen-hint" data-testid="reopen-api-scope">
          {t(locale, 'banner.apiScope')}
        </p>
      ) : null}
      {window.state === 'unknown' ? <p class="reopen-banner__status">{t(locale, 'banner.unknown.no_customer_message')}</p> : null}
      {status.customerTimeDoubtful ? (
        <p class="reopen-hint" data-testid="reopen-time-doubt">
          {t(locale, 'banner.doubt.customerTimeInFuture')}
        </p>
      ) : null}
      {cooldown.active ? (
        <p class="reopen-banner__cooldown">
          {t(locale, 'banner.cooldown', { left: left(cooldown.until) })}
          <span class="reopen-hint"> {t(locale, 'banner.cooldownWhy')}</span>
        </p>
      ) : null}
    </>
  );
}

/** The expiry banner above the composer: the window in words, the time left, and the one next step. */
export function ExpiryBanner(props: ExpiryBannerProps) {
  const { locale, now, model, floating } = props;
  const windowState = model.kind === 'resolved' ? model.status.window.state : 'unknown';
  const cooling = model.kind === 'resolved' && model.status.cooldown.active;
  const urgent = model.kind === 'resolved' && model.status.closingSoon;
  const canReopen = windowState === 'human_agent' || windowState === 'closed';
  // The window shown is the resolved person's as Meta has it: in doubt when nothing proved that person is the one on
  // screen, or the pane contradicts it (DESIGN.md §1, "The recipient must be proven").
  const recipient = model.kind === 'resolved' ? model.recipient : undefined;
  const doubt = recipient?.doubt ?? (recipient?.proof === 'none' ? 'unproven' : null);
  // A known window gets "Check again" too: the customer may have replied since the last read, and the
  // periodic refresh comes only once a minute.
  const fix: Fix = model.kind === 'unresolved' ? FIX_FOR[model.reason] : model.kind === 'failure' || model.kind === 'resolved' ? 'retry' : null;
  const classes = [
    'reopen-banner',
    `reopen-banner--${windowState}`,
    urgent ? 'reopen-banner--urgent' : '',
    cooling ? 'reopen-banner--cooling' : '',
    floating ? 'reopen-banner--floating' : '',
  ];

  return (
    <section
      class={classes.filter(Boolean).join(' ')}
      data-testid="reopen-banner"
      data-window={windowState}
      data-time-doubt={model.kind === 'resolved' && model.status.customerTimeDoubtful ? 'customer_time_in_future' : undefined}
      data-cooldown={cooling ? 'active' : 'none'}
      data-doubt={doubt ? 'true' : undefined}
      aria-label={t(locale, 'banner.region')}
    >
      {floating ? <p class="reopen-banner__floating">{t(locale, 'banner.floating')}</p> : null}
      {props.storage || (model.kind === 'failure' && model.code === 'storage_full') ? (
        <StorageLine locale={locale} notice={props.storage ?? { level: 'full', bytesInUse: 0, quotaBytes: null }} onOpenOptions={props.onOpenOptions} />
      ) : null}

      {model.kind === 'resolved' ? <StatusLines locale={locale} now={now} status={model.status} /> : null}
      {model.kind === 'resolved' && doubt ? (
        <p class="reopen-banner__doubt" data-testid="reopen-doubt" data-doubt-kind={doubt}>
          {t(locale, `banner.doubt.${doubt}`, { name: model.customerName ?? '' })}
        </p>
      ) : null}
      {model.kind === 'loading' ? (
        <p class="reopen-banner__status" aria-busy="true">
          {t(locale, 'banner.loading')}
        </p>
      ) : null}
      {model.kind === 'no_conversation' ? <p class="reopen-banner__status">{t(locale, 'banner.noConversation')}</p> : null}
      {model.kind === 'failure' ? (
        <p class="reopen-banner__status">{t(locale, model.code === 'storage_full' ? 'banner.unknown.storage_full' : 'banner.unknown.no_reply')}</p>
      ) : null}
      {model.kind === 'unresolved' ? (
        <>
          <p class="reopen-banner__status" aria-busy={model.reason === 'awaiting_name' ? 'true' : undefined}>
            {model.reason === 'not_found' && model.nameUnread ? t(locale, 'banner.unknown.name_unread') : t(locale, `banner.unknown.${model.reason}`)}
          </p>
          {model.error ? <p class="reopen-hint">{errorLine(locale, model.error)}</p> : null}
          {model.reason === 'ambiguous' || model.reason === 'not_found'
            ? model.candidates.length > 0 || model.reason === 'ambiguous' || model.nameUnread
              ? props.candidateList({ locale, candidates: model.candidates, busy: props.choosing, onChoose: props.onChoose, timeZone: props.timeZone })
              : null
            : null}
        </>
      ) : null}

      <div class="reopen-banner__actions">
        {canReopen || recipient?.proof === 'none' ? (
          <button
            type="button"
            class="reopen-button reopen-button--primary"
            data-testid="reopen-open"
            ref={props.openerRef}
            aria-expanded={props.panelOpen}
            aria-controls="reopen-panel"
            title={props.shortcut ? t(locale, 'panel.open.shortcut', { key: props.shortcut }) : t(locale, 'panel.open.noShortcut')}
            aria-keyshortcuts={props.shortcut || undefined}
            onClick={props.onOpenPanel}
          >
            {canReopen ? t(locale, 'panel.open') : t(locale, 'banner.fix.checkRecipient')}
          </button>
        ) : null}
        {fix === 'connect' || fix === 'reconnect' ? (
          <button type="button" class="reopen-button" onClick={props.onOpenOptions}>
            {t(locale, fix === 'connect' ? 'banner.fix.connect' : 'banner.fix.reconnect')}
          </button>
        ) : null}
        {fix === 'retry' || fix === 'choose' ? (
          <button
            type="button"
            class="reopen-button"
            data-testid="reopen-refresh"
            aria-busy={props.checking ?? false}
            // The visible words start the name (WCAG 2.5.3); on a known window the name says what is checked.
            aria-label={model.kind === 'resolved' ? t(locale, 'banner.refresh.label') : undefined}
            onClick={props.onRetry}
          >
            {t(locale, 'banner.fix.retry')}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function StorageLine({ locale, notice, onOpenOptions }: { locale: Locale; notice: StorageNotice; onOpenOptions: () => void }) {
  const percent = storagePercent(notice);
  return (
    <p class="reopen-hint" role="alert" data-testid="reopen-storage" data-level={notice.level}>
      {t(locale, notice.level === 'full' ? 'banner.storage.full' : 'banner.storage.near_full', { percent })}{' '}
      <button type="button" class="reopen-button" onClick={onOpenOptions}>
        {t(locale, 'banner.fix.storage')}
      </button>
    </p>
  );
}
