import type { ErrorView } from '../graph/error-view';
import type { Platform, WindowState } from '../policy/types';

// Where one Page's whole-Page scan stands (overview.scan, overview.status, overview.cancel), as ./service.ts answers
// it. Type-only: the popup imports it.

export interface OverviewStatus {
  pageId: string;
  state: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  scanned: number;
  limit: number;
  startedAt?: number;
  finishedAt?: number;
  counts?: Record<WindowState, number>;
  error?: ErrorView;
  /** How many of `scanned` were Messenger and Instagram conversations (the Page's Instagram ones come second, with
   *  their own `limit`, which is then added to `limit`). */
  platforms?: Record<Platform, number>;
  /** Why the Instagram conversations were not scanned (e.g. `instagram_not_linked`); the Messenger counts stand. */
  instagramSkipped?: ErrorView;
}
