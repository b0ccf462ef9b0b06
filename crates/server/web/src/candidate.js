// The candidate's page of screenjudge, served at /c/{token}: loads the session and renders the page.
import { CandidatePage } from "./candidate/app.js";
import { html, render } from "./shared/html.js";
import { apiPaths, linkToken } from "./shared/link.js";
import { request } from "./shared/request.js";

const app = document.getElementById("app");
const api = apiPaths("c", linkToken(location.pathname));

request(api())
  .then((data) => {
    app.replaceChildren();
    render(html`<${CandidatePage} api=${api} data=${data} />`, app);
  })
  .catch((error) => {
    app.textContent = `Could not load the session: ${error.message}`;
  });
