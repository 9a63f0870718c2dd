//! The OpenAPI 3.1 document for `/api/v1`, written by hand beside the handlers it describes.
//! `tests/web/api.rs` checks that every route the router answers is in it, and that responses
//! have the documented fields.

use axum::Json;
use serde_json::{Value, json};

/// `GET /api/v1/openapi.json`.
pub async fn document() -> Json<Value> {
    Json(spec())
}

fn error_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

fn json_body(schema: &str) -> Value {
    json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}})
}

fn ok(description: &str, schema: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}})
}

fn standard_errors(mut responses: serde_json::Map<String, Value>) -> Value {
    responses.insert(
        "400".into(),
        error_response("The request is wrong: the message says how (codes invalid_json, invalid_request)."),
    );
    responses.insert("401".into(), error_response("No valid session or API token (code unauthorised)."));
    responses.insert("413".into(), error_response("The body is too large (code payload_too_large)."));
    Value::Object(responses)
}

fn responses(pairs: &[(&str, Value)]) -> Value {
    standard_errors(pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect())
}

/// The document.
pub fn spec() -> Value {
    let record_id = json!({"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}});
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Recordwell API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Check, de-identify and keep social-work records. Authenticate with a session cookie (and the X-CSRF-Token header on writes) or an API token: Authorization: Bearer rwt_…. Errors are {\"error\": {\"code\", \"message\"}} with a stable code."
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"token": []}, {"session": []}],
        "paths": {
            "/check": {"post": {
                "operationId": "check",
                "summary": "Check a record's text: findings, readability and the two lens scores (as `recordwell check --format json`).",
                "requestBody": json_body("CheckRequest"),
                "responses": responses(&[("200", ok("What the checker found.", "CheckResult"))])
            }},
            "/redact": {"post": {
                "operationId": "redact",
                "summary": "De-identify a text: names, addresses, dates of birth, numbers (as `recordwell redact --format json`).",
                "requestBody": json_body("RedactRequest"),
                "responses": responses(&[("200", ok("The de-identified text and what was replaced.", "RedactResult"))])
            }},
            "/records": {
                "get": {
                    "operationId": "listRecords",
                    "summary": "The caller's records and those shared with the organisation, newest first.",
                    "responses": responses(&[("200", ok("The records.", "RecordList"))])
                },
                "post": {
                    "operationId": "createRecord",
                    "summary": "Create a record (private to its author until shared).",
                    "requestBody": json_body("CreateRecord"),
                    "responses": responses(&[("201", ok("Created.", "Record"))])
                }
            },
            "/records/{id}": {
                "get": {
                    "operationId": "getRecord",
                    "summary": "Read a record.",
                    "parameters": [record_id.clone()],
                    "responses": responses(&[("200", ok("The record.", "Record")), ("404", error_response("No such record, or not one the caller can see (code not_found)."))])
                },
                "put": {
                    "operationId": "updateRecord",
                    "summary": "Save a new version. Send the version you started from; a shared record needs a reason.",
                    "parameters": [record_id],
                    "requestBody": json_body("UpdateRecord"),
                    "responses": responses(&[
                        ("200", ok("Saved; the record with its new version.", "Record")),
                        ("403", error_response("Only the author can change a record (code forbidden).")),
                        ("404", error_response("No such record, or not one the caller can see (code not_found).")),
                        ("409", error_response("Someone saved a newer version first (code version_conflict): read it and reapply the change."))
                    ])
                }
            },
            "/series": {"get": {
                "operationId": "listSeries",
                "summary": "Workshop series: every series of the organisation for facilitators and administrators, the series they are in for anyone else.",
                "responses": responses(&[("200", ok("The series, newest first.", "SeriesList"))])
            }},
            "/series/{id}": {"get": {
                "operationId": "getSeries",
                "summary": "A series' core elements with each service group's priorities, where services connect and diverge, the assets map, barriers, recommendations with leaders' answers (once published), and tests of change counted. No participant is named; services with fewer than three participants are pooled as \"Other services\".",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": responses(&[("200", ok("The series.", "Series")), ("404", error_response("No such series, or not one the caller can see (code not_found)."))])
            }}
        },
        "components": {
            "securitySchemes": {
                "token": {"type": "http", "scheme": "bearer", "description": "An API token made by an administrator (Administration → API tokens)."},
                "session": {"type": "apiKey", "in": "cookie", "name": "rw_session"}
            },
            "schemas": schemas()
        }
    })
}

fn schemas() -> Value {
    let record_types = json!(["contact", "case-summary", "assessment", "chronology", "detailed", "supervision"]);
    json!({
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
            "code": {"type": "string", "examples": ["not_found", "no_such_route", "method_not_allowed", "invalid_json", "invalid_request", "unauthorised", "forbidden", "csrf", "version_conflict", "payload_too_large", "unsupported_media_type", "internal"]},
            "message": {"type": "string"}}}}},
        "CheckRequest": {"type": "object", "required": ["text"], "additionalProperties": false, "properties": {
            "text": {"type": "string"}, "type": {"type": "string", "enum": record_types.clone(), "default": "detailed"}}},
        "Finding": {"type": "object", "required": ["id", "category", "lens", "severity", "message", "start", "end", "line", "column", "text"], "properties": {
            "id": {"type": "string"}, "category": {"type": "string"}, "lens": {"type": "string", "enum": ["colleague", "family", "both"]},
            "severity": {"type": "string", "enum": ["info", "warning", "error"]}, "message": {"type": "string"},
            "suggestion": {"type": ["string", "null"]}, "start": {"type": "integer", "description": "byte offset"},
            "end": {"type": "integer"}, "line": {"type": "integer"}, "column": {"type": "integer"}, "text": {"type": "string"}}},
        "CheckResult": {"type": "object", "required": ["record_type", "findings", "metrics", "scores"], "properties": {
            "record_type": {"type": "string", "enum": record_types.clone()},
            "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
            "metrics": {"type": "object", "properties": {"words": {"type": "integer"}, "sentences": {"type": "integer"}, "flesch_reading_ease": {"type": "number"}, "flesch_kincaid_grade": {"type": "number"}}},
            "scores": {"type": "object", "properties": {"colleague": {"type": "integer"}, "family": {"type": "integer"}}}}},
        "RedactRequest": {"type": "object", "required": ["text"], "additionalProperties": false, "properties": {
            "text": {"type": "string"}, "mask": {"type": "boolean", "default": false}, "all_dates": {"type": "boolean", "default": false},
            "organisations": {"type": "boolean", "default": true}, "terms": {"type": "array", "items": {"type": "string"}}}},
        "RedactResult": {"type": "object", "required": ["text", "entities"], "properties": {
            "text": {"type": "string"},
            "entities": {"type": "array", "items": {"type": "object", "required": ["kind", "start", "end", "text", "replacement"], "properties": {
                "kind": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"}, "replacement": {"type": "string"}}}}}},
        "Record": {"type": "object", "required": ["id", "type", "title", "text", "version", "shared", "author_id", "created_at", "updated_at"], "properties": {
            "id": {"type": "integer"}, "type": {"type": "string", "enum": record_types.clone()}, "title": {"type": "string"}, "text": {"type": "string"},
            "version": {"type": "integer"}, "shared": {"type": "boolean"}, "author_id": {"type": "integer"},
            "created_at": {"type": "integer", "description": "Unix seconds"}, "updated_at": {"type": "integer"}}},
        "RecordList": {"type": "object", "required": ["records"], "properties": {"records": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "title": {"type": "string"}, "record_type": {"type": "string"}, "author_id": {"type": "integer"},
            "author_name": {"type": "string"}, "shared": {"type": "integer"}, "version": {"type": "integer"}, "updated_at": {"type": "integer"}}}}}},
        "CreateRecord": {"type": "object", "required": ["type", "title", "text"], "additionalProperties": false, "properties": {
            "type": {"type": "string", "enum": record_types.clone()}, "title": {"type": "string", "maxLength": 200}, "text": {"type": "string"}}},
        "SeriesSummary": {"type": "object", "required": ["id", "title", "dates"], "properties": {
            "id": {"type": "integer"}, "title": {"type": "string"}, "dates": {"type": "array", "items": {"type": "string", "format": "date"}}}},
        "SeriesList": {"type": "object", "required": ["series"], "properties": {"series": {"type": "array", "items": {"$ref": "#/components/schemas/SeriesSummary"}}}},
        "Card": {"type": "object", "required": ["id", "text", "kind", "cluster", "votes", "tests"], "properties": {
            "tests": {"type": "integer", "description": "an asset: how many tests of change show it"},
            "id": {"type": "integer"}, "text": {"type": "string"}, "kind": {"type": "string", "description": "an asset's kind: personal, cultural or structural"},
            "cluster": {"type": "string"}, "votes": {"type": "integer"}}},
        "Series": {"type": "object", "required": ["id", "title", "dates", "groups", "elements", "connect", "diverge", "assets", "barriers", "recommendations", "tests"], "properties": {
            "id": {"type": "integer"}, "title": {"type": "string"}, "dates": {"type": "array", "items": {"type": "string"}},
            "groups": {"type": "array", "description": "[service group, participants]", "items": {"type": "array"}},
            "elements": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/Card"}, {"type": "object", "properties": {"by_group": {"type": "array", "items": {"type": "object", "properties": {
                "group": {"type": "string"}, "share": {"type": "number"}, "band": {"type": "string", "enum": ["high", "middle", "low"]}}}}}}]}},
            "connect": {"type": "array", "items": {"type": "integer"}},
            "diverge": {"type": "array", "description": "[element, groups ranking it high, groups ranking it low]", "items": {"type": "array"}},
            "assets": {"type": "array", "items": {"$ref": "#/components/schemas/Card"}},
            "barriers": {"type": "array", "items": {"$ref": "#/components/schemas/Card"}},
            "recommendations": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "integer"}, "text": {"type": "string"}, "level": {"type": "string", "enum": ["team", "service", "partnership"]},
                "votes": {"type": "integer"}, "rank": {"type": "integer"}, "rests_on": {"type": "array", "items": {"type": "string"}},
                "answers": {"type": "array", "items": {"type": "object", "properties": {"leader": {"type": "string"}, "answer": {"type": "string", "enum": ["accepted", "in-progress", "not-now"]}, "reason": {"type": "string"}, "answered_at": {"type": "integer"}}}}}}},
            "recommendations_published_at": {"type": ["integer", "null"]},
            "tests": {"type": "object", "properties": {"planned": {"type": "integer"}, "with_log": {"type": "integer"}}}}},
        "UpdateRecord": {"type": "object", "required": ["text", "base_version"], "additionalProperties": false, "properties": {
            "title": {"type": "string", "maxLength": 200}, "type": {"type": "string", "enum": record_types.clone()}, "text": {"type": "string"}, "base_version": {"type": "integer"},
            "reason": {"type": "string", "description": "required once the record is shared"}}}
    })
}
