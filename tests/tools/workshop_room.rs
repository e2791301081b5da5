//! Writes a folder of answer sheets, as a workshop room would, with the real library
//! (`Sheet::new` + `set_answer`). Test support, not part of weighup.
//!
//! `cargo run --example workshop_room -- random OUT_DIR [COUNT] [SEED] [CHANGES]`
//!       writes COUNT sheets (default 30) spread over the eight cards: each starts from the card's
//!       model answers (tests/fixtures/scenarios/answers/) and changes up to CHANGES (default
//!       3) at random; some
//!       are partial, about half are anonymous.
//! `cargo run --example workshop_room -- fixture OUT_DIR`
//!       writes the golden fixture room of tests/compare.rs: named sheets with known differences,
//!       plus a copy, a repeated participant, a corrupt file, a file that is not a sheet, a
//!       sheet from another bank version and more. Sheets on the current bank carry
//!       "CURRENT" as bank version and hash; the test fills in the real ones.

use std::path::{Path, PathBuf};

use time::OffsetDateTime;
use time::macros::datetime;

use weighup::answers::{Answer, Answers};
use weighup::bank::{Bank, Kind};
use weighup::sheet::Sheet;
use weighup::workshop::scenarios;

const ANSWERS_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/scenarios/answers"
);
const START: OffsetDateTime = datetime!(2026-11-30 14:00 UTC);

/// A small, fast, deterministic random number generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn model_answers(bank: &Bank, id: &str) -> Answers {
    let path = Path::new(ANSWERS_DIR).join(format!("{id}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Answers::from_simple_json(bank, &path.display().to_string(), &text)
        .unwrap_or_else(|p| panic!("{p}"))
}

fn sheet_from(
    bank: &Bank,
    answers: &Answers,
    scenario: Option<&str>,
    who: Option<&str>,
    at: OffsetDateTime,
) -> Sheet {
    let mut s = Sheet::new(bank, at);
    s.scenario = scenario.map(str::to_string);
    s.respondent = who.map(str::to_string);
    for (id, a) in answers.iter() {
        s.set_answer(bank, id, a.clone(), at);
    }
    s
}

fn write(path: &Path, sheet: &Sheet) {
    let mut text = serde_json::to_string_pretty(sheet).expect("sheets serialise");
    text.push('\n');
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// Another answer to question `qi`: a different option, a band's number, or "Not sure".
fn other_answer(bank: &Bank, qi: usize, rng: &mut Rng) -> Option<Answer> {
    let q = &bank.questions[qi];
    if rng.below(6) == 0 && q.not_sure.is_some() {
        return Some(Answer::NotSure);
    }
    match q.kind {
        Kind::Text => None,
        Kind::Number => {
            let spec = q.number.as_ref()?;
            let b = &spec.bands[rng.below(spec.bands.len())];
            Some(Answer::Number(b.from.unwrap_or(spec.min)))
        }
        Kind::Multi => {
            let o = &q.options[rng.below(q.options.len())];
            Some(Answer::Choices(vec![o.id.clone()]))
        }
        _ => {
            let o = &q.options[rng.below(q.options.len())];
            Some(Answer::Choice(o.id.clone()))
        }
    }
}

fn random_room(bank: &Bank, out: &Path, count: usize, seed: u64, changes: usize) {
    let cards = scenarios().unwrap_or_else(|p| panic!("{p}"));
    let models: Vec<Answers> = cards.iter().map(|c| model_answers(bank, &c.id)).collect();
    let mut rng = Rng(seed.max(1));
    for i in 0..count {
        let ci = i % cards.len();
        let mut answers = models[ci].clone();
        // Most participants read the card well; a few answers differ.
        for _ in 0..rng.below(changes + 1) {
            let qi = rng.below(bank.questions.len());
            if let Some(a) = other_answer(bank, qi, &mut rng) {
                answers.set(bank.questions[qi].id.clone(), a);
            }
        }
        // One sheet in eight is unfinished.
        if rng.below(8) == 0 {
            let keep = 3 + rng.below(12);
            let ids: Vec<String> = answers.iter().map(|(id, _)| id.clone()).collect();
            for id in ids.iter().skip(keep) {
                answers.remove(id);
            }
        }
        let who = (rng.below(2) == 0).then(|| format!("Participant {}", i + 1));
        let at = START + time::Duration::seconds(i64::try_from(i).unwrap_or(i64::MAX));
        let sheet = sheet_from(bank, &answers, Some(&cards[ci].id), who.as_deref(), at);
        write(&out.join(format!("sheet-{i:05}.json")), &sheet);
    }
}

fn with(bank: &Bank, id: &str, changes: &[(&str, serde_json::Value)]) -> Answers {
    let mut a = model_answers(bank, id);
    for (qid, v) in changes {
        let q = bank
            .question(qid)
            .unwrap_or_else(|| panic!("no question {qid}"));
        if v.is_null() {
            a.remove(qid);
        } else {
            a.set(
                *qid,
                weighup::answers::answer_from_value(q, v).unwrap_or_else(|e| panic!("{e}")),
            );
        }
    }
    a
}

fn fixture_room(bank: &Bank, out: &Path) {
    use serde_json::json;
    let mut minutes = 0i64;
    let mut at = || {
        minutes += 1;
        START + time::Duration::minutes(minutes)
    };
    let put = |name: &str, sheet: &Sheet| {
        let mut v = serde_json::to_value(sheet).expect("sheets serialise");
        if v["bank"]["id"] == json!(bank.meta.id) && v["bank"]["hash"] == json!(bank.hash) {
            v["bank"]["version"] = json!("CURRENT");
            v["bank"]["hash"] = json!("CURRENT");
        }
        let mut text = serde_json::to_string_pretty(&v).expect("values serialise");
        text.push('\n');
        std::fs::write(out.join(name), text).expect("write");
    };

    // Regional hospital: the model answers twice, one slip on data location, and one table that
    // wants only a ready-made service while the data must stay on the premises: no option fits.
    let hospital = model_answers(bank, "regional-hospital");
    put(
        "hospital-table-1.json",
        &sheet_from(
            bank,
            &hospital,
            Some("regional-hospital"),
            Some("Table 1"),
            at(),
        ),
    );
    put(
        "hospital-anonymous.json",
        &sheet_from(bank, &hospital, Some("regional-hospital"), None, at()),
    );
    let slip = with(
        bank,
        "regional-hospital",
        &[("privacy.data_location", json!("contract"))],
    );
    put(
        "hospital-table-2.json",
        &sheet_from(
            bank,
            &slip,
            Some("regional-hospital"),
            Some("Table 2"),
            at(),
        ),
    );
    let hosted = with(
        bank,
        "regional-hospital",
        &[("infrastructure.appetite", json!("ready_made_only"))],
    );
    put(
        "hospital-table-3.json",
        &sheet_from(
            bank,
            &hosted,
            Some("regional-hospital"),
            Some("Table 3"),
            at(),
        ),
    );

    // Seed-stage startup: the model answers, a partial sheet, and one with too few answers.
    let startup = model_answers(bank, "seed-saas");
    put(
        "startup-table-4.json",
        &sheet_from(bank, &startup, Some("seed-saas"), Some("Table 4"), at()),
    );
    let mut partial = startup.clone();
    for id in [
        "control.lock_in",
        "control.change_tolerance",
        "control.offline",
        "customisation.adapt",
        "customisation.openness",
        "customisation.quality",
    ] {
        partial.remove(id);
    }
    put(
        "startup-partial.json",
        &sheet_from(bank, &partial, Some("seed-saas"), None, at()),
    );
    let mut few = Answers::new();
    few.set(
        "privacy.data_sensitivity",
        Answer::Choice("internal".into()),
    );
    put(
        "startup-just-started.json",
        &sheet_from(bank, &few, Some("seed-saas"), Some("Late arrival"), at()),
    );

    // EU bank: model answers, a "Not sure" and a small-team reading.
    let eu_bank = model_answers(bank, "eu-bank-documents");
    put(
        "bank-table-5.json",
        &sheet_from(
            bank,
            &eu_bank,
            Some("eu-bank-documents"),
            Some("Table 5"),
            at(),
        ),
    );
    let unsure = with(
        bank,
        "eu-bank-documents",
        &[
            ("commercial.based_in", json!("not_sure")),
            ("privacy.data_location", json!("not_sure")),
        ],
    );
    put(
        "bank-anonymous.json",
        &sheet_from(bank, &unsure, Some("eu-bank-documents"), None, at()),
    );
    let small = with(
        bank,
        "eu-bank-documents",
        &[
            ("infrastructure.team", json!("1")),
            ("infrastructure.appetite", json!("simple")),
            ("infrastructure.gpus", json!("none")),
            ("privacy.data_location", json!("contract")),
            ("privacy.data_sensitivity", json!("personal")),
            ("infrastructure.timeline", json!("weeks")),
        ],
    );
    put(
        "bank-table-6.json",
        &sheet_from(
            bank,
            &small,
            Some("eu-bank-documents"),
            Some("Table 6"),
            at(),
        ),
    );

    // Seasonal retailer: split three ways.
    let retailer = model_answers(bank, "seasonal-retailer");
    put(
        "retailer-table-7.json",
        &sheet_from(
            bank,
            &retailer,
            Some("seasonal-retailer"),
            Some("Table 7"),
            at(),
        ),
    );
    let little = with(
        bank,
        "seasonal-retailer",
        &[
            ("infrastructure.team", json!("2")),
            ("infrastructure.appetite", json!("simple")),
        ],
    );
    put(
        "retailer-table-8.json",
        &sheet_from(
            bank,
            &little,
            Some("seasonal-retailer"),
            Some("Table 8"),
            at(),
        ),
    );
    let steady = with(
        bank,
        "seasonal-retailer",
        &[("scale.steadiness", json!("steady"))],
    );
    put(
        "retailer-table-9.json",
        &sheet_from(
            bank,
            &steady,
            Some("seasonal-retailer"),
            Some("Table 9"),
            at(),
        ),
    );

    // Table 1 answered the hospital card again later, after the discussion: the newer counts.
    // It was written first here so that its file name sorts before the original.
    let again = with(
        bank,
        "regional-hospital",
        &[("control.lock_in", json!("5"))],
    );
    let later = START + time::Duration::hours(1);
    put(
        "a-hospital-table-1-again.json",
        &sheet_from(
            bank,
            &again,
            Some("regional-hospital"),
            Some(" table 1 "),
            later,
        ),
    );

    // A copy of a sheet already in the room.
    let copy = std::fs::read(out.join("startup-table-4.json")).expect("read");
    std::fs::create_dir_all(out.join("usb-stick")).expect("mkdir");
    std::fs::write(out.join("usb-stick/startup-table-4 (copy).json"), copy).expect("write");

    // No scenario, and a scenario this version does not know.
    put(
        "own-organisation.json",
        &sheet_from(
            bank,
            &model_answers(bank, "public-agency"),
            None,
            Some("Dana"),
            at(),
        ),
    );
    put(
        "unknown-card.json",
        &sheet_from(
            bank,
            &model_answers(bank, "university-lab"),
            Some("pirate-radio"),
            None,
            at(),
        ),
    );

    // A sheet from an older bank: an answer to a question it no longer has, and an option
    // that no longer exists.
    let mut old = sheet_from(
        bank,
        &model_answers(bank, "regional-hospital"),
        Some("regional-hospital"),
        Some("Table 10"),
        at(),
    );
    old.bank.version = "2025.06.1".to_string();
    old.bank.hash = format!("sha256:{}", "0".repeat(64));
    old.answers.insert(
        "privacy.legacy_cloud".to_string(),
        weighup::sheet::SavedAnswer {
            question: "Cloud use (old question)".to_string(),
            answer: Answer::Choice("yes".to_string()),
            label: "Yes".to_string(),
            note: None,
            prompt: String::new(),
            extra: std::collections::BTreeMap::new(),
        },
    );
    if let Some(a) = old.answers.get_mut("infrastructure.timeline") {
        a.answer = Answer::Choice("asap".to_string());
        a.label = "As soon as possible".to_string();
    }
    put("hospital-old-bank.json", &old);

    // Files that are not sheets.
    let full = std::fs::read_to_string(out.join("bank-table-5.json")).expect("read");
    std::fs::write(out.join("broken.json"), &full[..full.len() / 2]).expect("write");
    std::fs::write(out.join("notes.json"), "{\"title\": \"Workshop notes\"}\n").expect("write");
    std::fs::write(out.join("empty.json"), "").expect("write");
    std::fs::write(
        out.join("README.txt"),
        "Save your answers in this folder.\n",
    )
    .expect("write");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage =
        "usage: workshop_room random OUT_DIR [COUNT] [SEED] | workshop_room fixture OUT_DIR";
    let (Some(mode), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out).expect("create the output folder");
    let bank = Bank::builtin().unwrap_or_else(|p| panic!("{p}"));
    match mode.as_str() {
        "random" => {
            let count = args
                .get(2)
                .map_or(30, |c| c.parse().expect("COUNT is a number"));
            let seed = args
                .get(3)
                .map_or(7, |s| s.parse().expect("SEED is a number"));
            let changes = args
                .get(4)
                .map_or(3, |s| s.parse().expect("CHANGES is a number"));
            random_room(&bank, &out, count, seed, changes);
        }
        "fixture" => fixture_room(&bank, &out),
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
}
