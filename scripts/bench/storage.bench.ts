import { test } from 'vitest';
import { recordFigures } from './record';
import { benchStorage } from './storage';
import { benchStorageBudget } from './storage-budget';

// The ledger's storage hot paths at 100 and 10 000 threads (see storage.ts for how they are measured).
test('ledger storage: record an attempt, read a thread, list threads', async () => {
  recordFigures('storage', await benchStorage());
});

// Bytes per viewed conversation and per attempt, and the quota reached after N conversations (storage-budget.ts).
test('storage budget: bytes per conversation and attempt, conversations until the 10 MB quota', async () => {
  recordFigures('storageBudget', await benchStorageBudget());
});
