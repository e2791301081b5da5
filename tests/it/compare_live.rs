//! `weighup compare --format html` (one self-contained page of the room) and
//! `weighup compare DIR --watch` (who is answering and how far, as sheets arrive).

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::cmd::BIN;
use crate::support::files::ROOM;

#[test]
fn the_room_as_one_self_contained_web_page() {
    let out = Command::new(BIN)
        .args(["compare", ROOM, "--format", "html"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h2>Verdicts by scenario</h2>"), "{html}");
    assert!(html.contains("<h2>Where the room split</h2>"), "{html}");
    assert!(html.contains("<h2>Flags raised most</h2>"), "{html}");
    assert!(html.contains("<table>"));
    // Self-contained: nothing fetched from elsewhere, no scripts.
    for outside in ["<script", "src=", "href=\"http", "@import", "url("] {
        assert!(!html.contains(outside), "{outside} in the page");
    }
    // What the Markdown escapes reads as plain text on the page.
    assert!(!html.contains("\\|") && !html.contains("\\_"), "{html}");
}

/// Answers in the plain mode from `input`, saving into `out`.
fn plain(room: &Path, label: &str, input: &str, out: &str) {
    use std::io::Write as _;
    let mut child = Command::new(BIN)
        .args([
            "--plain",
            "--scenario",
            "seed-saas",
            "--label",
            label,
            "--out",
        ])
        .arg(room.join(out))
        .env("WEIGHUP_DATA_DIR", room.join("data"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    child.wait().unwrap();
}

#[test]
fn watch_prints_who_is_answering_and_updates_when_a_sheet_arrives() {
    let tmp = tempfile::tempdir().unwrap();
    let room = tmp.path();
    plain(room, "Table 5", "1\n1\n", "table-5.json");
    let mut child = Command::new(BIN)
        .args(["compare", "--watch"])
        .arg(room)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut seen = String::new();
    let mut wait_for = |text: &str| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !seen.contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            let Ok(line) = rx.recv_timeout(left) else {
                panic!("waited for {text:?}; saw:\n{seen}");
            };
            seen.push_str(&line);
            seen.push('\n');
        }
        seen.clone()
    };
    let first = wait_for("Table 5 (seed-saas): 2 of");
    assert!(first.contains("1 answering, 0 finished"), "{first}");
    // Nobody's result is shown.
    assert!(!first.to_lowercase().contains("open weights"), "{first}");
    // "Not sure" to every question, Enter to skip every note.
    plain(room, "Table 4", &"not sure\n\n".repeat(80), "table-4.json");
    let later = wait_for("Table 4 (seed-saas): finished");
    assert!(later.contains("1 answering, 1 finished"), "{later}");
    let _ = child.kill();
    let _ = child.wait();
}
