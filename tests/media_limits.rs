//! Media work that could take every core is bounded (SPEC §4): PDF pages asked for at once
//! are made a few at a time while the server goes on answering.

mod common;

use common::derivatives::uploaded;
use common::pdf::pdf_drawing;
use common::process::running;
use common::*;
use reqwest::Method;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A page slow enough to make that requests overlap: thousands of small filled squares.
fn busy_drawing() -> String {
    let mut draw = String::from("0.2 0.4 0.8 rg\n");
    for i in 0..20_000 {
        let (x, y) = (i % 200 * 2, i / 200 * 3 % 300);
        draw.push_str(&format!("{x} {y} 1.5 1.5 re f\n"));
    }
    draw
}

#[tokio::test]
async fn pages_asked_for_at_once_are_made_as_many_at_a_time_as_there_are_workers() {
    if !require("pdftoppm", "apt-get install poppler-utils") {
        return;
    }
    const WORKERS: usize = 2;
    let server = TestServer::start_with(|c| c.media.workers = WORKERS).await;
    let id = uploaded(&server, "busy.pdf", pdf_drawing(40, &[busy_drawing()])).await;

    // Watch the pdftoppm processes working on this server's files.
    let (done, most) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicUsize::new(0)),
    );
    let data = server.data_dir();
    let watcher = {
        let (done, most) = (done.clone(), most.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                most.fetch_max(running("pdftoppm", &data).len(), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    let asks = (2..=17).map(|page| {
        let request = server.admin(Method::GET, &format!("/api/v1/assets/{id}/pages/{page}"));
        async move { request.send().await.unwrap() }
    });
    let asks = tokio::spawn(futures_util::future::join_all(asks));
    let mut slowest = Duration::ZERO;
    while !asks.is_finished() {
        let asked = Instant::now();
        let health = client().get(server.url("/healthz")).send().await.unwrap();
        assert_eq!(health.status(), 200);
        slowest = slowest.max(asked.elapsed());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let answers = asks.await.unwrap();
    done.store(true, Ordering::Relaxed);
    watcher.join().unwrap();

    let most = most.load(Ordering::Relaxed);
    assert!(
        (1..=WORKERS).contains(&most),
        "{most} pages made at once with {WORKERS} workers"
    );
    assert!(
        slowest < Duration::from_secs(3),
        "health answered in {slowest:?}"
    );
    let mut made = 0;
    for answer in answers {
        match answer.status().as_u16() {
            200 => made += 1,
            503 => assert!(answer.headers().contains_key("retry-after")),
            other => panic!("page answered {other}"),
        }
    }
    assert!(made > 0, "pages were made");
}
