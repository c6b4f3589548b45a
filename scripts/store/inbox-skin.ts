import { inboxFixtureHtml, PANE_MESSAGES_SHOWN } from '../../tests/e2e/inbox-fixture';
import type { ScenarioState } from '../../tests/sandbox/simulator';

// The inbox the store screenshots show: the fixture shaped like the live 2026 inbox (tests/fixtures/inbox/
// suite-2026-es.html: virtualized cards without links, the name in an h2, "Message list container", the
// contact-details sidebar), listing the simulator's Messenger and Instagram conversations together as Business
// Suite's "All messages" does, in English or Spanish, and dressed to look like the real thing: a top bar, a
// navigation rail, avatars, platform marks, times, message bubbles, a sidebar.
//
// What Reopen reads stays exactly what the adapter tests pin: no text is added inside a card, the pane's heading or
// its message list (avatars, platform marks and placeholders are CSS generated content from data- attributes, which
// no name signal or pane reading sees); only the card's own time token is written, and the words of the page's own
// chrome are translated for English. The dark theme is Business Suite's: the `__fb-dark-mode` class on <html>
// (which lib/inbox/page-theme.ts reads), added by the screenshot script.

export const STORE_FIXTURE = 'suite-2026-es.html';

/** The fixture's Spanish chrome and its English words (the live inbox in English). */
const ENGLISH: [string, string][] = [
  ['<html lang="es"', '<html lang="en"'],
  ['Bandeja de entrada', 'Inbox'],
  ['Menú de Business Suite', 'Business Suite menu'],
  ['aria-label="Inicio">Inicio', 'aria-label="Home">Home'],
  ['Conversación con ', 'Conversation with '],
  ['Asignado a: sin asignar', 'Assigned to: Unassigned'],
  ['>Asignado a<', '>Assigned to<'],
  ['Responder en Messenger…', 'Reply in Messenger…'],
  ['aria-label="Responder"', 'aria-label="Reply"'],
  ['aria-label="Me gusta"', 'aria-label="Like"'],
  ['Detalles del contacto', 'Contact details'],
  ['Ver perfil', 'View profile'],
  ['Etiquetas', 'Labels'],
  ['Cliente nuevo', 'New customer'],
  ['Notas', 'Notes'],
  ['Sin notas', 'No notes'],
];

type Lang = 'en' | 'es';

const WORDS = {
  en: {
    tabs: ['All messages', 'Messenger', 'Instagram'],
    search: 'Search',
    nav: ['Home', 'Inbox', 'Planner', 'Content', 'Insights', 'Settings'],
    platform: { messenger: 'Messenger', instagram: 'Instagram' },
    replyOn: { messenger: 'Reply in Messenger…', instagram: 'Reply in Instagram…' },
    done: 'Done',
  },
  es: {
    tabs: ['Todos', 'Messenger', 'Instagram'],
    search: 'Buscar',
    nav: ['Inicio', 'Bandeja de entrada', 'Planificador', 'Contenido', 'Estadísticas', 'Configuración'],
    platform: { messenger: 'Messenger', instagram: 'Instagram' },
    replyOn: { messenger: 'Responder en Messenger…', instagram: 'Responder en Instagram…' },
    done: 'Finalizado',
  },
} as const;

/** A card's time token as the live list writes it: "5m", "2h", "Mon", "Nov 12" / "5 min", "2 h", "lun", "12 nov". */
export function cardTime(ageMs: number, at: number, lang: Lang): string {
  const minutes = Math.max(1, Math.floor(ageMs / 60_000));
  if (minutes < 60) return lang === 'en' ? `${minutes}m` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return lang === 'en' ? `${hours}h` : `${hours} h`;
  if (hours < 24 * 6) return new Intl.DateTimeFormat(lang, { weekday: 'short' }).format(at).replace('.', '');
  return new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric' }).format(at).replace('.', '');
}

const initials = (name: string) =>
  name
    .replace(/[._]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');

/** A stable hue per customer for the avatar. */
const hueOf = (name: string) => [...name].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 360, 7);

const ICONS = [
  // home, inbox, planner, content, insights, settings: 24-unit strokes
  '<path d="M4 11l8-7 8 7v9h-5v-6H9v6H4z"/>',
  '<path d="M4 5h16v10H15l-3 4-3-4H4z"/>',
  '<path d="M4 6h16v14H4zM4 10h16M9 3v5M15 3v5"/>',
  '<path d="M4 4h16v16H4zM8 15l3-4 3 3 2-2 2 3"/>',
  '<path d="M5 20V11M10 20V5M15 20v-7M20 20V9"/>',
  '<path d="M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2"/>',
];

const CSS = `
  html, body { background: #f0f2f5; }
  body { font-family: 'Liberation Sans', Helvetica, Arial, sans-serif; color: #1c1e21; }
  [role="banner"] { height: 48px; box-sizing: border-box; align-items: center; background: #fff; border-bottom: 1px solid #dadde1 !important; padding: 0 16px 0 20px !important; }
  [role="banner"] > .x1lliihq { font-size: 18px; font-weight: 700; letter-spacing: -0.2px; flex-grow: 1; }
  .store-page-chip { display: flex; align-items: center; gap: 8px; font-size: 14px; font-weight: 600; padding: 4px 12px 4px 4px; border-radius: 18px; background: #f0f2f5; }
  .store-page-chip i { width: 28px; height: 28px; border-radius: 50%; background: #e8590c; color: #fff; font-style: normal; font-size: 13px; display: grid; place-items: center; }
  .x5yr21d { height: calc(100vh - 48px); }
  html.store-panel-open [data-fixture-log] { flex: 0 0 0 !important; padding: 0 !important; visibility: hidden; }
  [role="navigation"] { width: 68px; flex-shrink: 0; box-sizing: border-box; padding: 12px 0 !important; display: flex; flex-direction: column; align-items: center; gap: 6px; background: #fff; border-right: 1px solid #dadde1; }
  [role="navigation"] > a { font-size: 0; }
  .store-nav { width: 44px; height: 44px; border-radius: 10px; display: grid; place-items: center; color: #65676b; }
  .store-nav svg { width: 24px; height: 24px; fill: none; stroke: currentColor; stroke-width: 1.8; stroke-linejoin: round; stroke-linecap: round; }
  .store-nav[aria-current="page"] { background: #e7f0fd; color: #0a58ca; }
  [role="main"] { background: #fff; margin: 8px; border-radius: 10px; box-shadow: 0 1px 2px rgba(0,0,0,0.1); overflow: hidden; }
  .xnp8db0 { width: 336px; flex-shrink: 0; border-right: 1px solid #e4e6eb; }
  .xwib8y2, [data-fixture-log] + .x78zum5 { flex-shrink: 0; }
  [data-fixture-log] { min-height: 0; }
  [aria-label="Me gusta"], [aria-label="Like"] { display: none; }
  .xnp8db0 > .x1y1aw1k:first-child { padding: 16px 16px 4px; }
  .xnp8db0 > * { flex-shrink: 0; }
  .xnp8db0 > .x1odjw0f { flex-shrink: 1; min-height: 0; }
  .xnp8db0 > .x1y1aw1k:first-child .x1lkfr7t { font-size: 20px; font-weight: 700; }
  .store-search { margin: 8px 16px 4px; height: 36px; border-radius: 18px; background: #f0f2f5; display: flex; align-items: center; padding: 0 14px; color: #65676b; }
  .store-search input { border: 0; background: transparent; font: inherit; font-size: 14px; width: 100%; outline: none; color: inherit; }
  .store-tabs { display: flex; gap: 6px; padding: 8px 16px 10px; border-bottom: 1px solid #e4e6eb; overflow: hidden; }
  .store-tabs span { font-size: 13px; font-weight: 600; padding: 6px 12px; border-radius: 16px; color: #65676b; background: #f0f2f5; white-space: nowrap; }
  .store-tabs span:first-child { background: #e7f0fd; color: #0a58ca; }
  [data-pagelet] { margin: 6px 0; }
  [data-fixture-row] { left: 8px !important; right: 8px !important; height: 72px; box-sizing: border-box; padding: 22px 12px 8px 66px !important; border-radius: 8px; display: flex; align-items: center; gap: 8px; }
  [data-fixture-row]:hover, [data-fixture-row].store-selected { background: #ebf3ff; }
  [data-fixture-row]::before { content: attr(data-store-initials); position: absolute; left: 10px; top: 13px; width: 46px; height: 46px; border-radius: 50%; display: grid; place-items: center; color: #fff; font-weight: 700; font-size: 16px; background: hsl(var(--store-hue), 45%, 52%); }
  [data-fixture-row]::after { content: ''; position: absolute; left: 42px; top: 43px; width: 14px; height: 14px; border-radius: 50%; border: 2px solid #fff; }
  [data-store-platform="messenger"]::after { background: linear-gradient(135deg, #00b2ff, #006aff 55%, #a033ff); }
  [data-store-platform="instagram"]::after { background: linear-gradient(45deg, #feda75, #fa7e1e 30%, #d62976 60%, #962fbf 85%, #4f5bd5); }
  [data-fixture-row] > .x78zum5 { min-width: 0; flex: 1; gap: 3px; }
  [data-fixture-card-name] { font-size: 15px; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  [data-fixture-card-preview] { font-size: 13px !important; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  [data-fixture-row] > .x6s0dn4 { align-self: flex-end; font-size: 12px; white-space: nowrap; }
  .store-unread [data-fixture-card-name], .store-unread [data-fixture-card-preview] { color: #050505; font-weight: 700; }
  .x1iyjqo2.x78zum5.xdt5ytf { background: #fff; }
  .xwib8y2 { border-bottom: 1px solid #e4e6eb !important; }
  [data-store-header] { height: 64px; box-sizing: border-box; align-items: center; padding: 0 16px 0 70px !important; position: relative; }
  [data-store-header]::before { content: attr(data-store-initials); position: absolute; left: 16px; top: 12px; width: 40px; height: 40px; border-radius: 50%; display: grid; place-items: center; color: #fff; font-weight: 700; font-size: 15px; background: hsl(var(--store-hue), 45%, 52%); }
  [data-store-header]::after { content: attr(data-store-platform-label); position: absolute; left: 70px; top: 36px; font-size: 12px; color: #65676b; }
  [data-store-header] h2 { font-size: 16px; margin-top: -14px; }
  [data-store-header] [role="button"] { font-size: 13px; font-weight: 600; border-radius: 6px; background: #e4e6eb; padding: 7px 12px !important; }
  [data-fixture-log] { padding: 12px 20px !important; display: flex; flex-direction: column; justify-content: flex-end; gap: 10px; overflow: hidden !important; }
  [data-fixture-log] > div { display: flex; flex-direction: column; align-items: flex-start; gap: 3px; max-width: 70%; position: relative; padding-left: 36px; }
  [data-fixture-log] > div > [dir="auto"] { padding: 8px 12px; border-radius: 18px; background: #f0f2f5; font-size: 14px; line-height: 19px; }
  [data-fixture-log] > div > span { font-size: 11px; color: #65676b; padding: 0 8px; }
  [data-fixture-log] > div.store-customer::before { content: attr(data-store-initials); position: absolute; left: 0; top: 2px; width: 28px; height: 28px; border-radius: 50%; display: grid; place-items: center; color: #fff; font-size: 11px; font-weight: 700; background: hsl(var(--store-hue), 45%, 52%); }
  [data-fixture-log] > div.store-page { align-self: flex-end; align-items: flex-end; padding-left: 0; }
  [data-fixture-log] > div.store-page > [dir="auto"] { background: #0866ff; color: #fff; }
  .xzsf02u { border: 0 !important; background: #f0f2f5; border-radius: 20px !important; min-height: 40px; position: relative; box-sizing: border-box; padding: 10px 16px !important; }
  .xzsf02u p { margin: 0; }
  .xzsf02u::before { content: attr(aria-placeholder); position: absolute; left: 16px; top: 10px; color: #65676b; pointer-events: none; }
  .xzsf02u ~ * { display: none; }
  .x1k2rw8 { width: 272px; flex-shrink: 0; box-sizing: border-box; border-left: 1px solid #e4e6eb; padding: 20px !important; background: #fff; }
  .x1k2rw8 h3 { font-size: 13px !important; color: #65676b; text-transform: none; margin: 18px 0 8px !important; }
  .x1k2rw8 h3:first-child { margin-top: 0 !important; }
  [data-store-sidebar] { position: relative; padding: 64px 0 4px; }
  [data-store-sidebar]::before { content: attr(data-store-initials); position: absolute; left: 0; top: 0; width: 56px; height: 56px; border-radius: 50%; display: grid; place-items: center; color: #fff; font-weight: 700; font-size: 20px; background: hsl(var(--store-hue), 45%, 52%); }
  [data-store-sidebar] .x1lkfr7t { font-size: 17px; }
  [data-fixture-profile] { display: inline-block; margin-top: 8px; font-size: 13px; font-weight: 600; color: #1c1e21; text-decoration: none; background: #e4e6eb; border-radius: 6px; padding: 7px 12px; }
  [data-fixture-profile] + h3 + div span { display: inline-block; font-size: 13px; border-radius: 12px; padding: 4px 10px; background: #e7f3ec; color: #1f6b3d; }
  .x1k2rw8 h3:last-of-type + div span { font-size: 13px; color: #65676b; }

  html.__fb-dark-mode, html.__fb-dark-mode body { background: #18191a; color: #e4e6eb; }
  html.__fb-dark-mode [role="banner"], html.__fb-dark-mode [role="navigation"] { background: #242526; border-color: #3e4042 !important; }
  html.__fb-dark-mode .store-page-chip, html.__fb-dark-mode .store-search, html.__fb-dark-mode .store-tabs span { background: #3a3b3c; color: #e4e6eb; }
  html.__fb-dark-mode .store-nav { color: #b0b3b8; }
  html.__fb-dark-mode .store-nav[aria-current="page"], html.__fb-dark-mode .store-tabs span:first-child { background: #263951; color: #4599ff; }
  html.__fb-dark-mode [role="main"], html.__fb-dark-mode .x1iyjqo2.x78zum5.xdt5ytf, html.__fb-dark-mode .x1k2rw8 { background: #242526; box-shadow: none; }
  html.__fb-dark-mode .xnp8db0, html.__fb-dark-mode .xwib8y2, html.__fb-dark-mode .store-tabs, html.__fb-dark-mode .x1k2rw8 { border-color: #3e4042 !important; }
  html.__fb-dark-mode [data-fixture-row]:hover, html.__fb-dark-mode [data-fixture-row].store-selected { background: #263951; }
  html.__fb-dark-mode [data-fixture-row]::after { border-color: #242526; }
  html.__fb-dark-mode .x6s0dn4, html.__fb-dark-mode [data-store-header]::after, html.__fb-dark-mode [data-fixture-log] > div > span, html.__fb-dark-mode .x1k2rw8 h3 { color: #b0b3b8 !important; }
  html.__fb-dark-mode .store-unread [data-fixture-card-name], html.__fb-dark-mode .store-unread [data-fixture-card-preview] { color: #e4e6eb; }
  html.__fb-dark-mode [data-fixture-log] > div > [dir="auto"], html.__fb-dark-mode .xzsf02u { background: #3a3b3c; color: #e4e6eb; }
  html.__fb-dark-mode [data-fixture-log] > div.store-page > [dir="auto"] { background: #0866ff; color: #fff; }
  html.__fb-dark-mode .xzsf02u::before { color: #b0b3b8; }
  html.__fb-dark-mode [data-store-header] [role="button"], html.__fb-dark-mode [data-fixture-profile] { background: #3a3b3c; color: #e4e6eb; }
  html.__fb-dark-mode [data-fixture-profile] + h3 + div span { background: #1f3b2b; color: #8fd4a8; }
  html.__fb-dark-mode .x1k2rw8 h3:last-of-type + div span { color: #b0b3b8; }
`;

/** Runs after the fixture's rebuild (window.__fixtureThreads): data- attributes and the chrome around Reopen's reads. */
const DRESS = `
(function (people, selectedId, words, icons) {
  var threads = window.__fixtureThreads || [];
  var selected = people[selectedId] || null;
  var paint = function (node, person) {
    if (!node || !person) return;
    node.setAttribute('data-store-initials', person.initials);
    node.style.setProperty('--store-hue', String(person.hue));
  };
  Array.prototype.forEach.call(document.querySelectorAll('[data-fixture-row]'), function (card) {
    var thread = threads[Number(card.getAttribute('data-fixture-index'))];
    var person = thread && people[thread.selectedItemId];
    if (!person) return;
    paint(card, person);
    card.setAttribute('data-store-platform', person.platform);
    if (thread.selectedItemId === selectedId) card.classList.add('store-selected');
    else if (person.unread) card.classList.add('store-unread');
    var time = card.lastElementChild;
    if (time && time.classList.contains('x6s0dn4')) time.textContent = person.time;
  });
  // Taller cards than the fixture's 64 px: the row badge gets the top line to itself, above the name.
  Array.prototype.forEach.call(document.querySelectorAll('[data-fixture-row]'), function (card, index) { card.style.top = (index * 72) + 'px'; });
  var pagelet = document.querySelector('[data-pagelet]');
  if (pagelet) pagelet.style.height = (threads.length * 72) + 'px';
  var listHead = document.querySelector('.xnp8db0 > .x1y1aw1k');
  if (listHead) {
    var search = document.createElement('div');
    search.className = 'store-search';
    var input = document.createElement('input');
    input.setAttribute('placeholder', words.search);
    input.setAttribute('aria-label', words.search);
    input.tabIndex = -1;
    search.appendChild(input);
    var tabs = document.createElement('div');
    tabs.className = 'store-tabs';
    tabs.setAttribute('aria-hidden', 'true');
    words.tabs.forEach(function (word) { var tab = document.createElement('span'); tab.textContent = word; tabs.appendChild(tab); });
    listHead.after(search, tabs);
  }
  var nav = document.querySelector('[role="navigation"]');
  if (nav) {
    icons.forEach(function (icon, index) {
      var item = document.createElement('div');
      item.className = 'store-nav';
      item.setAttribute('aria-hidden', 'true');
      if (index === 1) item.setAttribute('aria-current', 'page');
      item.innerHTML = '<svg viewBox="0 0 24 24">' + icon + '</svg>';
      nav.appendChild(item);
    });
  }
  var banner = document.querySelector('[role="banner"]');
  if (banner) {
    var chip = document.createElement('div');
    chip.className = 'store-page-chip';
    chip.setAttribute('aria-hidden', 'true');
    chip.innerHTML = '<i>A</i>Acme Store';
    banner.appendChild(chip);
  }
  if (!selected) return;
  var heading = document.querySelector('[data-fixture-header-name]');
  var header = heading && heading.closest('.xwib8y2');
  if (header) {
    header.setAttribute('data-store-header', '');
    header.setAttribute('data-store-platform-label', words.platform[selected.platform]);
    paint(header, selected);
  }
  var sidebarName = document.querySelector('[data-fixture-sidebar-name]');
  if (sidebarName) {
    sidebarName.parentElement.setAttribute('data-store-sidebar', '');
    paint(sidebarName.parentElement, selected);
  }
  var composer = document.querySelector('[data-lexical-editor]');
  if (composer) composer.setAttribute('aria-placeholder', words.replyOn[selected.platform]);
  var log = document.querySelector('[data-fixture-log]');
  if (log) {
    var rows = Array.prototype.filter.call(log.children, function (row) { return !row.hidden; });
    rows.forEach(function (row, index) {
      var from = selected.froms[index];
      if (!from) return;
      row.classList.add(from === 'page' ? 'store-page' : 'store-customer');
      if (from !== 'page') paint(row, selected);
    });
  }
})`;

/** Serves the store's inbox: both platforms listed, English or Spanish chrome, the skin and its dressing script. */
export function storeInbox(lang: Lang) {
  return (html: string, url: URL, state: ScenarioState): string => {
    const translated = lang === 'en' ? ENGLISH.reduce((page, [from, to]) => page.split(from).join(to), html) : html;
    const listed = inboxFixtureHtml(translated, url, state, 'all');
    const now = Date.now();
    const people = Object.fromEntries(
      state.conversations.map((conversation) => {
        const last = conversation.messages.at(-1);
        return [
          conversation.selectedItemId,
          {
            initials: initials(conversation.customerName),
            hue: hueOf(conversation.customerName),
            platform: conversation.platform,
            time: last ? cardTime(now - last.at, last.at, lang) : '',
            unread: last?.from === 'customer' && now - last.at < 6 * 3_600_000,
            // The pane shows the last messages (tests/e2e/inbox-fixture.ts PANE_MESSAGES_SHOWN): who wrote each.
            froms: conversation.messages.slice(-PANE_MESSAGES_SHOWN).map((message) => message.from),
          },
        ];
      }),
    );
    const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
    const script = `<style>${CSS}</style><script>${DRESS}(${json(people)}, ${json(url.searchParams.get('selected_item_id'))}, ${json(WORDS[lang])}, ${json(ICONS)});</script>`;
    const at = listed.lastIndexOf('</body>');
    return `${listed.slice(0, at)}${script}\n${listed.slice(at)}`;
  };
}
