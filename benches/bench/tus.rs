//! Resumable ingest over tus, beside the one-request upload and nginx serving the same file
//! over HTTPS (the baseline of SPEC §5: tus ingest at half of nginx's rate or better).

use crate::handoff::{client, Server};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::time::Instant;

/// The chunk the web app sends, and the size of each PATCH here.
const CHUNK: usize = 64 << 20;

/// Uploads `path` over tus in `parts` parallel partial uploads (1: one plain upload) of
/// 64 MiB PATCHes, joined by a final concatenation; returns the seconds taken.
pub async fn upload(server: &Server, token: &str, path: &Path, parts: usize) -> f64 {
    let len = std::fs::metadata(path).unwrap().len() as usize;
    let started = Instant::now();
    let share = len.div_ceil(parts);
    let mut tasks = Vec::new();
    for part in 0..parts {
        let range = part * share..((part + 1) * share).min(len);
        let (base, token, path) = (server.base.clone(), token.to_string(), path.to_path_buf());
        tasks.push(tokio::spawn(async move {
            send(&base, &token, &path, range, parts > 1).await
        }));
    }
    let mut urls = Vec::new();
    for task in tasks {
        urls.push(task.await.unwrap());
    }
    if parts > 1 {
        let created = tus(&server.base, token, reqwest::Method::POST, "/api/v1/uploads")
            .header("upload-concat", format!("final;{}", urls.join(" ")))
            .header("upload-metadata", "filename dHVzLmJpbg==")
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), 201, "concatenation");
    }
    started.elapsed().as_secs_f64()
}

fn tus(base: &str, token: &str, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
    client()
        .request(method, format!("{base}{path}"))
        .bearer_auth(token)
        .header("tus-resumable", "1.0.0")
}

/// Sends bytes `range` of `path` as one upload (partial or whole); returns its path.
async fn send(base: &str, token: &str, path: &Path, range: std::ops::Range<usize>, partial: bool) -> String {
    let mut create = tus(base, token, reqwest::Method::POST, "/api/v1/uploads")
        .header("upload-length", range.len().to_string())
        .header("upload-metadata", "filename dHVzLmJpbg==");
    if partial {
        create = create.header("upload-concat", "partial");
    }
    let created = create.send().await.unwrap();
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_string();
    let mut file = std::fs::File::open(path).unwrap();
    file.seek(SeekFrom::Start(range.start as u64)).unwrap();
    let mut offset = 0;
    while offset < range.len() {
        let mut chunk = vec![0; CHUNK.min(range.len() - offset)];
        file.read_exact(&mut chunk).unwrap();
        let answer = tus(base, token, reqwest::Method::PATCH, &location)
            .header("content-type", "application/offset+octet-stream")
            .header("upload-offset", offset.to_string())
            .body(chunk)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 204, "PATCH at {offset}");
        offset = answer.headers()["upload-offset"].to_str().unwrap().parse().unwrap();
    }
    location
}
