import { formatDuration, translator, type Locale } from '../../lib/i18n';
import type { UnconfirmedSendRow } from '../../lib/summary/view';
import { ConversationLink } from './ActionList';

export interface UnconfirmedProps {
  rows: UnconfirmedSendRow[];
  total: number;
  now: number;
  locale: Locale;
}

/** Sends Meta's answer left unknown, while Reopen reads the conversation or after it did not find them. Nothing
 *  to show, no section: most days there is none. */
export function Unconfirmed(props: UnconfirmedProps) {
  const t = translator(props.locale);
  if (props.total === 0) return null;
  return (
    <section class="action-list" data-testid="summary-unconfirmed" data-total={String(props.total)} aria-labelledby="summary-unconfirmed-heading">
      <h2 id="summary-unconfirmed-heading">{t('popup.unconfirmed.heading')}</h2>
      <ul>
        {props.rows.map((row) => (
          <li key={`${row.pageId}:${row.psid}:${row.at}`}>
            <ConversationLink
              testId="unconfirmed-row"
              row={row}
              name={row.customerName ?? t('popup.row.unnamed', { psid: row.psid })}
              timing={t(`popup.unconfirmed.${row.state}`, { duration: formatDuration(props.now - row.at, props.locale) })}
              locale={props.locale}
              data={{ 'data-state': row.state }}
            />
          </li>
        ))}
      </ul>
      {props.total > props.rows.length && <p class="muted">{t('popup.list.more', { count: props.total - props.rows.length })}</p>}
    </section>
  );
}
