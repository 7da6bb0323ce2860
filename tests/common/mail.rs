//! A real SMTP server (mailin-embedded) for email tests, and reading what it received.

use mailin_embedded::{response, Handler, Response, Server, SslConfig};
use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
pub struct Inbox {
    pub mails: Arc<Mutex<Vec<Vec<u8>>>>,
    pub refuse: Arc<AtomicBool>,
    current: Vec<u8>,
}

impl Handler for Inbox {
    fn rcpt(&mut self, _to: &str) -> Response {
        if self.refuse.load(Ordering::SeqCst) {
            response::NO_MAILBOX
        } else {
            response::OK
        }
    }

    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        _to: &[String],
    ) -> Response {
        self.current.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.mails
            .lock()
            .unwrap()
            .push(std::mem::take(&mut self.current));
        response::OK
    }
}

/// A real SMTP server on an ephemeral port, in a thread of its own.
pub fn smtp_server() -> (u16, Inbox) {
    let inbox = Inbox::default();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut server = Server::new(inbox.clone());
    server
        .with_name("mail.test")
        .with_ssl(SslConfig::None)
        .unwrap()
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    (port, inbox)
}

pub fn with_smtp(config: &mut handoff::config::Config, port: u16) {
    config.smtp = Some(handoff::config::Smtp {
        host: "127.0.0.1".into(),
        port,
        tls: "none".into(),
        username: None,
        password: None,
        from: "Acme Files <files@example.com>".into(),
        retry_secs: 1,
    });
    config.branding.name = "Acme Files".into();
}

/// A mail decoded by Python's email package: headers and the text of each part.
pub fn decode(raw: &[u8]) -> Value {
    let script = r#"
import email, email.policy, json, sys
m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
parts = {p.get_content_type(): p.get_content() for p in m.walk() if not p.is_multipart()}
print(json.dumps({"to": str(m["To"]), "from": str(m["From"]), "subject": str(m["Subject"]), "bcc": m["Bcc"], "headers": list(m.keys()), "parts": parts}))
"#;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 on PATH");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(raw).unwrap();
    let output = child.wait_with_output().unwrap();
    serde_json::from_slice(&output.stdout).expect("a parseable email")
}

/// The mails received so far, decoded, in the order they came.
pub fn received(inbox: &Inbox) -> Vec<Value> {
    inbox
        .mails
        .lock()
        .unwrap()
        .iter()
        .map(|m| decode(m))
        .collect()
}

/// Waits for a mail whose subject contains `words`; returns every mail so far.
pub async fn wait_for_mail(inbox: &Inbox, words: &str) -> Vec<Value> {
    super::wait_for(|| {
        let mails = received(inbox);
        mails
            .iter()
            .any(|m| m["subject"].as_str().unwrap().contains(words))
            .then_some(mails)
    })
    .await
}
