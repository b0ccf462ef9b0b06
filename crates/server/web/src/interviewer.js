// The interviewer's page of screenjudge, served at /i/{token}: loads the session and the question bank,
// then renders the page (interviewer/app.js) and prepares it for printing.
import { InterviewerPage } from "./interviewer/app.js";
import { afterPrint, beforePrint } from "./interviewer/print.js";
import { html, render } from "./shared/html.js";
import { apiPaths, linkToken } from "./shared/link.js";
import { request } from "./shared/request.js";

const app = document.getElementById("app");

function showFatal(message) {
  app.replaceChildren();
  render(html`<div class="card fatal" role="alert"><h1>screenjudge</h1><p class="bad">${message}</p></div>`, app);
}

async function start() {
  const token = linkToken(location.pathname);
  if (!token) return showFatal("This link has no session token.");
  const api = apiPaths("i", token);
  let view;
  try {
    view = await request(api());
  } catch (error) {
    return showFatal(error.status === 404 ? "This interviewer link is not valid." : `The session could not be loaded: ${error.message}`);
  }
  // Without the bank the sheet still works: questions of one's own, no flags.
  const bank = await request(`/api/questions?level=${encodeURIComponent(view.session.level)}`).catch(() => ({}));
  document.title = `screenjudge: ${view.session.candidate_name} (interviewer)`;
  app.replaceChildren();
  render(html`<${InterviewerPage} api=${api} token=${token} view=${view} bank=${bank} />`, app);
  addEventListener("beforeprint", beforePrint);
  addEventListener("afterprint", afterPrint);
}

start();
