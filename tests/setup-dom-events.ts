// happy-dom has no `isTrusted` on its events. Component tests stand for the agent's own clicks and keys, which a
// browser marks trusted: give every event a prototype `isTrusted` of true. `tests/support/untrusted.ts` makes the
// events a page script could dispatch (an own `isTrusted` of false, as a browser gives them).
if (!('isTrusted' in Event.prototype)) {
  Object.defineProperty(Event.prototype, 'isTrusted', { configurable: true, get: () => true });
}
