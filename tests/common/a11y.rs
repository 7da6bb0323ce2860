//! Accessibility and locale checks in headless Chromium: axe-core (npm, `tests/axe`) injected
//! into the page, dark mode and the browser's languages emulated over the DevTools protocol.

use super::browser::Browser;
use reqwest::Method;
use serde_json::{json, Value};
use std::path::Path;

/// axe-core's script, or None (with the install step named) when `npm ci` has not run.
pub fn axe_source() -> Option<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/axe/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(path) {
        Ok(source) => Some(source),
        Err(_) => {
            super::unavailable("axe-core is not installed", "npm ci --prefix tests/axe");
            None
        }
    }
}

impl Browser {
    async fn devtools(&self, cmd: &str, params: Value) {
        self.cmd(
            Method::POST,
            "/chromium/send_command",
            json!({"cmd": cmd, "params": params}),
        )
        .await
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    }

    /// Emulates `prefers-color-scheme` (CDP Emulation.setEmulatedMedia).
    pub async fn prefer_color_scheme(&self, scheme: &str) {
        self.devtools(
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
        )
        .await;
    }

    /// Sends `Accept-Language: languages` from now on, as a browser set to them would.
    pub async fn accept_language(&self, languages: &str) {
        let agent = self.js("return navigator.userAgent", json!([])).await;
        self.devtools(
            "Emulation.setUserAgentOverride",
            json!({"userAgent": agent, "acceptLanguage": languages}),
        )
        .await;
    }

    /// axe-core's serious and critical violations on the page as it is now, one line each.
    pub async fn axe_violations(&self, axe: &str) -> Vec<String> {
        let loaded = self
            .js(&format!("{axe}\nreturn typeof window.axe;"), json!([]))
            .await;
        assert_eq!(loaded, "object", "axe-core loaded into the page");
        let found = self
            .js_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                   .then((r) => done(r.violations
                     .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                     .map((v) => `${v.impact} ${v.id}: ${v.help} — ` + v.nodes.slice(0, 4)
                       .map((n) => `${n.target.join(' ')} (${(n.failureSummary || '').replace(/\\s+/g, ' ')})`).join('; '))))
                   .catch((e) => done([`axe failed: ${e}`]));",
                json!([]),
            )
            .await;
        serde_json::from_value(found).unwrap_or_default()
    }

    /// Asserts that the page has no serious or critical axe violation, naming the screen.
    pub async fn assert_accessible(&self, axe: &str, screen: &str) {
        let violations = self.axe_violations(axe).await;
        assert!(
            violations.is_empty(),
            "{screen}: axe found {} serious or critical violation(s):\n{}",
            violations.len(),
            violations.join("\n")
        );
    }
}

impl Browser {
    /// Presses `key` (a WebDriver key code such as "\u{E004}" for Tab) where the focus is.
    pub async fn press(&self, key: &str) {
        self.cmd(
            Method::POST,
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
                {"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]}]}),
        )
        .await
        .unwrap_or_else(|e| panic!("pressing {key:?}: {e}"));
    }

    /// Whether the focused element is inside the first element matching `css`.
    pub async fn focus_within(&self, css: &str) -> bool {
        self.js(
            "const c = document.querySelector(arguments[0]); return !!c && c.contains(document.activeElement)",
            json!([css]),
        )
        .await
        .as_bool()
        .unwrap_or(false)
    }
}

pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";
pub const ESCAPE: &str = "\u{E00C}";
pub const ARROW_LEFT: &str = "\u{E012}";
pub const ARROW_RIGHT: &str = "\u{E014}";
