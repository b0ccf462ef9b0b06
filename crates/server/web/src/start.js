// The start page of screenjudge, served at /: the operator's sessions (start/app.js).
import { html, render } from "./shared/html.js";
import { StartPage } from "./start/app.js";

const app = document.getElementById("app");
app.replaceChildren();
render(html`<${StartPage} storage=${window.localStorage} />`, app);
