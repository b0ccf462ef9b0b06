// The link token in the page's address (`/c/<token>`, `/i/<token>`) and the API paths built from it.

/** The last segment of a path: the session's link token, `<id>-<secret>`. */
export function linkToken(pathname) {
  return decodeURIComponent(pathname.split("/").filter(Boolean).pop() || "");
}

/** A function from a suffix to the API path of one side (`c` or `i`) of the session. */
export function apiPaths(side, token) {
  return (suffix = "") => `/api/${side}/${encodeURIComponent(token)}${suffix}`;
}
