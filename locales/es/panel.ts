import type en from '../en/panel';

// Spanish strings for the panel area; must have exactly the keys of the English file.
export default {} satisfies Record<keyof typeof en, string>;
