//! A saved sheet is checked as strictly as the simple answers file, with the same messages,
//! by every command: report, --resume, open and compare.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::banks::builtin;
use crate::support::cmd::weighup_in as weighup;
use crate::support::files::{fixture, json};

fn base() -> Value {
    let mut v = json(fixture("complete.json"));
    // As if answered on this very bank.
    let bank = builtin();
    v["bank"]["hash"] = bank.hash.clone().into();
    v["bank"]["version"] = bank.meta.version.clone().into();
    v
}

fn write(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p
}

/// Every command refuses (or, compare, skips) the sheet with `message`.
fn refused_everywhere(sheet: &Value, message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path().join("room");
    std::fs::create_dir(&room).unwrap();
    let file = write(&room, "bad.json", sheet);
    let before = std::fs::read(&file).unwrap();
    for args in [vec!["report"], vec!["--plain", "--resume"], vec!["open"]] {
        let out = weighup(dir.path())
            .args(&args)
            .arg(&file)
            .write_stdin("quit\n")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(message),
            "{args:?}: missing '{message}' in:\n{err}"
        );
    }
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the file is left as it was"
    );
    let out = weighup(dir.path())
        .arg("compare")
        .arg(&room)
        .args(["--format", "text"])
        .output()
        .unwrap();
    let all =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        all.lines()
            .any(|l| l.contains("bad.json: ") && l.contains(message)),
        "compare: {all}"
    );
}

/// The simple answers file gives the same message for the same answer.
fn simple_says(id: &str, value: &Value, message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "simple.json", &json!({"answers": {id: value}}));
    let out = weighup(dir.path())
        .arg("report")
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(message),
        "simple file: missing '{message}' in:\n{err}"
    );
}

#[test]
fn a_number_outside_the_range_is_refused() {
    for (n, shown) in [
        (json!(1e300), "1e300 is outside the range 0 to 10000"),
        (json!(-5), "-5 is outside the range 0 to 10000"),
    ] {
        let mut v = base();
        v["answers"]["commercial.monthly_users"]["answer"] = json!({"number": n});
        refused_everywhere(&v, shown);
        simple_says("commercial.monthly_users", &n, shown);
    }
}

#[test]
fn two_choices_on_a_single_choice_question_are_refused() {
    let mut v = base();
    v["answers"]["privacy.data_sensitivity"]["answer"] = json!({"choices": ["public", "internal"]});
    let message = "this is not an answer 'privacy.data_sensitivity' (single) can take";
    refused_everywhere(&v, message);
    simple_says(
        "privacy.data_sensitivity",
        &json!(["public", "internal"]),
        message,
    );
}

#[test]
fn an_exclusive_option_with_others_or_an_option_twice_is_refused() {
    let mut v = base();
    v["answers"]["privacy.regulation"]["answer"] = json!({"choices": ["health", "none"]});
    let message = "'none' (";
    refused_everywhere(&v, message);
    simple_says(
        "privacy.regulation",
        &json!(["health", "none"]),
        "cannot be given together with other options",
    );
    let mut v = base();
    v["answers"]["privacy.regulation"]["answer"] = json!({"choices": ["health", "health"]});
    refused_everywhere(&v, "'health' is given twice");
}

#[test]
fn an_option_the_same_bank_never_had_is_refused() {
    let mut v = base();
    v["answers"]["privacy.regulation"]["answer"] = json!({"choices": ["health", "bogus"]});
    refused_everywhere(&v, "'bogus' is not an option of 'privacy.regulation'");
}

#[test]
fn malformed_dates_and_hashes_are_refused() {
    let mut v = base();
    v["created"] = "yesterday".into();
    refused_everywhere(
        &v,
        "\"created\" is \"yesterday\", which is not a date and time",
    );
    let mut v = base();
    v["bank"]["hash"] = "md5:xyz".into();
    refused_everywhere(
        &v,
        "\"bank.hash\" is not \"sha256:\" followed by 64 hexadecimal digits",
    );
}

#[test]
fn compare_refuses_schema_versions_the_other_commands_refuse() {
    for schema in [
        "weighup.answers/2",
        "weighup.answers/abc",
        "weighup.answers/1x",
    ] {
        let mut v = base();
        v["schema"] = schema.into();
        let message = if schema.ends_with('2') {
            "made by a newer weighup"
        } else {
            "which is not a weighup answer sheet"
        };
        refused_everywhere(&v, message);
    }
}
