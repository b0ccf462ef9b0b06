//! What the browser tests share: chromedriver as a child process, a headless Chromium session, waiting
//! for the page, and screenshots under `e2e/` in the cargo target folder. Without chromedriver a test
//! says so and stops, except under CI, where its absence is a failure.

use fantoccini::{Client, ClientBuilder};
use serde_json::json;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// chromedriver, stopped when dropped.
pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// chromedriver on a free loopback port, or `None` (outside CI) where it is not installed.
pub fn start_chromedriver() -> Option<(Driver, u16)> {
    let binary = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists());
    let Some(binary) = binary else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromedriver is not installed; .ci/run should install chromium-driver"
        );
        eprintln!(
            "skipping the browser test: chromedriver is not installed (apt-get install chromium chromium-driver)"
        );
        return None;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child =
        Command::new(binary).arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let begun = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(begun.elapsed() < Duration::from_secs(20), "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Some((Driver(child), port))
}

/// A headless Chromium session through the chromedriver on `port`.
pub async fn browser(port: u16) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1000"] }),
    );
    ClientBuilder::native()
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a browser session")
}

/// A laptop screen: what an interviewer sees mid-call without scrolling.
pub async fn laptop_screen(client: &Client) {
    client.set_window_size(1366, 768).await.unwrap();
}

/// Waits until `script` (a JS expression) is truthy on the page.
pub async fn wait_for(client: &Client, what: &str, script: &str) {
    let begun = Instant::now();
    loop {
        let value = client.execute(&format!("return Boolean({script});"), vec![]).await.unwrap();
        if value == json!(true) {
            return;
        }
        if begun.elapsed() > Duration::from_secs(120) {
            let page =
                client.execute("return document.body.innerText.slice(0, 3000);", vec![]).await.unwrap_or_default();
            panic!("timed out waiting for {what}; the page shows:\n{}", page.as_str().unwrap_or_default());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The folder screenshots go to: `e2e/` in the cargo target folder.
pub fn e2e_dir() -> std::path::PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(std::path::PathBuf::from);
    target.unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target")).join("e2e")
}

/// Saves what the browser shows as `e2e/<name>`.
pub async fn screenshot(client: &Client, name: &str) {
    let dir = e2e_dir();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), client.screenshot().await.unwrap()).unwrap();
}
