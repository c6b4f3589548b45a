import { test } from 'vitest';
import { recordFigures } from './record';
import { benchSummary } from './summary';

// What opening the manager popup costs on a 10 000-thread ledger (see summary.ts for how it is measured).
test('popup summary: computeSummary and first render on a large ledger', async () => {
  recordFigures('summary', await benchSummary());
});
