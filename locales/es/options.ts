import type en from '../en/options';

// Spanish strings for the options area; must have exactly the keys of the English file.
export default {} satisfies Record<keyof typeof en, string>;
