//! A generated, labelled set of fictional social-work records for evaluating the redactor.
//!
//! Shared by `examples/evaluate.rs`, `examples/gen_eval.rs`, `tests/properties.rs` and
//! `benches/redact.rs` through `#[path]`. Deterministic for a given seed.
//!
//! Names, surnames, streets and towns come from the `fake` crate's locale lists (English, Welsh,
//! French, German, Italian, Dutch, Portuguese, Turkish), not from the redactor's own lists, so the
//! evaluation does not measure the redactor against the data it was built from. Everything is
//! fictional: phone numbers are in Ofcom's drama ranges (07700 900xxx, 0113 496 0xxx, 020 7946 0xxx,
//! 0131 496 0xxx, 029 2018 0xxx) or the US 555-01xx range; NHS and CHI numbers are random digits
//! that pass the mod-11 check; NI numbers have valid prefixes and random digits; email and web
//! addresses are on example domains or have invented handles.
//!
//! Every identifier's byte span and kind is recorded as the text is built, so nothing is labelled
//! by hand. Words that merely sit next to an identifier and may reasonably be hidden with it (the
//! title in "Ms Kovač", the "DOB:" before a date) are recorded as *soft*: hiding them is neither a
//! miss nor over-redaction. Every other word is *ordinary*.

use fake::Fake;
use fake::faker::address::raw::{CityName, StreetName};
use fake::faker::name::raw::{FirstName, LastName};
use fake::locales::{CY_GB, DE_DE, EN, FR_FR, IT_IT, NL_NL, PT_PT, TR_TR};
use fake::rand::rngs::ChaCha8Rng;
use fake::rand::{RngExt, SeedableRng};

/// The kind of a labelled identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Person,
    DateOfBirth,
    Address,
    Postcode,
    Phone,
    Email,
    NhsNumber,
    ChiNumber,
    NiNumber,
    Url,
    /// Schools, nurseries, GP practices: hidden by default but not a direct identifier.
    Organisation,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 11] = [
        Kind::Person,
        Kind::DateOfBirth,
        Kind::Address,
        Kind::Postcode,
        Kind::Phone,
        Kind::Email,
        Kind::NhsNumber,
        Kind::ChiNumber,
        Kind::NiNumber,
        Kind::Url,
        Kind::Organisation,
    ];

    /// The direct identifiers, whose recall must reach 0.99 overall and 0.97 each.
    pub fn is_direct(self) -> bool {
        !matches!(self, Kind::Url | Kind::Organisation)
    }

    pub fn id(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::DateOfBirth => "date-of-birth",
            Kind::Address => "address",
            Kind::Postcode => "postcode",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::NhsNumber => "nhs-number",
            Kind::ChiNumber => "chi-number",
            Kind::NiNumber => "ni-number",
            Kind::Url => "url",
            Kind::Organisation => "organisation",
        }
    }
}

/// One labelled identifier: `text[start..end]` is of `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// A generated record with its labels.
#[derive(Debug, Clone)]
pub struct Record {
    /// "contact note", "case summary", "chronology" or "referral".
    pub record_type: &'static str,
    pub text: String,
    /// Identifiers, in order.
    pub gold: Vec<Span>,
    /// Byte ranges that may be hidden along with an identifier (titles, "DOB:" and the like).
    pub soft: Vec<(usize, usize)>,
}

impl Record {
    /// The words (runs of letters and digits, with inner apostrophes and hyphens) that touch no
    /// identifier and no soft range: hiding any of these is over-redaction.
    pub fn ordinary_words(&self) -> Vec<(usize, usize)> {
        let taken = |s: usize, e: usize| {
            self.gold.iter().any(|g| g.start < e && s < g.end) || self.soft.iter().any(|&(a, b)| a < e && s < b)
        };
        words(&self.text).into_iter().filter(|&(s, e)| !taken(s, e)).collect()
    }
}

/// How well a set of hidden byte ranges covers a record's labels.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Score {
    /// Per kind, in [`Kind::ALL`] order: (labelled, found).
    pub per_kind: [(usize, usize); 11],
    /// Ordinary words, and how many of them any hidden range touches.
    pub ordinary: usize,
    pub over: usize,
    /// Labels not fully hidden.
    pub misses: Vec<Span>,
    /// Ordinary words that were touched.
    pub overs: Vec<(usize, usize)>,
}

impl Score {
    /// Adds another record's score.
    pub fn add(&mut self, other: &Score) {
        for (a, b) in self.per_kind.iter_mut().zip(other.per_kind) {
            a.0 += b.0;
            a.1 += b.1;
        }
        self.ordinary += other.ordinary;
        self.over += other.over;
    }

    /// (labelled, found) over the direct identifiers.
    pub fn direct(&self) -> (usize, usize) {
        Kind::ALL
            .iter()
            .zip(self.per_kind)
            .filter(|(k, _)| k.is_direct())
            .fold((0, 0), |a, (_, b)| (a.0 + b.0, a.1 + b.1))
    }
}

/// Scores `hidden` (byte ranges, e.g. detected entities) against `record`'s labels. A label is
/// found only if every letter and digit in it is hidden: what is left showing is what leaks.
pub fn score(record: &Record, hidden: &[(usize, usize)]) -> Score {
    let text = &record.text;
    let mut covered = vec![false; text.len()];
    for &(s, e) in hidden {
        covered[s.min(text.len())..e.min(text.len())].fill(true);
    }
    let mut out = Score::default();
    for g in &record.gold {
        let found =
            text[g.start..g.end].char_indices().filter(|(_, c)| c.is_alphanumeric()).all(|(i, _)| covered[g.start + i]);
        let slot = &mut out.per_kind[Kind::ALL.iter().position(|&k| k == g.kind).unwrap_or(0)];
        slot.0 += 1;
        if found {
            slot.1 += 1;
        } else {
            out.misses.push(*g);
        }
    }
    for (s, e) in record.ordinary_words() {
        out.ordinary += 1;
        if covered[s..e].iter().any(|&h| h) {
            out.over += 1;
            out.overs.push((s, e));
        }
    }
    out
}

/// Byte ranges of the words in `text`.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joiner =
            matches!(c, '\'' | '’' | '-') && start.is_some() && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || joiner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Which sentence templates a set is built from. Tune detectors on `Dev`; report on `Test`, whose
/// sentences they have not seen (names and numbers are fresh in every record whatever the split).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// Every template.
    All,
    /// Even-numbered templates.
    Dev,
    /// Odd-numbered templates.
    Test,
}

impl Split {
    pub fn from_id(id: &str) -> Option<Split> {
        match id {
            "all" => Some(Split::All),
            "dev" => Some(Split::Dev),
            "test" => Some(Split::Test),
            _ => None,
        }
    }

    fn sentences(self) -> Vec<&'static str> {
        let keep = |i: usize| match self {
            Split::All => true,
            Split::Dev => i.is_multiple_of(2),
            Split::Test => !i.is_multiple_of(2),
        };
        SENTENCES.iter().enumerate().filter(|&(i, _)| keep(i)).map(|(_, s)| *s).collect()
    }
}

/// `n` records from `seed`, from every template.
pub fn generate(n: usize, seed: u64) -> Vec<Record> {
    generate_split(n, seed, Split::All)
}

/// `n` records from `seed`, from the templates of `split`.
pub fn generate_split(n: usize, seed: u64, split: Split) -> Vec<Record> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let sentences = split.sentences();
    (0..n).map(|_| record(&mut rng, &sentences)).collect()
}

/// Records from `seed` until their text adds up to at least `bytes`.
pub fn generate_bytes(bytes: usize, seed: u64) -> Vec<Record> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let sentences = Split::All.sentences();
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let r = record(&mut rng, &sentences);
        total += r.text.len();
        out.push(r);
    }
    out
}

type Rng = ChaCha8Rng;

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.random_range(0..items.len())]
}

fn first_name(rng: &mut Rng) -> String {
    let s: String = match rng.random_range(0..12) {
        0 => FirstName(CY_GB).fake_with_rng(rng),
        1 => FirstName(FR_FR).fake_with_rng(rng),
        2 => FirstName(DE_DE).fake_with_rng(rng),
        3 => FirstName(IT_IT).fake_with_rng(rng),
        4 => FirstName(NL_NL).fake_with_rng(rng),
        5 => FirstName(PT_PT).fake_with_rng(rng),
        6 => FirstName(TR_TR).fake_with_rng(rng),
        _ => FirstName(EN).fake_with_rng(rng),
    };
    s
}

fn last_name(rng: &mut Rng) -> String {
    let s: String = match rng.random_range(0..12) {
        0 | 1 => LastName(CY_GB).fake_with_rng(rng),
        2 => LastName(FR_FR).fake_with_rng(rng),
        3 => LastName(DE_DE).fake_with_rng(rng),
        4 => LastName(IT_IT).fake_with_rng(rng),
        5 => LastName(NL_NL).fake_with_rng(rng),
        6 => LastName(PT_PT).fake_with_rng(rng),
        7 => LastName(TR_TR).fake_with_rng(rng),
        _ => LastName(EN).fake_with_rng(rng),
    };
    s
}

const UK_STREET_SUFFIXES: &[&str] = &[
    "Road", "Street", "Avenue", "Close", "Crescent", "Drive", "Lane", "Gardens", "Court", "Way", "Place", "Terrace",
    "Grove", "View", "Walk", "Row", "Square", "Mews", "Rise", "Park", "Brae", "Wynd",
];

fn street(rng: &mut Rng) -> String {
    match rng.random_range(0..6) {
        0 => StreetName(CY_GB).fake_with_rng(rng),
        1 | 2 => StreetName(EN).fake_with_rng(rng),
        _ => format!("{} {}", last_name(rng), pick(rng, UK_STREET_SUFFIXES)),
    }
}

fn town(rng: &mut Rng) -> String {
    match rng.random_range(0..3) {
        0 => CityName(CY_GB).fake_with_rng(rng),
        _ => CityName(EN).fake_with_rng(rng),
    }
}

fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect()
}

/// A random UK-shaped postcode (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA).
fn postcode(rng: &mut Rng) -> String {
    const FIRST: &[u8] = b"ABCDEFGHIJKLMNOPRSTUWYZ";
    const SECOND: &[u8] = b"ABCDEFGHKLMNOPQRSTUVWXY";
    const INWARD: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    let l = |rng: &mut Rng, set: &[u8]| char::from(pick(rng, set));
    let outward = match rng.random_range(0..6) {
        0 => format!("{}{}", l(rng, FIRST), rng.random_range(1..10)),
        1 => format!("{}{}", l(rng, FIRST), rng.random_range(10..30)),
        2 => format!("{}{}{}", l(rng, FIRST), l(rng, SECOND), rng.random_range(1..10)),
        3 => format!("{}{}{}", l(rng, FIRST), l(rng, SECOND), rng.random_range(10..30)),
        4 => format!("{}{}{}", l(rng, FIRST), rng.random_range(1..10), l(rng, b"ABCDEFGHJKPSTUW")),
        _ => format!("{}{}{}{}", l(rng, FIRST), l(rng, SECOND), rng.random_range(1..10), l(rng, b"ABEHMNPRVWXY")),
    };
    let inward = format!("{}{}{}", rng.random_range(0..10), l(rng, INWARD), l(rng, INWARD));
    if rng.random_range(0..8) == 0 { format!("{outward}{inward}") } else { format!("{outward} {inward}") }
}

fn phone(rng: &mut Rng) -> String {
    let d3 = digits(rng, 3);
    match rng.random_range(0..14) {
        0 => format!("07700 900{d3}"),
        1 => format!("07700900{d3}"),
        2 => format!("+44 7700 900{d3}"),
        3 => format!("+447700900{d3}"),
        4 => format!("07700 900 {d3}"),
        5 => format!("0113 496 0{d3}"),
        6 => format!("0113 4960{d3}"),
        7 => format!("020 7946 0{d3}"),
        8 => format!("(020) 7946 0{d3}"),
        9 => format!("+44 (0)20 7946 0{d3}"),
        10 => format!("0131 496 0{d3}"),
        11 => format!("029 2018 0{d3}"),
        12 => format!("+44 131 496 0{d3}"),
        _ => format!("+1 202 555 01{}", digits(rng, 2)),
    }
}

/// Ten digits whose last is the mod-11 check digit of the first nine (weights 10 down to 2).
fn mod11(rng: &mut Rng, prefix: &str) -> String {
    loop {
        let mut s = prefix.to_string();
        s.push_str(&digits(rng, 9 - prefix.len()));
        let sum: u32 = s.bytes().zip((2..=10).rev()).map(|(b, w)| u32::from(b - b'0') * w).sum();
        let check = 11 - sum % 11;
        if check == 10 {
            continue;
        }
        s.push(char::from(b'0' + (check % 11) as u8));
        return s;
    }
}

fn nhs_number(rng: &mut Rng) -> String {
    let first = char::from(b'4' + rng.random_range(0..6u8));
    let n = mod11(rng, &first.to_string());
    match rng.random_range(0..4) {
        0 => n,
        1 => format!("{}-{}-{}", &n[..3], &n[3..6], &n[6..]),
        _ => format!("{} {} {}", &n[..3], &n[3..6], &n[6..]),
    }
}

fn chi_number(rng: &mut Rng, dob: &Date) -> String {
    let prefix = format!("{:02}{:02}{:02}", dob.day, dob.month, dob.year % 100);
    let n = mod11(rng, &prefix);
    if rng.random_bool(0.5) { n } else { format!("{} {}", &n[..6], &n[6..]) }
}

fn ni_number(rng: &mut Rng) -> String {
    const FIRST: &[u8] = b"ABCEGHJKLMNOPRSTWXYZ";
    const SECOND: &[u8] = b"ABCEGHJKLMNPRSTWXYZ";
    let prefix = loop {
        let p = format!("{}{}", char::from(pick(rng, FIRST)), char::from(pick(rng, SECOND)));
        if !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].contains(&p.as_str()) {
            break p;
        }
    };
    let d = digits(rng, 6);
    let suffix = char::from(b'A' + rng.random_range(0..4u8));
    match rng.random_range(0..3) {
        0 => format!("{prefix}{d}{suffix}"),
        _ => format!("{prefix} {} {} {} {suffix}", &d[..2], &d[2..4], &d[4..]),
    }
}

fn ascii_lower(s: &str) -> String {
    let t: String = s.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
    if t.is_empty() { "user".into() } else { t }
}

fn email(rng: &mut Rng, p: &Person) -> String {
    let (f, l) = (ascii_lower(&p.first), ascii_lower(&p.last));
    let local = match rng.random_range(0..5) {
        0 => format!("{f}.{l}"),
        1 => format!("{f}{}", digits(rng, 2)),
        2 => format!("{}{l}", &f[..1]),
        3 => format!("{f}_{l}{}", digits(rng, 3)),
        _ => format!("{l}.{f}"),
    };
    let domain = pick(
        rng,
        &[
            "example.com",
            "example.org",
            "example.net",
            "mail.example.co.uk",
            "council.example.gov.uk",
            "nhs.example.net",
        ],
    );
    format!("{local}@{domain}")
}

fn url(rng: &mut Rng, p: &Person) -> String {
    let (f, l) = (ascii_lower(&p.first), ascii_lower(&p.last));
    match rng.random_range(0..5) {
        0 => format!("https://www.facebook.com/{f}.{l}{}", digits(rng, 2)),
        1 => format!("www.instagram.com/{f}_{l}"),
        2 => format!("https://{l}family.example.org/blog"),
        3 => format!("http://www.example.com/profiles/{f}{l}"),
        _ => format!("https://www.tiktok.com/@{f}{}", digits(rng, 3)),
    }
}

#[derive(Clone, Copy)]
struct Date {
    day: u32,
    month: u32,
    year: u32,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn random_date(rng: &mut Rng, years: std::ops::Range<u32>) -> Date {
    Date { day: rng.random_range(1..29), month: rng.random_range(1..13), year: rng.random_range(years) }
}

fn format_date(rng: &mut Rng, d: &Date) -> String {
    let Date { day, month, year } = *d;
    let name = MONTHS[month as usize - 1];
    let th = match day {
        1 | 21 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    };
    match rng.random_range(0..10) {
        0 | 1 => format!("{day:02}/{month:02}/{year}"),
        2 => format!("{day}/{month}/{year}"),
        3 => format!("{year}-{month:02}-{day:02}"),
        4 => format!("{day:02}.{month:02}.{year}"),
        5 => format!("{day} {name} {year}"),
        6 => format!("{day}{th} {name} {year}"),
        7 => format!("{day:02}-{month:02}-{year}"),
        8 => format!("{day} {} {year}", &name[..3]),
        _ => format!("{name} {day}, {year}"),
    }
}

#[derive(Clone)]
struct Person {
    first: String,
    last: String,
    dob: Date,
}

impl Person {
    fn new(rng: &mut Rng, last: Option<&str>, born: std::ops::Range<u32>) -> Person {
        let first = first_name(rng);
        let last = last.map(str::to_string).unwrap_or_else(|| last_name(rng));
        Person { first, last, dob: random_date(rng, born) }
    }
    fn age(&self) -> u32 {
        2025 - self.dob.year
    }
}

/// Builds a text while recording the labels.
struct Builder {
    text: String,
    gold: Vec<Span>,
    soft: Vec<(usize, usize)>,
}

impl Builder {
    fn lit(&mut self, s: &str) {
        self.text.push_str(s);
    }
    fn id(&mut self, kind: Kind, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.gold.push(Span { kind, start, end: self.text.len() });
    }
    fn soft(&mut self, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.soft.push((start, self.text.len()));
    }
}

/// Everything about one case: the family, the professionals and their details.
struct Case {
    child: Person,
    sibling: Person,
    mother: Person,
    father: Person,
    gran: Person,
    worker: Person,
    teacher: Person,
    gp: Person,
    visitor: Person,
    officer: Person,
    mother_title: &'static str,
    teacher_title: &'static str,
    street_number: u32,
    street: String,
    flat: Option<u32>,
    house_name: Option<String>,
    town: String,
    postcode: String,
    school: String,
    gp_practice: String,
}

impl Case {
    fn new(rng: &mut Rng) -> Case {
        let family = last_name(rng);
        let (same_m, same_f) = (rng.random_bool(0.6), rng.random_bool(0.7));
        let mother = Person::new(rng, same_m.then_some(family.as_str()), 1975..2002);
        let father = Person::new(rng, same_f.then_some(family.as_str()), 1970..2000);
        let house_name = if rng.random_bool(0.2) {
            let suffix = pick(rng, &["Cottage", "House", "Lodge", "Farm", "Villa", "Barn"]);
            Some(format!("{} {suffix}", last_name(rng)))
        } else {
            None
        };
        Case {
            child: Person::new(rng, Some(&family), 2008..2023),
            sibling: Person::new(rng, Some(&family), 2006..2023),
            gran: Person::new(rng, None, 1945..1970),
            worker: Person::new(rng, None, 1970..2000),
            teacher: Person::new(rng, None, 1970..2000),
            gp: Person::new(rng, None, 1960..1990),
            visitor: Person::new(rng, None, 1970..1995),
            officer: Person::new(rng, None, 1975..2000),
            mother_title: pick(rng, &["Ms", "Mrs", "Miss"]),
            teacher_title: pick(rng, &["Mrs", "Mr", "Ms", "Miss"]),
            street_number: rng.random_range(1..240),
            street: street(rng),
            flat: if rng.random_bool(0.3) { Some(rng.random_range(1..40)) } else { None },
            house_name,
            town: town(rng),
            postcode: postcode(rng),
            school: format!("{} {}", last_name(rng), pick(rng, &["Primary School", "Academy", "High School"])),
            gp_practice: format!("{} {}", street(rng), pick(rng, &["Surgery", "Medical Practice", "Health Centre"])),
            mother,
            father,
        }
    }

    fn person(&self, key: &str) -> &Person {
        match key {
            "C" => &self.child,
            "S" => &self.sibling,
            "M" => &self.mother,
            "F" => &self.father,
            "G" => &self.gran,
            "W" => &self.worker,
            "T" => &self.teacher,
            "D" => &self.gp,
            "H" => &self.visitor,
            _ => &self.officer,
        }
    }

    /// The street part of the family's address ("Flat 3, 12 Kub Road", "Rose Cottage, Heol Evans").
    fn street_line(&self) -> String {
        match (&self.house_name, self.flat) {
            (Some(h), _) => format!("{h}, {}", self.street),
            (None, Some(f)) if f % 3 == 0 => {
                format!("Flat {}/{}, {} {}", f % 4, f % 2 + 1, self.street_number, self.street)
            }
            (None, Some(f)) => format!("Flat {f}, {} {}", self.street_number, self.street),
            (None, None) => format!("{} {}", self.street_number, self.street),
        }
    }

    /// Writes placeholder `key` into `b`.
    ///
    /// People: `C` child, `S` sibling, `M` mother, `F` father, `G` grandparent, `W` social worker,
    /// `T` teacher, `D` GP, `H` health visitor, `P` police officer; suffixes: none = first name,
    /// `full`, `poss` (possessive), `title` (title and surname), `age`, `dob`. Others: `addr`,
    /// `street`, `postcode`, `phone`, `email`, `nhs`, `chi`, `ni`, `url`, `school`, `gp`, `date`.
    fn emit(&self, key: &str, rng: &mut Rng, b: &mut Builder) {
        let (who, form) = key.split_once('.').unwrap_or((key, ""));
        match who {
            "C" | "S" | "M" | "F" | "G" | "W" | "T" | "D" | "H" | "P" => {
                let p = self.person(who);
                match form {
                    "" => b.id(Kind::Person, &p.first),
                    "full" => b.id(Kind::Person, &format!("{} {}", p.first, p.last)),
                    "poss" => {
                        b.id(Kind::Person, &p.first);
                        b.soft(if p.first.ends_with('s') && rng.random_bool(0.5) { "'" } else { "'s" });
                    }
                    "title" => {
                        let title = match who {
                            "M" => self.mother_title,
                            "F" => "Mr",
                            "T" => self.teacher_title,
                            "D" => "Dr",
                            "P" => pick(rng, &["PC", "DC", "Sergeant"]),
                            _ => pick(rng, &["Mr", "Ms", "Mrs"]),
                        };
                        let dot = matches!(title, "Mr" | "Ms" | "Mrs" | "Dr") && rng.random_range(0..5) == 0;
                        b.soft(if dot { format!("{title}.") } else { title.to_string() }.as_str());
                        b.lit(" ");
                        b.id(Kind::Person, &p.last);
                    }
                    "last" => b.id(Kind::Person, &p.last),
                    // "J. Farrell", "J Farrell"
                    "init" => {
                        let initial: String = p.first.chars().take(1).collect();
                        let stop = if rng.random_bool(0.5) { "." } else { "" };
                        b.id(Kind::Person, &format!("{initial}{stop} {}", p.last))
                    }
                    // "NAEGLE, Hanna", as case-management systems print names
                    "caps" => b.id(Kind::Person, &format!("{}, {}", p.last.to_uppercase(), p.first)),
                    "age" => b.lit(&p.age().to_string()),
                    _ => {
                        let d = format_date(rng, &p.dob);
                        b.id(Kind::DateOfBirth, &d);
                    }
                }
            }
            "addr" => match rng.random_range(0..3) {
                0 => b.id(Kind::Address, &format!("{}, {}, {}", self.street_line(), self.town, self.postcode)),
                1 => b.id(Kind::Address, &format!("{}, {} {}", self.street_line(), self.town, self.postcode)),
                _ => b.id(Kind::Address, &format!("{}, {}", self.street_line(), self.town)),
            },
            "street" => b.id(Kind::Address, &self.street_line()),
            "streetname" => b.id(Kind::Address, &self.street),
            "postcode" => b.id(Kind::Postcode, &self.postcode),
            "phone" => b.id(Kind::Phone, &phone(rng)),
            "email" => {
                let p = if rng.random_bool(0.5) { &self.mother } else { &self.worker };
                b.id(Kind::Email, &email(rng, p))
            }
            "nhs" => b.id(Kind::NhsNumber, &nhs_number(rng)),
            "chi" => b.id(Kind::ChiNumber, &chi_number(rng, &self.child.dob)),
            "ni" => b.id(Kind::NiNumber, &ni_number(rng)),
            "url" => b.id(Kind::Url, &url(rng, &self.mother)),
            "school" => b.id(Kind::Organisation, &self.school),
            "gp" => b.id(Kind::Organisation, &self.gp_practice),
            "dobl" => b.soft(pick(rng, &["DOB:", "DOB", "D.O.B.", "Date of birth:", "d.o.b"])),
            // An ordinary date (a visit, a meeting): not hidden by default.
            _ => {
                let d = random_date(rng, 2023..2026);
                let s = format_date(rng, &d);
                b.lit(&s)
            }
        }
    }

    fn render(&self, template: &str, rng: &mut Rng, b: &mut Builder) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            b.lit(&rest[..open]);
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
            self.emit(&rest[open + 1..close], rng, b);
            rest = rest.get(close + 1..).unwrap_or("");
        }
        b.lit(rest);
    }
}

/// Sentences any record may use.
const SENTENCES: &[&str] = &[
    "I visited the family home at {addr} and was let in by {M.title}.",
    "{C} ({C.age}) was in the living room watching television with {S}.",
    "{M} told me that {C} has been sleeping better since the new bed arrived.",
    "Mum said that {F} had not been in contact since the last review.",
    "{C.poss} school attendance has improved to 94% this term according to {T.title}.",
    "I spoke with {C} on her own in the kitchen; she said she feels safe at home.",
    "Dad, {F.full}, attended the meeting and agreed to the safety plan.",
    "Gran, {G}, has been collecting the children from school on Tuesdays.",
    "{C.full}, DOB {C.dob}, lives with her mother {M.full} and her brother {S}.",
    "{S.full} (born on {S.dob}) is in Year 4 at {school}.",
    "{M.poss} mobile number is {phone} and she prefers text messages.",
    "Contact {W.full}, social worker, on {phone} or {email}.",
    "{D.title} at {gp} confirmed that {C.poss} immunisations are up to date.",
    "Health visitor {H.full} reported no concerns at the last developmental check.",
    "{P.title} attended the address following a call from a neighbour.",
    "The family moved from {street} to the current address in the spring.",
    "Postcode {postcode} was checked against the council tax records.",
    "{C.poss} NHS number is {nhs} and the GP has been notified of the plan.",
    "CHI: {chi}. The health board holds the records for {C}.",
    "{M.poss} National Insurance number, {ni}, was given for the benefits referral.",
    "Mum shared a post from {url} that had caused an argument with {F}.",
    "{C} said that {S} sometimes takes her phone without asking.",
    "I asked {C} what she would like to happen; she said she wants to see her dad more.",
    "{T.title} emailed from {email} to say {C} had been upset in class.",
    "{H.title} will visit again after the baby's twelve-week check.",
    "The home was warm and tidy, and there was food in the fridge.",
    "Mum was tired but engaged well and asked sensible questions about the plan.",
    "We agreed that the next visit will be unannounced.",
    "The children's bedrooms were clean; both had beds, bedding and clothes.",
    "There were no signs of anyone else living at the property.",
    "I explained the purpose of the visit and how the information would be shared.",
    "The core group will meet again on {date} to review progress.",
    "School reported no concerns about lateness this half term.",
    "On {date} I telephoned the school to arrange a meeting with the head teacher.",
    "{W} will complete the assessment and share it with the family before the conference.",
    "Mother, {M.full}, {dobl} {M.dob}, was present throughout.",
    "Father's details: {F.full}, date of birth {F.dob}, telephone {phone}.",
    "{C} told me that {F} shouts when he has been drinking.",
    "{G.full} lives nearby at {addr} and is a protective factor.",
    "{C} is {C.age} years old and enjoys football and drawing.",
    "The social worker explained that the plan would be reviewed in six weeks.",
    "Child in Need plan reviewed; actions carried forward.",
    "Dad said he would call back later but did not do so.",
    "A letter was sent to {M.title} at {addr} confirming the arrangements.",
    "Emergency contact: {G.full}, {phone}.",
    "{C} {dobl} {C.dob} NHS No. {nhs}",
    "Her son {C} ({C.age}) and her daughter {S} were both at home.",
    "{M} said that her mum, {G}, would help with the school run.",
    "Gran, {G}, said she worries about {C.poss} weight.",
    "When I asked about {F}, {C} went quiet and looked at the floor.",
    "{C} told me that {S.poss} friend had been staying over at weekends.",
    "I phoned {M.title} on {phone} but there was no answer; I left a voicemail.",
    "Please send any correspondence to {addr}.",
    "The family's new address is {street}, postcode {postcode}.",
    "{M.full} can also be reached at {email} or on the landline {phone}.",
    "Referral received from {T.title}, Designated Safeguarding Lead at {school}.",
    "Strategy discussion held with {P.title} and {D.title} from {gp}.",
    "{C.full} ({dobl} {C.dob}; NHS {nhs}) was seen at the clinic.",
    "Young person: {C.full}. CHI {chi}. Address: {addr}.",
    "NI number for {F.title}: {ni}.",
    "{F.full}, born {F.dob}, has a previous conviction for criminal damage.",
    "{W.full} (Social Worker) and {H.full} (Health Visitor) attended.",
    "{C} said {W} was kind and listened to her.",
    "{C} wrote a letter to {F} which she asked me to keep on file.",
    "According to {G.full}, the children stay with her at {street} most weekends.",
    "{M} has posted about the case on {url}, which has been flagged to the team manager.",
    "{S} is {S.age} and goes to nursery three mornings a week.",
    "I met {C} at school and she showed me her drawings.",
    "The conference chair asked {M.title} whether she understood the concerns.",
    "Dad telephoned from {phone} to rearrange the visit.",
    "{D.title} prescribed melatonin for {C} in the spring.",
    "The child protection plan will be reviewed at the next conference.",
    "Both parents were reminded of the written agreement.",
    "Mum agreed to attend the parenting course at the family centre.",
    "There is a dog at the property; it was shut in the garden during the visit.",
    "The kitchen was cluttered and the bins had not been emptied.",
    "No concerns were raised by the nursery this week.",
    "The team manager agreed that a core assessment should begin.",
    "{C} started at {school} in September; {M.poss} NI number, {ni}, is on the admission form.",
    "Health records: CHI number {chi}, registered with {gp}.",
    "NHS no: {nhs}. Registered GP: {D.title}.",
    "{C} goes to the breakfast club before school most days.",
    "{C} plays out on {streetname} with the other children after school.",
    "Signed: {W.init}, Social Worker",
    "Seen by {D.init} at {gp}.",
    "{C} and her friends hang around the shops at the end of {streetname}.",
];

const RECORD_TYPES: [&str; 4] = ["contact note", "case summary", "chronology", "referral"];

fn record(rng: &mut Rng, sentences: &[&'static str]) -> Record {
    let case = Case::new(rng);
    let record_type = pick(rng, &RECORD_TYPES);
    let mut b = Builder { text: String::new(), gold: Vec::new(), soft: Vec::new() };
    match record_type {
        "referral" => {
            let header = "Referral\n\nChild: {C.caps}\n{dobl} {C.dob}\nAddress: {street}\n";
            case.render(header, rng, &mut b);
            b.id(Kind::Address, &case.town);
            b.lit("\n");
            case.emit("postcode", rng, &mut b);
            case.render("\nNHS number: {nhs}\nParent: {M.full} ({phone})\nEmail: {email}\n\n", rng, &mut b);
        }
        "chronology" => case.render("Chronology for {C.full} ({dobl} {C.dob})\n\n", rng, &mut b),
        "case summary" => case.render("Case summary: {C.full}\n\n", rng, &mut b),
        _ => case.render("Contact note, {date}. Home visit to {C.full}.\n\n", rng, &mut b),
    }
    let count = rng.random_range(8..20);
    for i in 0..count {
        if record_type == "chronology" {
            case.render("{date} – ", rng, &mut b);
        }
        let s = pick(rng, sentences);
        case.render(s, rng, &mut b);
        let paragraph_end = record_type == "chronology" || i % 4 == 3;
        b.lit(if paragraph_end { "\n" } else { " " });
    }
    case.render("\nRecorded by {W.full}, Social Worker.\n", rng, &mut b);
    Record { record_type, text: b.text, gold: b.gold, soft: b.soft }
}
