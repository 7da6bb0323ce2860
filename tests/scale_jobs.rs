//! Background jobs shared by nodes (SPEC §9): a node holds a derivative job by a lease it
//! renews while it works; when the node dies (`kill -9`), another takes its jobs over once
//! the lease runs out, and finishes them.

mod common;

use common::derivatives::settled;
use common::garage::Garage;
use common::postgres::Postgres;
use common::process::*;
use common::*;

/// A large smooth picture: quick to encode here, a second or so of work for the server.
fn big_png(seed: u8) -> Vec<u8> {
    let image = image::RgbImage::from_fn(6000, 4000, |x, y| {
        image::Rgb([(x / 24) as u8, (y / 16) as u8, seed])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

const LEASE: &str = "[media]\nworkers = 1\njob_lease_secs = 3\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn jobs_of_a_node_killed_mid_work_are_finished_by_another() {
    let Some(postgres) = Postgres::start() else {
        return;
    };
    let Some(garage) = Garage::start(&["jobs"]) else {
        return;
    };
    let url = postgres.database("jobs");
    let a_dir = tempfile::tempdir().unwrap();
    let extra = format!(
        "[database]\nurl = \"{url}\"\n{}{LEASE}",
        garage.storage_toml("jobs")
    );
    let config = write_config(a_dir.path(), &extra);
    let mut a = serve(a_dir.path(), &config);
    let token = login(&a.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let mut ids = Vec::new();
    for seed in 0..4 {
        ids.push(upload_file(&a.base, &token, &format!("big{seed}.png"), big_png(seed)).await);
    }
    // Node A works on the first of them, one at a time: it dies in the middle.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    a.child.kill().unwrap();
    a.child.wait().unwrap();

    let b_dir = tempfile::tempdir().unwrap();
    let mut b_config = test_config(b_dir.path());
    b_config.database.url = url;
    b_config.storage = garage.storage("jobs");
    b_config.media.workers = 1;
    b_config.media.job_lease_secs = 3;
    let b = TestServer::start_in(b_dir, b_config).await;
    let mut left_by_a = 0;
    for id in &ids {
        let before = b
            .get_json(&b.admin_token, &format!("/api/v1/assets/{id}"))
            .await;
        left_by_a += usize::from(before["derivatives"]["preview"]["state"] == "pending");
    }
    assert!(left_by_a > 0, "A finished everything before it was killed");
    for id in &ids {
        let asset = settled(&b, id).await;
        for key in ["thumbnail", "preview"] {
            assert_eq!(asset["derivatives"][key]["state"], "ready", "{asset}");
        }
        let preview = b
            .admin(
                reqwest::Method::GET,
                &format!("/api/v1/assets/{id}/preview"),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(preview.status(), 200);
    }
    println!("node B finished the {left_by_a} of 4 jobs node A left");
}
