import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { translator, type Locale, type MessageKey } from '../../lib/i18n';
import type { OfferedPage, PageOffer, PickResult } from '../../lib/pages/view';
import { ConnectError } from './ConnectError';

// The Pages a person's token offers (lib/pages/service.ts `connect`): the agent picks which to connect, each with its
// own Page token, which stays in the background. This list holds ids, names and tasks only; the person is never
// listed as a Page.

export interface PageOfferProps {
  offer: PageOffer;
  locale: Locale;
  /** Connects the picked Pages; null once a pick was made (the person's token was dropped with it). */
  onPick: ((pageIds: string[]) => Promise<void>) | null;
  /** What the pick did, Page by Page. */
  results: PickResult[] | null;
  /** A Page checked from the start (the one being reconnected). */
  preselect?: string;
}

const pickable = (page: OfferedPage) => page.canMessage && !page.managed;

function reasonKey(page: OfferedPage): MessageKey {
  if (page.managed) return 'options.offer.managed';
  if (!page.canMessage) return 'options.offer.noMessaging';
  return page.connected ? 'options.offer.connected' : 'options.offer.canMessage';
}

export function PageOfferPicker({ offer, locale, onPick, results, preselect }: PageOfferProps) {
  const t = translator(locale);
  const id = useId();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(
    () => new Set(offer.pages.filter((page) => page.id === preselect && pickable(page)).map((page) => page.id)),
  );
  const [busy, setBusy] = useState(false);
  const [nothingChosen, setNothingChosen] = useState(false);
  const group = useRef<HTMLFieldSetElement>(null);
  const anyPickable = offer.pages.some(pickable);

  // The list replaced the token field's answer: keyboard and screen-reader users land in it, on the first Page they
  // can pick (or on the list itself when there is none).
  useEffect(() => {
    const first = group.current?.querySelector<HTMLInputElement>('input[type="checkbox"]:not(:disabled)');
    (first ?? group.current)?.focus();
  }, []);

  // After the pick its button is gone: the list keeps the focus, where the outcome of each Page is read.
  useEffect(() => {
    if (results) group.current?.focus();
  }, [results]);

  const toggle = (pageId: string, on: boolean) => {
    setNothingChosen(false);
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(pageId);
      else next.delete(pageId);
      return next;
    });
  };

  const connect = async () => {
    if (!onPick) return;
    const pageIds = offer.pages.filter((page) => pickable(page) && chosen.has(page.id)).map((page) => page.id);
    if (pageIds.length === 0) {
      setNothingChosen(true);
      return;
    }
    setBusy(true);
    try {
      await onPick(pageIds);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset class="offer" data-testid="page-offers" ref={group} tabIndex={-1} aria-describedby={`${id}-intro`}>
      <legend>{t('options.offer.heading', { name: offer.personName })}</legend>
      <p id={`${id}-intro`} class="muted">
        {t('options.offer.intro')}
      </p>
      {!anyPickable && (
        <p role="status" class="bad" data-testid="page-offer-none">
          {t('options.offer.noneCanMessage')}
        </p>
      )}
      <ul class="offers">
        {offer.pages.map((page) => {
          const result = results?.find((candidate) => candidate.pageId === page.id);
          const inputId = `${id}-${page.id}`;
          return (
            <li
              key={page.id}
              data-testid="page-offer"
              data-page-id={page.id}
              data-can-message={String(page.canMessage)}
              data-outcome={result ? ('page' in result ? 'connected' : 'refused') : undefined}
            >
              <div class="row">
                <input
                  type="checkbox"
                  id={inputId}
                  data-testid="page-offer-pick"
                  checked={chosen.has(page.id)}
                  disabled={!pickable(page) || !onPick || busy}
                  aria-describedby={`${inputId}-reason ${inputId}-tasks`}
                  onChange={(event) => toggle(page.id, event.currentTarget.checked)}
                />
                <label for={inputId} class="inline">
                  {page.name}
                </label>
                <span class="muted">{t('options.page.id', { id: page.id })}</span>
              </div>
              <p id={`${inputId}-reason`} class={pickable(page) ? 'muted' : 'bad'} data-testid="page-offer-reason">
                {t(reasonKey(page))}
              </p>
              <p id={`${inputId}-tasks`} class="muted" data-testid="page-offer-tasks">
                {page.tasks.length > 0 ? t('options.offer.tasks', { tasks: page.tasks.join(', ') }) : t('options.offer.noTasks')}
              </p>
              {result && 'page' in result && (
                <p role="status" class="ok" data-testid="page-offer-result">
                  {t('options.offer.done')}
                </p>
              )}
              {result && 'error' in result && <ConnectError error={result.error} locale={locale} testId="page-offer-error" />}
            </li>
          );
        })}
      </ul>
      {onPick ? (
        anyPickable && (
          <div class="row">
            <button
              type="button"
              class="primary"
              data-testid="page-offer-connect"
              disabled={busy}
              aria-busy={busy}
              aria-describedby={nothingChosen ? `${id}-choose` : undefined}
              onClick={() => void connect()}
            >
              {busy ? t('options.connecting') : t('options.offer.connect')}
            </button>
          </div>
        )
      ) : (
        <p class="muted" data-testid="page-offer-again">
          {t('options.offer.again')}
        </p>
      )}
      {nothingChosen && (
        <p id={`${id}-choose`} role="alert" class="error" data-testid="page-offer-problem">
          {t('options.offer.chooseOne')}
        </p>
      )}
    </fieldset>
  );
}
