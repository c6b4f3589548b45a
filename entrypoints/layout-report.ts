import { buildLayoutReport } from '../lib/inbox/layout-report';
import { parseInboxUrl } from '../lib/inbox/url';

// Injected into the inbox tab only when a manager asks for the layout report (popup → scripting.executeScript), so
// the content script that runs all day does not carry it. Its result is the report (lib/inbox/layout-report.ts).
export default defineUnlistedScript(() => {
  const url = window.location.href;
  return buildLayoutReport(document, url, { selectedItemId: parseInboxUrl(url)?.selectedItemId ?? null, clickedTarget: null, staleName: null });
});
