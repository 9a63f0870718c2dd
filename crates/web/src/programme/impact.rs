//! Practice impact, per cohort and per series: what changed in participants' recording, in
//! aggregate only. A figure about fewer than three people is not shown (it would be about
//! someone), and nothing here names anyone.
//!
//! - A workshop series: tests of change planned and logged; for tests with examples from before
//!   and after the change, the checker's findings per 1,000 words and lens scores, averaged.
//! - A two-day cohort: action statements done, partly done and not yet at follow-up; the
//!   checker's measures of the examples participants brought.

use crate::auth::Visitor;
use crate::error::AppError;
use crate::export::svg::GroupedBars;
use crate::pages::render;
use crate::programme::InCohort;
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use recordwell_check::{RecordType, Report};
use recordwell_store::cohorts::{self, CohortRole};
use recordwell_store::{examples, plans, series};
use recordwell_workshops::MIN_GROUP;
use recordwell_workshops::disclosure::showable;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/cohorts/{cohort}/impact", get(page))
}

/// A figure, or why it is not shown.
fn count(n: usize) -> String {
    if showable(n) { n.to_string() } else { format!("fewer than {MIN_GROUP}") }
}

#[derive(Template)]
#[template(path = "cohort_impact.html")]
struct ImpactPage {
    frame: Frame,
    cohort_id: i64,
    cohort_title: String,
    is_series: bool,
    /// (measure, figure).
    counts: Vec<(String, String)>,
    /// (measure, before, after) when enough people have both.
    before_after: Vec<(String, String, String)>,
    chart: String,
    /// Why the before-and-after figures are not shown, when they are not.
    withheld: Option<String>,
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() { 0.0 } else { values.iter().sum::<f64>() / values.len() as f64 }
}

async fn page(State(state): State<AppState>, visitor: Visitor, ic: InCohort) -> Result<Response, AppError> {
    if !matches!(ic.role, CohortRole::Facilitator | CohortRole::Manager) {
        return Err(AppError::Forbidden);
    }
    let mut counts = vec![];
    let mut before_after = vec![];
    let mut chart = String::new();
    let mut withheld = None;
    let config = state.check_config.clone();
    if ic.cohort.is_series() {
        let tests = series::tests_in(&state.store, ic.cohort.id).await?;
        let logged = series::log_counts(&state.store, ic.cohort.id).await?.len();
        counts.push(("Tests of change planned".to_owned(), count(tests.len())));
        counts.push(("Tests with a log".to_owned(), count(logged)));
        let pairs: Vec<(String, String, RecordType)> = tests
            .iter()
            .filter_map(|t| {
                let rt = t.record_type.as_deref().unwrap_or("detailed").parse().unwrap_or(RecordType::Detailed);
                Some((t.before_example.clone()?, t.after_example.clone()?, rt))
            })
            .collect();
        counts.push(("Tests with examples from before and after".to_owned(), count(pairs.len())));
        if pairs.len() >= MIN_GROUP {
            let reports = tokio::task::spawn_blocking(move || {
                pairs
                    .iter()
                    .map(|(b, a, rt)| {
                        (recordwell_check::check(b, *rt, &config), recordwell_check::check(a, *rt, &config))
                    })
                    .collect::<Vec<_>>()
            })
            .await
            .map_err(|_| AppError::Internal("the check failed".into()))?;
            let avg = |f: &dyn Fn(&Report) -> f64, after: bool| {
                mean(&reports.iter().map(|(b, a)| f(if after { a } else { b })).collect::<Vec<_>>())
            };
            let colleague = |r: &Report| f64::from(r.scores.colleague);
            let family = |r: &Report| f64::from(r.scores.family);
            before_after = vec![
                (
                    "Findings per 1,000 words (mean)".into(),
                    format!("{:.1}", avg(&Report::findings_per_thousand_words, false)),
                    format!("{:.1}", avg(&Report::findings_per_thousand_words, true)),
                ),
                (
                    "Colleague lens (mean, of 100)".into(),
                    format!("{:.0}", avg(&colleague, false)),
                    format!("{:.0}", avg(&colleague, true)),
                ),
                (
                    "Family lens (mean, of 100)".into(),
                    format!("{:.0}", avg(&family, false)),
                    format!("{:.0}", avg(&family, true)),
                ),
            ];
            let series = vec!["Before".to_owned(), "After".to_owned()];
            let categories = vec![
                ("Colleague lens".to_owned(), vec![avg(&colleague, false) / 100.0, avg(&colleague, true) / 100.0]),
                ("Family lens".to_owned(), vec![avg(&family, false) / 100.0, avg(&family, true) / 100.0]),
            ];
            chart = GroupedBars {
                title: "Mean lens scores before and after the changes",
                series: &series,
                categories: &categories,
            }
            .render();
        } else {
            withheld = Some(format!(
                "Before-and-after figures are shown once at least {MIN_GROUP} tests have examples from both, so that \
                 no one's writing can be picked out."
            ));
        }
    } else {
        let mut statuses = [0usize; 3];
        let mut with_plan = 0;
        for p in cohorts::people(&state.store, ic.cohort.id).await?.iter().filter(|p| p.role == CohortRole::Participant)
        {
            let Some(plan) = plans::of(&state.store, ic.cohort.id, p.user_id).await? else { continue };
            with_plan += 1;
            for s in plans::statements(&state.store, plan.id).await? {
                match s.status.as_deref() {
                    Some("done") => statuses[0] += 1,
                    Some("partly") => statuses[1] += 1,
                    Some(_) => statuses[2] += 1,
                    None => {}
                }
            }
        }
        counts.push(("Participants with an action plan".to_owned(), count(with_plan)));
        if showable(with_plan) {
            counts.push(("Action statements done".to_owned(), statuses[0].to_string()));
            counts.push(("Action statements partly done".to_owned(), statuses[1].to_string()));
            counts.push(("Action statements not yet done".to_owned(), statuses[2].to_string()));
        }
        let bodies: Vec<(String, RecordType)> = examples::for_cohort(&state.store, ic.cohort.id)
            .await?
            .into_iter()
            .map(|e| (e.body, e.record_type.parse().unwrap_or(RecordType::Detailed)))
            .collect();
        let authors = bodies.len();
        counts.push(("Examples brought".to_owned(), count(authors)));
        if authors >= MIN_GROUP {
            let measured = tokio::task::spawn_blocking(move || {
                bodies
                    .iter()
                    .map(|(b, rt)| recordwell_check::check(b, *rt, &config).findings_per_thousand_words())
                    .collect::<Vec<_>>()
            })
            .await
            .map_err(|_| AppError::Internal("the check failed".into()))?;
            counts.push((
                "Findings per 1,000 words in the examples (mean)".to_owned(),
                format!("{:.1}", mean(&measured)),
            ));
        }
    }
    render(&ImpactPage {
        frame: Frame::new(&visitor, "training"),
        cohort_id: ic.cohort.id,
        cohort_title: ic.cohort.title.clone(),
        is_series: ic.cohort.is_series(),
        counts,
        before_after,
        chart,
        withheld,
    })
}
