//! One case per validation rule: a small valid bank, broken in one way, must give a message
//! that names the file, the place and the fix.

use rstest::rstest;
use serde_json::{Value, json};
use weighup::Bank;
use weighup::bank::BankOrigin;
use weighup::catalogue::Catalogue;
use weighup::problem::Problem;

fn meta() -> Value {
    json!({"id": "test.bank", "version": "1", "title": "A test bank"})
}

/// A small bank that passes every rule: two sections, every kind of question.
fn sections() -> Vec<(String, Value)> {
    let effect = |d: &str, t: &str, w: i64| json!({"dimension": d, "toward": t, "weight": w, "why": "Because."});
    let opt = |id: &str, d: &str, t: &str, w: i64| json!({"id": id, "label": id, "description": "An option.", "effects": [effect(d, t, w)]});
    let not_sure = json!({"find_out": "Ask someone."});
    let first = json!({
        "id": "privacy",
        "title": "Data and privacy",
        "intro": "About your data.",
        "questions": [
            {"id": "privacy.sensitivity", "kind": "single", "prompt": "How sensitive?", "short": "Sensitivity",
             "help": "Why we ask.", "not_sure": not_sure, "stricter_later": true,
             "options": [opt("low", "privacy", "closed", 1), opt("high", "privacy", "open-weights", 3)]},
            {"id": "privacy.kinds", "kind": "multi", "prompt": "Which kinds?", "short": "Kinds",
             "help": "Why we ask.", "not_sure": not_sure,
             "options": [opt("a", "privacy", "open-weights", 1),
                         {"id": "none", "label": "None", "description": "None of these.", "neutral": "Nothing to weigh.", "exclusive": true}]},
            {"id": "privacy.notes", "kind": "text", "prompt": "Notes?", "short": "Notes", "help": "Why we ask."}
        ],
        "rules": [{"raise": "open.not-open-source", "when": {"verdict": ["open-weights"]}}]
    });
    let second = json!({
        "id": "scale",
        "title": "Scale",
        "questions": [
            {"id": "scale.commercial", "kind": "yes_no", "prompt": "Commercial?", "short": "Commercial",
             "help": "Why we ask.", "not_sure": not_sure,
             "options": [opt("yes", "licence", "closed", 1), opt("no", "licence", "open-weights", 1)]},
            {"id": "scale.users", "kind": "number", "prompt": "How many users?", "short": "Users",
             "help": "Why we ask.", "not_sure": not_sure,
             "when": {"question": "scale.commercial", "any_of": ["yes"]},
             "number": {"unit": "million users", "min": 0, "max": 1000, "bands": [
                 {"id": "few", "label": "Few", "description": "Under 100.", "below": 100, "neutral": "Small."},
                 {"id": "many", "label": "Many", "description": "100 or more.", "from": 100, "effects": [effect("licence", "closed", 2)]}
             ]}},
            {"id": "scale.lock_in", "kind": "scale", "prompt": "Lock-in worry?", "short": "Lock-in",
             "help": "Why we ask.", "not_sure": not_sure,
             "options": [opt("1", "independence", "closed", 1), opt("2", "independence", "open-weights", 2)]}
        ],
        "rules": [{"raise": "open.user-threshold-700m", "when": {"question": "scale.users", "any_of": ["many"]}}]
    });
    vec![
        ("01-privacy.json".into(), first),
        ("02-scale.json".into(), second),
    ]
}

fn build(meta: &Value, sections: &[(String, Value)]) -> Result<Bank, Vec<Problem>> {
    let mut files = vec![(
        "bank.json".to_string(),
        serde_json::to_string_pretty(meta).unwrap(),
    )];
    for (n, v) in sections {
        files.push((n.clone(), serde_json::to_string_pretty(v).unwrap()));
    }
    Bank::from_files(&files, BankOrigin::BuiltIn, Catalogue::builtin().unwrap()).map_err(|p| p.0)
}

fn broken(change: impl FnOnce(&mut Vec<(String, Value)>)) -> Vec<Problem> {
    let mut s = sections();
    change(&mut s);
    build(&meta(), &s).expect_err("the broken bank must be rejected")
}

#[test]
fn the_small_bank_is_clean() {
    let bank = build(&meta(), &sections()).expect("clean");
    assert_eq!(bank.questions.len(), 6);
}

#[test]
fn the_shipped_bank_is_clean() {
    let bank = Bank::builtin().unwrap_or_else(|p| panic!("the built-in bank has problems:\n{p}"));
    assert!(
        (18..=30).contains(&bank.questions.len()),
        "18 to 30 questions"
    );
    assert!(bank.sections.len() >= 6);
}

#[test]
fn the_shipped_bank_folder_is_clean_from_disk() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    Bank::from_dir(&dir).unwrap_or_else(|p| panic!("{p}"));
}

/// The JSON path of a problem's place (`12:5 (questions[0].id)` gives `questions[0].id`).
fn path_of(p: &Problem) -> &str {
    match p.place.split_once(" (") {
        Some((_, rest)) => rest.trim_end_matches(')'),
        None => &p.place,
    }
}

fn q(s: &mut [(String, Value)], sec: usize, qi: usize) -> &mut Value {
    &mut s[sec].1["questions"][qi]
}

#[rstest]
#[case::unknown_field(
    |s: &mut Vec<(String, Value)>| { q(s, 0, 0)["colour"] = json!("red"); },
    "01-privacy.json", "questions[0].colour", "unknown field 'colour'", "remove the field")]
#[case::duplicate_question_id(
    |s: &mut Vec<(String, Value)>| { q(s, 1, 2)["id"] = json!("scale.commercial"); },
    "02-scale.json", "questions[2].id", "question id 'scale.commercial' is used twice", "give every question its own id")]
#[case::duplicate_option_id(
    |s: &mut Vec<(String, Value)>| { q(s, 0, 0)["options"][1]["id"] = json!("low"); },
    "01-privacy.json", "questions[0].options[1].id", "option id 'low' is used twice", "its own id")]
#[case::condition_on_unknown_question(
    |s: &mut Vec<(String, Value)>| { q(s, 1, 1)["when"]["question"] = json!("scale.nothing"); },
    "02-scale.json", "questions[1].when.question", "unknown question 'scale.nothing'", "use the id of a question")]
#[case::condition_on_later_question(
    |s: &mut Vec<(String, Value)>| { q(s, 1, 1)["when"] = json!({"question": "scale.lock_in", "any_of": ["1"]}); },
    "02-scale.json", "questions[1].when.question", "asked later", "only depend on questions asked before")]
#[case::condition_on_unknown_option(
    |s: &mut Vec<(String, Value)>| { q(s, 1, 1)["when"]["any_of"] = json!(["maybe"]); },
    "02-scale.json", "questions[1].when.any_of[0]", "'maybe', which is not an option of 'scale.commercial'", "use one of: yes, no")]
#[case::option_without_help(
    |s: &mut Vec<(String, Value)>| { q(s, 0, 0)["options"][0]["description"] = json!(""); },
    "01-privacy.json", "questions[0].options[0].description", "has no description", "one-line \"description\"")]
#[case::option_without_effects(
    |s: &mut Vec<(String, Value)>| { q(s, 0, 0)["options"][0]["effects"] = json!([]); },
    "01-privacy.json", "questions[0].options[0].effects", "has no effects", "\"neutral\"")]
#[case::weight_out_of_range(
    |s: &mut Vec<(String, Value)>| { q(s, 0, 0)["options"][1]["effects"][0]["weight"] = json!(9); },
    "01-privacy.json", "questions[0].options[1].effects[0].weight", "weight 9", "from 1 to 5")]
#[case::empty_section(
    |s: &mut Vec<(String, Value)>| { s[1].1["questions"] = json!([]); s[1].1["rules"] = json!([]); },
    "02-scale.json", "questions", "has no questions", "add at least one question")]
#[case::rule_raises_unknown_flag(
    |s: &mut Vec<(String, Value)>| { s[1].1["rules"][0]["raise"] = json!("open.made-up"); },
    "02-scale.json", "rules[0].raise", "unknown flag 'open.made-up'", "assets/flags.json")]
#[case::decision_without_not_sure(
    |s: &mut Vec<(String, Value)>| { q(s, 1, 0).as_object_mut().unwrap().remove("not_sure"); },
    "02-scale.json", "questions[0].not_sure", "offers no \"Not sure\"", "\"find_out\"")]
#[case::number_bands_with_gap(
    |s: &mut Vec<(String, Value)>| { q(s, 1, 1)["number"]["bands"][1]["from"] = json!(150); },
    "02-scale.json", "questions[1].number.bands[1].from", "a gap between bands", "start this band at 100")]
#[case::number_bands_short_of_max(
    |s: &mut Vec<(String, Value)>| { q(s, 1, 1)["number"]["bands"][1]["below"] = json!(500); },
    "02-scale.json", "questions[1].number.bands[1].below", "below the maximum 1000", "raise it above")]
#[case::stricter_option_pushes_toward_closed(
    |s: &mut Vec<(String, Value)>| { q(s, 0, 0)["options"][1]["effects"][0]["toward"] = json!("closed"); },
    "01-privacy.json", "questions[0].options[1]", "from least to most strict", "never falling")]
#[case::question_id_outside_its_section(
    |s: &mut Vec<(String, Value)>| { q(s, 0, 2)["id"] = json!("scale.notes"); },
    "01-privacy.json", "questions[2].id", "does not start with its section id 'privacy.'", "privacy.")]
#[case::condition_on_the_verdict_in_a_question(
    |s: &mut Vec<(String, Value)>| { q(s, 1, 1)["when"] = json!({"verdict": ["closed"]}); },
    "02-scale.json", "questions[1].when.verdict", "cannot depend on the verdict", "only in rules")]
#[case::condition_with_two_forms(
    |s: &mut Vec<(String, Value)>| { q(s, 1, 1)["when"]["all"] = json!([]); },
    "02-scale.json", "questions[1].when", "exactly one form", "use one of")]
#[case::not_json(
    |s: &mut Vec<(String, Value)>| { s[0].1 = json!("just a string"); },
    "01-privacy.json", "1:", "invalid type", "")]
fn each_rule_names_file_place_and_fix(
    #[case] change: fn(&mut Vec<(String, Value)>),
    #[case] file: &str,
    #[case] place: &str,
    #[case] message: &str,
    #[case] fix: &str,
) {
    let problems = broken(change);
    let found = problems.iter().any(|p| {
        p.file == file
            && path_of(p).starts_with(place)
            && p.message.contains(message)
            && p.fix.contains(fix)
    });
    assert!(
        found,
        "expected {file} at {place}: '{message}' (fix: '{fix}'), got:\n{}",
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_unknown_field_is_reported_with_its_path() {
    let problems = broken(|s| {
        q(s, 0, 0)["colour"] = json!("red");
        q(s, 0, 0)["options"][1]["effect"] = json!([]);
        s[1].1["extra"] = json!(1);
    });
    let mut places: Vec<String> = problems
        .iter()
        .map(|p| format!("{}:{}", p.file, path_of(p)))
        .collect();
    places.sort();
    assert_eq!(
        places,
        [
            "01-privacy.json:questions[0].colour",
            "01-privacy.json:questions[0].options[1].effect",
            "02-scale.json:extra"
        ]
    );
}

#[test]
fn yes_no_questions_need_yes_and_no() {
    let problems = broken(|s| q(s, 1, 0)["options"][1]["id"] = json!("nope"));
    assert!(problems.iter().any(|p| path_of(p) == "questions[0].options"
        && p.message.contains("exactly the options \"yes\" and \"no\"")));
}

#[test]
fn every_problem_is_reported_at_once() {
    let problems = broken(|s| {
        q(s, 0, 0)["options"][0]["description"] = json!("");
        q(s, 0, 0)["options"][1]["effects"][0]["weight"] = json!(0);
        s[1].1["rules"][0]["raise"] = json!("open.nope");
    });
    assert_eq!(problems.len(), 3, "{problems:#?}");
    let files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
    assert!(files.contains(&"01-privacy.json") && files.contains(&"02-scale.json"));
}

#[test]
fn a_json_syntax_error_gives_line_and_column() {
    let mut files = vec![(
        "bank.json".to_string(),
        serde_json::to_string(&meta()).unwrap(),
    )];
    files.push((
        "01-privacy.json".into(),
        "{\n  \"id\": \"privacy\",\n  \"title\": \"x\"\n  \"questions\": []\n}".into(),
    ));
    let problems = Bank::from_files(&files, BankOrigin::BuiltIn, Catalogue::builtin().unwrap())
        .unwrap_err()
        .0;
    assert_eq!(problems[0].file, "01-privacy.json");
    assert_eq!(problems[0].place, "4:3");
    assert!(problems[0].fix.contains("missing comma"), "{}", problems[0]);
}

#[test]
fn a_bank_without_bank_json_is_reported() {
    let files = vec![(
        "01-privacy.json".to_string(),
        serde_json::to_string(&sections()[0].1).unwrap(),
    )];
    let problems = Bank::from_files(&files, BankOrigin::BuiltIn, Catalogue::builtin().unwrap())
        .unwrap_err()
        .0;
    assert!(problems.iter().any(|p| p.message.contains("no bank.json")));
}

#[test]
fn the_catalogue_marks_unverified_conditions_and_cites_every_one() {
    let cat = Catalogue::builtin().unwrap();
    let text = cat.describe(Some("qwen-2024")).unwrap();
    assert!(text.contains("User thresholds (UNVERIFIED): "), "{text}");
    let all = cat.describe(None).unwrap();
    let conditions: usize = cat.licences.iter().map(|l| l.conditions.len()).sum();
    assert_eq!(all.matches("  - ").count(), conditions);
    assert!(all.matches("    Source: ").count() >= conditions);
    assert!(cat.describe(Some("nope")).unwrap_err().contains("llama-2"));
}
