// The session token from the URL, the API paths built from it, and fetch + JSON with readable errors.

export const TOKEN = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");

export function api(suffix) {
  return `/api/i/${encodeURIComponent(TOKEN)}${suffix || ""}`;
}

/** fetch + JSON, throwing an Error with the server's message (and `.status`) on failure. */
export async function request(url, options) {
  const opts = Object.assign({ method: "GET" }, options);
  const init = { method: opts.method, headers: { accept: "application/json" }, keepalive: Boolean(opts.keepalive) };
  if (opts.body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(opts.body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    const error = new Error("the server cannot be reached");
    error.status = 0;
    throw error;
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (err) {
    data = null;
  }
  if (!response.ok) {
    const message = (data && data.error && data.error.message) || `${response.status} ${response.statusText}`;
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return data;
}
