//! A golden transcript of a whole plain-mode session, driven through piped standard input of
//! the real binary: what a screen-reader user or a script reads, line by line.

use std::path::Path;

use weighup::answers::Answer;
use weighup::persist;

/// One line per answer or command, with what each does.
const SESSION: &[&str] = &[
    "7",                    // Q1 a wrong number: one line, the same question again
    "?",                    // help: why we ask, the commands
    "3",                    // Q1 Personal information: "which guarantees" appears
    "2",                    // Q2 under a signed agreement
    "1 4",                  // Q3 two kinds of regulation
    "1 3",                  // Q4 two guarantees: no training, our region only
    "no",                   // Q5 no promise to customers
    "",                     // Q6 the optional note: skipped
    "back",                 // Q7 back to the note
    "Only EU data centres", // Q6 the note after all
    "2",                    // Q7 rented GPUs
    "yes",                  // Q8 a cloud agreement
    "2",                    // Q9 a little skill
    "3",                    // Q10 a hosting company runs it
    "not sure",             // Q11 timeline: not sure
    "3",                    // Q12 several years
    "3",                    // Q13 large volume
    "2",                    // Q14 working hours
    "2",                    // Q15 within seconds
    "yes",                  // Q16 commercial: the revenue question appears
    "12 apples",            // Q17 not a number
    "0.5 million",          // Q17 half a million users
    "200,000",              // Q18 revenue typed in full: did you mean 0.2?
    "yes",                  // Q18 0.2 million US dollars a month
    "1",                    // Q19 based in the EU
    "no",                   // Q20 no training on answers
    "3",                    // Q21 neither
    "1,5",                  // Q22 "None of these" with another: refused
    "5",                    // Q22 none of these
    "3",                    // Q23 somewhat
    "2",                    // Q24 need time to re-test
    "2",                    // Q25 no offline
    "2",                    // Q26 look things up
    "1",                    // Q27 no need to examine it
    "2",                    // Q28 a few hard tasks need the best
    "3",                    // Q29 the work splits by difficulty
    "",                     // Q30 no note
    "11",                   // review: change the timeline
    "2",                    // one to six months
    "",                     // review: the result
];

#[test]
fn a_whole_plain_session_through_piped_input() {
    let data = tempfile::tempdir().unwrap();
    let input = SESSION.join("\n") + "\n";
    // A data folder relative to the working folder, so the transcript (which wraps the
    // report at 78 columns) does not depend on where temporary folders are.
    let out = crate::support::cmd::weighup()
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
    assert_eq!(sheet.answers.len(), 29);
    assert_eq!(
        sheet.answers["commercial.monthly_users"].answer,
        Answer::Number(0.5)
    );
    assert_eq!(
        sheet.answers["commercial.monthly_revenue"].answer,
        Answer::Number(0.2)
    );
    assert_eq!(
        sheet.answers["privacy.guarantees"].answer,
        Answer::Choices(vec!["no_training".into(), "in_region".into()])
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
    let out = crate::support::cmd::weighup()
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
