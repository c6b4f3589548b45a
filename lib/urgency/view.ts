import type { RowFact } from '../inbox/row-badge-model';

// The row badges' facts of one Page (urgency.rows), as ./service.ts answers them. Type-only: the content script
// imports it.

/** The Page's conversations with a unique name, and the "closes soon" threshold the badges use. */
export interface RowsView {
  pageId: string;
  closesSoonMinutes: number;
  rows: RowFact[];
}
