//! The pages: HTML shells for the start page (`/`, the operator's) and the candidate and interviewer
//! links, and the bundled scripts and styles (built from `web/` by the build script and embedded in the
//! binary).

use axum::extract::Path;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

macro_rules! bundle {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/web/", $name))
    };
}

fn shell(title: &str, page: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>screenjudge: {title}</title><link rel=\"stylesheet\" href=\"/assets/common.css\"><link rel=\"stylesheet\" href=\"/assets/{page}.css\"></head>\
         <body><div id=\"app\">Loading…</div><script type=\"module\" src=\"/assets/{page}.js\"></script></body></html>"
    ))
}

/// `GET /`: the start page, where the operator signs in with the operator token, lists and creates sessions.
pub async fn start() -> Html<String> {
    shell("sessions", "start")
}

/// `GET /insights`: the operator's insights across sessions (signed in with the operator token, as on
/// the start page).
pub async fn insights() -> Html<String> {
    shell("insights", "insights")
}

/// `GET /c/{token}`: the candidate's page. The token is checked by the API calls the page makes.
pub async fn candidate() -> Html<String> {
    shell("candidate", "candidate")
}

/// `GET /i/{token}`: the interviewer's page.
pub async fn interviewer() -> Html<String> {
    shell("interviewer", "interviewer")
}

/// `GET /assets/{file}`.
pub async fn asset(Path(file): Path<String>) -> Response {
    let (body, kind) = match file.as_str() {
        "candidate.js" => (bundle!("candidate.js"), "text/javascript"),
        "interviewer.js" => (bundle!("interviewer.js"), "text/javascript"),
        "start.js" => (bundle!("start.js"), "text/javascript"),
        "start.css" => (bundle!("start.css"), "text/css"),
        "insights.js" => (bundle!("insights.js"), "text/javascript"),
        "insights.css" => (bundle!("insights.css"), "text/css"),
        "common.css" => (bundle!("common.css"), "text/css"),
        "candidate.css" => (bundle!("candidate.css"), "text/css"),
        "interviewer.css" => (bundle!("interviewer.css"), "text/css"),
        _ => return crate::error::ApiError::not_found("asset").into_response(),
    };
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

/// Markdown (our own problem statements) to HTML.
pub fn markdown(text: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES),
    );
    html
}
