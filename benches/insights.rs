//! The insights page's data over 100,000 generated sessions, on SQLite and on PostgreSQL (when
//! `SCREENJUDGE_BENCH_POSTGRES`, or else `SCREENJUDGE_TEST_POSTGRES`, names a server): the time to generate
//! the history and to compute its facts once, then the median and 90th percentile of a request's work
//! (bring the facts up to date, count every figure) for the default period and for all time on the
//! busiest problem and level, of a session's standing, and of a call page's read of its session with and
//! without insights being computed at the same time. Prints one table.
//!
//! `cargo bench -p screenjudge --bench insights [-- SESSIONS]` (default 100000).

use catalog::{Catalog, Level, QuestionBank};
use server::Store;
use server::history::{self, HistoryOptions};
use server::insights::{self, Query};
use server::sheet::Thresholds;
use std::time::{Duration, Instant};

const RUNS: usize = 25;

fn median_p90(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(times[times.len() / 2]), ms(times[(times.len() * 9 / 10).min(times.len() - 1)]))
}

struct Row {
    database: &'static str,
    what: String,
    median_ms: f64,
    p90_ms: f64,
}

async fn measure<F, Fut>(mut work: F) -> (f64, f64)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    work().await; // warm
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let begun = Instant::now();
        work().await;
        times.push(begun.elapsed());
    }
    median_p90(times)
}

async fn bench(database: &'static str, target: &str, sessions: usize, rows: &mut Vec<Row>) {
    let catalog = Catalog::load(&Catalog::default_dir()).unwrap();
    let bank = QuestionBank::load(&Catalog::default_dir()).unwrap();
    let thresholds = Thresholds::default();
    let store = Store::open(target).await.unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    let options = HistoryOptions { sessions, seed: 7, until: now, days: 730 };
    let begun = Instant::now();
    history::generate(&store, &catalog, &bank, &thresholds, &options).await.unwrap();
    let generated = begun.elapsed();
    let begun = Instant::now();
    let read = insights::refresh(&store, &catalog, &thresholds).await.unwrap();
    let first = begun.elapsed();
    let once =
        |what: String, d: Duration| Row { database, what, median_ms: d.as_secs_f64() * 1000.0, p90_ms: f64::NAN };
    rows.push(once(format!("generate {sessions} sessions (once)"), generated));
    rows.push(once(format!("first refresh: facts of {read} sessions (once)"), first));

    let (median_ms, p90_ms) = measure(|| async {
        insights::refresh(&store, &catalog, &thresholds).await.unwrap();
    })
    .await;
    rows.push(Row { database, what: "refresh with nothing changed".into(), median_ms, p90_ms });

    let busiest = Query { problem: "longest-substring".into(), level: Level::Mid, from: None, to: None };
    let default = Query { from: Some(now - 90 * 86_400_000), ..busiest.clone() };
    for (what, query) in [("insights data, last 90 days", &default), ("insights data, all time", &busiest)] {
        let (median_ms, p90_ms) = measure(|| async {
            insights::refresh(&store, &catalog, &thresholds).await.unwrap();
            let figures = insights::compute(&store, &catalog, &bank, query).await.unwrap();
            std::hint::black_box(serde_json::to_vec(&figures).unwrap());
        })
        .await;
        rows.push(Row { database, what: format!("{what} (longest substring, mid-level)"), median_ms, p90_ms });
    }
    let session = store.session(sessions as i64 / 2).await.unwrap().unwrap();
    let (median_ms, p90_ms) = measure(|| async {
        std::hint::black_box(insights::standing(&store, &catalog, &thresholds, &session).await.unwrap());
    })
    .await;
    rows.push(Row { database, what: "a session's standing".into(), median_ms, p90_ms });

    // A call page's read (the session, its newest sheet and draft) alone, then while insights are computed.
    let id = session.id;
    let page_read = || async {
        std::hint::black_box(store.session(id).await.unwrap());
        std::hint::black_box(store.latest_sheet(id).await.unwrap());
        std::hint::black_box(store.latest_draft(id).await.unwrap());
    };
    let (median_ms, p90_ms) = measure(page_read).await;
    rows.push(Row { database, what: "a call page's read, alone".into(), median_ms, p90_ms });
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let busy = {
        let (store, stop) = (&store, stop.clone());
        let (catalog, bank, thresholds, busiest) = (&catalog, &bank, &thresholds, &busiest);
        async move {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                insights::refresh(store, catalog, thresholds).await.unwrap();
                insights::compute(store, catalog, bank, busiest).await.unwrap();
            }
        }
    };
    let reads = async {
        let out = measure(page_read).await;
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        out
    };
    let ((median_ms, p90_ms), ()) = tokio::join!(reads, busy);
    rows.push(Row { database, what: "a call page's read, insights computed meanwhile".into(), median_ms, p90_ms });
}

fn main() {
    let sessions: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let mut rows = Vec::new();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("insights.db");
        bench("SQLite", file.to_str().unwrap(), sessions, &mut rows).await;
        let postgres = std::env::var("SCREENJUDGE_BENCH_POSTGRES")
            .or_else(|_| std::env::var("SCREENJUDGE_TEST_POSTGRES"))
            .ok()
            .filter(|u| !u.is_empty());
        match postgres {
            Some(url) => bench("PostgreSQL", &url, sessions, &mut rows).await,
            None => eprintln!("PostgreSQL skipped: set SCREENJUDGE_BENCH_POSTGRES to an empty database's URL"),
        }
    });
    println!("\n| database | what | median ms | p90 ms |\n| --- | --- | ---: | ---: |");
    for r in rows {
        let p90 = if r.p90_ms.is_nan() { "—".to_string() } else { format!("{:.1}", r.p90_ms) };
        println!("| {} | {} | {:.1} | {} |", r.database, r.what, r.median_ms, p90);
    }
}
