//! Hostile text never reaches a terminal: whatever control or bidi characters a sheet, a note,
//! a label or a file name holds, no output of any command (stdout or stderr) contains one.

use std::path::Path;

use assert_cmd::Command;
use proptest::prelude::*;
use serde_json::Value;

use crate::support::files::fixture;

/// The characters no output may hold: C0 (but newline and tab), DEL, C1, bidi overrides and
/// isolates.
fn first_unsafe(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    text.char_indices()
        .find(|&(_, c)| {
            (c.is_control() && c != '\n' && c != '\t')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .map(|(i, c)| {
            let from = text[..i].char_indices().rev().nth(30).map_or(0, |(j, _)| j);
            format!("U+{:04X} after {:?}", u32::from(c), &text[from..i])
        })
}

fn hostile() -> impl Strategy<Value = String> {
    // Letters mixed with ESC sequences, BEL, CR, backspace, the 8-bit CSI, DEL, NUL and bidi
    // overrides.
    proptest::collection::vec(
        prop_oneof![
            Just("\u{1b}]0;PWNED\u{7}".to_string()),
            Just("\u{1b}]52;c;aGk=\u{7}".to_string()),
            Just("\u{1b}[2J".to_string()),
            Just("\u{9b}31m".to_string()),
            Just("\u{202e}".to_string()),
            Just("\u{2066}".to_string()),
            Just("\r\u{8}\u{7f}\u{0}".to_string()),
            "[a-z ]{1,5}",
        ],
        1..6,
    )
    .prop_map(|v| v.concat())
}

fn weighup(home: &Path) -> Command {
    let mut c = crate::support::cmd::weighup();
    c.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("WEIGHUP_DATA_DIR", home.join("answers"))
        .env_remove("CI");
    c
}

fn check(what: &str, out: &std::process::Output) -> Result<(), TestCaseError> {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        if let Some(found) = first_unsafe(bytes) {
            return Err(TestCaseError::fail(format!("{what}: {stream} has {found}")));
        }
    }
    Ok(())
}

fn hostile_sheet(base: &str, t: &[String]) -> Value {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(fixture(base)).unwrap())
        .expect("fixture is JSON");
    v["respondent"] = Value::String(t[0].clone());
    v["scenario"] = Value::String(t[1].clone());
    v["bank"]["version"] = Value::String(t[2].clone());
    if let Some(answers) = v["answers"].as_object_mut() {
        for (i, a) in answers.values_mut().enumerate() {
            a["note"] = Value::String(t[(i % 3) + 3].clone());
            a["label"] = Value::String(t[4].clone());
            a["question"] = Value::String(t[5].clone());
        }
        answers.insert(
            format!("gone.{}", t[3]),
            serde_json::json!({"question": t[4], "answer": {"text": t[5]}, "label": t[0]}),
        );
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn no_command_prints_a_control_character(
        t in proptest::collection::vec(hostile(), 6),
        base in prop_oneof![Just("complete.json"), Just("unfinished.json")],
    ) {
        let dir = tempfile::tempdir().unwrap();
        let room = dir.path().join("room");
        std::fs::create_dir_all(&room).unwrap();
        let sheet = hostile_sheet(base, &t);
        let text = serde_json::to_string_pretty(&sheet).unwrap();
        // The file name is hostile too (a NUL cannot be in a file name).
        let name = format!("{}.json", t[0].replace(['\0', '/'], "_"));
        let file = room.join(&name);
        std::fs::write(&file, &text).unwrap();
        std::fs::write(room.join("plain.json"), &text).unwrap();

        for format in ["text", "md", "json", "html"] {
            let out = weighup(dir.path()).arg("report").arg(&file).args(["--format", format]).output().unwrap();
            check(&format!("report --format {format}"), &out)?;
        }
        for format in ["text", "md", "csv"] {
            let out = weighup(dir.path()).arg("compare").arg(&room).args(["--format", format]).output().unwrap();
            check(&format!("compare --format {format}"), &out)?;
        }
        let copy = dir.path().join("resume.json");
        std::fs::write(&copy, &text).unwrap();
        let out = weighup(dir.path()).args(["--plain", "--resume"]).arg(&copy)
            .write_stdin("review\n\nquit\n").output().unwrap();
        check("--plain --resume", &out)?;
        let out = weighup(dir.path()).arg("open").arg(&file).write_stdin("quit\n").output().unwrap();
        check("open (plain)", &out)?;
        let out = weighup(dir.path()).arg("report").arg(room.join(format!("{}x.json", t[1].replace(['\0', '/'], "_")))).output().unwrap();
        check("report on a missing file", &out)?;
        let out = weighup(dir.path()).args(["--plain", "--label", &t[2].replace('\0', "_")]).write_stdin("").output().unwrap();
        check("--plain --label", &out)?;
    }
}
