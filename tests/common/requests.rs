//! An outsider on an upload request's link, as a browser would be: one visit cookie, tus
//! creations and PATCHes, the files of the visit.

use super::{json_of, TestServer};
use base64::{engine::general_purpose::STANDARD, Engine};
use reqwest::{Method, Response};
use serde_json::Value;

/// A small real PNG.
pub fn png() -> Vec<u8> {
    super::browser::png(8, 6, [200, 30, 30], [30, 30, 200])
}

pub async fn ask(server: &TestServer, body: Value) -> Value {
    server.admin_create("/api/v1/requests", body).await
}

/// `/u/TOKEN` of a request's link.
pub fn path_of(url: &str) -> String {
    url[url.find("/u/").expect("a request link")..].to_string()
}

/// An outsider with a browser's memory of one cookie: the visit of the link.
pub struct Outsider<'a> {
    pub server: &'a TestServer,
    pub link: String,
    pub cookie: Option<String>,
}

impl<'a> Outsider<'a> {
    pub fn new(server: &'a TestServer, request: &Value) -> Outsider<'a> {
        Outsider {
            server,
            link: path_of(request["url"].as_str().unwrap()),
            cookie: None,
        }
    }

    pub fn req(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        let builder = self.server.client.request(method, self.server.url(path));
        match &self.cookie {
            Some(cookie) => builder.header("cookie", cookie),
            None => builder,
        }
    }

    /// Keeps the visit cookie an answer sets.
    pub fn remember(&mut self, response: &Response) {
        let set = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("hu="));
        if let Some(set) = set {
            self.cookie = Some(set.split(';').next().unwrap().to_string());
        }
    }

    /// tus creation of a file of `length` bytes named `name`, with optional extra metadata.
    pub async fn create(&mut self, name: &str, length: usize, extra: &[(&str, &str)]) -> Response {
        let mut metadata = vec![format!("filename {}", STANDARD.encode(name))];
        for (key, value) in extra {
            metadata.push(format!("{key} {}", STANDARD.encode(value)));
        }
        let response = self
            .req(Method::POST, &format!("{}/uploads", self.link))
            .header("tus-resumable", "1.0.0")
            .header("upload-length", length.to_string())
            .header("upload-metadata", metadata.join(","))
            .send()
            .await
            .unwrap();
        self.remember(&response);
        response
    }

    pub async fn patch(&self, location: &str, offset: usize, bytes: &[u8]) -> Response {
        self.req(Method::PATCH, location)
            .header("tus-resumable", "1.0.0")
            .header("upload-offset", offset.to_string())
            .header("content-type", "application/offset+octet-stream")
            .body(bytes.to_vec())
            .send()
            .await
            .unwrap()
    }

    /// Sends a whole file with tus; returns the answer to the last PATCH.
    pub async fn send(&mut self, name: &str, bytes: &[u8], extra: &[(&str, &str)]) -> Response {
        let created = self.create(name, bytes.len(), extra).await;
        assert_eq!(
            created.status(),
            201,
            "{name}: {}",
            created.text().await.unwrap()
        );
        let location = created.headers()["location"].to_str().unwrap().to_string();
        assert!(
            location.starts_with(&format!("{}/uploads/", self.link)),
            "{location}"
        );
        self.patch(&location, 0, bytes).await
    }

    pub async fn files(&mut self) -> Value {
        let response = self
            .req(Method::GET, &format!("{}/files", self.link))
            .send()
            .await
            .unwrap();
        self.remember(&response);
        json_of(response, 200).await
    }
}

pub fn asset_id(response: &Response) -> String {
    response.headers()["handoff-asset-id"]
        .to_str()
        .unwrap()
        .to_string()
}
