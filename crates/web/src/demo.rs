//! `recordwell serve --demo`: a fictional partnership to try Recordwell with. Every name, place
//! and record in it is invented.
//!
//! Seeding is safe to repeat: the partnership is made once; each run gives the demo users fresh
//! passwords and prints them.

use crate::auth::password;
use crate::auth::token::random_token;
use recordwell_store::orgs::{self, Role};
use recordwell_store::records::{self, NewRecord};
use recordwell_store::{Store, StoreError, users};
use std::io::Write;

/// The demo organisation's name.
pub const DEMO_ORG: &str = "Glenfield Health and Social Care Partnership (demo)";

/// The demo people: (role, name, email).
pub const DEMO_USERS: [(Role, &str, &str); 4] = [
    (Role::Administrator, "Morag Lindsay", "administrator@demo.recordwell.test"),
    (Role::Facilitator, "Tomasz Nowak", "facilitator@demo.recordwell.test"),
    (Role::Manager, "Priya Raman", "manager@demo.recordwell.test"),
    (Role::Practitioner, "Callum Reid", "practitioner@demo.recordwell.test"),
];

/// Sample records: (type, title, text, shared). One well-written and one to improve of each kind.
const SAMPLES: [(&str, &str, &str, bool); 9] = [
    (
        "contact",
        "Home visit (to improve)",
        include_str!("../../check/tests/fixtures/faulty/contact-home-visit.txt"),
        false,
    ),
    ("contact", "Home visit", include_str!("../../check/tests/fixtures/good/contact.txt"), true),
    ("case-summary", "Case summary", include_str!("../../check/tests/fixtures/good/case-summary.txt"), true),
    (
        "case-summary",
        "Case summary (to improve)",
        include_str!("../../check/tests/fixtures/faulty/case-summary-dense.txt"),
        false,
    ),
    ("assessment", "Assessment", include_str!("../../check/tests/fixtures/good/assessment.txt"), false),
    ("chronology", "Chronology", include_str!("../../check/tests/fixtures/good/chronology.txt"), false),
    (
        "detailed",
        "Incident report (to improve)",
        include_str!("../../check/tests/fixtures/faulty/detailed-incident.txt"),
        false,
    ),
    ("detailed", "Detailed record", include_str!("../../check/tests/fixtures/good/detailed.txt"), false),
    ("supervision", "Supervision notes", include_str!("../../check/tests/fixtures/good/supervision.txt"), false),
];

/// Seeds the demo and prints the sign-in details.
pub async fn seed(store: &Store) -> Result<(), StoreError> {
    let org = match existing_demo_org(store).await? {
        Some(id) => id,
        None => create_org(store).await?,
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "Demo partnership: {DEMO_ORG}\nSign in with (fictional people; passwords are new on every start):"
    );
    for (role, _, email) in DEMO_USERS {
        let pw = demo_password();
        if let Some(u) = users::by_email(store, email).await? {
            users::set_password(store, u.id, &password::hash(&pw)).await?;
        }
        let _ = writeln!(out, "  {:<14} {email}  password: {pw}", role.as_str());
    }
    let _ = writeln!(out, "(organisation id {org})");
    Ok(())
}

async fn existing_demo_org(store: &Store) -> Result<Option<i64>, StoreError> {
    match users::by_email(store, DEMO_USERS[0].2).await? {
        Some(u) => Ok(users::memberships(store, u.id).await?.first().map(|(org, _)| *org)),
        None => Ok(None),
    }
}

async fn create_org(store: &Store) -> Result<i64, StoreError> {
    let org = orgs::create(store, DEMO_ORG).await?;
    let children = orgs::add_service(store, org, "Children and Families", "children-families").await?;
    orgs::add_service(store, org, "Adult Services", "adult").await?;
    orgs::add_service(store, org, "Residential Care", "residential").await?;
    let mut practitioner = 0;
    for (role, name, email) in DEMO_USERS {
        let id = users::create(store, email, name, None).await?;
        users::set_membership(store, id, org, role, Some(children)).await?;
        if role == Role::Practitioner {
            practitioner = id;
        }
    }
    for (record_type, title, body, shared) in SAMPLES {
        let id = records::create(store, NewRecord { org_id: org, author_id: practitioner, record_type, title, body })
            .await?;
        if shared {
            records::set_shared(store, org, id, true).await?;
        }
    }
    Ok(org)
}

/// Three short random words' worth of entropy, easy to type: 16 URL-safe characters.
fn demo_password() -> String {
    random_token()[..16].to_owned()
}
