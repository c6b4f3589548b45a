import { test } from 'vitest';
import { recordFigures } from './record';
import { benchStorage } from './storage';

// The ledger's storage hot paths at 100 and 10 000 threads (see storage.ts for how they are measured).
test('ledger storage: record an attempt, read a thread, list threads', async () => {
  recordFigures('storage', await benchStorage());
});
