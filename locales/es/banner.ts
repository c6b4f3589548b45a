import type en from '../en/banner';

// Spanish strings for the banner area; must have exactly the keys of the English file.
export default {} satisfies Record<keyof typeof en, string>;
