import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Locale } from '../../lib/i18n';
import { t } from '../../lib/i18n/inbox-strings';
import {
  MAX_TEXT_CHARS,
  availableRoutes,
  cooldownState,
  factsForResend,
  promoMatchesOf,
  resendOffer,
  routeById,
  textLength,
  type PromoMatch,
} from '../../lib/policy';
import type { FeedbackTemplate, ReopenContent, ReopenRequest, RouteId, ThreadFacts } from '../../lib/policy/types';
import { EMPTY_FEEDBACK, FeedbackForm } from './FeedbackForm';
import { PanelShell } from './PanelShell';
import type { AttemptView, RecipientView } from '../../lib/threads/view';
import type { PanelDraft } from '../../lib/conversation/drafts';
import { RecipientCheck } from './RecipientCheck';
import { DoubleDeliveryNotice, ReconcileStatus, ReopenResult } from './ReopenResult';
import { reasonText } from './words';
import type { SendResult, TemplatesState } from '../../lib/conversation/inbox-store';
import { TagPicker } from './TagPicker';
import { StopNotice } from './StopNotice';
import type { StopBlock } from '../../lib/storage/schema';
import { UtilityForm, type UtilityDraft } from './UtilityForm';
import { onTrusted } from './trusted';

export interface ReopenPanelProps {
  locale: Locale;
  now: number;
  facts: ThreadFacts;
  templates: TemplatesState;
  promoTerms: readonly string[];
  /** The thread's recent attempts, newest first: the last one's reconciliation is shown. */
  attempts?: readonly AttemptView[];
  sending: boolean;
  result: SendResult | null;
  timeZone?: string;
  /** A block from Meta that holds on this conversation now (the Page's or the person's): shown as soon as the panel
   *  opens, and Send is marked unavailable (a click still answers `blocked`: the background refuses it, on the stored
   *  blocks, before any Graph call). */
  block?: StopBlock | null;
  /** `retryOf`: the explicit "It did not arrive — send again" of that `unknown` attempt. */
  onSend: (request: ReopenRequest, retryOf?: string) => void;
  onClose: () => void;
  onNeedTemplates: () => void;
  /** Who would get the message and how Reopen knows (found by name only: the agent confirms or picks first). */
  recipient?: { psid: string; name: string; view: RecipientView; choosing: boolean; onChoose: (psid: string) => void };
  /** What the agent had composed for this conversation (Escape, closing, a switch away and back keep it). */
  draft?: PanelDraft;
  /** Told of every change to what the agent composes, to keep it for when the panel opens again. */
  onDraft?: (draft: PanelDraft) => void;
}

/** The content the agent is composing, as the policy will see it. */
function contentOf(route: RouteId, text: string, feedback: FeedbackTemplate, utility: UtilityDraft | null): ReopenContent {
  const kind = routeById(route).content;
  if (kind === 'feedback') return { kind: 'feedback', template: feedback };
  if (kind === 'utility') {
    return { kind: 'utility', templateName: utility?.templateName ?? '', language: utility?.language ?? '', parameters: utility?.parameters ?? [] };
  }
  return { kind: 'text', text };
}

/** The message with flagged wording marked; built from text nodes, never from HTML. */
function Highlighted({ text, matches }: { text: string; matches: readonly PromoMatch[] }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const match of [...matches].sort((a, b) => a.start - b.start)) {
    if (match.start < at) continue;
    parts.push(text.slice(at, match.start));
    parts.push(<mark key={match.start}>{text.slice(match.start, match.end)}</mark>);
    at = match.end;
  }
  parts.push(text.slice(at));
  return <p class="reopen-promo__preview">{parts}</p>;
}

/** The newest attempt that may have reached Meta, when Reopen reads (or read) the conversation for it. */
function reconciledAttempt(attempts: readonly AttemptView[] | undefined): AttemptView | null {
  const latest = attempts?.find((attempt) => attempt.status !== 'blocked' && attempt.status !== 'failed');
  return latest?.reconciliation ? latest : null;
}

export function ReopenPanel(props: ReopenPanelProps) {
  const { locale, now, facts } = props;
  // An `unknown` attempt read as "not delivered" holds the cooldown for every send but the explicit resend of
  // it: the routes it offers are the ones that resend may use.
  const resendOf = resendOffer(facts, now);
  const routeFacts = resendOf ? (factsForResend(facts, resendOf) ?? facts) : facts;
  const routes = useMemo(() => availableRoutes(routeFacts, now), [routeFacts, now]);
  const cooldown = cooldownState(routeFacts, now);
  const reconciled = reconciledAttempt(props.attempts);
  const recommendedRoute = routes.find((entry) => entry.recommended && entry.available)?.route.id ?? null;
  const isAvailable = (id: RouteId) => routes.some((entry) => entry.route.id === id && entry.available);

  // The agent's own pick; the route in use is derived from it on every render, so a re-read that makes it
  // unavailable (a cooldown starts, 7 days pass) never leaves Send enabled on a route that may not be used.
  // Until the agent picks: the recommended route, else the first available one. A pick that is no longer
  // available: the recommended one if it is available, else none (and Send says why). A cooldown that ends
  // gives the agent's pick back.
  const draft = props.draft;
  const [chosen, setChosen] = useState<RouteId | null>(draft?.chosen ?? null);
  const route: RouteId | null =
    chosen !== null && isAvailable(chosen)
      ? chosen
      : chosen === null
        ? (recommendedRoute ?? routes.find((entry) => entry.available)?.route.id ?? null)
        : recommendedRoute;
  const [text, setText] = useState(draft?.text ?? '');
  const [feedback, setFeedback] = useState<FeedbackTemplate>(draft?.feedback ?? EMPTY_FEEDBACK);
  const [utility, setUtility] = useState<UtilityDraft | null>(draft?.utility ?? null);
  // The confirmation covers the wording the agent saw: new flagged words need a new confirmation.
  const [confirmedTerms, setConfirmedTerms] = useState<string | null>(draft?.confirmedTerms ?? null);
  const onDraft = props.onDraft;
  useEffect(() => {
    onDraft?.({ chosen, text, feedback, utility, confirmedTerms });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- kept when the agent changes something, not at every new callback
  }, [chosen, text, feedback, utility, confirmedTerms]);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const sendRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  const contentKind = route ? routeById(route).content : null;
  useEffect(() => {
    if (contentKind === 'utility') props.onNeedTemplates();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- asked once per switch to the utility route (the container ignores repeats while loading), not at every new callback
  }, [contentKind]);

  const content = route ? contentOf(route, text, feedback, utility) : null;
  // Promotional-looking wording anywhere the agent typed: the very parts (and matches) preflight checks.
  const promoMatches = content ? promoMatchesOf(content, props.promoTerms) : [];
  const termsKey = [...new Set(promoMatches.map((match) => match.term))].sort().join('|');
  const promoConfirmed = promoMatches.length > 0 && confirmedTerms === termsKey;
  const count = textLength(text);

  const send = () => {
    if (!route || !content || props.sending) return;
    if (resendOf) props.onSend({ route, content, promoConfirmed }, resendOf);
    else props.onSend({ route, content, promoConfirmed });
  };

  // Why Send is off when no route is in use: what blocks them all (a cooldown first), or "choose one".
  const blocking = routes.find((entry) => entry.reason === 'cooldown') ?? routes.find((entry) => entry.recommended) ?? routes[0];
  const unproven = props.recipient?.view.proof === 'none';
  const sendOff = unproven
    ? reasonText(locale, 'recipient_unproven')
    : route !== null
      ? null
      : routes.some((entry) => entry.available)
        ? t(locale, 'panel.chooseRoute')
        : blocking?.reason
          ? t(locale, 'panel.sendOff', {
              reason: reasonText(locale, blocking.reason, { route: blocking.route, until: cooldown.until, timeZone: props.timeZone }),
            })
          : null;

  return (
    <PanelShell
      id="reopen-panel"
      class="reopen-panel"
      testId="reopen-panel"
      titleId="reopen-panel-title"
      title={t(locale, 'panel.title')}
      titleRef={titleRef}
      onEscape={props.onClose}
      headerActions={
        <button type="button" class="reopen-button" aria-label={t(locale, 'panel.close')} onClick={props.onClose}>
          ×
        </button>
      }
    >
      {props.block ? <StopNotice locale={locale} block={props.block} timeZone={props.timeZone} /> : null}

      {unproven && props.recipient ? (
        <RecipientCheck
          locale={locale}
          psid={props.recipient.psid}
          name={props.recipient.name}
          recipient={props.recipient.view}
          busy={props.recipient.choosing}
          timeZone={props.timeZone}
          onChoose={props.recipient.onChoose}
        />
      ) : null}
      <TagPicker locale={locale} routes={routes} selected={route} cooldownUntil={cooldown.until} onSelect={setChosen} timeZone={props.timeZone} />

      {contentKind === 'text' ? (
        <div class="reopen-field">
          <label for="reopen-text">{t(locale, 'panel.text.label')}</label>
          <textarea
            id="reopen-text"
            data-testid="reopen-text"
            rows={5}
            value={text}
            aria-describedby="reopen-text-count"
            aria-invalid={count >= MAX_TEXT_CHARS}
            onInput={(event) => setText(event.currentTarget.value)}
          />
          <span id="reopen-text-count" class={`reopen-count${count >= MAX_TEXT_CHARS ? ' reopen-count--over' : ''}`}>
            {t(locale, 'panel.text.count', { count, max: MAX_TEXT_CHARS })}
            {count >= MAX_TEXT_CHARS ? ` ${t(locale, 'panel.text.tooLong', { limit: MAX_TEXT_CHARS - 1 })}` : ''}
          </span>
        </div>
      ) : null}
      {contentKind === 'feedback' ? (
        <FeedbackForm locale={locale} value={feedback} onChange={setFeedback} revealEmpty={props.result?.reason === 'invalid_feedback'} />
      ) : null}
      {contentKind === 'utility' ? (
        <UtilityForm locale={locale} templates={props.templates} value={utility} onChange={setUtility} onReload={props.onNeedTemplates} />
      ) : null}

      {promoMatches.length > 0 ? (
        <div class="reopen-promo">
          <p>
            {t(locale, 'policy.promo.found', { terms: [...new Set(promoMatches.map((match) => text.slice(match.start, match.end) || match.term))].join(', ') })}
          </p>
          {content?.kind === 'text' ? (
            <>
              <p class="reopen-tag__label">{t(locale, 'panel.promo.preview')}</p>
              <Highlighted text={text} matches={promoMatches} />
            </>
          ) : null}
          <label class="reopen-check">
            <input
              type="checkbox"
              required
              checked={promoConfirmed}
              onChange={onTrusted(
                (event) => setConfirmedTerms(event.currentTarget.checked ? termsKey : null),
                // A page script ticked it: the box shows what the agent confirmed, nothing else.
                (event) => {
                  event.currentTarget.checked = promoConfirmed;
                },
              )}
            />
            {t(locale, 'policy.promo.confirm')}
          </label>
        </div>
      ) : null}

      <DoubleDeliveryNotice locale={locale} attempt={props.attempts?.find((attempt) => attempt.doubleDelivery) ?? null} timeZone={props.timeZone} />
      {reconciled ? (
        <ReconcileStatus
          locale={locale}
          attempt={reconciled}
          resend={resendOf === reconciled.requestId ? { disabled: route === null, sending: props.sending, onResend: send } : null}
        />
      ) : null}

      <div class="reopen-panel__actions">
        {/* While a resend is offered, the only send is that explicit one (above). */}
        {resendOf ? null : (
          <button
            type="button"
            class="reopen-button reopen-button--primary"
            data-testid="reopen-send"
            ref={sendRef}
            disabled={props.sending || route === null || unproven}
            aria-disabled={props.block ? 'true' : undefined}
            aria-busy={props.sending}
            aria-describedby={props.block ? 'reopen-stop-why' : sendOff ? 'reopen-send-off' : undefined}
            onClick={onTrusted(send)}
          >
            {props.sending ? t(locale, 'panel.sending') : t(locale, 'panel.send')}
          </button>
        )}
        {sendOff ? (
          <p id="reopen-send-off" class="reopen-hint">
            {sendOff}
          </p>
        ) : null}
      </div>

      <ReopenResult locale={locale} sending={props.sending} result={props.result} sendRef={sendRef} timeZone={props.timeZone} />
    </PanelShell>
  );
}
