// Where the candidate's suggested score stands among other candidates of the same level on the same problem:
// shown beside the suggested score once enough sessions exist to compare with, on the interviewer's page only.
import { html, useEffect, useState } from "../shared/html.js";
import { request } from "../shared/request.js";
import { levelWord } from "../shared/words.js";

/** The standing in words ({ text, kind }), or null when there is nothing to say (nothing graded yet). */
export function standingWords(standing) {
  if (!standing || standing.suggested === null || standing.suggested === undefined) return null;
  const who = `${levelWord(standing.level)} candidates on this problem`;
  const others = `${standing.count.toLocaleString("en-US")} ${standing.count === 1 ? "other session" : "other sessions"}`;
  if (standing.better_than === null || standing.better_than === undefined) {
    return { text: `Compared with other ${who} once ${standing.threshold} have a suggested score (${standing.count} so far).`, kind: "muted" };
  }
  const tie = standing.tied_with ? `, tied with ${standing.tied_with}%` : "";
  return { text: `Better than ${standing.better_than}% of ${who}${tie} (of ${others}).`, kind: "" };
}

/** The session's standing, fetched again whenever the latest graded submission changes. */
export function useStanding(api, latestId) {
  const [standing, setStanding] = useState(null);
  useEffect(() => {
    if (latestId === null || latestId === undefined) return;
    request(api("/standing"))
      .then(setStanding)
      .catch(() => setStanding(null));
  }, [api, latestId]);
  return standing;
}

export function StandingLine({ standing }) {
  const words = standingWords(standing);
  if (!words) return null;
  return html`<p id="standing" class=${`standing ${words.kind}`} title="Among other sessions of this problem and level, by the suggested score; the candidate never sees this">${words.text}</p>`;
}
