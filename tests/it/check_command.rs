//! `weighup check` and `weighup report` on the simple answers files, through the real binary.

use predicates::prelude::*;

use crate::support::cmd::weighup;

#[test]
fn the_built_in_bank_checks_clean() {
    weighup()
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("is clean: 6 sections"));
}

#[test]
fn a_broken_bank_lists_every_problem_with_file_place_and_fix() {
    let out = weighup()
        .args(["check", "tests/fixtures/banks/broken"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.stdout.is_empty());
    assert!(err.contains("the question bank has 4 problems"), "{err}");
    for expected in [
        "tests/fixtures/banks/broken/01-data.json:13:55 (questions[0].options[0].description): option 'low' of 'data.sensitivity' has no description",
        "tests/fixtures/banks/broken/01-data.json:16:86 (questions[0].options[1].effects[0].weight): weight 7",
        "tests/fixtures/banks/broken/01-data.json:20:25 (rules[0].raise): rule raises the unknown flag 'open.no-such-flag'",
        "tests/fixtures/banks/broken/02-empty.json:1:",
    ] {
        assert!(err.contains(expected), "missing '{expected}' in:\n{err}");
    }
    assert!(err.matches("    fix: ").count() == 4, "{err}");
}

#[test]
fn a_missing_folder_is_bad_input() {
    weighup()
        .args(["check", "no/such/folder"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no/such/folder")
                .and(predicate::str::contains("cannot read this folder")),
        );
}

#[test]
fn report_json_has_the_stable_fields() {
    let out = weighup()
        .args([
            "report",
            "assets/examples/distiller.json",
            "--format",
            "json",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["verdict"], "open-weights");
    let flags = v["flags"].as_array().unwrap();
    assert!(
        flags
            .iter()
            .all(|f| f["id"].is_string() && f["severity"].is_string())
    );
    let ids: Vec<&str> = flags.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"open.output-training-ban"), "{ids:?}");
    // The other side's flags are listed apart, under 'if you reconsider'.
    let other = v["if_you_reconsider"].as_array().unwrap();
    assert!(
        other
            .iter()
            .all(|f| f["id"].is_string() && f["severity"].is_string())
    );
    let other_ids: Vec<&str> = other.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert!(
        other_ids.contains(&"closed.competing-models"),
        "{other_ids:?}"
    );
}

#[test]
fn report_text_explains_and_says_it_is_not_legal_advice() {
    weighup()
        .args(["report", "assets/examples/seed-startup.json"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("Recommendation: A closed model (a provider's service)")
                .and(predicate::str::contains(
                    "Why: the reasons, strongest first",
                ))
                .and(predicate::str::contains("This is not legal advice"))
                .and(predicate::str::contains("Source: ")),
        );
}

#[test]
fn an_answer_the_bank_cannot_take_is_named_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.json");
    std::fs::write(
        &file,
        r#"{"answers": {"privacy.data_sensitivity": "secret", "scale.nope": "x"}}"#,
    )
    .unwrap();
    weighup().arg("report").arg(&file).assert().code(2).stderr(
        predicate::str::contains("answers.privacy.data_sensitivity: 'secret' is not an option")
            .and(predicate::str::contains(
                "fix: give one option id from: public, internal, personal, special",
            ))
            .and(predicate::str::contains(
                "there is no question 'scale.nope'",
            )),
    );
}

#[test]
fn licences_lists_conditions_with_sources_and_marks_the_unverified() {
    weighup()
        .args(["licences", "qwen-2024"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("Qwen LICENSE AGREEMENT (qwen-2024)")
                .and(predicate::str::contains("User thresholds (UNVERIFIED):"))
                .and(predicate::str::contains("checked 2026-11-30")),
        );
    weighup()
        .args(["licences", "llama-5"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("there is no licence 'llama-5'")
                .and(predicate::str::contains("llama-3.1-4")),
        );
}

#[test]
fn check_names_control_characters_in_a_bank_with_file_place_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("evil");
    std::fs::create_dir(&bank).unwrap();
    for entry in std::fs::read_dir("questions").unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, bank.join(p.file_name().unwrap())).unwrap();
    }
    let first = bank.join("01-privacy.json");
    let text = std::fs::read_to_string(&first).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["questions"][0]["prompt"] = "Ask\u{1b}]0;PWNED\u{7} \u{202e}x".into();
    std::fs::write(&first, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let out = weighup()
        .arg("check")
        .arg(&bank)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("01-privacy.json:")
            && err.contains("(questions[0].prompt): this text holds a control character"),
        "{err}"
    );
    assert!(err.contains("    fix: remove the character"), "{err}");
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{202e}'),
        "{err}"
    );
}

#[test]
fn a_label_with_control_characters_is_refused_before_any_question() {
    let dir = tempfile::tempdir().unwrap();
    weighup()
        .env("WEIGHUP_DATA_DIR", dir.path())
        .args(["--plain", "--label", "Ana\u{1b}]0;PWNED\u{7}"])
        .write_stdin("1\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the label \"Ana?]0;PWNED?\" holds a control character",
        ));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn check_on_a_folder_of_sheets_says_it_has_no_bank_first() {
    let out = weighup()
        .args(["check", "tests/fixtures/compare/room"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("weighup: tests/fixtures/compare/room has no bank: it holds answer sheets"),
        "{err}"
    );
    assert!(
        err.contains("weighup compare tests/fixtures/compare/room"),
        "{err}"
    );
    assert_eq!(
        err.lines().count(),
        2,
        "one message, not a problem per sheet:\n{err}"
    );
}
