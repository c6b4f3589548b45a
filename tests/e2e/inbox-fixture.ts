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
  /** The newest messages (oldest first) as the conversation pane shows them: text and a relative time label. */
  messages: { text: string; label: string }[];
}

/** How Business Suite labels a message's age ("now", "5 min", "6 h", "5 d"): the pane's own time labels. */
export function relativeLabel(ageMs: number): string {
  const minutes = Math.floor(ageMs / 60_000);
  if (minutes < 1) return 'now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** Messages the fixture pane shows: the last few, as Business Suite keeps the log scrolled to the bottom. */
export const PANE_MESSAGES_SHOWN = 6;

/** The Page's conversations as the inbox list shows them: newest activity first. One platform's (an Instagram
 *  thread's URL, thread_type=IG_MESSAGE, lists the Instagram conversations, any other the Messenger ones), or both
 *  as Business Suite's "All messages" does. */
export function fixtureThreads(
  state: ScenarioState,
  pageId: string,
  platform: 'messenger' | 'instagram' | 'all' = 'messenger',
  now = Date.now(),
): FixtureThread[] {
  return state.conversations
    .filter((conversation) => conversation.pageId === pageId && (platform === 'all' || conversation.platform === platform))
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .map((conversation) => ({
      selectedItemId: conversation.selectedItemId,
      customerName: conversation.customerName,
      snippet: conversation.messages.at(-1)?.text ?? '',
      messages: conversation.messages.slice(-PANE_MESSAGES_SHOWN).map((message) => ({ text: message.text, label: relativeLabel(now - message.at) })),
    }));
}

/** JSON that is safe inside an inline <script> (no `</script>`, no U+2028 line breaks). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// Plain ES5 in the page (the fixtures' own scripts are ES5 too). Rows are cloned from the fixture's first
// conversation row so each layout keeps its own markup; only names, snippets, ids and selection change. A row is
// the element marked data-fixture-row, else the parent of the element carrying data-fixture-name (a link, or the
// card itself in layouts whose cards are no links, which find their conversation by data-fixture-index in
// window.__fixtureThreads). Names go into [data-fixture-card-name] and [data-fixture-card-preview], else the
// first two spans. The header, the sidebar and the profile link follow the selected conversation; a header marked
// data-fixture-generic-first keeps its generic title a moment and takes the name from data-fixture-real-name.
const REBUILD = `
(function (pageId, threads, selectedId) {
  window.__fixtureThreads = threads;
  var firstCarrier = document.querySelector('[data-fixture-name]');
  var rowOf = function (carrier) { return carrier.closest('[data-fixture-row]') || carrier.parentElement; };
  if (firstCarrier && rowOf(firstCarrier) && rowOf(firstCarrier).parentElement) {
    var template = rowOf(firstCarrier);
    var list = template.parentElement;
    var oldName = firstCarrier.getAttribute('data-fixture-name');
    Array.prototype.slice.call(list.children).forEach(function (row) {
      if (row.matches('[data-fixture-name]') || row.querySelector('[data-fixture-name]')) row.remove();
    });
    threads.forEach(function (thread, index) {
      var row = template.cloneNode(true);
      var carrier = row.matches('[data-fixture-name]') ? row : row.querySelector('[data-fixture-name]');
      if (carrier.hasAttribute('href')) {
        var url = new URL(carrier.getAttribute('href'), location.href);
        url.searchParams.set('asset_id', pageId);
        if (url.searchParams.has('mailbox_id')) url.searchParams.set('mailbox_id', pageId);
        url.searchParams.set('selected_item_id', thread.selectedItemId);
        carrier.setAttribute('href', url.pathname + url.search);
      }
      if (carrier.hasAttribute('data-fixture-index')) carrier.setAttribute('data-fixture-index', String(index));
      carrier.setAttribute('data-fixture-name', thread.customerName);
      [row, carrier].forEach(function (node) {
        var label = node.getAttribute('aria-label');
        if (label && oldName) node.setAttribute('aria-label', label.split(oldName).join(thread.customerName));
      });
      var spans = carrier.querySelectorAll('span');
      var nameNode = carrier.querySelector('[data-fixture-card-name]') || spans[0];
      var previewNode = carrier.querySelector('[data-fixture-card-preview]') || spans[1];
      if (nameNode && previewNode) {
        nameNode.textContent = thread.customerName;
        previewNode.textContent = thread.snippet;
      } else {
        carrier.textContent = thread.customerName;
      }
      if ('top' in row.style && row.style.top) row.style.top = (index * 64) + 'px';
      var selected = thread.selectedItemId === selectedId;
      [row, carrier].forEach(function (node) {
        if (node.hasAttribute('aria-selected')) node.setAttribute('aria-selected', String(selected));
        if (node.hasAttribute('aria-current') && !selected) node.removeAttribute('aria-current');
        if (node === carrier && selected && firstCarrier.hasAttribute('aria-current')) node.setAttribute('aria-current', firstCarrier.getAttribute('aria-current'));
      });
      list.appendChild(row);
    });
    if (list.style && list.style.height) list.style.height = (threads.length * 64) + 'px';
  }
  var current = null;
  threads.forEach(function (thread) { if (thread.selectedItemId === selectedId) current = thread; });
  var name = current ? current.customerName : '';
  var header = document.querySelector('[data-fixture-header-name]');
  if (header && header.hasAttribute('data-fixture-generic-first')) header.setAttribute('data-fixture-real-name', name);
  else if (header) header.textContent = name;
  var sidebar = document.querySelector('[data-fixture-sidebar-name]');
  if (sidebar) sidebar.textContent = name;
  var profile = document.querySelector('[data-fixture-profile]');
  if (profile && selectedId) profile.setAttribute('href', 'https://www.facebook.com/' + selectedId);
  if (profile && profile.hasAttribute('data-fixture-profile-text')) profile.textContent = name;
  // The conversation pane's messages, one row each with its own time label, in the layout's own row markup. The
  // fixtures' own click handlers write the clicked card's preview into the log's first [dir=auto]: a hidden
  // placeholder takes it, and the log is rebuilt for the conversation the URL selects as soon as a click changes it.
  var logRoot = document.querySelector('[data-fixture-log]');
  if (logRoot) {
    var firstText = logRoot.querySelector('[dir="auto"]');
    var rowTemplate = null;
    if (firstText) {
      rowTemplate = firstText;
      while (rowTemplate.parentElement && rowTemplate.parentElement !== logRoot) rowTemplate = rowTemplate.parentElement;
      if (rowTemplate === firstText) rowTemplate = null;
    }
    var shownId = null;
    var renderLog = function (id) {
      shownId = id;
      var thread = null;
      threads.forEach(function (each) { if (each.selectedItemId === id) thread = each; });
      while (logRoot.firstChild) logRoot.removeChild(logRoot.firstChild);
      if (!firstText) { logRoot.textContent = thread ? thread.snippet : ''; return; }
      var sink = document.createElement('div');
      sink.setAttribute('dir', 'auto');
      sink.setAttribute('aria-hidden', 'true');
      sink.hidden = true;
      logRoot.appendChild(sink);
      (thread ? thread.messages : []).forEach(function (message) {
        var row = rowTemplate ? rowTemplate.cloneNode(false) : document.createElement('div');
        var text = firstText.cloneNode(false);
        text.textContent = message.text;
        var label = document.createElement('span');
        label.textContent = message.label;
        row.appendChild(text);
        row.appendChild(label);
        logRoot.appendChild(row);
      });
    };
    renderLog(selectedId);
    document.addEventListener('click', function () {
      [0, 50, 150, 400].forEach(function (ms) {
        setTimeout(function () {
          var id = new URL(location.href).searchParams.get('selected_item_id');
          if (id !== shownId) renderLog(id);
        }, ms);
      });
    });
  }
})`;

/** The fixture HTML with the rebuild script for this URL's Page and selected conversation; `platforms: 'all'` lists
 *  Messenger and Instagram together, else the list is the selected thread's platform's. */
export function inboxFixtureHtml(html: string, url: URL, state: ScenarioState, platforms: 'thread' | 'all' = 'thread'): string {
  const pageId = url.searchParams.get('asset_id') ?? url.searchParams.get('mailbox_id') ?? '';
  const selectedId = url.searchParams.get('selected_item_id');
  const platform = platforms === 'all' ? 'all' : url.searchParams.get('thread_type') === 'IG_MESSAGE' ? 'instagram' : 'messenger';
  const threads = fixtureThreads(state, pageId, platform);
  const script = `<script>${REBUILD}(${scriptJson(pageId)}, ${scriptJson(threads)}, ${scriptJson(selectedId)});</script>`;
  const at = html.lastIndexOf('</body>');
  if (at < 0) throw new Error('The inbox fixture has no </body> to add the scenario script before');
  return `${html.slice(0, at)}${script}\n${html.slice(at)}`;
}
