//! Long media jobs (SPEC §4): a proxy shows how far it has come while it is made, and a
//! ten-hour video stops at the time budget with a reason while the server goes on answering.

mod common;

use common::*;
use std::time::Duration;

/// The tests here time ffmpeg jobs against short budgets: one at a time, so that one's
/// ffmpeg does not slow the other's past its budget on a small machine.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Ten hours of black 160×120 frames, five a second, in MPEG-4 Part 2 in AVI (a format
/// browsers cannot play, so it needs a proxy): one minute encoded, then looped 600 times by
/// stream copy — quick to make, while its proxy must encode all 180,000 frames (over 10 s of
/// one core here), far past the test's 3 s budget however idle the machine.
fn ten_hour_video(dir: &std::path::Path) -> Vec<u8> {
    let (minute, path) = (dir.join("minute.avi"), dir.join("long.avi"));
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "color=c=black:s=160x120:r=5",
        "-t",
        "60",
        "-c:v",
        "mpeg4",
        "-q:v",
        "31",
        minute.to_str().unwrap(),
    ]);
    ffmpeg(&[
        "-stream_loop",
        "599",
        "-i",
        minute.to_str().unwrap(),
        "-c",
        "copy",
        path.to_str().unwrap(),
    ]);
    std::fs::read(path).unwrap()
}

fn ffmpeg(args: &[&str]) {
    let made = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y"])
        .args(args)
        .status()
        .unwrap();
    assert!(made.success(), "ffmpeg {args:?}");
}

#[tokio::test]
async fn a_ten_hour_video_stops_at_its_budget_after_showing_its_progress() {
    if !require("ffmpeg", "apt-get install ffmpeg") {
        return;
    }
    let _alone = ONE_AT_A_TIME.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let video = ten_hour_video(dir.path());
    let server = TestServer::start_with(|c| c.media.job_timeout_secs = 3).await;
    let asset = server.upload(&server.admin_token, "long.avi", video).await;
    let id = asset["id"].as_str().unwrap();
    let mut percents = Vec::new();
    let proxy = loop {
        let asset = server
            .get_json(&server.admin_token, &format!("/api/v1/assets/{id}"))
            .await;
        let proxy = asset["derivatives"]["proxy"].clone();
        if proxy["state"] != "pending" {
            break proxy;
        }
        percents.extend(proxy["percent"].as_u64());
        let health = client().get(server.url("/healthz")).send().await.unwrap();
        assert_eq!(
            health.status(),
            200,
            "the server answers while the job runs"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(proxy["state"], "failed", "{proxy}");
    assert!(
        proxy["reason"].as_str().unwrap().contains("time budget"),
        "{proxy}"
    );
    assert!(
        proxy.get("percent").is_none(),
        "a finished job shows no percent: {proxy}"
    );
    assert!(
        percents.iter().any(|&p| p > 0) && percents.windows(2).all(|w| w[0] <= w[1]),
        "the percent done was shown and only grew: {percents:?}"
    );
}

/// `[media] ffmpeg_threads` bounds the threads a proxy job runs on, so a 4K file cannot take
/// every core: its ffmpeg is seen running with the configured threads, and few of them (with
/// `-threads 1` ffmpeg 5.1 runs 5: main, one per input, x264's lookahead; 12 unbounded on 2
/// cores).
#[tokio::test]
async fn a_proxy_job_runs_on_the_configured_threads() {
    use common::process::{running, threads_of};
    if !require("ffmpeg", "apt-get install ffmpeg") {
        return;
    }
    let _alone = ONE_AT_A_TIME.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let video = ten_hour_video(dir.path());
    let server = TestServer::start_with(|c| {
        c.media.job_timeout_secs = 6;
        c.media.ffmpeg_threads = 1;
    })
    .await;
    let asset = server.upload(&server.admin_token, "long.avi", video).await;
    let id = asset["id"].as_str().unwrap();
    let (mut seen, mut most) = (Vec::new(), 0);
    loop {
        for (pid, args) in running("ffmpeg", &server.data_dir()) {
            if args.iter().any(|a| a == "-progress") {
                most = threads_of(pid).max(most);
                seen = args;
            }
        }
        let asset = server
            .get_json(&server.admin_token, &format!("/api/v1/assets/{id}"))
            .await;
        if asset["derivatives"]["proxy"]["state"] != "pending" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    eprintln!("ffmpeg ran on at most {most} threads: {seen:?}");
    let threads: Vec<_> = seen.windows(2).filter(|w| w[0] == "-threads").collect();
    assert!(!threads.is_empty(), "the proxy's ffmpeg was seen: {seen:?}");
    assert!(threads.iter().all(|w| w[1] == "1"), "{seen:?}");
    assert!((1..=6).contains(&most), "ffmpeg ran on {most} threads");
}
