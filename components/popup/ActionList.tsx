import { buildInboxUrl } from '../../lib/inbox/links';
import { formatDuration, translator, type Locale } from '../../lib/i18n';
import type { SummaryThreadRow } from '../../lib/summary/view';

export interface ActionListProps {
  testId: string;
  heading: string;
  emptyText: string;
  rows: SummaryThreadRow[];
  total: number;
  now: number;
  locale: Locale;
}

/** What makes a row urgent, in words: the window's close, the 7-day tag's end, or how long ago a closed customer wrote. */
function rowTiming(row: SummaryThreadRow, now: number, locale: Locale): string {
  const t = translator(locale);
  if (row.state === 'open' && row.deadline !== null) {
    return t('popup.row.closesIn', { duration: formatDuration(row.deadline - now, locale) });
  }
  if (row.state === 'human_agent' && row.deadline !== null) {
    return t('popup.row.humanAgentEndsIn', { duration: formatDuration(row.deadline - now, locale) });
  }
  return t('popup.row.closedSince', { duration: formatDuration(now - row.customerLastMessageAt, locale) });
}

/** One conversation as a link into Business Suite, in a new tab (the lists of the popup all show them so). */
export function ConversationLink(props: {
  testId: string;
  row: { pageId: string; psid: string; selectedItemId: string | null; platform?: 'messenger' | 'instagram' };
  name: string;
  timing: string;
  locale: Locale;
  data?: Record<`data-${string}`, string>;
}) {
  const { row } = props;
  return (
    <a
      data-testid={props.testId}
      data-page-id={row.pageId}
      data-psid={row.psid}
      {...props.data}
      href={buildInboxUrl({ pageId: row.pageId, selectedItemId: row.selectedItemId, ...(row.platform ? { platform: row.platform } : {}) })}
      target="_blank"
      rel="noopener noreferrer"
    >
      <span class="row-name">{props.name}</span>
      {row.platform === 'instagram' ? <span class="row-platform muted">{translator(props.locale)('common.platform.instagram')}</span> : null}
      <span class="row-timing">{props.timing}</span>
      <span class="visually-hidden">{translator(props.locale)('popup.row.newTab')}</span>
    </a>
  );
}

export function ActionList(props: ActionListProps) {
  const t = translator(props.locale);
  const headingId = `${props.testId}-heading`;
  return (
    <section class="action-list" data-testid={props.testId} data-total={String(props.total)} aria-labelledby={headingId}>
      <h2 id={headingId}>{props.heading}</h2>
      {props.rows.length === 0 ? (
        <p class="muted">{props.emptyText}</p>
      ) : (
        <ul>
          {props.rows.map((row) => {
            const name = row.customerName ?? t('popup.row.unnamed', { psid: row.psid });
            return (
              <li key={`${row.pageId}:${row.psid}`}>
                <ConversationLink testId="summary-row" row={row} name={name} timing={rowTiming(row, props.now, props.locale)} locale={props.locale} />
              </li>
            );
          })}
        </ul>
      )}
      {props.total > props.rows.length && <p class="muted">{t('popup.list.more', { count: props.total - props.rows.length })}</p>}
    </section>
  );
}
