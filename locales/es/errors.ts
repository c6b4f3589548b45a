import type en from '../en/errors';

// Spanish strings for the errors area; must have exactly the keys of the English file.
export default {} satisfies Record<keyof typeof en, string>;
