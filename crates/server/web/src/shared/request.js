// JSON requests to the API, and the one error shape: an ApiError with the server's message, code and status.

export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Whether trying again later may help: the server was unreachable, busy or failing. */
export function retryable(error) {
  return error.status === 0 || error.status === 429 || error.status >= 500;
}

/** The server's "try again shortly" with the wait its Retry-After header gives: "try again in 12 s". */
export function withWait(message, retryAfter) {
  const seconds = Number.parseInt(retryAfter ?? "", 10);
  if (!Number.isFinite(seconds) || seconds <= 0) return message;
  const wait = seconds < 90 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
  return message.includes("try again shortly") ? message.replace("try again shortly", `try again in ${wait}`) : message;
}

/**
 * fetch + JSON. `keepalive` lets the request outlive the page (a save as the page closes); `token` is sent
 * as the operator's bearer token. Fails with an ApiError: status 0 when the server cannot be reached, else
 * the server's own message.
 */
export async function request(url, { method = "GET", body, keepalive = false, token } = {}) {
  const init = { method, keepalive, headers: { accept: "application/json" } };
  if (token) init.headers.authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError("the server cannot be reached", 0, "unreachable");
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = data?.error ?? {};
    const message = withWait(error.message || `request failed (${response.status})`, response.headers?.get?.("retry-after"));
    throw new ApiError(message, response.status, error.code);
  }
  return data;
}

/** GET a text answer (an export): its text, or an ApiError as `request` fails. */
export async function requestText(url) {
  let response;
  try {
    response = await fetch(url, { headers: { accept: "text/plain" } });
  } catch {
    throw new ApiError("the server cannot be reached", 0, "unreachable");
  }
  const text = await response.text();
  if (response.ok) return text;
  let error = {};
  try {
    error = JSON.parse(text).error ?? {};
  } catch {
    error = {};
  }
  throw new ApiError(error.message || `request failed (${response.status})`, response.status, error.code);
}
