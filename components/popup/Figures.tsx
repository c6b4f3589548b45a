import { translator, type Locale, type MessageKey } from '../../lib/i18n';
import { SUMMARY_FIGURES as FIGURES, type SummaryFigure, type SummaryView } from '../../lib/summary/view';
import { formatCount } from './format';

// Typed without a cast: a figure added to lib/summary without its words in the catalogs fails the typecheck here.
const figureName = (figure: SummaryFigure): MessageKey => `popup.figure.${figure}`;
const figureHint = (figure: SummaryFigure): MessageKey => `popup.figure.${figure}.hint`;

export function Figures({ counts, locale }: { counts: SummaryView['counts']; locale: Locale }) {
  const t = translator(locale);
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading">{t('popup.figures.heading')}</h2>
      <dl class="figures">
        {FIGURES.map((name) => (
          <div key={name} class={`figure figure-${name}`} data-testid={`summary-${name}`} data-value={String(counts[name])}>
            <dt>{t(figureName(name))}</dt>
            <dd>{formatCount(counts[name], locale)}</dd>
          </div>
        ))}
      </dl>
      <details class="hints">
        <summary>{t('popup.figures.help')}</summary>
        <dl>
          {FIGURES.map((name) => (
            <div key={name}>
              <dt>{t(figureName(name))}</dt>
              <dd>{t(figureHint(name))}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
