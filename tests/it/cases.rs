//! The case book (`tests/cases/*.json`): organisations written from the source text's
//! trade-offs and the patterns real decisions turn on, each with the verdicts a careful analyst
//! would accept, a confidence range, flags that must and must not be raised, and why.

use std::path::Path;

use serde::Deserialize;
use weighup::{Answers, Bank, evaluate};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    title: String,
    why: String,
    accept: Vec<String>,
    confidence: [u8; 2],
    #[serde(default)]
    must_flags: Vec<String>,
    #[serde(default)]
    must_not_flags: Vec<String>,
    answers: serde_json::Value,
}

fn cases() -> Vec<(String, Case)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut out: Vec<(String, Case)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let case: Case =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), case)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn the_case_book_is_large_and_varied() {
    let all = cases();
    assert!(all.len() >= 30, "{} cases", all.len());
    for v in ["open-weights", "closed", "hybrid", "conflict", "undecided"] {
        assert!(
            all.iter().any(|(_, c)| c.accept[0] == v),
            "no case whose best verdict is {v}"
        );
    }
}

#[test]
fn every_case_gets_a_verdict_an_analyst_accepts_with_its_flags() {
    let bank = Bank::builtin().unwrap();
    let mut failures = Vec::new();
    let mut table = Vec::new();
    for (path, case) in cases() {
        assert!(!case.title.is_empty() && !case.why.is_empty(), "{path}");
        let text = serde_json::json!({ "answers": case.answers }).to_string();
        let answers =
            Answers::from_simple_json(&bank, &path, &text).unwrap_or_else(|p| panic!("{p}"));
        let e = evaluate(&bank, &answers);
        assert_eq!(
            e.progress.unanswered, 0,
            "{path}: every asked question is answered"
        );
        let got = e.verdict.id();
        table.push(format!(
            "{:40} {:13} {:3}% accept {:?}",
            case.id, got, e.confidence, case.accept
        ));
        if !case.accept.iter().any(|a| a == got) {
            failures.push(format!(
                "{}: {got} ({}%), accepted {:?}: {}",
                case.id, e.confidence, case.accept, e.headline
            ));
            continue;
        }
        if got == case.accept[0] {
            let [lo, hi] = case.confidence;
            if !(lo..=hi).contains(&e.confidence) {
                failures.push(format!(
                    "{}: confidence {}% outside {lo}-{hi}",
                    case.id, e.confidence
                ));
            }
        }
        let raised: Vec<&str> = e
            .flags
            .iter()
            .chain(&e.if_you_reconsider)
            .map(|f| f.id.as_str())
            .collect();
        for f in &case.must_flags {
            if !raised.contains(&f.as_str()) {
                failures.push(format!("{}: flag {f} not raised", case.id));
            }
        }
        for f in &case.must_not_flags {
            if raised.contains(&f.as_str()) {
                failures.push(format!("{}: flag {f} raised", case.id));
            }
        }
        if e.verdict.recommends() {
            assert!(
                !e.plan.is_empty(),
                "{}: a recommendation has a plan",
                case.id
            );
        } else {
            assert!(
                e.plan.is_empty(),
                "{}: no plan without a recommendation",
                case.id
            );
        }
    }
    println!("{}", table.join("\n"));
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
