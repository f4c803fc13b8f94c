/**
 * Give the event loop a turn (so Ctrl-C, progress output and browser UI get
 * through a long run), in Node and in browsers alike: setImmediate where it
 * exists, else a MessageChannel message (a task without setTimeout's 4 ms
 * clamp), else setTimeout.
 */
type Schedule = (callback: () => void) => void;

function chooseScheduler(): Schedule {
  const scope = globalThis as { setImmediate?: (callback: () => void) => unknown };
  if (typeof scope.setImmediate === 'function') {
    const immediate = scope.setImmediate;
    return (callback) => void immediate(callback);
  }
  if (typeof MessageChannel === 'function') {
    const pending: Array<() => void> = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => pending.shift()?.();
    return (callback) => {
      pending.push(callback);
      channel.port2.postMessage(null);
    };
  }
  return (callback) => void setTimeout(callback, 0);
}

let schedule: Schedule | undefined;

export function yieldToEventLoop(): Promise<void> {
  schedule ??= chooseScheduler();
  return new Promise<void>((resolve) => schedule!(resolve));
}
