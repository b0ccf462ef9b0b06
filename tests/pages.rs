//! The two pages in a real browser (headless Chromium driven through chromedriver): the candidate
//! types, runs and submits; the interviewer's page shows the result and the growth plot without a
//! reload; scores survive a reload; the candidate's page never shows hidden inputs. At 1366x768 the
//! verdict is above the fold on both pages, and no view meant for a person shows fuel or a raw
//! identifier. Screenshots of both pages are saved under `e2e/` in the cargo target folder.
//!
//! Needs `chromium` and `chromedriver` (`.ci/run` installs them). Without them the test says so and
//! stops, except under CI, where their absence is a failure.

mod common;

use catalog::Catalog;
use common::browser::{browser, e2e_dir, laptop_screen, screenshot, start_chromedriver, wait_for};
use common::{HIDDEN, OPERATOR, http, http_raw, serve_on_loopback};
use fantoccini::{Client, Locator, key::Key};
use serde_json::json;
use std::process::Command;
use std::time::Duration;

/// The service on a free loopback port with an in-memory database; returns its base URL.
async fn start_service() -> String {
    serve_on_loopback().await
}

async fn text(client: &Client, css: &str) -> String {
    client.find(Locator::Css(css)).await.unwrap().text().await.unwrap()
}

/// Asserts that the element's bottom edge is within the first screen (no scrolling needed).
async fn assert_above_the_fold(client: &Client, css: &str) {
    client.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    let script = format!(
        "const r = document.querySelector({css:?}).getBoundingClientRect(); return [r.top, r.bottom, Math.min(768, window.innerHeight), window.innerWidth];"
    );
    let measured = client.execute(&script, vec![]).await.unwrap();
    let [top, bottom, fold, width] = [0, 1, 2, 3].map(|i| measured[i].as_f64().unwrap());
    assert!(width <= 1366.0, "the window is not at laptop size: {measured}");
    assert!(top >= 0.0 && bottom <= fold, "{css} is not above the fold at 1366x768: {measured}");
}

/// Words no view meant for a person may show: fuel, and the identifiers the API sends for closed sets.
const RAW_WORDS: [&str; 11] = [
    "wrong_answer",
    "missing_entry",
    "runtime_error",
    "compile_error",
    "memory_limit",
    "output_limit",
    "fixed_window",
    "sliding_log",
    "token_bucket",
    "sliding_window_counter",
    "fuel",
];

/// Asserts the rendered text of the page, with the candidate's code left out (it is theirs, not ours),
/// has none of `RAW_WORDS`.
async fn assert_no_raw_words(client: &Client, page: &str) {
    let script = "const style = document.createElement('style'); style.textContent = '.cm-editor { display: none !important }'; \
                  document.head.append(style); const text = document.body.innerText; style.remove(); return text;";
    let shown = client.execute(script, vec![]).await.unwrap();
    let shown = shown.as_str().unwrap().to_lowercase();
    for word in RAW_WORDS {
        assert!(!shown.contains(word), "the {page} shows {word:?}:\n{shown}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn candidate_and_interviewer_pages_work_end_to_end() {
    let Some((_driver, driver_port)) = start_chromedriver() else { return };
    let base = start_service().await;

    let created: serde_json::Value = {
        let client = post_as_operator(
            &base,
            "/api/sessions",
            json!({ "candidate_name": "Ada", "level": "mid", "problem": "dedupe" }),
        )
        .await;
        serde_json::from_str(&client).unwrap()
    };
    let candidate_url = format!("{base}{}", created["candidate_link"].as_str().unwrap());
    let interviewer_url = format!("{base}{}", created["interviewer_link"].as_str().unwrap());

    let interviewer = browser(driver_port).await;
    interviewer.goto(&interviewer_url).await.unwrap();
    wait_for(&interviewer, "the interviewer page", "document.querySelector('#sheet')").await;

    let candidate = browser(driver_port).await;
    candidate.goto(&candidate_url).await.unwrap();
    wait_for(&candidate, "the editor", "document.querySelector('.cm-content')").await;
    let editor = candidate.find(Locator::Css(".cm-content")).await.unwrap();
    editor.click().await.unwrap();
    editor.send_keys(&format!("{}a", Key::Control)).await.unwrap();
    editor.send_keys(&Key::Delete.to_string()).await.unwrap();
    editor.send_keys("def remove_duplicates(lst): return list(dict.fromkeys(lst))").await.unwrap();
    wait_for(&candidate, "the draft to save", "document.querySelector('#save-status').textContent === 'saved'").await;
    wait_for(
        &interviewer,
        "the live code",
        "document.querySelector('#live-code').textContent.includes('dict.fromkeys')",
    )
    .await;

    candidate.find(Locator::Id("run")).await.unwrap().click().await.unwrap();
    wait_for(&candidate, "example results", "document.querySelector('#examples-summary')").await;
    assert_eq!(text(&candidate, "#examples-summary").await, "3/3 examples pass");

    candidate.find(Locator::Id("submit")).await.unwrap().click().await.unwrap();
    wait_for(&candidate, "the verdict", "document.querySelector('#submission-verdict')").await;
    assert_eq!(text(&candidate, "#submission-verdict").await, "accepted");
    let source = candidate.source().await.unwrap();
    assert!(!source.contains(HIDDEN), "a hidden input reached the candidate's page");
    laptop_screen(&candidate).await;
    assert_above_the_fold(&candidate, "#candidate-summary").await;
    assert_no_raw_words(&candidate, "candidate's page").await;
    screenshot(&candidate, "candidate.png").await;

    // The interviewer's page was never reloaded: the result and the plot arrive live.
    wait_for(
        &interviewer,
        "the verdict",
        "document.querySelector('#verdict') && document.querySelector('#verdict').textContent.trim() === 'accepted'",
    )
    .await;
    wait_for(&interviewer, "the growth plot", "document.querySelectorAll('#growth-plot circle.point').length >= 5")
        .await;
    wait_for(
        &interviewer,
        "the reference curve",
        "document.querySelectorAll('#growth-plot circle.ref-point').length >= 5",
    )
    .await;

    laptop_screen(&interviewer).await;
    assert_above_the_fold(&interviewer, "#summary").await;
    assert_no_raw_words(&interviewer, "interviewer's page").await;
    screenshot(&interviewer, "interviewer-report.png").await;

    let score = interviewer.find(Locator::Id("sheet-coding-score")).await.unwrap();
    score.select_by_value("3").await.unwrap();
    wait_for(
        &interviewer,
        "the sheet to save",
        "document.querySelector('#sheet-status').textContent.trim() === 'saved'",
    )
    .await;
    screenshot(&interviewer, "interviewer-sheet.png").await;
    interviewer.refresh().await.unwrap();
    wait_for(&interviewer, "the sheet after a reload", "document.querySelector('#sheet-coding-score')").await;
    wait_for(&interviewer, "the saved score", "document.querySelector('#sheet-coding-score').value === '3'").await;

    candidate.close().await.unwrap();
    interviewer.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_interviewer_sees_a_rate_limiters_behaviour_on_its_traces() {
    let Some((_driver, driver_port)) = start_chromedriver() else { return };
    let source = common::corpus("rate-limiter", "fixed_window_aligned.py");
    let base = start_service().await;
    let created = post_as_operator(
        &base,
        "/api/sessions",
        json!({ "candidate_name": "Bo", "level": "senior", "problem": "rate-limiter" }),
    )
    .await;
    let created: serde_json::Value = serde_json::from_str(&created).unwrap();
    let token = created["candidate_token"].as_str().unwrap();
    post_as_operator(&base, &format!("/api/c/{token}/submissions"), json!({ "source": source })).await;

    let interviewer = browser(driver_port).await;
    interviewer.goto(&format!("{base}{}", created["interviewer_link"].as_str().unwrap())).await.unwrap();
    wait_for(
        &interviewer,
        "the verdict",
        "document.querySelector('#verdict') && document.querySelector('#verdict').textContent.trim() === 'accepted'",
    )
    .await;
    wait_for(
        &interviewer,
        "the trace timelines",
        "document.querySelectorAll('#limiter-traces svg.trace-plot').length === 6",
    )
    .await;
    let refused = interviewer
        .execute("return document.querySelectorAll('#limiter-traces circle.trace-refused').length", vec![])
        .await
        .unwrap();
    assert!(refused.as_u64().unwrap() > 0, "a fixed window refuses some requests on these traces");
    assert!(text(&interviewer, "#rate-limiter").await.contains("fixed window"));
    laptop_screen(&interviewer).await;
    assert_above_the_fold(&interviewer, "#summary").await;
    assert_no_raw_words(&interviewer, "interviewer's page").await;
    screenshot(&interviewer, "report-rate-limiter.png").await;
    interviewer.execute("document.querySelector('#rate-limiter').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&interviewer, "report-rate-limiter-measures.png").await;
    interviewer.execute("document.querySelector('#limiter-traces').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&interviewer, "report-rate-limiter-traces.png").await;
    interviewer.close().await.unwrap();
}

/// Creates a session for `problem`, submits `source` as its candidate and returns the interviewer's URL.
async fn submitted(base: &str, problem: &str, source: &str) -> String {
    let (created, token) = new_session(base, "Cy", "mid", problem).await;
    post_as_operator(base, &format!("/api/c/{token}/submissions"), json!({ "source": source })).await;
    format!("{base}{}", created["interviewer_link"].as_str().unwrap())
}

/// A session the operator creates: the API's answer, and the candidate's token.
async fn new_session(base: &str, name: &str, level: &str, problem: &str) -> (serde_json::Value, String) {
    let body = json!({ "candidate_name": name, "level": level, "problem": problem });
    let created: serde_json::Value =
        serde_json::from_str(&post_as_operator(base, "/api/sessions", body).await).unwrap();
    let token = created["candidate_token"].as_str().unwrap().to_string();
    (created, token)
}

/// Saves `source` as the candidate's draft, as the page's autosave does.
async fn save_draft(base: &str, token: &str, source: String) {
    let (addr, path) = (base.trim_start_matches("http://").to_string(), format!("/api/c/{token}/draft"));
    tokio::task::spawn_blocking(move || http(&addr, "PUT", &path, Some(&json!({ "source": source })), None))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_verdict_comes_first_for_wrong_slow_optimal_crashing_and_unparsable_code() {
    let Some((_driver, driver_port)) = start_chromedriver() else { return };
    let catalog = Catalog::load(&Catalog::default_dir()).unwrap();
    let read =
        |problem: &str, file: &str| std::fs::read_to_string(catalog.get(problem).unwrap().dir.join(file)).unwrap();
    let base = start_service().await;
    // (name, problem, file, the score the badge shows, a section to look at below the summary)
    let cases = [
        ("wrong", "longest-substring", "corpus/window_moves_left.py", "2 · maybe", "#failures"),
        ("slow", "dedupe", "corpus/quadratic_not_in.py", "2 · maybe", "#complexity"),
        ("optimal", "dedupe", "reference.py", "4 · strong hire", "#complexity"),
        ("crash", "dedupe", "corpus/crash_on_empty.py", "2 · maybe", "#failures"),
        ("unparsable", "dedupe", "corpus/syntax_error.py", "1 · no hire", "#failures"),
    ];
    let interviewer = browser(driver_port).await;
    laptop_screen(&interviewer).await;
    for (name, problem, file, score, below) in cases {
        let url = submitted(&base, problem, &read(problem, file)).await;
        interviewer.goto(&url).await.unwrap();
        wait_for(&interviewer, "the summary", "document.querySelector('#summary-score')").await;
        assert_eq!(text(&interviewer, "#summary-score").await, score, "{name}");
        assert_eq!(
            text(&interviewer, "#submissions .score-badge-small").await,
            score,
            "{name}: the list is keyed on the score"
        );
        assert_above_the_fold(&interviewer, "#summary").await;
        assert_no_raw_words(&interviewer, "interviewer's page").await;
        screenshot(&interviewer, &format!("report-{name}.png")).await;
        if below == "#complexity" {
            let axis =
                interviewer.execute("return document.querySelector('#growth-plot').textContent", vec![]).await.unwrap();
            assert!(
                axis.as_str().unwrap().contains("estimated native time"),
                "{name}: the growth plot is in time: {axis}"
            );
        }
        interviewer.execute(&format!("document.querySelector({below:?}).scrollIntoView()"), vec![]).await.unwrap();
        screenshot(&interviewer, &format!("report-{name}-details.png")).await;
    }
    interviewer.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn two_curves_compare_and_the_printed_report_fits_three_pages() {
    let Some((_driver, driver_port)) = start_chromedriver() else { return };
    let dedupe = Catalog::load(&Catalog::default_dir()).unwrap().get("dedupe").unwrap().dir.clone();
    let read = |file: &str| std::fs::read_to_string(dedupe.join(file)).unwrap();
    let base = start_service().await;
    let created = post_as_operator(
        &base,
        "/api/sessions",
        json!({ "candidate_name": "Di", "level": "mid", "problem": "dedupe" }),
    )
    .await;
    let created: serde_json::Value = serde_json::from_str(&created).unwrap();
    let token = created["candidate_token"].as_str().unwrap();
    for file in ["corpus/quadratic_not_in.py", "reference.py"] {
        post_as_operator(&base, &format!("/api/c/{token}/submissions"), json!({ "source": read(file) })).await;
    }

    let interviewer = browser(driver_port).await;
    laptop_screen(&interviewer).await;
    interviewer.goto(&format!("{base}{}", created["interviewer_link"].as_str().unwrap())).await.unwrap();
    wait_for(&interviewer, "both reports", "document.querySelectorAll('#submissions .score-badge-small').length === 2")
        .await;

    // The latest (optimal) curve with the quadratic one drawn over it.
    wait_for(&interviewer, "the overlay picker", "document.querySelector('#overlay-select')").await;
    interviewer.find(Locator::Id("overlay-select")).await.unwrap().select_by_index(1).await.unwrap();
    wait_for(
        &interviewer,
        "the overlaid curve",
        "document.querySelectorAll('#growth-plot circle.other-point').length >= 5",
    )
    .await;
    interviewer.execute("document.querySelector('#complexity').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&interviewer, "report-overlay.png").await;

    let notes = interviewer.find(Locator::Id("sheet-notes")).await.unwrap();
    notes.send_keys("Explained the set-based pass after a hint; tested the empty list unprompted.").await.unwrap();
    interviewer.find(Locator::Id("sheet-coding-score")).await.unwrap().select_by_value("3").await.unwrap();
    interviewer.find(Locator::Css(".green-flags input")).await.unwrap().click().await.unwrap();
    let flag = text(&interviewer, ".green-flags label").await;
    let unticked = text(&interviewer, ".red-flags label").await;
    wait_for(
        &interviewer,
        "the sheet to save",
        "document.querySelector('#sheet-status').textContent.trim() === 'saved'",
    )
    .await;

    // A ratio is written one way ("×") on the page, in every export and in the printed report.
    let shown = interviewer.execute("return document.body.innerText", vec![]).await.unwrap();
    let shown = shown.as_str().unwrap();
    assert!(shown.contains("× the reference"), "the page writes no ratio:\n{shown}");
    assert_eq!(common::letter_x_ratio(shown), None, "the page writes a ratio with an x");
    let interviewer_token = created["interviewer_token"].as_str().unwrap().to_string();
    for format in ["md", "csv", "json"] {
        let (addr, path) =
            (base.trim_start_matches("http://").to_string(), format!("/api/i/{interviewer_token}/export/{format}"));
        let body = tokio::task::spawn_blocking(move || http_raw(&addr, "GET", &path, None, None).2).await.unwrap();
        // The Markdown and CSV summaries carry no ratio for a function problem; the JSON carries all of it.
        let ratio = body.contains("× the reference");
        assert!(ratio || format != "json", "the {format} export writes no ratio:\n{body}");
        assert_eq!(common::letter_x_ratio(&body), None, "the {format} export writes a ratio with an x");
    }

    // Each measured submission's growth plot is in the printed report, beside its summary.
    let plots =
        interviewer.execute("return document.querySelectorAll('#print-view svg.plot').length", vec![]).await.unwrap();
    assert_eq!(plots, json!(2), "one growth plot per submission in the print view");
    let pdf = interviewer.print(fantoccini::wd::PrintConfigurationBuilder::default().build().unwrap()).await.unwrap();
    let path = e2e_dir().join("session.pdf");
    std::fs::write(&path, &pdf).unwrap();
    interviewer.close().await.unwrap();

    let Ok(text) = Command::new("pdftotext").args(["-layout"]).arg(&path).arg("-").output() else {
        assert!(std::env::var_os("CI").is_none(), "pdftotext is not installed; .ci/run should install poppler-utils");
        eprintln!("not reading the printed report: pdftotext is not installed (apt-get install poppler-utils)");
        return;
    };
    let text = String::from_utf8(text.stdout).unwrap();
    // pdftotext ends every page with a form feed.
    let pages: Vec<&str> = text.strip_suffix('\u{c}').unwrap_or(&text).split('\u{c}').collect();
    assert!(pages.len() <= 3, "the printed report takes {} pages:\n{text}", pages.len());
    for (number, page) in pages.iter().enumerate() {
        assert!(!page.trim().is_empty(), "page {} of the printed report is blank", number + 1);
    }
    for expected in [
        "Di",
        "Final code",
        "def remove_duplicates",
        "Submissions",
        "4 · strong hire",
        "Explained the set-based pass",
        "Session of ",
        "Follow-up questions (submission #2)",
        "submission #1, O(n²)",
        "submission #2, O(n)",
        "estimated native time",
    ] {
        assert!(text.contains(expected), "the printed report lacks {expected:?}:\n{text}");
    }
    assert!(!text.to_lowercase().contains("fuel"), "the printed report speaks of fuel");
    assert!(text.contains("× the reference"), "the printed report writes no ratio:\n{text}");
    assert_eq!(common::letter_x_ratio(&text), None, "the printed report writes a ratio with an x");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&flag), "the ticked flag {flag:?} is not printed");
    assert!(!flat.contains(&unticked), "an unticked flag {unticked:?} is printed");
    let _ = Command::new("pdftoppm").args(["-png", "-r", "60"]).arg(&path).arg(e2e_dir().join("session-page")).status();
}

/// POST with the operator token; the answer's body as text.
async fn post_as_operator(base: &str, path: &str, body: serde_json::Value) -> String {
    let (addr, path) = (base.trim_start_matches("http://").to_string(), path.to_string());
    let answer = tokio::task::spawn_blocking(move || http(&addr, "POST", &path, Some(&body), Some(OPERATOR)).1);
    answer.await.unwrap().to_string()
}

/// Identifiers of the timeline's closed sets, which no view meant for a person may show either.
const RAW_TIMELINE_WORDS: [&str; 3] = ["focus_lost", "load_error", "draft_id"];

/// The candidate's page pastes `text` into the editor the way a browser does: a `paste` event carrying it.
async fn paste(client: &Client, text: &str) {
    let script = "const data = new DataTransfer(); data.setData('text/plain', arguments[0]); \
                  document.querySelector('.cm-content').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));";
    client.execute(script, vec![json!(text)]).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_timeline_replays_the_call_and_the_scratch_runner_answers() {
    let Some((_driver, driver_port)) = start_chromedriver() else { return };
    let base = start_service().await;
    let created = post_as_operator(
        &base,
        "/api/sessions",
        json!({ "candidate_name": "Eve", "level": "mid", "problem": "dedupe" }),
    )
    .await;
    let created: serde_json::Value = serde_json::from_str(&created).unwrap();
    let interviewer = browser(driver_port).await;
    interviewer.goto(&format!("{base}{}", created["interviewer_link"].as_str().unwrap())).await.unwrap();
    wait_for(&interviewer, "the timeline", "document.querySelector('#timeline-panel')").await;

    let candidate = browser(driver_port).await;
    candidate.goto(&format!("{base}{}", created["candidate_link"].as_str().unwrap())).await.unwrap();
    wait_for(&candidate, "the editor", "document.querySelector('.cm-content')").await;
    // A quadratic version, pasted in one go.
    let quadratic = "def remove_duplicates(lst):\n    out = []\n    for x in lst:\n        if x not in out:\n            out.append(x)\n    return out\n";
    let editor = candidate.find(Locator::Css(".cm-content")).await.unwrap();
    editor.click().await.unwrap();
    editor.send_keys(&format!("{}a", Key::Control)).await.unwrap();
    paste(&candidate, quadratic).await;
    wait_for(
        &candidate,
        "the pasted code",
        "document.querySelector('.cm-content').textContent.includes('out.append(x)')",
    )
    .await;
    wait_for(&candidate, "the draft to save", "document.querySelector('#save-status').textContent === 'saved'").await;
    candidate.find(Locator::Id("run")).await.unwrap().click().await.unwrap();
    wait_for(&candidate, "example results", "document.querySelector('#examples-summary')").await;

    // The candidate leaves the page for longer than the few seconds that count, then comes back.
    candidate.execute("window.dispatchEvent(new Event('blur'))", vec![]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(3_600)).await;
    candidate.execute("window.dispatchEvent(new Event('focus'))", vec![]).await.unwrap();

    candidate.find(Locator::Id("submit")).await.unwrap().click().await.unwrap();
    wait_for(&candidate, "the first verdict", "document.querySelector('#submission-verdict')").await;
    // Then a linear version, typed, and submitted again.
    let editor = candidate.find(Locator::Css(".cm-content")).await.unwrap();
    editor.click().await.unwrap();
    editor.send_keys(&format!("{}a", Key::Control)).await.unwrap();
    editor.send_keys(&Key::Delete.to_string()).await.unwrap();
    editor.send_keys("def remove_duplicates(lst): return list(dict.fromkeys(lst))").await.unwrap();
    wait_for(&candidate, "the draft to save", "document.querySelector('#save-status').textContent === 'saved'").await;
    candidate.find(Locator::Id("submit")).await.unwrap().click().await.unwrap();

    // The interviewer's timeline, never reloaded: every marker in time order, both submissions measured.
    wait_for(
        &interviewer,
        "both submissions graded on the timeline",
        "(document.querySelector('#timeline-measured') || {}).textContent?.includes('O(n) at')",
    )
    .await;
    let kinds = interviewer
        .execute(
            "return [...document.querySelectorAll('#timeline-events li[data-kind]')].map(e => e.dataset.kind)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(kinds, json!(["paste", "run", "focus_lost", "submission", "submission"]));
    let listed = text(&interviewer, "#timeline-events").await;
    for expected in
        ["Pasted 6 lines", "not a verdict", "Ran the examples", "3 of 3 examples passed", "Away from the page for 3."]
    {
        assert!(listed.contains(expected), "the timeline lacks {expected:?}:\n{listed}");
    }
    let measured = text(&interviewer, "#timeline-measured").await;
    assert!(measured.contains("O(n²) at") && measured.find("O(n²)") < measured.find("O(n) at"), "{measured}");

    // Back to the Run: the code then was the pasted quadratic version.
    interviewer.find(Locator::Css("#timeline-events li[data-kind='run'] button")).await.unwrap().click().await.unwrap();
    wait_for(
        &interviewer,
        "the code at the Run",
        "document.querySelector('#timeline-code').textContent.includes('out.append(x)')",
    )
    .await;
    assert!(!text(&interviewer, "#timeline-code").await.contains("dict.fromkeys"));
    assert!(text(&interviewer, "#timeline-code-meta").await.contains("into the session"));
    // Scrubbed to the end of the call: the linear version.
    let scrub = "const range = document.querySelector('#timeline-scrubber'); range.value = range.max;                  range.dispatchEvent(new Event('input', { bubbles: true }));";
    interviewer.execute(scrub, vec![]).await.unwrap();
    wait_for(
        &interviewer,
        "the code at the end",
        "document.querySelector('#timeline-code').textContent.includes('dict.fromkeys')",
    )
    .await;
    interviewer.find(Locator::Css("#timeline-events li[data-kind='run'] button")).await.unwrap().click().await.unwrap();
    wait_for(
        &interviewer,
        "the code at the Run again",
        "document.querySelector('#timeline-code').textContent.includes('out.append(x)')",
    )
    .await;
    laptop_screen(&interviewer).await;
    assert_no_raw_words(&interviewer, "interviewer's page").await;
    let shown = interviewer.execute("return document.body.innerText", vec![]).await.unwrap();
    for word in RAW_TIMELINE_WORDS {
        assert!(!shown.as_str().unwrap().contains(word), "the interviewer's page shows {word:?}");
    }
    interviewer.execute("document.querySelector('#timeline-panel').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&interviewer, "timeline.png").await;
    interviewer
        .execute(
            "const list = document.querySelector('#timeline-events'); list.scrollTop = list.scrollHeight; list.scrollIntoView(false)",
            vec![],
        )
        .await
        .unwrap();
    screenshot(&interviewer, "timeline-events.png").await;

    // The scratch runner: the candidate's latest code on the interviewer's input, beside the reference.
    let input = interviewer.find(Locator::Id("scratch-input")).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys("[[5, {\"$int\": \"123456789012345678901234\"}, 5, -1]]").await.unwrap();
    interviewer.find(Locator::Id("scratch-run")).await.unwrap().click().await.unwrap();
    wait_for(&interviewer, "the scratch result", "document.querySelector('#scratch-result')").await;
    assert_eq!(text(&interviewer, "#scratch-candidate").await, "[5, 123456789012345678901234, -1]");
    assert_eq!(text(&interviewer, "#scratch-reference").await, "[5, 123456789012345678901234, -1]");
    assert!(text(&interviewer, "#scratch-result").await.contains("same as the reference"));
    interviewer.execute("document.querySelector('#scratch-panel').scrollIntoView()", vec![]).await.unwrap();
    assert_no_raw_words(&interviewer, "interviewer's page").await;
    screenshot(&interviewer, "scratch.png").await;
    let input = interviewer.find(Locator::Id("scratch-input")).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys("[5, 1, 5]").await.unwrap();
    interviewer.find(Locator::Id("scratch-run")).await.unwrap().click().await.unwrap();
    wait_for(&interviewer, "the scratch error", "document.querySelector('#scratch-error')").await;
    assert!(text(&interviewer, "#scratch-error").await.contains("takes 1 argument"));
    screenshot(&interviewer, "scratch-error.png").await;
    candidate.close().await.unwrap();
    interviewer.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_scratch_runner_replays_a_trace_on_a_rate_limiter_beside_the_reference() {
    let Some((_driver, driver_port)) = start_chromedriver() else { return };
    let source = common::corpus("rate-limiter", "fixed_window_aligned.py");
    let base = start_service().await;
    let (created, token) = new_session(&base, "Fay", "senior", "rate-limiter").await;
    save_draft(&base, &token, source).await;

    let interviewer = browser(driver_port).await;
    laptop_screen(&interviewer).await;
    interviewer.goto(&format!("{base}{}", created["interviewer_link"].as_str().unwrap())).await.unwrap();
    wait_for(&interviewer, "the scratch runner", "document.querySelector('#scratch-input')").await;
    // A burst across a window's boundary: a fixed window admits it, the reference's sliding log does not.
    let input = interviewer.find(Locator::Id("scratch-input")).await.unwrap();
    input.clear().await.unwrap();
    input
        .send_keys(r#"{"limit": 2, "window": 1.0, "requests": [["alice", 0.6], ["alice", 0.7], ["alice", 1.0], ["alice", 1.1], ["bob", 1.1]]}"#)
        .await
        .unwrap();
    interviewer.find(Locator::Id("scratch-run")).await.unwrap().click().await.unwrap();
    wait_for(&interviewer, "the decisions", "document.querySelector('#scratch-trace')").await;
    let rows = interviewer
        .execute(
            "return [...document.querySelectorAll('#scratch-trace tbody tr')].map(r => [...r.cells].map(c => c.textContent))",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        rows,
        json!([
            ["alice", "0.6", "allowed", "allowed"],
            ["alice", "0.7", "allowed", "allowed"],
            ["alice", "1", "allowed", "denied"],
            ["alice", "1.1", "allowed", "denied"],
            ["bob", "1.1", "allowed", "allowed"]
        ])
    );
    assert!(text(&interviewer, "#scratch-result").await.contains("same decision as the reference on 3 of 5 requests"));
    interviewer.execute("document.querySelector('#scratch-panel').scrollIntoView()", vec![]).await.unwrap();
    assert_no_raw_words(&interviewer, "interviewer's page").await;
    screenshot(&interviewer, "scratch-rate-limiter.png").await;
    interviewer.close().await.unwrap();
}

/// The start page's rendered text has no identifier of a closed set (they are written with underscores).
async fn assert_no_identifiers(client: &Client) {
    let shown = client.execute("return document.body.innerText", vec![]).await.unwrap();
    let shown = shown.as_str().unwrap();
    for word in shown.split_whitespace() {
        assert!(!word.contains('_'), "the start page shows {word:?}:\n{shown}");
    }
}

/// Picks an option of a select by its value, as a person would (Preact sets an option's value as a
/// property, so a selector on the attribute does not always find it).
async fn choose(client: &Client, css: &str, value: &str) {
    let script = format!(
        "const s = document.querySelector({css:?}); s.value = {value:?}; s.dispatchEvent(new Event('change', {{ bubbles: true }})); return s.value;"
    );
    assert_eq!(client.execute(&script, vec![]).await.unwrap(), json!(value), "{css} has no option {value}");
}

async fn text_content(client: &Client, css: &str) -> String {
    let script = format!("return document.querySelector({css:?}).textContent");
    client.execute(&script, vec![]).await.unwrap().as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_start_page_signs_in_creates_a_session_and_opens_its_interviewer_link() {
    let Some((_driver, driver_port)) = start_chromedriver() else { return };
    let base = start_service().await;
    for (name, level, problem) in
        [("Grace Hopper", "senior", "rate-limiter"), ("Alan Turing", "junior", "longest-substring")]
    {
        post_as_operator(&base, "/api/sessions", json!({ "candidate_name": name, "level": level, "problem": problem }))
            .await;
    }
    let operator = browser(driver_port).await;
    laptop_screen(&operator).await;
    operator.goto(&format!("{base}/")).await.unwrap();
    wait_for(&operator, "the sign-in form", "document.querySelector('#operator-token')").await;
    assert_no_identifiers(&operator).await;
    screenshot(&operator, "start-signed-out.png").await;

    let field = operator.find(Locator::Id("operator-token")).await.unwrap();
    field.send_keys("not-the-token").await.unwrap();
    operator.find(Locator::Id("sign-in")).await.unwrap().click().await.unwrap();
    wait_for(&operator, "the wrong token's message", "document.querySelector('#sign-in-error')").await;
    assert!(text(&operator, "#sign-in-error").await.contains("not right"));
    screenshot(&operator, "start-wrong-token.png").await;

    field.clear().await.unwrap();
    field.send_keys(OPERATOR).await.unwrap();
    operator.find(Locator::Id("sign-in")).await.unwrap().click().await.unwrap();
    wait_for(&operator, "the two sessions", "document.querySelectorAll('#sessions tbody tr').length === 2").await;
    wait_for(&operator, "the problems", "document.querySelectorAll('#new-problem input[type=radio]').length === 3")
        .await;
    // Every problem's whole title shows at 1366x768: no choice is cut off.
    let fits = operator
        .execute(
            "return [...document.querySelectorAll('#new-problem label')].every(l => l.scrollWidth <= l.clientWidth + 1 && l.getBoundingClientRect().right <= document.querySelector('#new-problem').getBoundingClientRect().right + 1);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fits, json!(true), "a problem's title is cut off");

    operator.find(Locator::Id("new-name")).await.unwrap().send_keys("Ada Lovelace").await.unwrap();
    choose(&operator, "#new-level", "senior").await;
    operator.find(Locator::Css("#new-problem input[value='dedupe']")).await.unwrap().click().await.unwrap();
    operator.find(Locator::Id("create")).await.unwrap().click().await.unwrap();
    wait_for(&operator, "the new session's links", "document.querySelector('#created-candidate-link')").await;
    let candidate_url = text_content(&operator, "#created-candidate-link").await;
    let interviewer_url = text_content(&operator, "#created-interviewer-link").await;
    assert!(candidate_url.starts_with(&format!("{base}/c/")), "{candidate_url}");
    assert!(interviewer_url.starts_with(&format!("{base}/i/")), "{interviewer_url}");
    wait_for(&operator, "the new session in the list", "document.querySelectorAll('#sessions tbody tr').length === 3")
        .await;
    assert!(text(&operator, "#sessions thead").await.contains("result"), "the list says each session's result");
    let row = text(&operator, "#sessions tbody tr:first-child").await;
    for expected in ["Ada Lovelace", "senior", "Remove duplicates", "not started", "not decided", "today"] {
        assert!(row.contains(expected), "the new row lacks {expected:?}: {row}");
    }
    let links = operator
        .execute(
            "const row = document.querySelector('#sessions tbody tr'); return [row.querySelector('.copy-candidate').title, \
             row.querySelector('.copy-interviewer').title, row.querySelector('.open-interviewer').href];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(links, json!([candidate_url, interviewer_url, interviewer_url]));
    operator.find(Locator::Id("created-candidate-copy")).await.unwrap().click().await.unwrap();
    wait_for(
        &operator,
        "the copy to be confirmed",
        "document.querySelector('#created-candidate-copy').textContent === 'Copied'",
    )
    .await;
    assert_no_identifiers(&operator).await;
    screenshot(&operator, "start-sessions.png").await;
    assert_above_the_fold(&operator, "#created").await;
    assert_above_the_fold(&operator, "#sessions").await;

    // The token is kept: a reload is still signed in.
    operator.refresh().await.unwrap();
    wait_for(&operator, "the list after a reload", "document.querySelectorAll('#sessions tbody tr').length === 3")
        .await;

    operator.goto(&interviewer_url).await.unwrap();
    wait_for(&operator, "the interviewer page", "document.querySelector('#sheet')").await;
    assert_eq!(text(&operator, "#candidate-name").await, "Ada Lovelace");
    wait_for(&operator, "the feedback draft", "document.querySelector('#feedback-text').value.startsWith('Hi Ada,')")
        .await;
    operator.find(Locator::Id("sheet-coding-score")).await.unwrap().select_by_value("4").await.unwrap();
    wait_for(
        &operator,
        "the draft to follow the sheet",
        "document.querySelector('#feedback-text').value.includes('How you worked through the coding problem')",
    )
    .await;
    operator.execute("document.querySelector('#feedback').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&operator, "interviewer-feedback.png").await;

    operator.goto(&format!("{base}/")).await.unwrap();
    wait_for(&operator, "the list", "document.querySelectorAll('#sessions tbody tr').length === 3").await;
    operator.find(Locator::Id("sign-out")).await.unwrap().click().await.unwrap();
    wait_for(&operator, "the sign-in form again", "document.querySelector('#operator-token')").await;
    let kept = operator.execute("return localStorage.length", vec![]).await.unwrap();
    assert_eq!(kept, json!(0), "signing out forgets the token");
    operator.close().await.unwrap();
}

/// Both screens the issue names: a laptop's and a full-HD monitor's.
async fn full_hd_screen(client: &Client) {
    client.set_window_size(1920, 1080).await.unwrap();
}

/// Asserts every word drawn in the plots matching `css` lies inside its drawing: a label past the edge is
/// cut wherever the drawing is clipped (on paper, in a narrow column).
async fn assert_plot_words_inside(client: &Client, css: &str) {
    let script = format!(
        "return [...document.querySelectorAll({css:?})].flatMap((svg) => {{ const box = svg.getBoundingClientRect(); \
         return [...svg.querySelectorAll('text')].map((t) => [t.textContent, t.getBoundingClientRect()]) \
         .filter(([, r]) => r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) \
         .map(([text]) => `${{svg.id}}: ${{text}}`); }})"
    );
    let outside = client.execute(&script, vec![]).await.unwrap();
    assert_eq!(outside, json!([]), "words drawn past the edge of {css}");
}

/// Screenshots of the view `css` scrolls into, at 1366x768 and 1920x1080, as `<name>-1366.png` and
/// `<name>-1920.png`; the window is at laptop size afterwards.
async fn both_sizes(client: &Client, css: &str, name: &str) {
    let scroll = format!("document.querySelector({css:?}).scrollIntoView()");
    for (size, width, height) in [("1366", 1366, 768), ("1920", 1920, 1080)] {
        client.set_window_size(width, height).await.unwrap();
        client.execute(&scroll, vec![]).await.unwrap();
        screenshot(client, &format!("{name}-{size}.png")).await;
    }
    laptop_screen(client).await;
}

/// A new dedupe session for `name`, and its candidate's page open at laptop size with the editor ready.
async fn candidate_page(base: &str, driver_port: u16, name: &str) -> (Client, serde_json::Value) {
    let body = json!({ "candidate_name": name, "level": "mid", "problem": "dedupe" });
    let created: serde_json::Value =
        serde_json::from_str(&post_as_operator(base, "/api/sessions", body).await).unwrap();
    let candidate = browser(driver_port).await;
    laptop_screen(&candidate).await;
    candidate.goto(&format!("{base}{}", created["candidate_link"].as_str().unwrap())).await.unwrap();
    wait_for(&candidate, "the editor", "document.querySelector('.cm-content')").await;
    (candidate, created)
}

/// Replaces the candidate's code with `code`, typed, and waits for the autosave.
async fn type_code(candidate: &Client, code: &str) {
    let editor = candidate.find(Locator::Css(".cm-content")).await.unwrap();
    editor.click().await.unwrap();
    editor.send_keys(&format!("{}a", Key::Control)).await.unwrap();
    editor.send_keys(&Key::Delete.to_string()).await.unwrap();
    editor.send_keys(code).await.unwrap();
    wait_for(candidate, "the draft to save", "document.querySelector('#save-status').textContent === 'saved'").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_candidates_results_sit_under_the_buttons_numbered_in_the_session_and_marked_when_stale() {
    let Some((_driver, driver_port)) = start_chromedriver() else { return };
    let base = start_service().await;
    // Another session's submission first, so that this session's first submission is not the first id.
    submitted(&base, "dedupe", "def remove_duplicates(lst):\n    return lst\n").await;
    let (candidate, _) = candidate_page(&base, driver_port, "Hal").await;
    type_code(&candidate, "def remove_duplicates(lst): return sorted(set(lst))").await;

    candidate.find(Locator::Id("run")).await.unwrap().click().await.unwrap();
    wait_for(&candidate, "example results", "document.querySelector('#examples-summary')").await;
    assert_above_the_fold(&candidate, "#examples-summary").await;
    candidate.find(Locator::Id("submit")).await.unwrap().click().await.unwrap();
    wait_for(&candidate, "the verdict", "document.querySelector('#submission-verdict')").await;
    assert_eq!(text(&candidate, "#submission-verdict").await, "wrong answer");
    assert!(text(&candidate, "#candidate-summary").await.starts_with("Submission #1:"), "numbered in the session");
    assert_above_the_fold(&candidate, "#candidate-summary").await;
    assert_above_the_fold(&candidate, "#examples-summary").await;
    let stale = "document.querySelector('#run-stale') || document.querySelector('#submission-stale')";
    let marked = candidate.execute(&format!("return Boolean({stale})"), vec![]).await.unwrap();
    assert_eq!(marked, json!(false), "nothing is stale before an edit");
    assert_no_raw_words(&candidate, "candidate's page").await;
    screenshot(&candidate, "candidate-results-1366.png").await;

    // Their own input, on their own code: what it returned, exactly, and nothing of the reference's.
    let own = candidate.find(Locator::Id("try-input")).await.unwrap();
    own.clear().await.unwrap();
    own.send_keys("[[99999999999999999999999, 5, 99999999999999999999999]]").await.unwrap();
    candidate.find(Locator::Id("try-run")).await.unwrap().click().await.unwrap();
    wait_for(&candidate, "the own input's answer", "document.querySelector('#try-value')").await;
    assert_eq!(text(&candidate, "#try-value").await, "[5, 99999999999999999999999]");
    assert!(!text(&candidate, "#try-panel").await.to_lowercase().contains("reference"));
    candidate.execute("document.querySelector('#try-panel').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&candidate, "candidate-try-1366.png").await;
    candidate.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();

    // An edit: both results now belong to earlier code, and say so where they stand.
    let editor = candidate.find(Locator::Css(".cm-content")).await.unwrap();
    editor.send_keys(&format!("{}  # keep order", Key::End)).await.unwrap();
    wait_for(
        &candidate,
        "the stale marks",
        "document.querySelector('#run-stale') && document.querySelector('#submission-stale')",
    )
    .await;
    assert!(text(&candidate, "#run-stale").await.contains("changed it since"));
    assert_above_the_fold(&candidate, "#run-stale").await;
    assert_above_the_fold(&candidate, "#submission-stale").await;
    screenshot(&candidate, "candidate-stale-1366.png").await;
    full_hd_screen(&candidate).await;
    screenshot(&candidate, "candidate-stale-1920.png").await;

    // A reload knows which code the submission graded, and a second submission is #2.
    laptop_screen(&candidate).await;
    wait_for(&candidate, "the edit to save", "document.querySelector('#save-status').textContent === 'saved'").await;
    candidate.execute("window.beforeReload = true", vec![]).await.unwrap();
    candidate.refresh().await.unwrap();
    wait_for(
        &candidate,
        "the verdict after a reload",
        "!window.beforeReload && document.querySelector('.cm-content') && document.querySelector('#submission-stale')",
    )
    .await;
    type_code(&candidate, "def remove_duplicates(lst): return list(dict.fromkeys(lst))").await;
    candidate.find(Locator::Id("submit")).await.unwrap().click().await.unwrap();
    wait_for(
        &candidate,
        "the second verdict",
        "(document.querySelector('#submission-verdict') || {}).textContent === 'accepted'",
    )
    .await;
    assert!(text(&candidate, "#candidate-summary").await.starts_with("Submission #2:"));
    candidate.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn big_integers_reach_the_code_exactly_and_one_verdict_word_holds_on_the_page_the_exports_and_the_pdf() {
    let Some((_driver, driver_port)) = start_chromedriver() else { return };
    let base = start_service().await;
    let created = post_as_operator(
        &base,
        "/api/sessions",
        json!({ "candidate_name": "Ida", "level": "mid", "problem": "dedupe" }),
    )
    .await;
    let created: serde_json::Value = serde_json::from_str(&created).unwrap();
    let token = created["candidate_token"].as_str().unwrap();
    post_as_operator(
        &base,
        &format!("/api/c/{token}/submissions"),
        json!({ "source": "def remove_duplicates(lst):\n    return list(dict.fromkeys(lst))\n" }),
    )
    .await;
    let interviewer = browser(driver_port).await;
    laptop_screen(&interviewer).await;
    interviewer.goto(&format!("{base}{}", created["interviewer_link"].as_str().unwrap())).await.unwrap();
    wait_for(&interviewer, "the verdict", "document.querySelector('#verdict')").await;
    let verdict = text(&interviewer, "#verdict").await;
    assert_eq!(verdict, "accepted");
    wait_for(&interviewer, "the growth plot", "document.querySelectorAll('#growth-plot circle.point').length >= 5")
        .await;
    let growth = text(&interviewer, "#complexity").await;
    for jargon in ["confidence", "runner-up", "ambiguous", "cost terms", "fitted"] {
        assert!(!growth.contains(jargon), "the growth section says {jargon:?}:\n{growth}");
    }
    assert!(text(&interviewer, "#growth-plot").await.contains("submission #1"), "the growth line names its submission");
    interviewer.execute("document.querySelector('#complexity').scrollIntoView()", vec![]).await.unwrap();
    assert_plot_words_inside(&interviewer, "#complexity svg.plot").await;
    screenshot(&interviewer, "report-complexity-1366.png").await;
    full_hd_screen(&interviewer).await;
    interviewer.execute("document.querySelector('#complexity').scrollIntoView()", vec![]).await.unwrap();
    assert_plot_words_inside(&interviewer, "#complexity svg.plot").await;
    screenshot(&interviewer, "report-complexity-1920.png").await;
    laptop_screen(&interviewer).await;

    // Try an input: integers past 64 bits, typed bare, reach the candidate's code exactly.
    let input = interviewer.find(Locator::Id("scratch-input")).await.unwrap();
    input.clear().await.unwrap();
    input
        .send_keys(
            "[[99999999999999999999999, 12345678901234567890123, 12345678901234567890124, 99999999999999999999999]]",
        )
        .await
        .unwrap();
    interviewer.find(Locator::Id("scratch-run")).await.unwrap().click().await.unwrap();
    wait_for(&interviewer, "the scratch result", "document.querySelector('#scratch-result')").await;
    let exact = "[99999999999999999999999, 12345678901234567890123, 12345678901234567890124]";
    assert_eq!(text(&interviewer, "#scratch-candidate").await, exact);
    assert_eq!(text(&interviewer, "#scratch-reference").await, exact);
    interviewer.execute("document.querySelector('#scratch-panel').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&interviewer, "scratch-big-integers.png").await;

    // Try an input at the statement's largest size: 100,000 integers, over a megabyte of JSON, pasted.
    let items: Vec<String> =
        (0..100_000_i64).map(|i| ((i * 1_000_003) % 1_999_999_999 - 999_999_999).to_string()).collect();
    let largest = format!("[[{}]]", items.join(", "));
    let paste = "const box = document.querySelector('#scratch-input'); box.value = arguments[0]; \
                 box.dispatchEvent(new Event('input', { bubbles: true }));";
    interviewer.execute(paste, vec![json!(largest)]).await.unwrap();
    interviewer.find(Locator::Id("scratch-run")).await.unwrap().click().await.unwrap();
    let answered = "(document.querySelector('#scratch-result') || {}).textContent?.includes('[-999999999, ')";
    wait_for(&interviewer, "the largest input's answer", answered).await;
    assert!(text(&interviewer, "#scratch-result").await.contains("same as the reference"));
    both_sizes(&interviewer, "#scratch-panel", "scratch-largest").await;

    // The interviewer's notes are beside the feedback draft, never in what Copy copies.
    let private = "PRIVATE: shaky on hashing";
    interviewer.find(Locator::Id("sheet-coding-notes")).await.unwrap().send_keys(private).await.unwrap();
    interviewer.find(Locator::Id("sheet-coding-score")).await.unwrap().select_by_value("4").await.unwrap();
    wait_for(
        &interviewer,
        "the sheet to save",
        "document.querySelector('#sheet-status').textContent.trim() === 'saved'",
    )
    .await;
    wait_for(
        &interviewer,
        "the draft to follow the sheet",
        "document.querySelector('#feedback-text').value.includes('How you worked through the coding problem')",
    )
    .await;
    wait_for(&interviewer, "the notes beside the draft", "document.querySelector('#feedback-notes')").await;
    assert!(text(&interviewer, "#feedback-notes").await.contains(private));
    interviewer
        .execute(
            "window.copied = null; Object.defineProperty(navigator, 'clipboard', { value: { writeText: (t) => { window.copied = t; return Promise.resolve(); } } });",
            vec![],
        )
        .await
        .unwrap();
    interviewer.find(Locator::Id("copy-feedback")).await.unwrap().click().await.unwrap();
    wait_for(&interviewer, "the copy", "typeof window.copied === 'string'").await;
    let copied = interviewer.execute("return window.copied", vec![]).await.unwrap();
    let copied = copied.as_str().unwrap();
    assert!(copied.starts_with("Hi Ida,"), "{copied}");
    assert!(
        !copied.contains("PRIVATE") && !copied.contains("shaky on hashing"),
        "a private note was copied:\n{copied}"
    );
    interviewer.execute("document.querySelector('#feedback').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&interviewer, "feedback-notes-1366.png").await;
    full_hd_screen(&interviewer).await;
    screenshot(&interviewer, "feedback-notes-1920.png").await;

    // The same verdict word in every export and in the printed report.
    let interviewer_token = created["interviewer_token"].as_str().unwrap().to_string();
    for format in ["md", "csv"] {
        let (addr, path) =
            (base.trim_start_matches("http://").to_string(), format!("/api/i/{interviewer_token}/export/{format}"));
        let body = tokio::task::spawn_blocking(move || http_raw(&addr, "GET", &path, None, None).2).await.unwrap();
        assert!(body.contains(&verdict), "the {format} export does not say {verdict:?}:\n{body}");
        for other in ["all tests pass", "wrong answers"] {
            assert!(!body.contains(other), "the {format} export says {other:?}");
        }
    }
    let pdf = interviewer.print(fantoccini::wd::PrintConfigurationBuilder::default().build().unwrap()).await.unwrap();
    let path = e2e_dir().join("session-verdict.pdf");
    std::fs::write(&path, &pdf).unwrap();
    interviewer.close().await.unwrap();
    let Ok(printed) = Command::new("pdftotext").args(["-layout"]).arg(&path).arg("-").output() else {
        assert!(std::env::var_os("CI").is_none(), "pdftotext is not installed; .ci/run should install poppler-utils");
        return;
    };
    let printed = String::from_utf8(printed.stdout).unwrap();
    assert!(printed.contains(&format!("#1 · {verdict} ·")), "the printed report does not say {verdict:?}:\n{printed}");
    assert!(printed.contains("Session of "), "the printed report has no date:\n{printed}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unfinished_call_reads_against_the_references_work_on_both_pages() {
    let Some((_driver, driver_port)) = start_chromedriver() else { return };
    let base = start_service().await;
    let (candidate, created) = candidate_page(&base, driver_port, "Uma").await;
    // Never returns: the generator waits for a truthy zero.
    type_code(&candidate, "def remove_duplicates(lst): return next(x for x in iter(int, 1) if x)").await;
    candidate.find(Locator::Id("run")).await.unwrap().click().await.unwrap();
    wait_for(&candidate, "example results", "document.querySelector('#examples-summary')").await;
    let said = "× the reference's work on the same input";
    wait_for(&candidate, "the Run's words", &format!("document.body.innerText.includes({said:?})")).await;
    assert_no_raw_words(&candidate, "candidate's page").await;
    both_sizes(&candidate, "#examples-summary", "unfinished-run").await;
    candidate.find(Locator::Id("submit")).await.unwrap().click().await.unwrap();
    wait_for(&candidate, "the verdict", "document.querySelector('#submission-verdict')").await;
    candidate.close().await.unwrap();

    let interviewer = browser(driver_port).await;
    laptop_screen(&interviewer).await;
    interviewer.goto(&format!("{base}{}", created["interviewer_link"].as_str().unwrap())).await.unwrap();
    wait_for(&interviewer, "the failure cards", "document.querySelector('#failures')").await;
    let failures = text(&interviewer, "#failures").await;
    let card = "× the reference's work on each input";
    assert!(failures.contains(card), "the card is not in the reference's terms:\n{failures}");
    let note = text(&interviewer, "#complexity-note").await;
    assert_eq!(note, "Complexity: not measured: no hidden test passes.", "said once, after its label");
    assert_no_raw_words(&interviewer, "interviewer's page").await;
    both_sizes(&interviewer, "#failures", "unfinished-report").await;
    both_sizes(&interviewer, "#summary", "unfinished-summary").await;

    interviewer.find(Locator::Id("scratch-run")).await.unwrap().click().await.unwrap();
    wait_for(&interviewer, "the scratch result", "document.querySelector('#scratch-result')").await;
    let scratch = text(&interviewer, "#scratch-result").await;
    assert!(scratch.contains(said), "Try an input is not in the reference's terms:\n{scratch}");
    both_sizes(&interviewer, "#scratch-panel", "unfinished-scratch").await;
    interviewer.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_line_where_the_work_grows_is_marked_in_the_submission_and_in_the_live_code() {
    let Some((_driver, driver_port)) = start_chromedriver() else { return };
    let base = start_service().await;
    let source = common::corpus("dedupe", "quadratic_not_in.py");
    let (created, token) = new_session(&base, "Di", "mid", "dedupe").await;
    post_as_operator(&base, &format!("/api/c/{token}/submissions"), json!({ "source": source })).await;
    // The candidate goes on typing: two lines above the loop move the costly line from 5 to 7.
    let draft =
        source.replacen("def remove_duplicates(lst):\n", "def remove_duplicates(lst):\n    # first\n    # second\n", 1);
    save_draft(&base, &token, draft).await;
    let interviewer = browser(driver_port).await;
    laptop_screen(&interviewer).await;
    interviewer.goto(&format!("{base}{}", created["interviewer_link"].as_str().unwrap())).await.unwrap();
    wait_for(&interviewer, "the explanation", "document.querySelector('#costly-line')").await;
    let said = text(&interviewer, "#costly-line").await;
    assert!(said.starts_with("Where the work grows: Line 5, if x not in result:"), "{said}");
    assert!(said.contains("of the work at n = "), "{said}");
    assert!(text(&interviewer, "#costly-line code").await.starts_with("if x not in result:"));
    let marked = |css: &'static str| {
        let script =
            format!("return [...document.querySelectorAll('{css} .cm-costly-line')].map(l => l.textContent.trim())");
        let interviewer = interviewer.clone();
        async move { interviewer.execute(&script, vec![]).await.unwrap() }
    };
    let line = "if x not in result:  # linear scan of the output each time";
    assert_eq!(marked("#submission-diff").await, json!([line]));
    wait_for(&interviewer, "the draft", "document.querySelector('#live-code .cm-costly-line')").await;
    assert_eq!(marked("#live-code").await, json!([line]));
    assert_no_raw_words(&interviewer, "interviewer's page").await;
    interviewer.execute("document.querySelector('#complexity').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&interviewer, "costly-line-report.png").await;
    interviewer.execute("document.querySelector('#live-code').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&interviewer, "costly-line-live.png").await;
    interviewer.execute("document.querySelector('#submission-diff').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&interviewer, "costly-line-submission.png").await;
    // A rate limiter whose call grows with the limit: the line that shifts the log.
    let limiter = submitted(&base, "rate-limiter", &common::corpus("rate-limiter", "sliding_log_pop0.py")).await;
    interviewer.goto(&limiter).await.unwrap();
    wait_for(&interviewer, "the explanation", "document.querySelector('#rate-limiter #costly-line')").await;
    let said = text(&interviewer, "#costly-line").await;
    assert!(said.contains("Line 11, times.pop(0), does ") && said.contains("at a limit of 1,000"), "{said}");
    assert_eq!(marked("#submission-diff").await, json!(["times.pop(0)"]));
    assert_no_raw_words(&interviewer, "interviewer's page").await;
    interviewer.execute("document.querySelector('#costly-line').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&interviewer, "costly-line-limiter.png").await;
    interviewer.close().await.unwrap();
}
