import type { ScenarioState } from '../sandbox/simulator';

// Business Suite served from a fixture page, but listing the simulator's conversations: the fixture files
// stay as they are (the adapter tests pin them) and a small script, added before </body>, rebuilds the
// conversation list and the selected conversation's header from the scenario. It runs while the page is
// parsed, before the content script (document_idle), so Reopen reads the header as an agent would see it.

export interface FixtureThread {
  selectedItemId: string;
  customerName: string;
  /** The newest message of the conversation, either side, as the list shows it. */
  snippet: string;
}

/** The Page's conversations as the inbox list shows them: newest activity first. */
export function fixtureThreads(state: ScenarioState, pageId: string): FixtureThread[] {
  return state.conversations
    .filter((conversation) => conversation.pageId === pageId)
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .map((conversation) => ({
      selectedItemId: conversation.selectedItemId,
      customerName: conversation.customerName,
      snippet: conversation.messages.at(-1)?.text ?? '',
    }));
}

/** JSON that is safe inside an inline <script> (no `</script>`, no U+2028 line breaks). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

// Plain ES5 in the page (the fixtures' own scripts are ES5 too). Rows are cloned from the fixture's first
// conversation row so each layout keeps its own markup; only names, snippets, ids and selection change.
const REBUILD = `
(function (pageId, threads, selectedId) {
  var firstLink = document.querySelector('a[data-fixture-name]');
  if (firstLink && firstLink.parentElement && firstLink.parentElement.parentElement) {
    var template = firstLink.parentElement;
    var list = template.parentElement;
    Array.prototype.slice.call(list.children).forEach(function (row) {
      if (row.querySelector('a[data-fixture-name]')) row.remove();
    });
    threads.forEach(function (thread) {
      var row = template.cloneNode(true);
      var link = row.querySelector('a[data-fixture-name]');
      var url = new URL(link.getAttribute('href'), location.href);
      url.searchParams.set('asset_id', pageId);
      if (url.searchParams.has('mailbox_id')) url.searchParams.set('mailbox_id', pageId);
      url.searchParams.set('selected_item_id', thread.selectedItemId);
      link.setAttribute('href', url.pathname + url.search);
      link.setAttribute('data-fixture-name', thread.customerName);
      var spans = link.querySelectorAll('span');
      if (spans.length >= 2) {
        spans[0].textContent = thread.customerName;
        spans[1].textContent = thread.snippet;
      } else {
        link.textContent = thread.customerName;
      }
      var selected = thread.selectedItemId === selectedId;
      if (row.hasAttribute('aria-selected')) row.setAttribute('aria-selected', String(selected));
      if (row.hasAttribute('aria-current') && !selected) row.removeAttribute('aria-current');
      list.appendChild(row);
    });
  }
  var current = null;
  threads.forEach(function (thread) { if (thread.selectedItemId === selectedId) current = thread; });
  var header = document.querySelector('[data-fixture-header-name]');
  if (header) header.textContent = current ? current.customerName : '';
  var profile = document.querySelector('[data-fixture-profile]');
  if (profile && selectedId) profile.setAttribute('href', 'https://www.facebook.com/' + selectedId);
  var log = document.querySelector('[data-fixture-log] [dir="auto"]') || document.querySelector('[data-fixture-log]');
  if (log) log.textContent = current ? current.snippet : '';
})`;

/** The fixture HTML with the rebuild script for this URL's Page and selected conversation. */
export function inboxFixtureHtml(html: string, url: URL, state: ScenarioState): string {
  const pageId = url.searchParams.get('asset_id') ?? url.searchParams.get('mailbox_id') ?? '';
  const selectedId = url.searchParams.get('selected_item_id');
  const threads = fixtureThreads(state, pageId);
  const script = `<script>${REBUILD}(${scriptJson(pageId)}, ${scriptJson(threads)}, ${scriptJson(selectedId)});</script>`;
  const at = html.lastIndexOf('</body>');
  if (at < 0) throw new Error('The inbox fixture has no </body> to add the scenario script before');
  return `${html.slice(0, at)}${script}\n${html.slice(at)}`;
}
