// Events as a script of the host page would dispatch them into Reopen's open shadow root: a browser marks them
// `isTrusted: false` on the instance.

function untrusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: false });
  return event;
}

/** What `element.click()` from a page script does. */
export function untrustedClick(element: Element): void {
  element.dispatchEvent(untrusted(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })));
}

/** A page script ticking a checkbox: sets `checked`, then dispatches input and change. */
export function untrustedCheck(input: HTMLInputElement): void {
  input.checked = !input.checked;
  input.dispatchEvent(untrusted(new Event('input', { bubbles: true, composed: true })));
  input.dispatchEvent(untrusted(new Event('change', { bubbles: true, composed: true })));
}
