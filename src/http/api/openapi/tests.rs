//! The document checked as a generated client would read it.

use super::ApiDoc;
use serde_json::Value;
use utoipa::OpenApi;

fn document() -> Value {
    serde_json::to_value(ApiDoc::openapi()).unwrap()
}

/// Every (path, method, operation) of the document.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            found.push((path.clone(), method.clone(), operation.clone()));
        }
    }
    found
}

/// Follows a `$ref` within the document.
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str() {
        Some(reference) => {
            let target = doc
                .pointer(reference.trim_start_matches('#'))
                .unwrap_or(&Value::Null);
            assert!(!target.is_null(), "{reference} does not resolve");
            resolve(doc, target)
        }
        None => value,
    }
}

fn json_schema<'a>(doc: &'a Value, response: &'a Value) -> &'a Value {
    resolve(
        doc,
        &resolve(doc, response)["content"]["application/json"]["schema"],
    )
}

#[test]
fn every_path_parameter_is_declared() {
    let doc = document();
    for (path, method, operation) in operations(&doc) {
        let mut in_template: Vec<&str> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .collect();
        let mut declared: Vec<&str> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "path")
            .map(|p| {
                assert_eq!(p["required"], true, "{method} {path}: {p}");
                p["name"].as_str().unwrap()
            })
            .collect();
        in_template.sort();
        declared.sort();
        assert_eq!(in_template, declared, "path parameters of {method} {path}");
    }
}

#[test]
fn listings_answer_a_page_and_nothing_answers_a_bare_array() {
    let doc = document();
    let listings = [
        "/api/v1/tokens",
        "/api/v1/users",
        "/api/v1/users/directory",
        "/api/v1/assets",
        "/api/v1/assets/{id}/shares",
        "/api/v1/collections",
        "/api/v1/shares",
        "/api/v1/shares/{id}/events",
    ];
    for (path, method, operation) in operations(&doc) {
        let Some(ok) = operation["responses"].get("200") else {
            continue;
        };
        let schema = json_schema(&doc, ok);
        assert_ne!(
            schema["type"], "array",
            "{method} {path} answers a bare array"
        );
        if method == "get" && listings.contains(&path.as_str()) {
            let required = schema["required"].as_array().cloned().unwrap_or_default();
            assert!(
                required.contains(&"items".into()) && required.contains(&"nextCursor".into()),
                "{path}: {schema}"
            );
            let items = resolve(&doc, &schema["properties"]["items"]);
            assert_eq!(items["type"], "array", "{path}: {schema}");
            let cursor = resolve(&doc, &schema["properties"]["nextCursor"]);
            assert_eq!(
                cursor["type"],
                serde_json::json!(["string", "null"]),
                "{path}"
            );
        }
    }
}

#[test]
fn errors_are_documented_with_the_shared_error_answer() {
    let doc = document();
    let shared = "#/components/responses/ErrorAnswer";
    let answer = resolve(&doc, &doc["components"]["responses"]["ErrorAnswer"]);
    let schema = json_schema(&doc, answer);
    let detail = resolve(&doc, &schema["properties"]["error"]);
    assert_eq!(detail["required"], serde_json::json!(["code", "message"]));
    for (path, method, operation) in operations(&doc) {
        let responses = operation["responses"].as_object().unwrap();
        for (status, response) in responses {
            if status.starts_with('4') {
                assert_eq!(response["$ref"], shared, "{status} of {method} {path}");
            }
        }
        let has = |status: &str| responses.contains_key(status);
        let public = operation["security"] == serde_json::json!([{}]);
        assert!(public || has("401"), "{method} {path} needs credentials");
        if operation["requestBody"]["content"]
            .get("application/json")
            .is_some()
        {
            for status in ["400", "413", "415", "422"] {
                assert!(has(status), "{status} of {method} {path} (a JSON body)");
            }
        }
        if path.contains('{') {
            assert!(has("404"), "{method} {path} names a resource");
        }
    }
}

#[test]
fn credentials_and_operation_ids() {
    let doc = document();
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["session"]["in"], "cookie");
    assert_eq!(schemes["session"]["name"], "handoff_session");
    let mut ids: Vec<String> = operations(&doc)
        .iter()
        .map(|(_, _, o)| o["operationId"].as_str().unwrap().to_string())
        .collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "operation ids repeat");
    let login = &doc["paths"]["/api/v1/auth/login"]["post"];
    assert_eq!(
        login["security"],
        serde_json::json!([{}]),
        "login is public"
    );
}

/// Every `$ref` in `value`, wherever it is.
fn references(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(r)) = map.get("$ref") {
                found.push(r.clone());
            }
            map.values().for_each(|v| references(v, found));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| references(v, found)),
        _ => {}
    }
}

#[test]
fn every_reference_resolves() {
    let doc = document();
    let mut found = Vec::new();
    references(&doc, &mut found);
    assert!(!found.is_empty());
    for reference in found {
        let pointer = reference.trim_start_matches('#');
        assert!(doc.pointer(pointer).is_some(), "{reference} names nothing");
    }
}
