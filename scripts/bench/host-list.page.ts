// Runs in the bench's fixture page (bundled with Preact by ./host-list.ts, injected as a classic script): Business
// Suite's conversation list as a virtual-DOM library renders it, so the row-badges bench measures Reopen against a
// host that pays what a real commit pays (diffing a keyed tree, setting atomic classes and attributes), not against
// a bare cloneNode. See rows.bench.ts's header for why this card shape and what the figures are a bound of.

import { h, render, type ComponentChildren, type VNode } from 'preact';

export type HostMode = 'clone' | 'update' | 'scroll' | 'remount';

interface CardProps {
  name: string;
  preview: string;
  time: string;
  label: string;
  unread: boolean;
  top: number;
}

// Atomic class lists like those scrapers record of Business Suite (StyleX): 3 to 18 classes per element.
const CLASS = {
  card: 'x10l6tqk x1y1aw1k x1s688f x1n2onr6 x1ja2u2z x9f619 x78zum5 x2lah0s x193iq5w xeuugli',
  row: 'x1n2onr6 x78zum5 x1q0g3np x6s0dn4 x1iyjqo2 xs83m0k xeuugli x1qughib x1a02dak',
  avatarColumn: 'x1rg5ohu x1n2onr6 x2lah0s x10w6t97 x1td3qas xexx8yu x4uap5 x18d9i69 xkhd6sd',
  avatarFrame: 'x1n2onr6 x1lliihq x2lah0s x1ey2m1c xjbqb8w x1ja2u2z',
  avatarMask: 'x1lliihq x5yr21d x1n2onr6 xh8yej3 x1ja2u2z x14yjl9h xudhj91 x18nykt9 xww2gxu',
  avatar: 'x1rg5ohu x5yr21d xl1xv1r xh8yej3 x14yjl9h xudhj91 x18nykt9 xww2gxu',
  platformBadge: 'x10l6tqk xwa60dl x1cb1t30 x1ey2m1c x14yjl9h xudhj91 x18nykt9 xww2gxu x1n2onr6',
  body: 'x1iyjqo2 xs83m0k xdl72j9 x1iorvi4 x1l90r2v x6ikm8r x10wlt62 x78zum5 xdt5ytf',
  topLine: 'x78zum5 x1q0g3np x1qughib x6s0dn4 x1iyjqo2 xeuugli',
  nameBlock: 'x1iyjqo2 xs83m0k x6ikm8r x10wlt62 xlyipyv xuxw1ft',
  nameWrap: 'x78zum5 x6s0dn4 x1iyjqo2 xeuugli',
  nameIcon: 'x2lah0s x1n2onr6 x1c4vz4f',
  name: 'x193iq5w xeuugli x13faqbe x1vvkbs x1xmvt09 x1lliihq x1s928wv xhkezso x1gmr53x x1cpjm7i x1fgarty x1943h6x xudqn12 x3x7a5m x6prxxf xvq8zen x1s688f xzsf02u',
  nameUnread:
    'x193iq5w xeuugli x13faqbe x1vvkbs x1xmvt09 x1lliihq x1s928wv xhkezso x1gmr53x x1cpjm7i x1fgarty x1943h6x xudqn12 x3x7a5m x6prxxf xvq8zen x117nqv4 xzsf02u',
  previewLine: 'x78zum5 x1q0g3np x6s0dn4 x1iyjqo2 xeuugli x6ikm8r x10wlt62',
  previewText:
    'x193iq5w xeuugli x13faqbe x1vvkbs x1xmvt09 x1lliihq x1s928wv xhkezso x1gmr53x x1cpjm7i x1fgarty x1943h6x xudqn12 x3x7a5m x6prxxf xvq8zen xo1l8bm xi81zsa',
  label: 'x193iq5w xeuugli x13faqbe x1vvkbs x1xmvt09 x6prxxf xvq8zen xo1l8bm xi81zsa x2lah0s',
  timeColumn: 'x2lah0s x78zum5 xdt5ytf x1cy8zhl xq8finb',
  time: 'x193iq5w xeuugli x13faqbe x1vvkbs x1xmvt09 x6prxxf xvq8zen xo1l8bm xi81zsa',
  dot: 'x1ey2m1c x10l6tqk xpdipgo x14yjl9h xudhj91 x18nykt9 xww2gxu x1xmf6yo x1emribx',
  actions: 'x78zum5 x6s0dn4 x2lah0s x1c4vz4f xg01cxk x47corl xh8yej3',
  action: 'x1i10hfl x1qjc9v5 xjbqb8w xjqpnuy xa49m3k xqeqjp1 x2hbi6w x13fuv20 xu3j5b3 x1q0q8m5 x26u7qi x972fbf xcfux6l x1qhh985 xm0m39n x9f619',
  icon: 'x1lliihq x1k90msu x2h7rmj x1qfuztq xcza8v6 xlup9mm x1kky2od',
};

// A 1×1 transparent GIF: the avatar is an <img> as in the live list, without a network request.
const AVATAR = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const ICON_PATH = 'M12 2C6.36 2 2 6.13 2 11.7c0 2.91 1.19 5.44 3.14 7.17.16.14.26.35.27.57l.05 1.78a.8.8 0 0 0 1.12.71l1.99-.88';
const ACTIONS = ['Marcar como no leído', 'Mover a Listo', 'Más opciones'];

const icon = (size: number) =>
  h('svg', { viewBox: '0 0 24 24', width: size, height: size, class: CLASS.icon, 'aria-hidden': 'true', fill: 'currentColor' }, h('path', { d: ICON_PATH }));

/** One conversation card: avatar with the platform's icon, name, label noise and preview, time, unread dot, and the
 *  hover actions (rendered, shown by CSS on hover). 31 or 32 elements (the dot) and 4 text nodes; the name's text
 *  seven elements below the card, the avatar's img five. */
function Card({ name, preview, time, label, unread, top }: CardProps): VNode {
  return h(
    'div',
    { role: 'listitem', class: CLASS.card, style: { top: `${top}px` }, 'aria-label': `Conversación con ${name}, ${time}` },
    h(
      'div',
      { role: 'presentation', class: CLASS.row },
      h(
        'div',
        { class: CLASS.avatarColumn },
        h(
          'div',
          { class: CLASS.avatarFrame },
          h('div', { class: CLASS.avatarMask }, h('img', { class: CLASS.avatar, src: AVATAR, alt: '', width: 40, height: 40 })),
          h('div', { class: CLASS.platformBadge }, icon(14)),
        ),
      ),
      h(
        'div',
        { class: CLASS.body },
        h(
          'div',
          { class: CLASS.topLine },
          h(
            'div',
            { class: CLASS.nameBlock },
            h(
              'div',
              { class: CLASS.nameWrap },
              h('div', { class: CLASS.nameIcon }),
              h('div', null, h('span', { dir: 'auto', class: unread ? CLASS.nameUnread : CLASS.name }, name)),
            ),
          ),
        ),
        h(
          'div',
          { class: CLASS.previewLine },
          h('span', { class: CLASS.label }, label),
          h('span', { dir: 'auto', class: CLASS.previewText }, preview),
          unread ? h('div', { class: CLASS.dot, 'aria-label': 'No leído' }) : null,
        ),
      ),
      h('div', { class: CLASS.timeColumn }, h('span', { class: CLASS.time }, time)),
      h(
        'div',
        { class: CLASS.actions },
        ACTIONS.map((action) => h('div', { role: 'button', tabIndex: -1, 'aria-label': action, class: CLASS.action }, icon(16))),
      ),
    ),
  );
}

const PREVIEWS = [
  '¿Tenéis la talla M en azul?',
  'Gracias por la ayuda',
  '¿Hacéis envíos a Canarias?',
  'Vale, lo miro y os digo',
  'Foto',
  '¿Cuándo llega mi pedido?',
  'Perfecto 👍',
];
const TIMES = ['ahora', '1 min', '5 min', '2 h', 'lun', '12 nov'];
const LABELS = ['Tú: ', '', 'Cliente: ', ''];

interface Slot {
  key: string;
  name: string;
}

/** The list (data-pagelet GenericBizInboxThreadListViewBody) and one function per re-render, each a commit. */
export function mountHostList(list: Element, names: readonly string[]) {
  // Slot 0 is the card a virtual list recycles: same key across renders, its name's text rewritten in place.
  const slots: Slot[] = names.map((name, index) => ({ key: index === 0 ? 'recycled' : `c${index}:0`, name }));
  let renders = 0;
  /** Virtual index of the first card shown (scroll mode): card k shows row first + k, positioned by its index. */
  let first = 0;
  const draw = (shift: number) => {
    const cards: ComponentChildren[] = slots.map((slot, k) => {
      const index = first + k;
      return h(Card, {
        key: first === 0 ? slot.key : `row${index}`,
        name: first === 0 ? slot.name : names[index % names.length]!,
        preview: PREVIEWS[(index + shift) % PREVIEWS.length]!,
        time: TIMES[(index + shift) % TIMES.length]!,
        label: LABELS[index % LABELS.length]!,
        unread: (index + shift) % 3 === 0,
        top: index * 64,
      });
    });
    render(h('div', { style: { height: `${(first + slots.length) * 64}px` }, class: 'x1n2onr6' }, cards), list);
  };
  list.textContent = '';
  draw(0);
  return {
    /** Scrolled down by one row, as a virtual list renders it (react-window's way: cards keyed by row index,
     *  positioned by it): the top card unmounts, one mounts at the bottom (the list wraps round its ROWS
     *  conversations), the others keep their keys, positions and text. */
    scroll() {
      renders++;
      first++;
      draw(0);
    },
    /** Same keys: previews, times, unread marks change (React's ordinary commit: text changed in place). */
    update() {
      draw(++renders);
    },
    /** New keys for every card but the recycled one (a jump scroll or a mailbox switch: every card replaced), whose
     *  name is swapped with the next card's, in place. Back at the top of the list. */
    remount() {
      renders++;
      first = 0;
      const [recycled, next] = [slots[0]!, slots[1]!];
      [recycled.name, next.name] = [next.name, recycled.name];
      for (const [index, slot] of slots.entries()) if (index > 0) slot.key = `c${index}:${renders}`;
      draw(renders);
    },
  };
}

/** The bare model (the worst case for Reopen's share): every card of the fixture replaced by its clone, and two cards'
 *  names swapped in place. No library: the host pays only cloneNode and replaceWith. */
export function cloneRerender(list: Element, step: number) {
  for (const card of [...list.querySelectorAll('[role="listitem"]')]) {
    const fresh = card.cloneNode(true) as Element;
    fresh.querySelectorAll('[data-testid="reopen-row-badge"]').forEach((node) => node.remove());
    card.replaceWith(fresh);
  }
  const names = list.querySelectorAll('[data-fixture-card-name]');
  const a = names[step % names.length]!.firstChild!;
  const b = names[(step + 1) % names.length]!.firstChild!;
  [a.nodeValue, b.nodeValue] = [b.nodeValue, a.nodeValue];
}

type Hosted = ReturnType<typeof mountHostList>;
const LIST = '[data-pagelet="GenericBizInboxThreadListViewBody"]';

// The page-side API the bench calls through page.evaluate.
(window as unknown as { __benchHost: unknown }).__benchHost = {
  hosted: null as Hosted | null,
  /** Replaces the fixture's cards with the rendered list of the same names, in the same order. */
  mount(this: { hosted: Hosted | null }) {
    const list = document.querySelector(LIST)!;
    const names = [...list.querySelectorAll('[role="listitem"]')].map((card) => card.getAttribute('data-fixture-name') ?? '');
    this.hosted = mountHostList(list, names);
    return list.querySelectorAll('[role="listitem"]').length;
  },
  /** `renders` re-renders in `mode`, one timer task each (as commits are), `gapMs` apart (0: back to back, a
   *  churning list), resolving 50 ms after the last (or `gapMs`, if longer) so the last observer callbacks and frames
   *  run inside the measured span. */
  run(this: { hosted: Hosted | null }, mode: HostMode, renders: number, gapMs = 0): Promise<void> {
    const list = document.querySelector(LIST)!;
    return new Promise((done) => {
      let i = 0;
      const step = () => {
        if (mode === 'clone') cloneRerender(list, i);
        else this.hosted![mode]();
        if (++i < renders) setTimeout(step, gapMs);
        else setTimeout(done, Math.max(50, gapMs));
      };
      setTimeout(step, 0);
    });
  },
  /** Elements and text nodes of one card as the host rendered it (Reopen's badge not counted). */
  cardNodes() {
    const card = document.querySelector(`${LIST} [role="listitem"]`)!;
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let elements = 0;
    let texts = 0;
    for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
      if (node.nodeType === 1 && (node as Element).closest('[data-testid="reopen-row-badge"]')) continue;
      if (node.nodeType === 1) elements++;
      else texts++;
    }
    return { elements, texts };
  },
};
