import { translator, type Locale, type MessageKey } from '../../lib/i18n';
import type { SummaryView } from '../../lib/summary/view';
import { formatCount } from './format';

type FigureName = keyof SummaryView['counts'];

/** Display order: the window states first, then what a manager can act on, then results. */
export const FIGURES: readonly FigureName[] = [
  'open',
  'expired',
  'human_agent',
  'closed',
  'unknown',
  'cooling',
  'ready',
  'sent-today',
  'replied',
];

export function Figures({ counts, locale }: { counts: SummaryView['counts']; locale: Locale }) {
  const t = translator(locale);
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading">{t('popup.figures.heading')}</h2>
      <dl class="figures">
        {FIGURES.map((name) => (
          <div
            key={name}
            class={`figure figure-${name}`}
            data-testid={`summary-${name}`}
            data-value={String(counts[name])}
          >
            <dt>{t(`popup.figure.${name}` as MessageKey)}</dt>
            <dd>{formatCount(counts[name], locale)}</dd>
          </div>
        ))}
      </dl>
      <details class="hints">
        <summary>{t('popup.figures.help')}</summary>
        <dl>
          {FIGURES.map((name) => (
            <div key={name}>
              <dt>{t(`popup.figure.${name}` as MessageKey)}</dt>
              <dd>{t(`popup.figure.${name}.hint` as MessageKey)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
