/**
 * A stand-in for the host's Custom UI bridge: @forge/bridge (imported by @forge/react) looks for
 * `globalThis.__bridge` when loaded. Calls are recorded; none is expected while rendering views.
 */
export const bridgeCalls: Array<{ name: string; payload: unknown }> = [];

// The Forge reconciler reaches the bridge through `self`, which a browser defines and Node does not.
(globalThis as { self?: unknown }).self ??= globalThis;

(globalThis as { __bridge?: unknown }).__bridge = {
  callBridge: async (name: string, payload: unknown) => {
    bridgeCalls.push({ name, payload });
    return undefined;
  },
};
