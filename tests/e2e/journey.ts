import { afterAll, beforeAll } from 'vitest';
import { startReopen, type Reopen } from './harness';

// Set-up shared by the journeys (kept out of harness.ts, which the demo and the benches import outside Vitest).

export const E2E_SCENARIO = 'tests/sandbox/scenarios/e2e.json';
/** Matches only Send API calls in the simulator's log or fault queue. */
export const ONLY_SENDS = { method: 'POST', pathIncludes: '/messages' } as const;

/** One browser and simulator for the calling file, with the e2e scenario's Page connected through the options
 *  page; closed after the file. */
export function useConnectedReopen(receive: (reopen: Reopen) => void): void {
  let reopen: Reopen | undefined;
  beforeAll(async () => {
    reopen = await startReopen({ scenario: E2E_SCENARIO });
    await reopen.connectPage();
    receive(reopen);
  });
  afterAll(async () => {
    await reopen?.close();
  });
}
