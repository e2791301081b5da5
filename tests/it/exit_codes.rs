//! Exit codes and messages the hostile trial found wrong (issue 12, item 6).

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::cmd::{stderr, weighup_in as weighup};
use crate::support::files::{fixture, json};

fn complete() -> Value {
    json(fixture("complete.json"))
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn resume_with_a_gap_on_an_option_the_bank_no_longer_has_is_unfinished() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = complete();
    // Answered on an older bank, whose option this bank no longer has; the file says complete.
    v["bank"]["version"] = "2025.06.1".into();
    v["answers"]["scale.volume"]["answer"] = json!({"choice": "gigantic"});
    v["complete"] = true.into();
    let file = write(
        dir.path(),
        "uo.json",
        &serde_json::to_string_pretty(&v).unwrap(),
    );
    let before = std::fs::read(&file).unwrap();
    let out = weighup(dir.path())
        .args(["--plain", "--resume"])
        .arg(&file)
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("the input ended before the questionnaire was finished"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("every question is answered"));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "nothing answered, nothing re-saved"
    );
}

#[test]
fn valid_json_of_the_wrong_form_is_not_called_invalid_json() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = complete();
    v["answers"]["scale.volume"]["answer"] = json!({"choice": "large", "number": 3});
    let file = write(
        dir.path(),
        "two.json",
        &serde_json::to_string_pretty(&v).unwrap(),
    );
    let out = weighup(dir.path())
        .arg("report")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(!err.contains("not valid JSON"), "{err}");
    assert!(
        err.contains("this is valid JSON, but not in the form weighup expects"),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let text = serde_json::to_string_pretty(&complete()).unwrap();
    let file = write(dir.path(), "bom.json", &format!("\u{feff}{text}"));
    let out = weighup(dir.path())
        .arg("report")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let simple = write(
        dir.path(),
        "simple.json",
        "\u{feff}{\"answers\": {\"scale.volume\": \"large\"}}",
    );
    let out = weighup(dir.path())
        .arg("report")
        .arg(&simple)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_field_given_twice_is_named_not_called_newer() {
    let dir = tempfile::tempdir().unwrap();
    let text = serde_json::to_string_pretty(&complete()).unwrap();
    for second in ["weighup.answers/2", "weighup.answers/1"] {
        let doubled = text.replacen('{', &format!("{{\n  \"schema\": \"{second}\","), 1);
        let file = write(dir.path(), "dup.json", &doubled);
        let out = weighup(dir.path())
            .arg("report")
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.contains("the field \"schema\" is given twice"), "{err}");
        assert!(!err.contains("newer"), "{err}");
    }
}

#[cfg(unix)]
#[test]
fn a_closed_standard_error_does_not_panic() {
    // stderr is a pipe whose reader has gone: writing to it fails (EPIPE).
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(r#"exec 3>&1; { sleep 0.3; "$0" report /no/such/file.json; echo "rc=$?" >&3; } 2>&1 >/dev/null | true"#)
        .arg(crate::support::cmd::BIN)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("rc=2"),
        "{text} {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_out_or_resume_is_refused_and_left_a_link() {
    let dir = tempfile::tempdir().unwrap();
    // A dangling link: --out would have replaced it with a regular file.
    let link = dir.path().join("dangling.json");
    std::os::unix::fs::symlink(dir.path().join("newtarget.json"), &link).unwrap();
    let out = weighup(dir.path())
        .args(["--plain", "--out"])
        .arg(&link)
        .write_stdin("1\n".repeat(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("this is a link to another file"),
        "{}",
        stderr(&out)
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A link to a partial sheet given to --resume.
    let mut v = complete();
    v["answers"].as_object_mut().unwrap().remove("scale.volume");
    v["complete"] = false.into();
    let real = write(
        dir.path(),
        "partial.json",
        &serde_json::to_string_pretty(&v).unwrap(),
    );
    let link = dir.path().join("sl.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = weighup(dir.path())
        .args(["--plain", "--resume"])
        .arg(&link)
        .write_stdin("1\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!(
        "give the file the link points to ({})",
        real.display()
    )));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}
