//! Participants' examples: paste a record, see it de-identified (and what was hidden, by kind),
//! add words to hide and look again, then confirm. Only the confirmed de-identified text is
//! stored; the raw text travels only in the participant's own form between the steps and is
//! never stored or logged.

use crate::auth::Visitor;
use crate::error::AppError;
use crate::pages::feedback::{CheckView, check};
use crate::pages::{PageForm, render};
use crate::programme::{AsParticipant, InCohort};
use crate::state::AppState;
use crate::views::{Frame, type_title};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use recordwell_check::RecordType;
use recordwell_redact::{Options, Redacted, redact};
use recordwell_store::examples;
use serde::Deserialize;

/// The kinds of record participants bring, in the letter's order.
pub const EXAMPLE_TYPES: [&str; 4] = ["case-summary", "assessment", "contact", "detailed"];

/// The longest example accepted (characters).
const MAX_TEXT: usize = 50_000;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/cohorts/{cohort}/examples", get(page).post(submit))
}

/// A stored example with the checker's feedback, for its author.
struct Stored {
    record_type: String,
    title: &'static str,
    body: String,
    check: Option<CheckView>,
}

/// A preview of the de-identified text.
struct Preview {
    record_type: String,
    title: &'static str,
    raw: String,
    terms: String,
    redacted: String,
    hidden: Vec<(String, Vec<String>)>,
}

#[derive(Template)]
#[template(path = "programme_examples.html")]
struct Page {
    frame: Frame,
    cohort_id: i64,
    cohort_title: String,
    stored: Vec<Stored>,
    missing: Vec<(&'static str, &'static str)>,
    types: Vec<(&'static str, &'static str)>,
    preview: Option<Preview>,
    notice: Option<String>,
    error: Option<String>,
    live: bool,
}

fn types() -> Vec<(&'static str, &'static str)> {
    EXAMPLE_TYPES.iter().map(|t| (*t, type_title(t))).collect()
}

async fn show(
    state: &AppState,
    visitor: &Visitor,
    ic: &InCohort,
    preview: Option<Preview>,
    notice: Option<String>,
    error: Option<String>,
) -> Result<Response, AppError> {
    let mine = examples::for_person(&state.store, ic.cohort.id, ic.who.user_id).await?;
    let config = state.check_config.clone();
    let stored = tokio::task::spawn_blocking(move || {
        mine.into_iter()
            .map(|e| {
                let rt = e.record_type.parse().unwrap_or(RecordType::Detailed);
                Stored {
                    title: type_title(&e.record_type),
                    check: Some(check(&e.body, rt, &config)),
                    record_type: e.record_type,
                    body: e.body,
                }
            })
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|_| AppError::Internal("the check failed".into()))?;
    let missing = types().into_iter().filter(|(k, _)| !stored.iter().any(|s| s.record_type == *k)).collect();
    render(&Page {
        frame: Frame::new(visitor, "training"),
        cohort_id: ic.cohort.id,
        cohort_title: ic.cohort.title.clone(),
        stored,
        missing,
        types: types(),
        preview,
        notice,
        error,
        live: false,
    })
}

/// `GET /cohorts/{cohort}/examples`: the participant's examples and the form to add one.
async fn page(State(state): State<AppState>, visitor: Visitor, ic: InCohort) -> Result<Response, AppError> {
    ic.participant()?;
    show(&state, &visitor, &ic, None, None, None).await
}

/// The example form (both steps).
#[derive(Deserialize)]
struct ExampleForm {
    record_type: String,
    text: String,
    #[serde(default)]
    terms: String,
    #[serde(default)]
    action: String,
}

/// The participant's extra words to hide, one per line or comma-separated.
fn terms(list: &str) -> Vec<String> {
    list.split(['\n', ',']).map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).take(200).collect()
}

/// De-identifies `text`, hiding `terms` too.
pub fn deidentify(text: &str, terms_list: &str) -> Redacted {
    let options = Options { custom_terms: terms(terms_list), ..Options::default() };
    redact(text, &options)
}

/// What was hidden, grouped by kind: (kind, the words hidden).
pub fn hidden_by_kind(r: &Redacted) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = vec![];
    for e in &r.entities {
        let kind = e.kind.id().to_owned();
        match out.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, words)) => {
                if !words.contains(&e.text) {
                    words.push(e.text.clone());
                }
            }
            None => out.push((kind, vec![e.text.clone()])),
        }
    }
    out
}

/// `POST /cohorts/{cohort}/examples`: `action=preview` shows the de-identified text;
/// `action=confirm` de-identifies again (the same way: nothing from the page is trusted) and
/// stores only that.
async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    AsParticipant(ic): AsParticipant,
    PageForm(f): PageForm<ExampleForm>,
) -> Result<Response, AppError> {
    if !EXAMPLE_TYPES.contains(&f.record_type.as_str()) {
        return show(&state, &visitor, &ic, None, None, Some("Choose the type of record.".into())).await;
    }
    if f.text.trim().is_empty() || f.text.chars().count() > MAX_TEXT {
        let e = format!("Paste the example (up to {MAX_TEXT} characters).");
        return show(&state, &visitor, &ic, None, None, Some(e)).await;
    }
    let (text, list) = (f.text.clone(), f.terms.clone());
    let redacted = tokio::task::spawn_blocking(move || deidentify(&text, &list))
        .await
        .map_err(|_| AppError::Internal("de-identification failed".into()))?;
    if f.action == "confirm" {
        let replaced =
            examples::save(&state.store, ic.cohort.id, ic.who.user_id, &f.record_type, &redacted.text).await?;
        crate::audit::log(&state.store, &ic.who, "example.save", "cohort", Some(ic.cohort.id), f.record_type.clone())
            .await?;
        if replaced {
            let notice = format!(
                "Your {} example replaced the one you added before.",
                type_title(&f.record_type).to_lowercase()
            );
            return show(&state, &visitor, &ic, None, Some(notice), None).await;
        }
        return Ok(Redirect::to(&format!("/cohorts/{}/examples#saved", ic.cohort.id)).into_response());
    }
    let preview = Preview {
        title: type_title(&f.record_type),
        record_type: f.record_type,
        hidden: hidden_by_kind(&redacted),
        redacted: redacted.text,
        raw: f.text,
        terms: f.terms,
    };
    show(&state, &visitor, &ic, Some(preview), None, None).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_extra_terms_and_groups_what_was_hidden() {
        let r = deidentify("Visited the family at Larkfield. Mrs Jane Smith was at home.", "Larkfield");
        assert!(!r.text.contains("Larkfield"));
        assert!(!r.text.contains("Smith"));
        let hidden = hidden_by_kind(&r);
        assert!(hidden.iter().any(|(k, _)| k == "custom"));
    }
}
