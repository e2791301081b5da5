//! Reads are of regular files only, with a size cap enforced while reading: a named pipe or a
//! device behind a `.json` name is refused or skipped with a reason, never waited on or read
//! without end. `--out` at a device or a folder fails before the first question.
#![cfg(unix)]

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

use crate::support::cmd::{stderr, weighup_in};
use crate::support::files::fixture;

/// `weighup` on this data folder, stopped if it waits more than 20 seconds.
fn weighup(data: &Path) -> Command {
    let mut c = weighup_in(data);
    c.timeout(Duration::from_secs(20));
    c
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo");
}

#[test]
fn a_named_pipe_is_refused_by_every_reader_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("x.json");
    mkfifo(&fifo);
    for args in [vec!["report"], vec!["open"], vec!["--plain", "--resume"]] {
        let out = weighup(dir.path())
            .args(&args)
            .arg(&fifo)
            .write_stdin("")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("this is a named pipe, not a file"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    // compare skips it with the reason, and counts the rest.
    std::fs::copy(fixture("complete.json"), dir.path().join("a.json")).unwrap();
    let out = weighup(dir.path())
        .arg("compare")
        .arg(dir.path())
        .args(["--format", "text"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("named pipe"), "{text}");
    // The data folder holds it: --resume without a file and check on a bank folder.
    let out = weighup(dir.path())
        .args(["--plain", "--resume"])
        .write_stdin("quit\n")
        .output()
        .unwrap();
    assert_ne!(out.status.code(), None);
    let bank = dir.path().join("bank");
    std::fs::create_dir(&bank).unwrap();
    for e in std::fs::read_dir("questions").unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, bank.join(p.file_name().unwrap())).unwrap();
    }
    mkfifo(&bank.join("07-pipe.json"));
    let out = weighup(dir.path())
        .arg("check")
        .arg(&bank)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("07-pipe.json:file: this is a named pipe, not a file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_endless_device_or_an_oversized_file_is_refused_after_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let zero = dir.path().join("z.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let out = weighup(dir.path())
        .arg("report")
        .arg(&zero)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("this is a device, not a file"),
        "{}",
        stderr(&out)
    );

    // A sheet with a note of 5 MB: over the cap, refused while reading.
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("complete.json")).unwrap()).unwrap();
    v["respondent"] = "x".repeat(5 * 1024 * 1024).into();
    let big = dir.path().join("big.json");
    std::fs::write(&big, serde_json::to_vec(&v).unwrap()).unwrap();
    let out = weighup(dir.path())
        .arg("report")
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("this file is larger than 4096 KB"),
        "{}",
        stderr(&out)
    );

    let out = weighup(dir.path())
        .arg("compare")
        .arg(&zero)
        .arg(&big)
        .args(["--format", "text"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out);
    assert!(
        text.contains("device") && text.contains("too large"),
        "{text}"
    );
}

#[test]
fn out_at_a_device_or_a_folder_fails_before_the_first_question() {
    let dir = tempfile::tempdir().unwrap();
    for (out_arg, expected) in [
        ("/dev/full".to_string(), "is not a regular file"),
        (
            format!("{}/newdir/", dir.path().display()),
            "names a folder, not a file",
        ),
    ] {
        let out = weighup(dir.path())
            .args(["--plain", "--out", &out_arg])
            .write_stdin("1\n1\n")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{out_arg}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{out_arg}: {}",
            stderr(&out)
        );
        assert!(!String::from_utf8_lossy(&out.stdout).contains("Question 1"));
    }
    assert!(!dir.path().join("newdir").exists());
}
