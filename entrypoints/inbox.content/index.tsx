import './style.css';
import { render } from 'preact';
import { createShadowUi, loadUiCss } from '../../lib/inbox/shadow-ui';
import { InboxRoot } from '../../components/inbox/InboxRoot';
import { createInboxStore } from '../../lib/conversation/inbox-store';
import { trackConversation } from '../../lib/conversation/conversation-tracker';
import { mountBesideComposer } from '../../lib/inbox/composer-mount';
import { createContextTimers, pacedFrames } from '../../lib/inbox/timers';
import { preferredLanguage } from '../../lib/i18n/core';
import { ask } from '../../lib/messaging/client';
import { isOpenPanelMessage } from '../../lib/messaging/commands';
import { isRowsChangedMessage } from '../../lib/messaging/rows-changed';
import { watchPageTheme } from '../../lib/inbox/page-theme';
import { watchRowBadges } from '../../lib/inbox/row-badges';
import { rowsRefresher, screenRowFact } from '../../lib/conversation/row-facts-refresher';
import { rowBadgeWords } from '../../components/inbox/row-words';
import { browser } from 'wxt/browser';
import { followInboxRoute, inboxRendered, type SessionContext } from '../../lib/inbox/route-session';
import { parseInboxUrl } from '../../lib/inbox/url';
import { panelChoose, panelLoader, panelSend, panelTemplates } from './panel-loader';

// How long the composer may take to render before Reopen falls back to its floating banner.
const COMPOSER_WAIT_MS = 4000;
// A second over the background's 60 s caches (thread facts, the Page's listing, lib/threads/listing.ts), which count
// from when a read started: a tick exactly on the minute found them still fresh and waited for the next, 120 s.
const REFRESH_EVERY_MS = 61_000;
// Row badges: at most one pass this often while the list re-renders continuously (the first one at once).
const BADGE_GAP_MS = 100;
const ROW_TICK_MS = 30_000;
// The minute's thread refresh comes this long after the rows' (the background then has the listing read under way).
const THREAD_AFTER_ROWS_MS = 1000;

export default defineContentScript({
  // Every Business Suite route: agents reach the inbox by in-app navigation (history.pushState) from its home or
  // another section. Off the inbox only the route is followed (lib/inbox/route-session.ts); the inbox UI, its
  // observers and timers live from when the route becomes the inbox until it leaves it.
  matches: ['https://business.facebook.com/*'],
  cssInjectionMode: 'ui',
  main(ctx) {
    let css: Promise<string> | null = null;
    // The stylesheet WXT builds for this entrypoint (cssInjectionMode 'ui': loaded into the shadow roots only), read
    // once for every session of this page.
    const readCss = () => (css ??= loadUiCss((browser.runtime.getURL as (path: string) => string)('/content-scripts/inbox.css')));
    followInboxRoute(ctx, {
      href: () => window.location.href,
      isInbox: (url) => parseInboxUrl(url) !== null,
      rendered: () => inboxRendered(document),
      start: (session) => void startInbox(session, readCss),
    });
  },
});

/** The inbox UI for one visit of the inbox route: everything here ends with `ctx` (the session's context), which ends
 *  when the route leaves the inbox or the extension is updated. */
async function startInbox(ctx: SessionContext, readCss: () => Promise<string>) {
  {
    // Every timer and listener ends with ctx, so leaving the inbox or an extension update leaves nothing running
    // (these timers without a listener per call: lib/inbox/timers.ts says why).
    const scheduler = createContextTimers(ctx);
    const now = () => Date.now();
    const visible = () => document.visibilityState === 'visible';
    const store = createInboxStore({
      ask,
      now,
      newRequestId: () => crypto.randomUUID(),
      send: panelSend,
      loadTemplates: panelTemplates,
      choose: panelChoose,
      // "Same as the browser" follows Business Suite's own language first (the inbox's <html lang>), then the browser's.
      browserLanguage: preferredLanguage(document.documentElement.lang, navigator.language),
    });
    const openOptions = () => void ask({ type: 'options.open' }).catch(() => undefined);
    const view = (
      <InboxRoot
        store={store}
        scheduler={scheduler}
        onOpenOptions={openOptions}
        panel={panelLoader}
        stringsFailedLine={browser.i18n.getMessage('inboxStringsFailed')}
      />
    );

    // Which conversation is on screen and who it is with (lib/conversation/conversation-tracker.ts): the store's
    // `location` changes at each switch.
    const reportHealth = trackConversation(ctx, store, scheduler, (report) => void ask({ type: 'inbox.health', report }).catch(() => undefined));
    // The keyboard shortcut (manifest `commands`), relayed by the background: open the reopen panel.
    const onCommandMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
      if (isOpenPanelMessage(message, sender, browser.runtime.id)) store.actions.openPanel();
    };
    browser.runtime.onMessage.addListener(onCommandMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onCommandMessage));

    void store.actions.loadSettings();

    const css = await readCss();
    if (!ctx.isValid) return;
    const floating = createShadowUi(ctx, document, {
      name: 'reopen-inbox-floating',
      anchor: () => document.body,
      append: 'last',
      css,
      onMount: (container) => {
        render(view, container);
        return container;
      },
      onRemove: (container) => container && render(null, container),
    });

    let floatingTimer: number | null = null;
    const fallBackToFloating = () => {
      floatingTimer = null;
      // A frame may still be pending (or the tab was hidden): look for the composer now before floating.
      composer.check();
      reportHealth();
      // Nothing to float for when no Messenger or Instagram conversation is selected.
      const location = store.getState().location;
      if (inline.mounted || !location?.selectedItemId || location.threadType === 'other') return;
      if (!floating.mounted) floating.mount();
      store.actions.setFloating(true);
    };
    const armFloatingFallback = () => {
      if (floatingTimer !== null) scheduler.clearTimeout(floatingTimer);
      floatingTimer = scheduler.setTimeout(fallBackToFloating, COMPOSER_WAIT_MS);
    };

    // The composer row the inline UI goes before; set by the mount loop just before it mounts.
    let composerRow: Element | null = null;
    const inline = createShadowUi(ctx, document, {
      name: 'reopen-inbox',
      anchor: () => composerRow,
      append: 'before',
      css,
      onMount: (container) => {
        if (floating.mounted) floating.remove();
        store.actions.setFloating(false);
        render(view, container);
        reportHealth();
        return container;
      },
      onRemove: (container) => {
        if (container) render(null, container);
        armFloatingFallback();
      },
    });
    // Not inline.autoMount() (STYLE item 8): WXT's autoMount observes the whole document with attributes and
    // runs the anchor lookup for every mutation record, which the browser bench measured at +14-30 % of the
    // host page's main-thread time under DOM churn (target ≤ 5 %). lib/inbox/composer-mount.ts explains the
    // cheaper loop; it mounts through lib/inbox/shadow-ui.ts, whose UI ctx removes on invalidation.
    const composer = mountBesideComposer(document, {
      mount: (row) => {
        composerRow = row;
        // Moves the host when React replaced the row; onMount re-renders the same view (state is in the store).
        inline.mount();
        return inline.shadowHost;
      },
      unmount: () => inline.remove(),
      // Plain rAF, not ctx.requestAnimationFrame: that adds an invalidation listener per call, never removed, which
      // a per-frame check would pile up all day. The loop itself is stopped through ctx.onInvalidated below, and a
      // frame that fires after that does nothing.
      requestFrame: (check) => void requestAnimationFrame(check),
    });
    armFloatingFallback();

    // Row badges on the conversation list (lib/inbox/row-badges.ts): facts from the background at most once a minute
    // while visible (it reads the Page's listing no more often), the clock ticking them locally in between.
    const rows = watchRowBadges(document, {
      // Its row-badge rules go into one <style> of the document (the badges have no shadow root).
      css,
      words: (view) => (store.getState().strings === 'ready' ? rowBadgeWords(view, store.getState().locale) : null),
      now,
      // At most one pass per BADGE_GAP_MS while the list churns (pacedFrames): the context's timers, plain rAF as the
      // composer's.
      requestFrame: pacedFrames(BADGE_GAP_MS, { now: () => performance.now(), frame: (run) => void requestAnimationFrame(run), later: scheduler.setTimeout }),
      // The next instant a badge changes kind (a window closing, a cooldown ending): repainted then, locally.
      later: (run, ms) => {
        const timer = scheduler.setTimeout(run, ms);
        return () => scheduler.clearTimeout(timer);
      },
    });
    // Dark with Business Suite's dark theme, else with the system (lib/inbox/page-theme.ts); the CSS reads the mark.
    const theme = watchPageTheme(window, (value) => {
      for (const ui of [inline, floating]) ui.shadowHost.dataset.reopenTheme = value;
      rows.theme(value);
    });
    ctx.onInvalidated(() => theme.stop());

    const refreshRows = rowsRefresher({
      ask: (pageId) => ask({ type: 'urgency.rows', pageId }),
      apply: (facts, closesSoonMinutes) => rows.update(facts, closesSoonMinutes),
      pageId: () => store.getState().location?.pageId ?? null,
      visible,
      now,
      everyMs: REFRESH_EVERY_MS,
    });
    refreshRows();
    // The background says a conversation's row facts changed (lib/messaging/rows-changed.ts): ask again now.
    const onRowsChanged = (message: unknown, sender: { id?: string; tab?: unknown }) => {
      if (isRowsChangedMessage(message, sender, browser.runtime.id)) refreshRows({ force: true });
    };
    browser.runtime.onMessage.addListener(onRowsChanged);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onRowsChanged));
    store.subscribe((state, previous) => {
      if (state.locale !== previous.locale || state.strings !== previous.strings) rows.tick();
      // The conversation on screen's own facts (a send's outcome, its thread read): its row changes with the banner.
      if (state.thread !== previous.thread || state.result !== previous.result) rows.local(screenRowFact(state));
      if (state.location === previous.location) return;
      // Another conversation: the composer may take its time again, and another Page's inbox has its own row facts
      // (the same Page is asked no more than once a minute).
      armFloatingFallback();
      refreshRows();
    });

    // A hidden tab's churn costs nothing: the composer loop stops observing and checks again when shown.
    if (!visible()) {
      composer.pause();
      rows.pause();
    }
    ctx.addEventListener(document, 'visibilitychange', () => {
      if (!visible()) {
        rows.pause();
        return composer.pause();
      }
      composer.resume();
      rows.resume();
      refreshRows();
      void store.actions.loadSettings();
      void store.actions.refresh();
    });
    ctx.setInterval(() => {
      refreshRows();
      // Once the badges' listing read is under way: a conversation it holds is refreshed from it, no call of its own
      // (lib/threads/service.ts listedConversation).
      scheduler.setTimeout(() => {
        if (visible()) void store.actions.refresh({ periodic: true });
      }, THREAD_AFTER_ROWS_MS);
    }, REFRESH_EVERY_MS);
    // The badges' words change at most once a minute (whole minutes, hours or days).
    ctx.setInterval(() => visible() && rows.tick(), ROW_TICK_MS);
    ctx.onInvalidated(() => {
      rows.stop();
      composer.stop();
    });
  }
}
