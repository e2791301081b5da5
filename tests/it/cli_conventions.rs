//! Command-line conventions: help with examples, the version, results on stdout and
//! messages on stderr, and the exit codes (0 done, 1 runtime failure, 2 bad input or usage,
//! 128 + signal when ended by one). The interrupted cases are in `plain_kill.rs`,
//! `cli_terminal.rs`, `pty.rs` and `compare_tui_pty.rs`.

use predicates::prelude::*;

use crate::support::cmd::weighup;

#[test]
fn help_shows_examples_and_the_exit_codes() {
    weighup().arg("--help").assert().code(0).stdout(
        predicate::str::contains("Examples:")
            .and(predicate::str::contains("weighup --resume team-a.json"))
            .and(predicate::str::contains(
                "weighup report team-a.json --format html > result.html",
            ))
            .and(predicate::str::contains(
                "Exit codes: 0 done, 1 something failed while running, 2 bad input or usage,\n128 + signal when ended by one (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).",
            )),
    );
    weighup()
        .args(["report", "--help"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("- md:   Markdown, for email, wiki pages and slides").and(
                predicate::str::contains(
                    "- html: One self-contained web page, to print (A4) or send",
                ),
            ),
        );
}

#[test]
fn version_is_printed() {
    weighup()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(format!("weighup {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_2_on_stderr() {
    let out = weighup()
        .arg("--no-such-flag")
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("error: unexpected argument"));
    weighup().arg("report").assert().code(2);
}

#[test]
fn results_go_to_stdout_and_nothing_to_stderr() {
    let out = weighup()
        .args([
            "report",
            "tests/fixtures/sheets/complete.json",
            "--format",
            "md",
        ])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(out.stderr.is_empty());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# Open weights or closed?"));
}

#[test]
fn a_folder_that_cannot_hold_the_answers_is_refused_before_the_first_question() {
    let dir = tempfile::tempdir().unwrap();
    // The folder to save in is a file: found when the file is reserved, before any question.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let out_file = blocker.join("sheet.json");
    let out = weighup()
        .env("WEIGHUP_DATA_DIR", dir.path())
        .arg("--plain")
        .arg("--out")
        .arg(&out_file)
        .write_stdin("3\n2\n")
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Question"));
    assert!(err.contains(&blocker.display().to_string()), "{err}");
    assert!(err.contains("fix: "), "{err}");
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "x");
}

#[test]
fn a_resumed_sheet_can_be_saved_elsewhere_leaving_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original.json");
    std::fs::copy("tests/fixtures/sheets/unfinished.json", &original).unwrap();
    let before = std::fs::read(&original).unwrap();
    let copy = dir.path().join("copy.json");
    let out = weighup()
        .env("WEIGHUP_DATA_DIR", dir.path())
        .arg("--resume")
        .arg(&original)
        .arg("--out")
        .arg(&copy)
        .write_stdin("quit\n")
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(&format!(
        "Your answers will be saved to {}; {} is left as it was.",
        copy.display(),
        original.display()
    )));
    assert_eq!(std::fs::read(&original).unwrap(), before);
    let saved = weighup::persist::load(&copy).unwrap();
    assert_eq!(saved.answers.len(), 6);
}

#[test]
fn resume_with_no_file_picks_the_latest_unfinished_sheet_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "tests/fixtures/sheets/complete.json",
        dir.path().join("done.json"),
    )
    .unwrap();
    std::fs::copy(
        "tests/fixtures/sheets/unfinished.json",
        dir.path().join("half.json"),
    )
    .unwrap();
    weighup()
        .env("WEIGHUP_DATA_DIR", dir.path())
        .arg("--resume")
        .write_stdin("quit\n")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(format!(
            "Continuing your latest unfinished answer sheet: {}",
            dir.path().join("half.json").display()
        )));
}

#[test]
fn an_unknown_scenario_id_exits_2_naming_it_the_closest_id_and_the_list() {
    let dir = tempfile::tempdir().unwrap();
    for plain in [true, false] {
        let mut c = weighup();
        c.env("WEIGHUP_DATA_DIR", dir.path())
            .args(["--scenario", "seed-sass"]);
        if plain {
            c.arg("--plain");
        }
        let out = c.write_stdin("1\n").assert().code(2).get_output().clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("there is no scenario 'seed-sass'"), "{err}");
        assert!(err.contains("Did you mean 'seed-saas'?"), "{err}");
        assert!(err.contains("weighup scenarios"), "{err}");
        assert!(out.stdout.is_empty(), "no screen started");
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing is saved"
    );
}

#[test]
fn plain_mode_prints_the_scenario_brief_first_and_again_on_the_brief_command() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("t.json");
    let out = weighup()
        .env("WEIGHUP_DATA_DIR", dir.path())
        .args([
            "--scenario",
            "regional-hospital",
            "--label",
            "Table 4",
            "--out",
        ])
        .arg(&sheet)
        .write_stdin("help\nbrief\n2\nquit\n")
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let title = "Scenario: A regional hospital with patient records";
    let first = stdout.find(title).expect("the card is printed");
    let question = stdout.find("Question 1 of").expect("a first question");
    assert!(
        first < question,
        "the brief comes before the first question"
    );
    assert!(stdout.contains("The facts"), "{stdout}");
    assert!(!stdout.contains("For the facilitator"), "{stdout}");
    assert!(
        stdout.contains("\"brief\" shows the scenario card again"),
        "{stdout}"
    );
    assert!(stdout.contains("not sure, brief, quit"), "{stdout}");
    assert_eq!(stdout.matches(title).count(), 2, "brief prints it again");
    let saved = weighup::persist::load(&sheet).unwrap();
    assert_eq!(saved.scenario.as_deref(), Some("regional-hospital"));
    assert_eq!(saved.respondent.as_deref(), Some("Table 4"));
    assert_eq!(saved.answers.len(), 1);
}
