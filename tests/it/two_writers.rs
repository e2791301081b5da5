//! Two sessions, one file: the second writer is refused before its first question, with a
//! clear message, and no answers are lost. Real processes.

use std::io::Write as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::cmd::BIN;

fn weighup(data: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.env("WEIGHUP_DATA_DIR", data)
        .env("HOME", data)
        .env_remove("CI")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Starts a session that waits at its first question (its input stays open).
fn waiting(data: &Path, args: &[&str]) -> Child {
    let child = weighup(data).arg("--plain").args(args).spawn().unwrap();
    // Wait until it has reserved its file (a lock file appears).
    let start = Instant::now();
    while !std::fs::read_dir(data).is_ok_and(|d| {
        d.filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().ends_with(".lock"))
    }) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no lock file appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

fn finish(mut child: Child, answer: &str) -> std::process::Output {
    {
        let mut stdin = child.stdin.take().unwrap();
        let _ = stdin.write_all(answer.repeat(300).as_bytes());
    }
    child.wait_with_output().unwrap()
}

fn run_all(data: &Path, args: &[&str], answer: &str) -> std::process::Output {
    finish(
        weighup(data).arg("--plain").args(args).spawn().unwrap(),
        answer,
    )
}

fn respondent(path: &Path) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v["respondent"].as_str().map(String::from)
}

#[test]
fn a_second_session_on_the_same_out_file_is_refused_before_its_first_question() {
    let dir = tempfile::tempdir().unwrap();
    let same = dir.path().join("same.json");
    let same_arg = same.to_str().unwrap();
    let a = waiting(dir.path(), &["--label", "A", "--out", same_arg]);
    let b = run_all(dir.path(), &["--label", "B", "--out", same_arg], "2\n");
    let err = String::from_utf8_lossy(&b.stderr);
    assert_eq!(b.status.code(), Some(2), "{err}");
    assert!(
        err.contains("same.json: another weighup (process")
            && err.contains("fix: give another file name with --out"),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&b.stdout).contains("Question 1"));
    let a = finish(a, "1\n");
    assert_eq!(
        a.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&a.stderr)
    );
    assert_eq!(respondent(&same).as_deref(), Some("A"));
    // The reservation ends with the session: the file can be resumed now.
    let lock = dir.path().join(".same.json.lock");
    assert!(!lock.exists(), "the lock is released on exit");
    let c = run_all(dir.path(), &["--resume", same_arg], "1\n");
    assert_eq!(
        c.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&c.stderr)
    );
}

#[test]
fn two_sessions_started_in_the_same_minute_in_one_folder_get_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("room");
    std::fs::create_dir(&data).unwrap();
    let a = waiting(&data, &["--label", "table"]);
    let b = run_all(&data, &["--label", "table"], "2\n");
    assert_eq!(
        b.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&b.stderr)
    );
    let a = finish(a, "1\n");
    assert_eq!(
        a.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&a.stderr)
    );
    let mut sheets: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    sheets.sort();
    assert_eq!(sheets.len(), 2, "{sheets:?}");
    let firsts: Vec<String> = sheets
        .iter()
        .map(|p| {
            let v: serde_json::Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
            v["answers"]["privacy.data_sensitivity"]["answer"].to_string()
        })
        .collect();
    assert_ne!(
        firsts[0], firsts[1],
        "each file holds its own session's answers"
    );
}

#[test]
fn a_lock_left_by_a_crashed_session_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    // The id of a process that has ended.
    let mut gone = Command::new("true").spawn().unwrap();
    let pid = gone.id();
    gone.wait().unwrap();
    std::fs::write(dir.path().join(".x.json.lock"), format!("{pid}\n")).unwrap();
    let out = run_all(
        dir.path(),
        &["--out", dir.path().join("x.json").to_str().unwrap()],
        "1\n",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("x.json").exists());
}
