import { translator, type Locale, type MessageKey } from '../../lib/i18n';
import { SUMMARY_FIGURES as FIGURES, type SummaryFigure, type SummaryView } from '../../lib/summary/view';
import { formatCount } from './format';

// Typed without a cast: a figure added to lib/summary without its words in the catalogs fails the typecheck here.
const figureName = (figure: SummaryFigure): MessageKey => `popup.figure.${figure}`;
const figureHint = (figure: SummaryFigure): MessageKey => `popup.figure.${figure}.hint`;

/** The figures, under a heading that says which conversations they count (lib/summary/urgency-counts.ts): the Page's
 *  recent conversations, as the toolbar and the row badges, or only the ones opened in Reopen. */
export function Figures({ counts, locale, source }: { counts: SummaryView['counts']; locale: Locale; source?: SummaryView['source'] }) {
  const t = translator(locale);
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading" data-testid="summary-source" data-source={source ?? 'opened'}>
        {t(source === 'recent' ? 'popup.figures.heading' : 'popup.figures.heading.opened')}
      </h2>
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
