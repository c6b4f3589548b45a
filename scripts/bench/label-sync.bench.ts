// @vitest-environment node
import { expect, test } from 'vitest';
import { recordFigures } from './record';
import { benchLabelSync, type LabelSyncFigures } from './label-sync';

// Labels in Business Suite (issue 22): the label sync's Graph calls per hour on a Page with 50, 500 and 5 000 new
// conversations a day, in steady state, against the simulator (see label-sync.ts for the scenario and the model).
// Measured, not asserted: the output says how the measurement compares with the model.

/** [new conversations a day, simulated hours measured after the warm-up, real-time budget]. */
const SIZES: [number, number, number][] = [
  [50, 6, 150_000],
  [500, 6, 200_000],
  [5000, 3, 400_000],
];

function verdict(figures: LabelSyncFigures): string {
  const { model } = figures;
  const lines = [
    `label sync, ${figures.newConversationsPerDay} conversations/day: ${figures.callsPerHour} calls/h ` +
      `(label reads ${Math.round((figures.personReadsPerHour + figures.labelListReadsPerHour) * 10) / 10}: person ${figures.personReadsPerHour} + label list ${figures.labelListReadsPerHour}; ` +
      `writes ${figures.writesPerHour}; listing ${figures.listingReadsPerHour}; other ${figures.otherCallsPerHour}) over ${figures.measuredHours} simulated h`,
    `  model: ${model.callsPerHour} calls/h (bound ${model.callsPerHourBound}): reads ${model.personReadsPerHour} + ${model.labelListReadsPerHour}, ` +
      `writes ${model.writesPerHour} (≤ ${model.writesPerHourBound}), listing ${model.listingReadsPerHour}; measured / model = ${figures.ratioToModel}`,
  ];
  const checks: string[] = [];
  const personCalls = figures.personReadsPerHour + figures.writesPerHour;
  const modelPersonCalls = model.personReadsPerHour + model.writesPerHour;
  if (figures.callsPerHour > model.callsPerHourBound) checks.push('ABOVE the model’s bound');
  if (figures.listingReadsPerHour > model.listingReadsPerHour * 1.05) checks.push('more listing reads than one per run');
  if (figures.labelListReadsPerHour > model.labelListReadsPerHour * 1.2) checks.push('label list read more often than the recheck');
  if (figures.otherCallsPerHour > 0) checks.push('calls the model does not expect (labels created or deleted?)');
  // The people's reads and writes follow the conversations that expire: far below means transitions were not made.
  if (personCalls < modelPersonCalls * 0.85)
    checks.push(
      `BELOW the model: person reads + writes ${Math.round(personCalls)}/h for ${Math.round(modelPersonCalls)}/h expected: transitions the sync did not make`,
    );
  if (figures.wrongLabelsAtEnd > 0) checks.push(`${figures.wrongLabelsAtEnd} people carry a wrong label at the end (${figures.wrongLabelsByKind})`);
  if (figures.runsAtWriteCap > 0) checks.push(`${figures.runsAtWriteCap} runs hit WRITES_PER_RUN`);
  lines.push(`  check: ${checks.length ? checks.join('; ') : 'within the model'}`);
  return lines.join('\n');
}

for (const [perDay, hours, budget] of SIZES) {
  test(`label sync: Graph calls per hour, ${perDay} new conversations a day`, { timeout: budget + 120_000 }, async () => {
    const figures = await benchLabelSync(perDay, hours, budget);
    console.log(`\n[bench] ${verdict(figures)}`);
    // Not a speed assertion: a window that measured nothing would record nonsense.
    expect(figures.measuredHours).toBeGreaterThan(0);
    const { model, ...measured } = figures;
    recordFigures(`labelSync${perDay}`, {
      ...measured,
      labelReadsPerHour: Math.round((measured.personReadsPerHour + measured.labelListReadsPerHour) * 10) / 10,
      modelCallsPerHour: model.callsPerHour,
      modelCallsPerHourBound: model.callsPerHourBound,
      modelLabelReadsPerHour: Math.round((model.personReadsPerHour + model.labelListReadsPerHour) * 10) / 10,
      modelWritesPerHour: model.writesPerHour,
      modelListingReadsPerHour: model.listingReadsPerHour,
    });
  });
}
