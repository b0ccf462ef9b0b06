// The page kept up to date: the event stream, catching up after each (re)connection, and the sheet's autosave.
import { createAutosave, flushOnLeave } from "../shared/autosave.js";
import { connectEvents } from "../shared/events.js";
import { useEffect, useRef, useState } from "../shared/html.js";
import { request } from "../shared/request.js";
import { normalizeSheet, sameSheet } from "./sheet-model.js";

/** A sheet saved elsewhere is taken only when this page has not been saving in the last moment. */
const QUIET_MS = 2000;

/**
 * Wires the page to the server. Returns the connection's state, the sheet's save status and `edit(sheet)`,
 * which records an edit and saves it after a pause.
 */
export function useLive(api, initialSheet, dispatch) {
  const [connection, setConnection] = useState({ state: "connecting" });
  const [status, setStatus] = useState({ state: "saved" });
  const saver = useRef(null);
  saver.current ??= createAutosave({
    save: (sheet, { keepalive }) => request(api("/sheet"), { method: "PUT", body: normalizeSheet(sheet), keepalive }),
    onSaved: (result) => dispatch({ type: "computed", computed: result.computed }),
    onState: setStatus,
    saved: initialSheet,
    same: sameSheet,
  });

  useEffect(() => {
    const autosave = saver.current;
    const failed = (error) => setConnection({ state: "lost", message: `refresh failed: ${error.message}` });
    const takeSheet = (view) => {
      if (autosave.pending() || sameSheet(view.sheet, autosave.latest())) return;
      autosave.known(view.sheet);
      dispatch({ type: "remote", sheet: view.sheet, computed: view.computed });
      setStatus({ state: "note", message: "updated from another window" });
    };
    // Anything that happened before the stream opened, or while it was down, was never sent to this page.
    const catchUp = () =>
      request(api(""))
        .then((view) => {
          dispatch({ type: "caughtUp", view });
          takeSheet(view);
        })
        .catch(failed);
    const refresh = folded(() =>
      request(api("/submissions"))
        .then((data) => dispatch({ type: "submissions", submissions: data.submissions }))
        .catch(failed),
    );
    const onMessage = (message) => {
      if (message?.type === "draft") dispatch(message);
      else if (message?.type === "timeline") dispatch({ type: "timeline" });
      else if (message?.type === "submission") {
        if (message.status === "running") dispatch({ type: "running", id: message.id });
        refresh();
      } else if (message?.type === "sheet" && !autosave.pending() && autosave.quietFor() > QUIET_MS) {
        request(api("")).then(takeSheet, () => {}); // the next event or reconnection tries again
      }
    };
    flushOnLeave(autosave.flush);
    const beforeUnload = (event) => {
      if (autosave.pending()) event.preventDefault();
    };
    addEventListener("beforeunload", beforeUnload);
    const close = connectEvents(api("/events"), { onOpen: catchUp, onMessage, onState: (state) => setConnection({ state }) });
    return () => {
      close();
      removeEventListener("beforeunload", beforeUnload);
    };
  }, []);

  const edit = (sheet) => {
    dispatch({ type: "edit", sheet });
    saver.current.changed(sheet);
  };
  return { connection, status, edit };
}

/** Runs `task` (returning a promise) one at a time; calls made while it runs are folded into one more run. */
export function folded(task) {
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await task();
    } finally {
      running = false;
      if (again) {
        again = false;
        run();
      }
    }
  };
  return run;
}
