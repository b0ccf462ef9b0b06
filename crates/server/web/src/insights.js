// The operator's insights page of screenjudge, served at /insights (insights/app.js); it signs in with the
// operator token the start page keeps in this browser.

import { InsightsPage } from "./insights/app.js";
import { html, render } from "./shared/html.js";

const app = document.getElementById("app");
app.replaceChildren();
render(html`<${InsightsPage} storage=${window.localStorage} />`, app);
