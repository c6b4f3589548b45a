// Where each entry of lib/inbox's registries must and must not match, by fixture layout (tests/fixtures/inbox/).
// The adapter and identity tests enforce these tables and check that every fixture is listed by every entry, so a
// new layout cannot be forgotten. Kept apart from the registries themselves so the content script does not carry
// test data (its 25 KB budget); only tests import this file.
import type { NameSignalId } from './name-signals';
import type { AnchorName } from './selectors';

/** The live 2026 shape (reference §7a) and the other layouts Reopen must read. */
export const FIXTURE_LAYOUTS = [
  'messenger-en.html',
  'messenger-es.html',
  'all-en.html',
  'changed-layout.html',
  'suite-2026-es.html',
  'header-link-en.html',
  'list-current-en.html',
  'card-only-es.html',
] as const;
export type FixtureLayout = (typeof FIXTURE_LAYOUTS)[number];

export const ANCHOR_FIXTURES: Readonly<Record<AnchorName, { mustMatchIn: readonly FixtureLayout[]; mustMissIn: readonly FixtureLayout[] }>> = {
  composer: {
    mustMatchIn: [
      'messenger-en.html',
      'messenger-es.html',
      'all-en.html',
      'suite-2026-es.html',
      'header-link-en.html',
      'list-current-en.html',
      'card-only-es.html',
    ],
    // A reply box without any reply wording (a <textarea> labelled "Message"): the banner floats.
    mustMissIn: ['changed-layout.html'],
  },
  conversationHeader: {
    mustMatchIn: ['messenger-en.html', 'messenger-es.html', 'all-en.html', 'suite-2026-es.html', 'list-current-en.html'],
    // No heading at all, or only the generic mailbox title: the watcher observes the main region instead.
    mustMissIn: ['changed-layout.html', 'header-link-en.html', 'card-only-es.html'],
  },
  threadList: {
    mustMatchIn: [...FIXTURE_LAYOUTS],
    mustMissIn: [],
  },
};

/** Fixture → the name the signal must read there; `mustMissIn`: no acceptable name (absent, or only a title). */
export const NAME_SIGNAL_FIXTURES: Readonly<
  Record<NameSignalId, { mustMatchIn: Readonly<Partial<Record<FixtureLayout, string>>>; mustMissIn: readonly FixtureLayout[] }>
> = {
  paneHeading: {
    mustMatchIn: {
      'messenger-en.html': 'Maria Lopez',
      'messenger-es.html': 'José Martínez',
      'all-en.html': 'Maria Lopez',
      'suite-2026-es.html': 'Lucía Fernández',
      'list-current-en.html': 'Grace Kim',
    },
    mustMissIn: ['changed-layout.html', 'header-link-en.html', 'card-only-es.html'],
  },
  profileLink: {
    mustMatchIn: { 'header-link-en.html': 'Omar Haddad' },
    // Their profile links say "View profile"/"Ver perfil", or there is none.
    mustMissIn: [
      'messenger-en.html',
      'messenger-es.html',
      'all-en.html',
      'changed-layout.html',
      'suite-2026-es.html',
      'list-current-en.html',
      'card-only-es.html',
    ],
  },
  contactSidebar: {
    mustMatchIn: { 'suite-2026-es.html': 'Lucía Fernández' },
    // list-current-en.html has a sidebar with section titles only ("Labels", "Notes"): still no name.
    mustMissIn: [
      'messenger-en.html',
      'messenger-es.html',
      'all-en.html',
      'changed-layout.html',
      'header-link-en.html',
      'list-current-en.html',
      'card-only-es.html',
    ],
  },
  selectedCard: {
    mustMatchIn: {
      'messenger-en.html': 'Maria Lopez',
      'messenger-es.html': 'José Martínez',
      'all-en.html': 'Maria Lopez',
      'changed-layout.html': 'Maria Lopez',
      'header-link-en.html': 'Omar Haddad',
      'list-current-en.html': 'Grace Kim',
      'card-only-es.html': 'Carmen Ruiz',
    },
    // §7a: virtualized list-item cards without links or selection marks: only the agent's click tells.
    mustMissIn: ['suite-2026-es.html'],
  },
};
