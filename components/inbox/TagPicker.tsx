import { useState } from 'preact/hooks';
import type { Locale } from '../../lib/i18n';
import type { InboxMessageKey } from '../../lib/i18n/areas';
import { formatInstant } from '../../lib/i18n/format';
import { t } from '../../lib/i18n/inbox-strings';
import type { RouteAvailability } from '../../lib/policy';
import type { RouteId } from '../../lib/policy/types';
import { reasonText, routeName } from './words';

export interface TagPickerProps {
  locale: Locale;
  routes: readonly RouteAvailability[];
  selected: RouteId | null;
  /** When the running cooldown ends, to say "cooling down until …". */
  cooldownUntil: number | null;
  timeZone?: string;
  onSelect: (route: RouteId) => void;
}

/** Usable routes first (in catalog order), then the rest: on a closed thread the one usable route would
 *  otherwise sit under five that are not. */
export function routesInPickerOrder(routes: readonly RouteAvailability[]): RouteAvailability[] {
  return [...routes.filter((entry) => entry.available), ...routes.filter((entry) => !entry.available)];
}

/** Every route of Meta's catalog: usable ones selectable with what they may and may not carry; the rest
 *  disabled, each one line with its reason and those details on request. */
export function TagPicker({ locale, routes, selected, cooldownUntil, timeZone, onSelect }: TagPickerProps) {
  const groupId = 'reopen-routes-title';
  const [expanded, setExpanded] = useState<ReadonlySet<RouteId>>(new Set());
  const toggle = (id: RouteId) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  // Routes Meta does not accept on this platform at all (Instagram): one line names the ones it allows, and the rest
  // wait behind a disclosure instead of five copies of the same sentence.
  const elsewhere = routes.filter((entry) => entry.reason === 'not_on_platform');
  const allowed = routes.filter((entry) => entry.reason !== 'not_on_platform');
  const entry = ({ route, available, reason, recommended, availableUntil }: RouteAvailability) => {
    const name = routeName(locale, route);
    const reasonId = `reopen-tag-reason-${route.id}`;
    const detailId = `reopen-tag-detail-${route.id}`;
    const uses = t(locale, `route.${route.id}.uses`).split('\n');
    const notAllowed = t(locale, `route.${route.id}.notAllowed`).split('\n');
    const requirement = route.requirement ? t(locale, `route.${route.id}.requirement` as InboxMessageKey) : '';
    const detailShown = available || expanded.has(route.id);
    const classes = ['reopen-tag', selected === route.id ? 'reopen-tag--selected' : '', available ? '' : 'reopen-tag--unavailable'];
    return (
      <div key={route.id} class={classes.filter(Boolean).join(' ')}>
        <button
          type="button"
          class="reopen-tag__button"
          data-testid="reopen-tag"
          data-tag={route.id}
          disabled={!available}
          aria-disabled={available ? 'false' : 'true'}
          aria-pressed={selected === route.id}
          aria-describedby={`${reason ? reasonId + ' ' : ''}${detailId}`}
          onClick={() => available && onSelect(route.id)}
        >
          <span class="reopen-tag__name">{name}</span>
          {recommended ? (
            <>
              {' '}
              <span class="reopen-badge">{t(locale, 'policy.recommended')}</span>
            </>
          ) : null}
        </button>
        {reason ? (
          <p id={reasonId} class="reopen-tag__reason">
            {reason === 'not_on_platform' ? t(locale, 'panel.routes.notOnInstagram') : reasonText(locale, reason, { route, until: cooldownUntil, timeZone })}
          </p>
        ) : null}
        {!available ? (
          <button
            type="button"
            class="reopen-tag__toggle"
            aria-expanded={detailShown}
            aria-controls={detailId}
            aria-label={t(locale, 'panel.route.detailsOf', { name })}
            onClick={() => toggle(route.id)}
          >
            {t(locale, 'panel.route.details')}
          </button>
        ) : null}
        {available && availableUntil ? (
          <p class="reopen-hint">{t(locale, 'policy.availableUntil', { until: formatInstant(availableUntil, locale, timeZone) })}</p>
        ) : null}
        <div id={detailId} class="reopen-tag__detail" hidden={!detailShown}>
          <p class="reopen-tag__label">{t(locale, 'policy.route.uses')}</p>
          <ul>
            {uses.map((use) => (
              <li key={use}>{use}</li>
            ))}
          </ul>
          <p class="reopen-tag__label">{t(locale, 'policy.route.notAllowed')}</p>
          <ul>
            {notAllowed.map((use) => (
              <li key={use}>{use}</li>
            ))}
          </ul>
          {requirement ? (
            <p class="reopen-hint">
              {t(locale, 'policy.route.requirement')}: {requirement}
            </p>
          ) : null}
        </div>
      </div>
    );
  };

  return (
    <div class="reopen-tags" role="group" aria-labelledby={groupId}>
      <p id={groupId} class="reopen-section-title">
        {t(locale, 'panel.routes')}
      </p>
      <p class="reopen-hint">{t(locale, 'panel.routes.scope')}</p>
      {routesInPickerOrder(allowed).map(entry)}
      {elsewhere.length > 0 ? (
        <>
          <p class="reopen-hint" data-testid="reopen-platform-routes">
            {t(locale, 'panel.routes.instagramOnly', { routes: allowed.map((allowedEntry) => routeName(locale, allowedEntry.route)).join(', ') })}
          </p>
          <details class="reopen-tags__elsewhere" data-testid="reopen-platform-details">
            <summary>{t(locale, 'panel.routes.instagramOthers', { count: elsewhere.length })}</summary>
            <p class="reopen-hint">{reasonText(locale, 'not_on_platform', { route: elsewhere[0]!.route, until: cooldownUntil, timeZone })}</p>
            {elsewhere.map(entry)}
          </details>
        </>
      ) : null}
    </div>
  );
}
