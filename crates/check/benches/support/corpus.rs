//! A deterministic generator of fictional case records of every type, for benchmarks, the
//! throughput example and property tests. Included by path (`#[path = ...] mod corpus;`), so it
//! depends on nothing but the engine.
//!
//! Records mix good practice (dated, sourced, the child's words, analysis) with the classic faults
//! the checker looks for, in roughly the proportions a real caseload shows, and a little non-ASCII
//! text (curly quotes, accented names) so the UTF-8 paths are exercised.

#![allow(dead_code)]

use recordwell_check::RecordType;

/// A tiny xorshift64* generator: deterministic, no dependencies.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value; 0 is remapped).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// One generated record.
#[derive(Debug, Clone)]
pub struct Record {
    /// A stable id, e.g. `rec-000042`.
    pub id: String,
    /// Its type.
    pub record_type: RecordType,
    /// The record.
    pub text: String,
}

const CHILDREN: &[&str] = &["Amy", "Leo", "Zoë", "Kai", "Mia", "Finn", "Noor", "Jay", "Chloé", "Owen", "Lily", "Tia"];
const ADULTS: &[&str] = &["Ms Quill", "Mr Marsh", "Ms Patel", "Mr Oakes", "Mrs Fenwick", "Ms Brontë", "Mr Dorran"];
const WORKERS: &[&str] = &["Sam Reed", "Lou Brand", "Kim Ferris", "Mo Aston", "Jan Moss"];
const MONTHS: &[&str] = &["January", "February", "March", "April", "May", "June", "July", "September", "October"];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const TIMES: &[&str] = &["9.30am", "10.15am", "11.00am", "1.45pm", "3.30pm", "4.10pm"];
const SOURCES: &[&str] =
    &["the school office", "the health visitor", "the GP (general practitioner)", "the nursery manager", "the police"];

/// Sentences of good practice; `{c}` is the child, `{a}` an adult, `{w}` the worker, `{d}` a date.
const GOOD: &[&str] = &[
    "I saw {c} alone in the bedroom for about twenty minutes.",
    "{c} told me, “I like it when we go to the park on Saturdays.”",
    "{c} showed me a drawing of the family and the dog.",
    "{a} told me the new morning routine is working most days.",
    "The school office confirmed on {d} that {c} has been on time every day this month.",
    "In my view the routine is helping {c}, because {c} is getting to school on time and talked about it happily.",
    "The kitchen was clean and there was food in the fridge and the cupboards.",
    "{a} said the evenings are hard since the shifts at work changed.",
    "I will phone {a} on {d} about the family support service.",
    "{c} laughed when the cat jumped onto the sofa, and stayed close to {a} while we talked.",
    "{a} and {c} read a book together while I spoke to the health visitor on the phone.",
    "{c} is proud of the football team and goes to training twice a week.",
    "I explained what will happen next and {a} asked for a copy of the plan.",
    "{w} will visit again on {d} and will see {c} alone.",
];

/// Sentences showing classic faults.
const FAULTY: &[&str] = &[
    "Mum was non-compliant with the plan.",
    "The home was unsuitable.",
    "It was reported that {a} has been drinking again.",
    "A decision was made to reduce the visits.",
    "My gut feeling is that {a} is not telling us everything.",
    "{c} was seen recently by the school nurse.",
    "{c} did not attend the dental appointment on {d}.",
    "{a} said {c} was “hit” by an older boy.",
    "The CIN plan will be reviewed at the next meeting.",
    "{c} could have respite with her aunt, or a short placement if things get worse.",
    "Police attended a domestic incident at the flat last week.",
    "{c}'s brother, who is wheelchair-bound, was in the front room.",
    "{a} was hostile and aggressive when I raised the school attendance and refused to engage with the plan.",
    "Following extensive consideration of the multiagency documentation, the professional network determined that continued statutory intervention remained appropriate, particularly considering the unavailability of consistent protective relationships within the extended family network and the persistence of unresolved environmental deficiencies.",
];

fn fill(rng: &mut Rng, template: &str, child: &str, adult: &str, worker: &str) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let key = &rest[i..i + 3];
        match key {
            "{c}" => out.push_str(child),
            "{a}" => out.push_str(adult),
            "{w}" => out.push_str(worker),
            "{d}" => out.push_str(&date(rng)),
            _ => out.push_str(key),
        }
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out
}

fn date(rng: &mut Rng) -> String {
    format!("{} {} {} 2025", rng.pick(DAYS), 1 + rng.below(28), rng.pick(MONTHS))
}

fn numeric_date(rng: &mut Rng) -> String {
    format!("{:02}.{:02}.2025", 1 + rng.below(28), 1 + rng.below(12))
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Appends paragraphs of sentences until the text has about `words` words. `fault_percent` is the
/// chance of each sentence being a faulty one.
fn prose(rng: &mut Rng, text: &mut String, words: usize, fault_percent: usize, people: (&str, &str, &str)) {
    let (child, adult, worker) = people;
    let mut in_paragraph = 0;
    while word_count(text) < words {
        let pool = if rng.chance(fault_percent) { FAULTY } else { GOOD };
        let template = rng.pick(pool);
        let sentence = fill(rng, template, child, adult, worker);
        if in_paragraph > 0 {
            text.push(' ');
        }
        text.push_str(&sentence);
        in_paragraph += 1;
        if in_paragraph >= 3 + rng.below(3) {
            text.push_str("\n\n");
            in_paragraph = 0;
        }
    }
    text.push('\n');
}

/// One record of `record_type` of about `words` words.
pub fn record(rng: &mut Rng, record_type: RecordType, words: usize) -> String {
    let child = rng.pick(CHILDREN);
    let adult = rng.pick(ADULTS);
    let worker = rng.pick(WORKERS);
    let people = (child, adult, worker);
    let mut t = String::with_capacity(words * 7);
    match record_type {
        RecordType::Contact => {
            t.push_str(&format!("Home visit to {adult} and {child} (aged {})\n", 2 + rng.below(14)));
            if rng.chance(85) {
                t.push_str(&format!("Date and time: {}, {}\n", date(rng), rng.pick(TIMES)));
            }
            t.push_str(&format!("Present: {adult}, {child}, and me ({worker}, social worker).\n\n"));
            t.push_str("Purpose: to see how the new routine is going and to hear what the child thinks.\n\n");
            prose(rng, &mut t, words, 15, people);
        }
        RecordType::CaseSummary => {
            t.push_str(&format!("Case summary: {child} (aged {})\n\n", 2 + rng.below(14)));
            t.push_str(&format!("Reason for involvement: {} asked for help on {}.\n\n", rng.pick(SOURCES), date(rng)));
            prose(rng, &mut t, words, 15, people);
        }
        RecordType::Assessment => {
            t.push_str(&format!("Assessment of {child}, completed on {} by {worker}, social worker.\n\n", date(rng)));
            let sections = ["Child's developmental needs", "Parenting capacity", "Family and environmental factors"];
            let per = words / 4;
            for (i, s) in sections.iter().enumerate() {
                if i == 2 && rng.chance(20) {
                    continue;
                }
                t.push_str(s);
                t.push('\n');
                let target = word_count(&t) + per;
                prose(rng, &mut t, target, 15, people);
                t.push('\n');
            }
            t.push_str("Analysis and recommendation\n");
            prose(rng, &mut t, words, 10, people);
        }
        RecordType::Chronology => {
            let events = [
                "{a} phoned the duty team about {c}",
                "{w} visited {c} and {a} at home",
                "{c} did not attend the health assessment",
                "Review meeting with {a} and {w}",
                "Police attended a domestic incident",
                "{c} started at the after-school club",
            ];
            let outcomes =
                ["safety plan agreed", "no new concerns", "new date booked", "referral to the family centre"];
            while word_count(&t) < words {
                if rng.chance(92) {
                    t.push_str(&numeric_date(rng));
                    t.push_str(" - ");
                } else {
                    t.push_str("Recently - ");
                }
                let template = rng.pick(&events);
                let event = fill(rng, template, child, adult, worker);
                t.push_str(&format!("{event}. Source: {}. Outcome: {}.\n", rng.pick(SOURCES), rng.pick(&outcomes)));
            }
        }
        RecordType::Detailed => {
            t.push_str(&format!("Record of events for {child}, {}\n\n", date(rng)));
            prose(rng, &mut t, words, 20, people);
        }
        RecordType::Supervision => {
            t.push_str(&format!("Supervision record: {worker} with the team manager, {}\n\n", date(rng)));
            prose(rng, &mut t, words.saturating_sub(40), 15, people);
            t.push_str(&format!(
                "Decision: continue weekly visits, because the plan is working for {child}.\nAction: {worker} will write to {adult} by {}.\n",
                date(rng)
            ));
        }
    }
    t
}

/// About `bytes` bytes of records of every type in turn, 150 to 900 words each, from `seed`.
pub fn corpus(seed: u64, bytes: usize) -> Vec<Record> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let record_type = RecordType::ALL[out.len() % RecordType::ALL.len()];
        let words = 150 + rng.below(750);
        let text = record(&mut rng, record_type, words);
        total += text.len();
        out.push(Record { id: format!("rec-{:06}", out.len()), record_type, text });
    }
    out
}

/// The default benchmark corpus: 1 MiB from seed 42.
pub fn default_corpus() -> Vec<Record> {
    corpus(42, 1 << 20)
}

/// A record of about 2,000 words of each type, from seed 7.
pub fn long_records() -> Vec<(RecordType, String)> {
    let mut rng = Rng::new(7);
    RecordType::ALL.into_iter().map(|t| (t, record(&mut rng, t, 2000))).collect()
}
