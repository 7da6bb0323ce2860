//! SPEC §4 in headless Chromium, as a recipient sees it: a ProRes clip plays in the lightbox
//! through its H.264 proxy, and a PDF can be read page by page without downloading it.

mod common;

use common::browser::*;
use common::derivatives::{ffmpeg_made, uploaded};
use common::pdf::pdf;
use common::{link_path, require, TestServer};
use serde_json::json;

/// The colour at the centre of the lightbox's page image, read through a canvas.
const PAGE_COLOUR: &str = "
    const img = document.querySelector('dialog.lightbox[open] .stage img');
    if (!img || !img.complete || !img.naturalWidth) return null;
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const [r, gr, b] = g.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data;
    return [r, gr, b];";

#[tokio::test]
async fn a_recipient_watches_a_prores_clip_and_pages_through_a_pdf_in_the_lightbox() {
    let _serial = SERIAL.lock().await;
    if !require("ffmpeg", "apt-get install ffmpeg")
        || !require("pdftoppm", "apt-get install poppler-utils")
    {
        return;
    }
    let Some(driver) = Driver::start().await else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let sources = ["testsrc=size=320x240:rate=25", "sine=frequency=440"];
    let prores = ["-c:v", "prores_ks", "-c:a", "pcm_s16le"];
    let clip = ffmpeg_made(work.path(), "clip.mov", &sources, &prores);
    let colours = [[220, 30, 30], [30, 200, 30], [30, 30, 220]];
    let server = TestServer::start_with(|c| c.media.proxy_max_height = 240).await;
    let clip = uploaded(&server, "clip.mov", clip).await;
    let brochure = uploaded(&server, "brochure.pdf", pdf(3, &colours)).await;
    // View only: the recipient may watch and read, never download.
    let share = server
        .admin_share(
            json!({"title": "Cut and brochure", "assetIds": [clip, brochure], "access": "view"}),
        )
        .await;

    let guest = driver.browser(work.path()).await;
    guest.goto(&server.url(&link_path(&share))).await;
    guest.wait_for("#assets").await;

    // The clip plays its proxy: the video's time goes on.
    guest
        .click(&format!("li.asset[data-id='{clip}'] a.thumb"))
        .await;
    guest.wait_for("dialog.lightbox[open] .stage video").await;
    let source = guest
        .js(
            "return document.querySelector('dialog.lightbox .stage video').currentSrc",
            json!([]),
        )
        .await;
    assert!(source.as_str().unwrap().contains("/proxy"), "{source}");
    // Headless Chromium may refuse autoplay with sound; a muted play is what a click gives.
    guest
        .js("const v = document.querySelector('dialog.lightbox .stage video'); v.muted = true; v.play();", json!([]))
        .await;
    guest
        .wait_until(
            "the proxy plays",
            "const v = document.querySelector('dialog.lightbox .stage video'); return !v.error && v.currentTime > 0.5",
            json!([]),
        )
        .await;
    guest.screenshot("30-lightbox-proxy").await;
    guest.click("dialog.lightbox .lb-next").await;

    // The brochure: page 1, then the next page shows the next page's colour.
    guest.wait_for("dialog.lightbox[open] .lb-pager").await;
    let colour_is = |want: [u8; 3]| {
        format!(
            "const c = (() => {{ {PAGE_COLOUR} }})(); return !!c && c.every((v, i) => Math.abs(v - {want:?}[i]) < 40);"
        )
    };
    guest
        .wait_until("page 1 shows", &colour_is(colours[0]), json!([]))
        .await;
    guest
        .click("dialog.lightbox .lb-pager button:last-child")
        .await;
    guest
        .wait_until("page 2 shows", &colour_is(colours[1]), json!([]))
        .await;
    let label = guest.text("dialog.lightbox .lb-page").await;
    assert!(label.contains('2') && label.contains('3'), "{label}");
    guest
        .click("dialog.lightbox .lb-pager button:last-child")
        .await;
    guest
        .wait_until("page 3 shows", &colour_is(colours[2]), json!([]))
        .await;
    guest.screenshot("31-lightbox-pdf-page").await;
    guest.quit().await;
}
