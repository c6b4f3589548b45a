// The one place that says where the Graph API lives. Tests and the demo point a client at the
// Meta simulator by passing `baseUrl` to createGraphClient; production code uses these defaults.

export const GRAPH_BASE_URL = 'https://graph.facebook.com';

/** The Send API and Conversations API docs use v25.0 (supported until 29 Jul 2028). */
export const DEFAULT_GRAPH_VERSION = 'v25.0';

/** A Graph version as written in URLs ("v25.0"). */
export const GRAPH_VERSION_PATTERN = /^v\d{1,3}\.\d{1,2}$/;

/** Conversations API: 2 calls per second per Page (Meta's rate-limiting doc): one call, then 500 ms after its answer. */
export const CONVERSATIONS_MIN_INTERVAL_MS = 500;

export const SEND_TIMEOUT_MS = 20_000;
export const READ_TIMEOUT_MS = 15_000;

/** Tries per request, the first included. Reads repeat answers Meta marks transient; sends only rate-limit refusals. */
export const MAX_TRIES = 3;
