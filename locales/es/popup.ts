import type en from '../en/popup';

// Spanish strings for the popup area; must have exactly the keys of the English file.
export default {} satisfies Record<keyof typeof en, string>;
