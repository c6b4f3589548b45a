// lib/graph: the Graph API client and its pure helpers. Background bundle only (full Zod).
export { GRAPH_BASE_URL, DEFAULT_GRAPH_VERSION } from './config';
export { createGraphClient, type GraphClient, type GraphClientOptions } from './client';
export { buildSendBody, SendBodyError } from './body';
export {
  ERROR_CATALOG,
  ERROR_KINDS,
  explainGraphError,
  explainSendError,
  findCatalogEntry,
  type ErrorKind,
  type ErrorCatalogEntry,
  type ErrorContext,
  type SendAnswer,
} from './errors';
export { parseUsageHeaders, usageForPage } from './usage';
export { createPagePacer, type PagePacer, type PacerOptions, type PacerTicket, type PacingPriority } from './pacer';
export { type LabelsApi, type PageLabel } from './labels';
export { customerFacts, parseGraphTime, type CustomerFacts } from './facts';
export { TAG_RETIRED_AT, isTagRetired } from './tags';
export { createMetaClock, DATE_RESOLUTION_MS, parseHttpDate, type MetaClock } from './meta-clock';
export type { ConversationSummary, GraphFailure, GraphResult, PersonPage, SendResult, TokenOwner, UsageInfo } from './types';
