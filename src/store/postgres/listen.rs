//! Other nodes' commits, heard through LISTEN/NOTIFY, mark this node's link cache stale.
//! While the listener is not connected every cached link counts as stale.

use super::super::changes::{Changes, Touched};
use super::tls::Tls;
use super::{StoreError, CHANNEL};
use postgres::fallible_iterator::FallibleIterator;
use postgres::Client;
use std::sync::{Arc, Weak};
use std::time::Duration;
use uuid::Uuid;

/// NOTIFY payloads are limited to 8000 bytes: past this, "everything changed".
const MAX_PAYLOAD: usize = 7000;

/// What a commit announces: the node, then `*` (everything links show) or the shares it wrote.
/// None when it wrote nothing links show. Only UUIDs and `*`: safe inside an SQL literal.
pub(super) fn payload(node: &str, touched: &Touched) -> Option<String> {
    if !touched.shown_everywhere && touched.shares.is_empty() {
        return None;
    }
    let shares: Vec<String> = touched.shares.iter().map(Uuid::to_string).collect();
    let listed = format!("{node} {}", shares.join(" "));
    Some(
        match touched.shown_everywhere || listed.len() > MAX_PAYLOAD {
            true => format!("{node} *"),
            false => listed,
        },
    )
}

/// What another node's announcement means here; None for this node's own.
fn heard(payload: &str, node: &str) -> Option<Touched> {
    let mut words = payload.split_whitespace();
    if words.next()? == node {
        return None;
    }
    let mut touched = Touched::default();
    for word in words {
        match Uuid::parse_str(word) {
            Ok(share) => touched.shares.push(share),
            Err(_) => touched.shown_everywhere = true,
        }
    }
    Some(touched)
}

/// Keeps the listener's `client` (connected at start, so that start-up fails on a bad URL or
/// certificate) listening on its own thread until the store is dropped.
pub(super) fn start(
    client: Client,
    config: postgres::Config,
    tls: Tls,
    node: Arc<str>,
    changes: Weak<Changes>,
) -> Result<(), StoreError> {
    std::thread::Builder::new()
        .name("handoff-listen".into())
        .spawn(move || listen(client, &config, &tls, &node, &changes))
        .map_err(|e| StoreError::Backend(format!("starting the listener: {e}")))?;
    Ok(())
}

pub(super) fn connect(config: &postgres::Config, tls: &Tls) -> Result<Client, postgres::Error> {
    let mut client = config.connect(tls.clone())?;
    client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
    Ok(client)
}

fn listen(
    mut client: Client,
    config: &postgres::Config,
    tls: &Tls,
    node: &str,
    changes: &Weak<Changes>,
) {
    loop {
        let ended = hear(&mut client, node, changes);
        let Some(alive) = changes.upgrade() else {
            return;
        };
        if ended {
            return;
        }
        // Announcements may be lost while disconnected: everything is stale until back.
        alive.set_deaf(true);
        drop(alive);
        tracing::warn!("database notifications lost; reconnecting");
        loop {
            std::thread::sleep(Duration::from_secs(1));
            if changes.strong_count() == 0 {
                return;
            }
            if let Ok(again) = connect(config, tls) {
                client = again;
                break;
            }
        }
        if let Some(alive) = changes.upgrade() {
            alive.committed(Touched {
                shown_everywhere: true,
                shares: Vec::new(),
            });
            alive.set_deaf(false);
        }
    }
}

/// Applies announcements until the connection breaks (false) or the store is gone (true).
fn hear(client: &mut Client, node: &str, changes: &Weak<Changes>) -> bool {
    loop {
        let mut notifications = client.notifications();
        let mut notes = notifications.timeout_iter(Duration::from_secs(1));
        #[allow(clippy::while_let_loop)]
        loop {
            let note = match notes.next() {
                Ok(Some(note)) => note,
                Ok(None) => break,
                Err(_) => return false,
            };
            let Some(alive) = changes.upgrade() else {
                return true;
            };
            if let Some(touched) = heard(note.payload(), node) {
                alive.committed(touched);
            }
        }
        drop(notes);
        drop(notifications);
        if changes.strong_count() == 0 {
            return true;
        }
        if client.is_closed() {
            return false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announcements_name_the_shares_or_everything_and_skip_their_own_node() {
        let share = Uuid::now_v7();
        let shares = Touched {
            shown_everywhere: false,
            shares: vec![share],
        };
        assert_eq!(payload("a", &Touched::default()), None);
        let said = payload("a", &shares).unwrap();
        assert!(heard(&said, "a").is_none());
        let got = heard(&said, "b").unwrap();
        assert_eq!((got.shown_everywhere, got.shares), (false, vec![share]));
        let everything = Touched {
            shown_everywhere: true,
            shares: vec![share],
        };
        assert!(
            heard(&payload("a", &everything).unwrap(), "b")
                .unwrap()
                .shown_everywhere
        );
        let many = Touched {
            shown_everywhere: false,
            shares: (0..300).map(|_| Uuid::now_v7()).collect(),
        };
        let said = payload("a", &many).unwrap();
        assert!(said.len() < 8000 && heard(&said, "b").unwrap().shown_everywhere);
    }
}
