// A server-sent event stream that reconnects: reports each open (time to catch up), each message and the
// connection's state ("connecting", "live", "lost").

const RECONNECT_MS = 3000;

/** Opens `url`; returns a function that closes the stream for good. */
export function connectEvents(url, { onOpen, onMessage, onState }, { retryMs = RECONNECT_MS } = {}) {
  let source = null;
  let retry = null;
  let closed = false;
  const open = () => {
    onState?.("connecting");
    source = new EventSource(url);
    // Every open, the first included, is a chance to catch up on what was sent while no stream listened.
    source.onopen = () => {
      onState?.("live");
      onOpen?.();
    };
    source.onerror = () => {
      onState?.("lost");
      // The browser retries by itself unless it gave up (CLOSED): then a new stream after a pause.
      if (source.readyState === EventSource.CLOSED && !closed) {
        source.close();
        retry = setTimeout(open, retryMs);
      }
    };
    source.onmessage = (event) => onMessage?.(parseMessage(event.data));
  };
  open();
  return () => {
    closed = true;
    clearTimeout(retry);
    source?.close();
  };
}

/** The event's JSON, or null when it is not an object. */
export function parseMessage(data) {
  try {
    const message = JSON.parse(data);
    return message && typeof message === "object" ? message : null;
  } catch {
    return null;
  }
}
