import type en from '../en/policy';

// Spanish strings for the policy area; must have exactly the keys of the English file.
export default {} satisfies Record<keyof typeof en, string>;
