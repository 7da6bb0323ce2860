//! What the SPEC §11 browser tests (tests/ui_i18n.rs, tests/ui_app_i18n.rs,
//! tests/ui_app_errors.rs) start from: the browser tests' lock, Chromium, axe-core, and a server
//! holding two pictures, a share of both, a share behind a password, a collection, an upload
//! request and a saved search.

use super::a11y::axe_source;
use super::browser::{png, Browser, Driver, SERIAL};
use super::TestServer;
use serde_json::{json, Value};

pub struct Scene {
    _serial: tokio::sync::MutexGuard<'static, ()>,
    driver: Driver,
    pub axe: String,
    pub server: TestServer,
    /// Both pictures, shared without a password ("Frühling 2027", at most 20 uses).
    pub open: Value,
    /// The first picture behind the password `open-sesame-42`.
    pub locked: Value,
    /// The first picture, sunrise.png (1200×800, a few MB).
    pub asset: Value,
    /// Both pictures as the collection "Kampagne".
    pub collection: Value,
    /// An upload request ("Rohmaterial", at most 5 files).
    pub request: Value,
    work: tempfile::TempDir,
}

impl Scene {
    /// None when Chromium or axe-core is missing (`require` names the install step).
    pub async fn new() -> Option<Scene> {
        let serial = SERIAL.lock().await;
        let driver = Driver::start().await?;
        let axe = axe_source()?;
        let server = TestServer::start().await;
        let token = &server.admin_token;
        let sunrise = png(1200, 800, [255, 183, 94], [237, 80, 120]);
        let asset = server.upload(token, "sunrise.png", sunrise).await;
        let lagoon = png(160, 240, [64, 201, 198], [61, 91, 217]);
        let other = server.upload(token, "lagoon.png", lagoon).await;
        let both = json!([asset["id"], other["id"]]);
        let open = server
            .admin_share(
                json!({"title": "Frühling 2027", "description": "Die finalen Bilder.",
                "assetIds": both, "maxUses": 20}),
            )
            .await;
        let locked = server
            .admin_share(
                json!({"title": "Locked", "assetIds": [asset["id"]], "password": "open-sesame-42"}),
            )
            .await;
        let collection = json!({"name": "Kampagne", "assetIds": both});
        let collection = server.admin_create("/api/v1/collections", collection).await;
        let search = json!({"name": "Morgens", "q": "sunrise"});
        server.admin_create("/api/v1/searches", search).await;
        let request = json!({"title": "Rohmaterial", "maxFiles": 5});
        let request = super::requests::ask(&server, request).await;
        Some(Scene {
            _serial: serial,
            driver,
            axe,
            server,
            open,
            locked,
            asset,
            collection,
            request,
            work: tempfile::tempdir().unwrap(),
        })
    }

    pub async fn browser(&self) -> Browser {
        self.driver.browser(self.work.path()).await
    }

    /// The address of a share's or request's link.
    pub fn url(link: &Value) -> String {
        link["url"].as_str().unwrap().to_string()
    }

    pub fn id(value: &Value) -> &str {
        value["id"].as_str().unwrap()
    }
}
