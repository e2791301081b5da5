//! Scenario cards: the built-in cards validate, each card's model answers get the verdict the
//! card expects from the real engine, every rule of the validator has a fixture, and the
//! `weighup scenarios` command prints what a facilitator hands out.

use std::path::PathBuf;

use predicates::prelude::*;
use rstest::rstest;

use weighup::answers::Answers;
use weighup::bank::Bank;
use weighup::engine::{Clarity, evaluate};
use weighup::workshop::scenario::{Scenario, builtin_file_names, from_dir, uncovered};
use weighup::workshop::scenarios;

use crate::support::banks::builtin as bank;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn model_answers(bank: &Bank, id: &str) -> Answers {
    let path = root().join(format!("tests/fixtures/scenarios/answers/{id}.json"));
    let text = std::fs::read_to_string(&path).expect("every card has model answers");
    Answers::from_simple_json(bank, &path.display().to_string(), &text)
        .unwrap_or_else(|p| panic!("model answers for {id} do not fit the bank:\n{p}"))
}

#[test]
fn the_built_in_cards_validate() {
    let cards = scenarios().unwrap_or_else(|p| panic!("{p}"));
    let ids: Vec<&str> = cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "regional-hospital",
            "seed-saas",
            "global-platform",
            "eu-bank-documents",
            "public-agency",
            "university-lab",
            "seasonal-retailer",
            "distilling-ai-company"
        ]
    );
    for c in &cards {
        let words = c.brief.split_whitespace().count();
        assert!(
            (150..=260).contains(&words),
            "{}: a half-page brief, not {words} words",
            c.id
        );
        assert!(
            (2..=3).contains(&c.discussion.len()),
            "{}: two or three discussion questions",
            c.id
        );
        assert!(!c.facilitator.expected.is_empty());
    }
}

#[test]
fn every_card_file_in_the_folder_is_built_in() {
    let mut on_disk: Vec<String> = std::fs::read_dir(root().join("assets/scenarios"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            std::path::Path::new(n)
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .collect();
    on_disk.sort();
    assert_eq!(
        builtin_file_names(),
        on_disk,
        "list every card of assets/scenarios in BUILTIN_FILES (src/workshop/scenario.rs)"
    );
}

#[test]
fn the_folder_loads_like_the_built_in_cards() {
    let bank = bank();
    let from_folder = from_dir(&root().join("assets/scenarios"), &bank).unwrap();
    let built_in = scenarios().unwrap();
    assert_eq!(from_folder.len(), built_in.len());
    for (a, b) in from_folder.iter().zip(&built_in) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.facts, b.facts);
    }
}

/// A careful participant's answers to each card give a verdict the card expects: the
/// first expected verdict, which is the most likely one.
#[rstest]
#[case("regional-hospital")]
#[case("seed-saas")]
#[case("global-platform")]
#[case("eu-bank-documents")]
#[case("public-agency")]
#[case("university-lab")]
#[case("seasonal-retailer")]
#[case("distilling-ai-company")]
fn model_answers_get_the_expected_verdict(#[case] id: &str) {
    let bank = bank();
    let card = Scenario::find(id).unwrap();
    let answers = model_answers(&bank, id);
    let eval = evaluate(&bank, &answers);
    assert_eq!(
        eval.verdict, card.facilitator.expected[0],
        "{id}: the engine says {:?} ({}, balance {}), the card expects {:?}",
        eval.verdict, eval.clarity_title, eval.balance, card.facilitator.expected
    );
    assert_ne!(eval.clarity, Clarity::Conflict);
    assert_eq!(
        eval.progress.unanswered, 0,
        "{id}: the model answers cover every question asked"
    );
    assert_eq!(
        eval.progress.not_sure, 0,
        "{id}: the card settles every question"
    );
    assert!(
        uncovered(&card, &bank, &answers).is_empty(),
        "{id}: questions asked that no fact answers: {:?}",
        uncovered(&card, &bank, &answers)
    );
}

/// The same through the real binary, as a facilitator would check a card.
#[test]
fn weighup_report_agrees_on_every_card() {
    for card in scenarios().unwrap() {
        let path = root().join(format!("tests/fixtures/scenarios/answers/{}.json", card.id));
        let out = crate::support::cmd::weighup()
            .args(["report", path.to_str().unwrap(), "--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            v["verdict"].as_str(),
            Some(card.facilitator.expected[0].id()),
            "{}",
            card.id
        );
    }
}

/// The split card is built to be close: one answer either way changes it.
#[test]
fn the_retailer_card_tips_with_the_teams_experience() {
    let bank = bank();
    let mut answers = model_answers(&bank, "seasonal-retailer");
    answers.set(
        "infrastructure.team",
        weighup::Answer::Choice("1".to_string()),
    );
    answers.set(
        "infrastructure.appetite",
        weighup::Answer::Choice("simple".to_string()),
    );
    let eval = evaluate(&bank, &answers);
    assert_eq!(eval.verdict, weighup::bank::Verdict::Closed);
    let card = Scenario::find("seasonal-retailer").unwrap();
    assert!(card.facilitator.expected.contains(&eval.verdict));
}

fn problems_in(rule: &str) -> String {
    let dir = root().join("tests/fixtures/scenarios/invalid").join(rule);
    match from_dir(&dir, &bank()) {
        Ok(cards) => panic!("{rule}: expected problems, got {} cards", cards.len()),
        Err(p) => p.to_string(),
    }
}

/// One fixture per validation rule; each problem names the file, the place and the fix.
#[rstest]
#[case("not-json", "card.json:5:", "not valid JSON")]
#[case("unknown-field", "card.json:", "unknown field `sumary`")]
#[case("missing-field", "card.json:", "missing field `facilitator`")]
#[case("bad-id", "card.json:id:", "'Seed SaaS' is not a valid scenario id")]
#[case(
    "duplicate-id",
    "02-second.json:id:",
    "scenario id 'seed-saas' is also used by"
)]
#[case("empty-title", "card.json:title:", "the title is empty")]
#[case("short-too-long", "card.json:short:", "at most 24 fit in tables")]
#[case("brief-too-short", "card.json:brief:", "the brief has 8 words")]
#[case("brief-too-long", "card.json:brief:", "about half a page")]
#[case("no-facts", "card.json:facts:", "the card has no facts")]
#[case(
    "duplicate-fact-label",
    "card.json:facts[1].label:",
    "is also used by facts[0]"
)]
#[case(
    "empty-fact-value",
    "card.json:facts[2].value:",
    "this fact has no value"
)]
#[case(
    "unknown-question",
    "card.json:facts[0].questions[0]:",
    "there is no question 'privacy.data_sensitivty'"
)]
#[case(
    "uncovered-question",
    "card.json:facts:",
    "no fact answers the question 'control.offline'"
)]
#[case(
    "too-few-discussion",
    "card.json:discussion:",
    "the card has 1 discussion question;"
)]
#[case(
    "empty-discussion",
    "card.json:discussion[1]:",
    "this discussion question is empty"
)]
#[case(
    "bad-verdict",
    "card.json:facilitator.expected[0]:",
    "'open' is not a verdict"
)]
#[case("no-expected", "card.json:facilitator.expected:", "expects no verdict")]
#[case(
    "duplicate-verdict",
    "card.json:facilitator.expected[1]:",
    "'closed' is listed twice"
)]
#[case(
    "empty-note",
    "card.json:facilitator.note:",
    "the facilitator's note is empty"
)]
#[case("empty-folder", "empty-folder:folder:", "no scenario cards")]
fn each_rule_has_a_fixture(#[case] rule: &str, #[case] place: &str, #[case] message: &str) {
    let text = problems_in(rule);
    assert!(text.contains(place), "{rule}: no '{place}' in:\n{text}");
    assert!(text.contains(message), "{rule}: no '{message}' in:\n{text}");
    assert_eq!(
        text.lines()
            .filter(|l| l.trim_start().starts_with("fix: "))
            .count(),
        text.lines().filter(|l| !l.starts_with(' ')).count(),
        "{rule}: every problem says how to fix it:\n{text}"
    );
}

#[test]
fn every_problem_in_every_file_is_reported_at_once() {
    let text = problems_in("several");
    assert!(
        text.contains("01-a.json:id: 'BAD' is not a valid scenario id"),
        "{text}"
    );
    assert!(
        text.contains("01-a.json:facilitator.expected[0]: 'maybe' is not a verdict"),
        "{text}"
    );
    assert!(text.contains("02-b.json:1:"), "{text}");
    assert_eq!(text.matches("fix: ").count(), 3, "{text}");
}

#[test]
fn the_unknown_question_message_suggests_the_right_id() {
    let text = problems_in("unknown-question");
    assert!(
        text.contains("did you mean 'privacy.data_sensitivity'?"),
        "{text}"
    );
}

#[test]
fn find_names_the_cards_there_are() {
    let err = Scenario::find("hospital").unwrap_err();
    assert!(err.contains("Did you mean 'regional-hospital'?"), "{err}");
    assert!(err.contains("seed-saas"), "{err}");
    assert_eq!(
        Scenario::find("seed-saas").unwrap().short,
        "Seed-stage startup"
    );
}

#[test]
fn a_card_for_participants_hides_the_facilitators_note() {
    let card = Scenario::find("regional-hospital").unwrap();
    let text = card.card_text(78, false);
    assert!(text.contains("Where the records may go: Never outside"));
    assert!(text.contains("For the discussion"));
    assert!(!text.contains(&card.facilitator.note[..40]));
    assert!(!text.contains("Expected"));
    assert!(text.lines().all(|l| l.chars().count() <= 78), "{text}");
    let full = card.card_text(78, true);
    assert!(full.contains("For the facilitator (do not hand this part out)"));
    assert!(full.contains("Expected: Open weights"));
}

fn weighup(args: &[&str]) -> assert_cmd::assert::Assert {
    crate::support::cmd::weighup().args(args).assert()
}

#[test]
fn weighup_scenarios_lists_the_cards() {
    let out = weighup(&["scenarios"]).success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for c in scenarios().unwrap() {
        assert!(text.contains(&c.id), "{text}");
    }
    assert!(text.contains("weighup --scenario ID"));
}

#[test]
fn weighup_scenarios_prints_cards_to_hand_out() {
    weighup(&["scenarios", "seed-saas"])
        .success()
        .stdout(predicate::str::contains(
            "Scenario: A seed-stage SaaS startup",
        ))
        .stdout(predicate::str::contains("For the facilitator").not());
    weighup(&["scenarios", "seed-saas", "--facilitator"])
        .success()
        .stdout(predicate::str::contains(
            "Expected: A closed model (a provider's service)",
        ));
    weighup(&["scenarios", "all", "--markdown"])
        .success()
        .stdout(predicate::str::starts_with("## A regional hospital"))
        .stdout(predicate::str::contains("\n---\n").count(7));
}

#[test]
fn weighup_scenarios_refuses_an_unknown_card() {
    weighup(&["scenarios", "pirate-radio"])
        .code(2)
        .stderr(predicate::str::contains(
            "there is no scenario 'pirate-radio'",
        ));
}

#[test]
fn the_markdown_card_escapes_nothing_it_should_not() {
    let md = Scenario::find("eu-bank-documents")
        .unwrap()
        .card_markdown(false);
    assert!(md.contains("### The facts"));
    assert!(md.contains("- **Head office:** In the European Union."));
    assert!(!md.contains("For the facilitator"));
}

#[test]
fn a_card_without_facts_gets_one_problem_not_one_per_question() {
    let text = problems_in("no-facts");
    assert_eq!(text.matches("fix: ").count(), 1, "{text}");
}
