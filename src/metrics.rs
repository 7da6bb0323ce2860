//! Prometheus metrics: requests by route and status, with latency histograms, and counters
//! the domain bumps (bytes sent, visits, uploads).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

const BUCKETS: [f64; 10] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0, 30.0];

#[derive(Default)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), Series>>,
    pub bytes_sent: AtomicU64,
    pub visits: AtomicU64,
    pub uploads: AtomicU64,
    pub active_downloads: AtomicU64,
}

impl Metrics {
    pub fn record_request(&self, method: &str, path: &str, status: u16, elapsed: Duration) {
        let key = (method.to_string(), route_of(path), status);
        let seconds = elapsed.as_secs_f64();
        let mut requests = self.requests();
        let series = requests.entry(key).or_default();
        series.count += 1;
        series.sum += seconds;
        for (bucket, bound) in series.buckets.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *bucket += 1;
            }
        }
    }

    /// The series; a panic elsewhere while they were held leaves plain counts behind, still
    /// worth counting on, rather than a lock that fails every later request.
    fn requests(&self) -> MutexGuard<'_, BTreeMap<(String, String, u16), Series>> {
        self.requests.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# TYPE handoff_http_requests_total counter\n");
        out.push_str("# TYPE handoff_http_request_duration_seconds histogram\n");
        let requests = self.requests();
        for ((method, route, status), s) in requests.iter() {
            let labels = format!("method=\"{method}\",route=\"{route}\",status=\"{status}\"");
            let _ = writeln!(out, "handoff_http_requests_total{{{labels}}} {}", s.count);
            for (bound, n) in BUCKETS.iter().zip(s.buckets) {
                let _ = writeln!(
                    out,
                    "handoff_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "handoff_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "handoff_http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum
            );
            let _ = writeln!(
                out,
                "handoff_http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
        for (name, kind, counter) in [
            ("handoff_bytes_sent_total", "counter", &self.bytes_sent),
            ("handoff_visits_total", "counter", &self.visits),
            ("handoff_uploads_total", "counter", &self.uploads),
            ("handoff_active_downloads", "gauge", &self.active_downloads),
        ] {
            let _ = writeln!(
                out,
                "# TYPE {name} {kind}\n{name} {}",
                counter.load(Ordering::Relaxed)
            );
        }
        out
    }
}

/// The route template of a path: ids and link tokens become placeholders, so that the
/// number of series stays small.
pub fn route_of(path: &str) -> String {
    let mut parts: Vec<&str> = path.split('/').collect();
    for i in 0..parts.len() {
        let after_link = i > 0 && matches!(parts[i - 1], "s" | "d") && i == 2;
        if after_link {
            parts[i] = "{token}";
        } else if uuid::Uuid::parse_str(parts[i]).is_ok() {
            parts[i] = "{id}";
        }
    }
    let route = parts.join("/");
    if route.starts_with("/assets/") || route.starts_with("/app/") {
        return "/static".into();
    }
    route.chars().take(100).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_hide_ids_and_tokens() {
        assert_eq!(
            route_of("/api/v1/assets/0190a0b0-0000-7000-8000-000000000000/original"),
            "/api/v1/assets/{id}/original"
        );
        assert_eq!(
            route_of("/s/abcDEF123/manifest.json"),
            "/s/{token}/manifest.json"
        );
        assert_eq!(route_of("/d/xyz"), "/d/{token}");
    }

    #[test]
    fn renders_prometheus_text() {
        let metrics = Metrics::default();
        metrics.record_request("GET", "/healthz", 200, Duration::from_millis(3));
        let text = metrics.render();
        assert!(text.contains(
            "handoff_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"
        ));
        assert!(text.contains("le=\"0.005\"} 1"));
    }

    #[test]
    fn a_poisoned_lock_keeps_counting() {
        let metrics = std::sync::Arc::new(Metrics::default());
        let poisoner = metrics.clone();
        let _ = std::thread::spawn(move || {
            let _held = poisoner.requests.lock().unwrap();
            panic!("poison the lock");
        })
        .join();
        assert!(metrics.requests.is_poisoned());
        metrics.record_request("GET", "/healthz", 200, Duration::from_millis(3));
        assert!(metrics
            .render()
            .contains("route=\"/healthz\",status=\"200\"} 1"));
    }
}
