//! A golden transcript of a whole plain-mode session, driven through piped standard input of
//! the real binary: what a screen-reader user or a script reads, line by line.

use std::path::Path;

use assert_cmd::Command;
use weighup::answers::Answer;
use weighup::persist;

/// One line per answer or command, with what each does.
const SESSION: &[&str] = &[
    "7",                    // Q1 a wrong number: one line, the same question again
    "?",                    // help: why we ask, the commands
    "3",                    // Q1 Personal information
    "2",                    // Q2 under a signed agreement
    "1 4",                  // Q3 two kinds of regulation
    "",                     // Q4 the optional note: skipped
    "back",                 // Q5 back to the note
    "Only EU data centres", // Q4 the note after all
    "2",                    // Q5 rented GPUs
    "2",                    // Q6 a little skill: "who would run it" appears
    "2",                    // Q7 a hosting company
    "not sure",             // Q8 timeline: not sure
    "3",                    // Q9 large volume
    "2",                    // Q10 working hours
    "1",                    // Q11 pay per use
    "yes",                  // Q12 commercial: the user count appears
    "12 apples",            // Q13 not a number
    "0.5 million",          // Q13 half a million users
    "no",                   // Q14 no training on answers
    "3",                    // Q15 neither
    "1,5",                  // Q16 "None of these" with another: refused
    "5",                    // Q16 none of these
    "3",                    // Q17 somewhat
    "2",                    // Q18 need time to re-test
    "2",                    // Q19 no offline
    "2",                    // Q20 look things up
    "1",                    // Q21 no need to examine it
    "no",                   // Q22 text only: the EU question stays away
    "",                     // Q23 no note
    "8",                    // review: change the timeline
    "2",                    // one to six months
    "",                     // review: the result
];

#[test]
fn a_whole_plain_session_through_piped_input() {
    let data = tempfile::tempdir().unwrap();
    let input = SESSION.join("\n") + "\n";
    // A data folder relative to the working folder, so the transcript (which wraps the
    // report at 78 columns) does not depend on where temporary folders are.
    let out = Command::cargo_bin("weighup")
        .unwrap()
        .current_dir(data.path())
        .env("WEIGHUP_DATA_DIR", "answers")
        .env_remove("ACCESSIBLE")
        .args(["--label", "Team A"])
        .write_stdin(input)
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();

    // The sheet is where the transcript says, complete, with every answer given.
    let files: Vec<_> = std::fs::read_dir(data.path().join("answers"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("weighup-team-a-")
            && Path::new(&name).extension().is_some_and(|x| x == "json"),
        "{name}"
    );
    let sheet = persist::load(&files[0]).unwrap();
    assert!(sheet.complete);
    assert_eq!(sheet.respondent.as_deref(), Some("Team A"));
    assert_eq!(sheet.answers.len(), 22);
    assert_eq!(
        sheet.answers["commercial.monthly_users"].answer,
        Answer::Number(0.5)
    );
    assert_eq!(
        sheet.answers["privacy.notes"].answer,
        Answer::Text("Only EU data centres".into())
    );
    assert_eq!(
        sheet.answers["infrastructure.timeline"].answer,
        Answer::Choice("months".into())
    );
    assert!(stdout.contains(&format!("Your answers are saved in:\n  answers/{name}\n")));

    insta::with_settings!({
        filters => vec![
            (r"weighup-team-a-\d{4}-\d{2}-\d{2}-\d{4}\.json", "[FILE].json"),
            (r"\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2} UTC", "[TIME]"),
        ],
        snapshot_path => "snapshots",
    }, {
        insta::assert_snapshot!("plain_whole_session", stdout);
    });
}

#[test]
fn a_terminal_that_cannot_draw_gets_the_plain_mode() {
    // Input from a pipe is enough to choose the plain mode, without --plain.
    let data = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("weighup")
        .unwrap()
        .env("WEIGHUP_DATA_DIR", data.path())
        .env("TERM", "dumb")
        .write_stdin("quit\n")
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("weighup: "), "{stdout}");
    assert!(stdout.contains("Question 1 of "));
    assert!(stdout.ends_with("Stopped. Nothing was answered, so nothing was saved.\n"));
    assert!(!Path::new(&data.path().join("x")).exists());
    assert_eq!(std::fs::read_dir(data.path()).map_or(0, Iterator::count), 0);
}
