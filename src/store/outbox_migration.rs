//! Schema 3 → 4: the email queue (`emails`) and the webhook queue (`webhook_deliveries`) become
//! one outbox. Each record keeps its key (UUID v7, so the outbox lists them in the order they
//! were made) and becomes `{id, parcel: {kind, …}, state, attempts, next_attempt_at,
//! last_error, created_at, done_at}`. Works on the JSON as schema 3 wrote it, so that later
//! changes to the domain types cannot break it.

use super::raw::{Kind, RawRead, RawWrite};
use super::tables::Table;
use super::StoreError;
use crate::error::Error;
use redb::{ReadableTable, TableDefinition, WriteTransaction};
use serde_json::{json, Map, Value};

const EMAILS: TableDefinition<u128, &[u8]> = TableDefinition::new("emails");
const DELIVERIES: TableDefinition<u128, &[u8]> = TableDefinition::new("webhook_deliveries");

/// Tries after which schema 3 gave up on an email.
const EMAIL_TRIES: u64 = 8;

pub(super) fn queues_into_outbox(tx: &WriteTransaction) -> Result<(), StoreError> {
    let mut moved = Vec::new();
    for (def, convert) in [
        (EMAILS, email_message as fn(Map<String, Value>) -> Value),
        (DELIVERIES, delivery_message),
    ] {
        let table = tx.open_table(def)?;
        for entry in table.iter()? {
            let (key, value) = entry?;
            let record: Map<String, Value> = serde_json::from_slice(value.value())
                .map_err(|e| StoreError::Corrupt(format!("queued message {}: {e}", key.value())))?;
            let message = serde_json::to_vec(&convert(record))
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            moved.push((key.value(), message));
        }
    }
    let mut outbox = tx.open_table(Table::Outbox.def())?;
    for (key, message) in moved {
        outbox.insert(key, message.as_slice())?;
    }
    drop(outbox);
    tx.delete_table(EMAILS)?;
    tx.delete_table(DELIVERIES)?;
    Ok(())
}

/// The same move between the rows of any backend (PostgreSQL's migration); the caller then
/// drops the two old tables.
pub(super) fn rows(from: &dyn RawRead, to: &dyn RawWrite) -> Result<(), Error> {
    let mut moved = Vec::new();
    for (name, convert) in [
        ("emails", email_message as fn(Map<String, Value>) -> Value),
        ("webhook_deliveries", delivery_message),
    ] {
        from.each(name, Kind::Records, &mut |(key, value)| {
            let record: Map<String, Value> = serde_json::from_slice(&value)
                .map_err(|e| StoreError::Corrupt(format!("queued message: {e}")))?;
            moved.push((
                key,
                serde_json::to_vec(&convert(record)).map_err(Error::internal)?,
            ));
            Ok(())
        })?;
    }
    let outbox = Table::Outbox.def();
    for row in moved {
        to.insert(redb::TableHandle::name(&outbox), Kind::Records, row)?;
    }
    Ok(())
}

/// Takes `fields` out of `record`, missing ones as null.
fn take(record: &mut Map<String, Value>, fields: &[&str]) -> Map<String, Value> {
    fields
        .iter()
        .map(|f| (f.to_string(), record.remove(*f).unwrap_or(Value::Null)))
        .collect()
}

/// The fields every message has, from a schema-3 record, in the given state.
fn message(mut record: Map<String, Value>, parcel: Map<String, Value>, state: &str) -> Value {
    let mut message = take(
        &mut record,
        &[
            "id",
            "attempts",
            "next_attempt_at",
            "last_error",
            "created_at",
        ],
    );
    message.insert("parcel".into(), Value::Object(parcel));
    message.insert("state".into(), json!(state));
    message.insert(
        "done_at".into(),
        record.remove("delivered_at").unwrap_or(Value::Null),
    );
    Value::Object(message)
}

/// Schema 3's email: states queued | sent | failed (failed was tried again up to 8 tries).
fn email_message(mut record: Map<String, Value>) -> Value {
    let attempts = record.get("attempts").and_then(Value::as_u64).unwrap_or(0);
    let state = match record.get("state").and_then(Value::as_str) {
        Some("sent") => "delivered",
        Some("failed") if attempts >= EMAIL_TRIES => "failed",
        _ => "pending",
    };
    let mut parcel = take(
        &mut record,
        &["recipient_id", "to", "subject", "text", "html"],
    );
    parcel.insert("kind".into(), json!("email"));
    parcel.insert(
        "about".into(),
        record.remove("share_id").unwrap_or(Value::Null),
    );
    message(record, parcel, state)
}

/// Schema 3's webhook delivery: states pending | delivered | failed, as the outbox has them.
fn delivery_message(mut record: Map<String, Value>) -> Value {
    let state = record
        .get("state")
        .and_then(Value::as_str)
        .unwrap_or("pending")
        .to_string();
    let mut parcel = take(
        &mut record,
        &[
            "webhook_id",
            "event_id",
            "event_type",
            "body",
            "last_status",
        ],
    );
    parcel.insert("kind".into(), json!("webhook"));
    message(record, parcel, &state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notify::{DeliveryState, Outgoing, Parcel};

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn a_schema_3_email_becomes_a_message_of_the_outbox() {
        let email = object(json!({
            "id": "01890000-0000-7000-8000-000000000001",
            "share_id": "01890000-0000-7000-8000-000000000002",
            "recipient_id": null, "to": "ann@example.org", "subject": "S", "text": "T",
            "html": "<p>H</p>", "state": "failed", "attempts": 2,
            "next_attempt_at": "2026-01-01T00:00:00Z", "last_error": "refused",
            "created_at": "2026-01-01T00:00:00Z"
        }));
        let out: Outgoing = serde_json::from_value(email_message(email)).unwrap();
        assert_eq!((out.state, out.attempts), (DeliveryState::Pending, 2));
        let Parcel::Email(email) = out.parcel else {
            panic!("an email")
        };
        assert_eq!(
            (email.to.as_str(), email.html.as_str()),
            ("ann@example.org", "<p>H</p>")
        );
        assert_eq!(
            email.about.to_string(),
            "01890000-0000-7000-8000-000000000002"
        );
    }

    #[test]
    fn a_schema_3_delivery_keeps_its_state_status_and_body() {
        let delivery = object(json!({
            "id": "01890000-0000-7000-8000-000000000003",
            "webhook_id": "01890000-0000-7000-8000-000000000004",
            "event_id": "01890000-0000-7000-8000-000000000005",
            "event_type": "share.created", "body": "{\"a\":1}", "state": "delivered",
            "attempts": 3, "next_attempt_at": "2026-01-01T00:00:00Z", "last_status": 200,
            "last_error": null, "created_at": "2026-01-01T00:00:00Z",
            "delivered_at": "2026-01-01T00:01:00Z"
        }));
        let out: Outgoing = serde_json::from_value(delivery_message(delivery)).unwrap();
        assert_eq!((out.state, out.attempts), (DeliveryState::Delivered, 3));
        assert!(out.done_at.is_some());
        let call = out.call().unwrap();
        assert_eq!(
            (call.body.as_str(), call.last_status),
            ("{\"a\":1}", Some(200))
        );
    }

    #[test]
    fn opening_a_schema_3_database_moves_both_queues_into_the_outbox() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.redb");
        let (email_id, delivery_id) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
        {
            let db = redb::Database::create(&path).unwrap();
            let tx = db.begin_write().unwrap();
            tx.open_table(super::super::tables::META)
                .unwrap()
                .insert("schema_version", 3u32.to_be_bytes().as_slice())
                .unwrap();
            let email = json!({"id": email_id, "share_id": email_id, "recipient_id": null,
                "to": "a@example.org", "subject": "S", "text": "T", "html": "H", "state": "queued",
                "attempts": 0, "next_attempt_at": "2026-01-01T00:00:00Z", "last_error": null,
                "created_at": "2026-01-01T00:00:00Z"});
            let delivery = json!({"id": delivery_id, "webhook_id": delivery_id,
                "event_id": delivery_id, "event_type": "share.created", "body": "{}",
                "state": "pending", "attempts": 1, "next_attempt_at": "2026-01-01T00:00:00Z",
                "last_status": 500, "last_error": "answered 500",
                "created_at": "2026-01-01T00:00:00Z", "delivered_at": null});
            for (def, id, record) in [
                (EMAILS, email_id, email),
                (DELIVERIES, delivery_id, delivery),
            ] {
                let bytes = serde_json::to_vec(&record).unwrap();
                tx.open_table(def)
                    .unwrap()
                    .insert(id.as_u128(), bytes.as_slice())
                    .unwrap();
            }
            tx.commit().unwrap();
        }
        let store = crate::store::Store::open(&path).unwrap();
        let outbox = store.read_now(|tx| tx.all::<Outgoing>(|_| true)).unwrap();
        let ids: Vec<_> = outbox.iter().map(|o| o.id).collect();
        assert_eq!(ids, [email_id, delivery_id]);
        assert!(outbox[0].email().is_some() && outbox[1].call().is_some());
        assert!(outbox.iter().all(|o| o.state == DeliveryState::Pending));
    }
}
