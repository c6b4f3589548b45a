// Stands in for is-potential-custom-element-name in the build (wxt.config.ts aliases it here). WXT's
// createShadowRootUi checks the host element's name with it; Reopen's hosts have fixed ASCII names
// ('reopen-inbox', 'reopen-inbox-floating'), so the full Unicode grammar (a ~1 KB regular expression) is not needed
// in a content script whose budget is 25 KB. Same answer for ASCII names: a lower-case letter first, a hyphen.
const ASCII_CUSTOM_ELEMENT_NAME = /^[a-z][-.0-9_a-z]*-[-.0-9_a-z]*$/;

export default function isPotentialCustomElementName(name: string): boolean {
  return ASCII_CUSTOM_ELEMENT_NAME.test(name);
}
