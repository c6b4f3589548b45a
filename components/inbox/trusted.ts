// The inbox UI lives in open shadow roots (the UI test contract needs them open), so a script of the host page can
// reach its buttons and call `.click()` or dispatch events. A send, and every confirmation that leads to one (the
// person, the promotional wording, "send again"), acts only on the agent's own input: the browser marks an event the
// user caused (mouse, touch, keyboard activation) `isTrusted`, an attribute no page script can set or forge
// (DOM Standard, "isTrusted", unforgeable on every event instance).

/** The handler runs only for an event the user caused; a synthetic one is ignored (and `onIgnored` may undo it). */
export function onTrusted<E extends Event>(handler: (event: E) => void, onIgnored?: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted === true) handler(event);
    else onIgnored?.(event);
  };
}
