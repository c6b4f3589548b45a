import { useId, useRef, useState } from 'preact/hooks';
import { formatInstant, translator, type Locale, type MessageKey } from '../../lib/i18n';
import type { ErrorView } from '../../lib/graph/error-view';
import type { LabelsPageView, LabelsSetReply } from '../../lib/labels/view';
import type { ConnectReply, PageOffer, PageView, PickResult } from '../../lib/pages/view';
import { LabelsSwitch } from './LabelsSwitch';
import { ConnectError } from './ConnectError';
import { PageOfferPicker } from './PageOffer';
import { errorDetail } from '../../lib/extension-pages/error-detail';

// Connecting Pages. A token typed here goes straight to the background in one message and is cleared
// from the field as soon as it was sent: the options page never shows a token, and keeps none but a person's — in
// memory, only while their Pages are offered — to send it again with the pick (the background stores neither).

export interface PagesProps {
  pages: PageView[];
  locale: Locale;
  timeZone?: string;
  onConnect: (token: string) => Promise<ConnectReply>;
  onPick: (personToken: string, pageIds: string[]) => Promise<PickResult[]>;
  onDisconnect: (pageId: string) => Promise<void>;
  /** Each Page's label sync by Page id (issue 22); a Page without one shows no labels switch. */
  labels?: Readonly<Record<string, LabelsPageView>>;
  onSetLabels?: (pageId: string, enabled: boolean, language: Locale) => Promise<LabelsSetReply>;
}

type Notice =
  | { kind: 'ok'; text: string }
  | { kind: 'error'; error: ErrorView }
  | { kind: 'problem'; text: string }
  /** A person's token: their Pages to pick from. `token` is dropped (null) once the pick was made. */
  | { kind: 'offer'; offer: PageOffer; token: string | null; results: PickResult[] | null }
  | null;

/** A person's token answered with their Pages: the notice that offers them. */
const offerNotice = (offer: PageOffer, token: string): Notice => ({ kind: 'offer', offer, token, results: null });

function TokenField(props: {
  label: string;
  inputTestId: string;
  buttonTestId: string;
  buttonLabel: string;
  hint?: string;
  locale: Locale;
  onSubmit: (token: string) => Promise<Notice>;
  onPick: PagesProps['onPick'];
  /** The offered Page checked from the start (reconnecting one Page with a person's token). */
  preselect?: string;
}) {
  const t = translator(props.locale);
  const id = useId();
  const [token, setTokenState] = useState('');
  // Mirrors the field so a submit right after typing sees what was typed.
  const latest = useRef('');
  const field = useRef<HTMLInputElement>(null);
  const setToken = (value: string) => {
    latest.current = value;
    setTokenState(value);
  };
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const offered = notice?.kind === 'offer' ? notice : null;
  return (
    <>
      <form
        class="token-form"
        onSubmit={(event) =>
          void (async () => {
            event.preventDefault();
            const value = latest.current.trim();
            if (!value) {
              setNotice({ kind: 'problem', text: t('options.token.empty') });
              return;
            }
            setBusy(true);
            setNotice(null);
            try {
              setNotice(await props.onSubmit(value));
            } finally {
              // The token leaves the page at once: cleared from state and from the field itself, whatever
              // the render timing.
              setToken('');
              if (field.current) field.current.value = '';
              setBusy(false);
            }
          })()
        }
      >
        <label for={`${id}-token`}>{props.label}</label>
        <div class="row">
          <input
            id={`${id}-token`}
            ref={field}
            type="password"
            autocomplete="off"
            spellcheck={false}
            data-testid={props.inputTestId}
            value={token}
            aria-describedby={props.hint ? `${id}-hint` : undefined}
            aria-invalid={notice?.kind === 'problem' ? 'true' : undefined}
            onInput={(event) => setToken(event.currentTarget.value)}
          />
          <button type="submit" class="primary" data-testid={props.buttonTestId} disabled={busy} aria-busy={busy}>
            {busy ? t('options.connecting') : props.buttonLabel}
          </button>
        </div>
        {props.hint && (
          <p id={`${id}-hint`} class="muted">
            {props.hint}
          </p>
        )}
        {notice?.kind === 'ok' && (
          <p role="status" data-testid="connect-ok">
            {notice.text}
          </p>
        )}
        {notice?.kind === 'problem' && (
          <p role="alert" class="error" data-testid="connect-problem">
            {notice.text}
          </p>
        )}
        {notice?.kind === 'error' && <ConnectError error={notice.error} locale={props.locale} />}
      </form>
      {offered && (
        <PageOfferPicker
          // A new person's token is a new list, with its own choices.
          key={offered.offer.personName + offered.offer.pages.map((page) => page.id).join()}
          offer={offered.offer}
          results={offered.results}
          locale={props.locale}
          preselect={props.preselect}
          onPick={
            offered.token === null
              ? null
              : async (pageIds) => {
                  const results = await props.onPick(offered.token ?? '', pageIds);
                  // The person's token leaves the page with the pick.
                  setNotice({ kind: 'offer', offer: offered.offer, token: null, results });
                }
          }
        />
      )}
    </>
  );
}

/** Why a Page needs reconnecting: Meta refused its token, its saved record was damaged, or its token is gone. */
function statusKey(page: PageView): MessageKey {
  if (page.status === 'connected') return 'options.page.status.connected';
  return page.reconnectReason ? `options.page.status.${page.reconnectReason}` : 'options.page.status.needs_reconnect';
}

function PageItem(props: { page: PageView } & Omit<PagesProps, 'pages'>) {
  const { page, locale } = props;
  const t = translator(locale);
  const [confirming, setConfirming] = useState(false);
  const [reconnecting, setReconnecting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const headingId = useId();
  return (
    <li data-testid="page-item" data-page-id={page.id} data-status={page.status} aria-labelledby={headingId}>
      <h3 id={headingId}>{page.name}</h3>
      <p class="muted">{t('options.page.id', { id: page.id })}</p>
      <p data-testid="page-status" data-reason={page.reconnectReason} class={page.status === 'connected' ? 'ok' : 'bad'}>
        {t(statusKey(page))}
        <span class="muted"> · {t('options.page.checkedAt', { time: formatInstant(page.checkedAt, locale, props.timeZone) })}</span>
      </p>
      {page.managed ? (
        <p class="muted" data-testid="page-managed">
          {t('options.page.managed')}
        </p>
      ) : (
        <div class="row">
          {!confirming && (
            <button
              type="button"
              data-testid="page-disconnect"
              aria-label={t('options.page.disconnectLabel', { name: page.name })}
              onClick={() => setConfirming(true)}
            >
              {t('options.page.disconnect')}
            </button>
          )}
          <button type="button" data-testid="page-reconnect" aria-expanded={reconnecting} onClick={() => setReconnecting(!reconnecting)}>
            {t('options.page.reconnect')}
          </button>
        </div>
      )}
      {confirming && (
        <div role="alertdialog" aria-label={t('options.page.disconnectLabel', { name: page.name })} class="confirm">
          <p>{t('options.page.confirm', { name: page.name })}</p>
          <button
            type="button"
            class="danger"
            data-testid="page-disconnect-confirm"
            ref={(button) => button?.focus()}
            onClick={() =>
              void (async () => {
                setFailure(null);
                try {
                  await props.onDisconnect(page.id);
                } catch (error) {
                  setFailure(errorDetail(error));
                  setConfirming(false);
                }
              })()
            }
          >
            {t('options.page.confirmYes')}
          </button>{' '}
          <button type="button" data-testid="page-disconnect-cancel" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {failure && (
        <p role="alert" class="error">
          {t('options.actionFailed', { detail: failure })}
        </p>
      )}
      {props.labels?.[page.id] && props.onSetLabels && (
        <LabelsSwitch view={props.labels[page.id]!} locale={locale} timeZone={props.timeZone} onSet={props.onSetLabels} />
      )}
      {reconnecting && !page.managed && (
        <TokenField
          label={t('options.page.reconnectLabel', { name: page.name })}
          inputTestId="page-reconnect-token"
          buttonTestId="page-reconnect-save"
          buttonLabel={t('options.page.reconnectSave')}
          locale={locale}
          onPick={props.onPick}
          preselect={page.id}
          onSubmit={async (token) => {
            const result = await props.onConnect(token);
            if ('error' in result) return { kind: 'error', error: result.error };
            if ('offer' in result) return offerNotice(result.offer, token);
            if (result.page.id !== page.id) {
              return { kind: 'problem', text: t('options.page.otherPage', { name: result.page.name, id: result.page.id }) };
            }
            return { kind: 'ok', text: t('options.page.reconnected', { name: result.page.name }) };
          }}
        />
      )}
    </li>
  );
}

export function Pages(props: PagesProps) {
  const t = translator(props.locale);
  return (
    <section aria-labelledby="pages-heading">
      <h2 id="pages-heading">{t('options.pages.heading')}</h2>
      <p class="muted">{t('options.pages.intro')}</p>
      <p class="muted" data-testid="options-instagram">
        {t('options.instagram')}
      </p>
      <TokenField
        label={t('options.token.label')}
        hint={t('options.token.hint')}
        inputTestId="page-token"
        buttonTestId="page-connect"
        buttonLabel={t('options.connect')}
        locale={props.locale}
        onPick={props.onPick}
        onSubmit={async (token) => {
          const result = await props.onConnect(token);
          if ('error' in result) return { kind: 'error', error: result.error };
          if ('offer' in result) return offerNotice(result.offer, token);
          return { kind: 'ok', text: t('options.connect.done', { name: result.page.name }) };
        }}
      />
      {props.pages.length === 0 ? (
        <p class="muted" data-testid="pages-empty">
          {t('options.pages.none')}
        </p>
      ) : (
        <ul class="pages">
          {props.pages.map((page) => (
            <PageItem key={page.id} page={page} {...props} />
          ))}
        </ul>
      )}
    </section>
  );
}
