//! The plain-text mode, driven in-process with typed lines: what the person reads, and what
//! is on disk after every answer.

use std::io::{BufRead, Cursor, Read};
use std::path::{Path, PathBuf};

use time::macros::datetime;
use weighup::answers::Answer;
use weighup::bank::Bank;
use weighup::cli::error_text;
use weighup::engine::evaluate;
use weighup::error::{Error, Kind};
use weighup::persist;
use weighup::plain::{self, PlainOptions};
use weighup::session::{self, StartOptions, Started};
use weighup::sheet::Sheet;

use crate::support::banks::builtin as bank;
use crate::support::files::fixture;

fn new_session(b: &Bank, dir: &Path) -> Started {
    let opts = StartOptions {
        out: Some(dir.join("sheet.json")),
        ..StartOptions::default()
    };
    session::start(b, &opts, datetime!(2026-11-30 10:00:00 UTC)).unwrap()
}

fn resume(b: &Bank, path: &Path) -> Started {
    let opts = StartOptions {
        resume: Some(path.to_path_buf()),
        ..StartOptions::default()
    };
    session::start(b, &opts, datetime!(2026-11-30 10:00:00 UTC)).unwrap()
}

/// Runs the plain mode on typed lines; returns the transcript and how it ended.
fn run(b: &Bank, started: Started, lines: &[&str]) -> (String, Result<String, Error>) {
    let typed = lines.iter().fold(String::new(), |acc, l| acc + l + "\n");
    let mut input = Cursor::new(typed);
    let mut out = Vec::new();
    let opts = PlainOptions {
        echo: true,
        review_first: false,
    };
    let r = plain::run_with(b, started, &mut input, &mut out, opts);
    (String::from_utf8(out).unwrap(), r)
}

fn load(path: &Path) -> Sheet {
    persist::load(path).unwrap()
}

/// Answers that go straight through the built-in bank, in question order (personal data, so
/// the guarantees question is asked; not commercial, so no revenue question): 29 questions,
/// 27 of them decisions and 2 optional notes.
const STRAIGHT: &[&str] = &[
    // Data and privacy: personal; by contract; no regulation; no training on our data; no
    // promise to customers; no note.
    "3", "2", "5", "1", "no", "",
    // Infrastructure: rented GPUs; a cloud agreement; a fair amount of skill; a hosting
    // company; one to six months; several years.
    "2", "yes", "4", "3", "2", "3", // Scale: medium; working hours; within seconds.
    "2", "2", "2",
    // Commercial: no; 0.2 million users; based elsewhere; no training on answers; neither;
    // no sensitive field.
    "no", "0.2", "4", "no", "3", "5",
    // Control: somewhat; need time to re-test; not offline.
    "3", "2", "no",
    // Customisation: look things up; no need to examine it; a good model is enough; one kind
    // of work; no note.
    "2", "1", "3", "1", "",
];

#[test]
fn a_wrong_entry_gets_one_line_and_the_same_question_again() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = run(&b, new_session(&b, dir.path()), &["9", "maybe", "3"]);
    let q1 = "Question 1 of 28, Data and privacy: What is the most sensitive information the AI will see?";
    let expected = format!(
        "Your answer (1 to 5): 9\n\"9\" is not one of the choices: type a number from 1 to 5.\n{q1}\nYour answer (1 to 5): maybe\n\"maybe\" is not one of the choices: type a number from 1 to 5.\n{q1}\nYour answer (1 to 5): 3\n"
    );
    assert!(out.contains(&expected), "{out}");
    assert_eq!(
        load(&dir.path().join("sheet.json")).answers["privacy.data_sensitivity"].answer,
        Answer::Choice("personal".into())
    );
}

#[test]
fn every_answer_is_on_disk_before_the_next_question_is_asked() {
    /// Input that, each time a new line is asked for, records how many answers are saved.
    struct Watching {
        lines: Vec<String>,
        current: Cursor<Vec<u8>>,
        path: PathBuf,
        seen: Vec<usize>,
    }
    impl Read for Watching {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = {
                let data = self.fill_buf()?;
                let n = data.len().min(buf.len());
                buf[..n].copy_from_slice(&data[..n]);
                n
            };
            self.consume(n);
            Ok(n)
        }
    }
    impl BufRead for Watching {
        fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
            if self.current.position() as usize >= self.current.get_ref().len()
                && !self.lines.is_empty()
            {
                let saved = persist::load(&self.path).map_or(0, |s| s.answers.len());
                self.seen.push(saved);
                let next = self.lines.remove(0);
                self.current = Cursor::new(format!("{next}\n").into_bytes());
            }
            self.current.fill_buf()
        }
        fn consume(&mut self, n: usize) {
            self.current.consume(n);
        }
    }
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.json");
    let mut input = Watching {
        lines: ["3", "2", "1 2", "1", "no", "A note", "not sure", "?", "yes"]
            .map(String::from)
            .to_vec(),
        current: Cursor::new(Vec::new()),
        path: path.clone(),
        seen: Vec::new(),
    };
    let mut out = Vec::new();
    let r = plain::run(&b, new_session(&b, dir.path()), &mut input, &mut out);
    // Before each line: 0 answers, then 1, 2, 3, 4, 5, 6 (the note), 7 ("not sure"), still 7
    // after "?" (help answers nothing).
    assert_eq!(input.seen, vec![0, 1, 2, 3, 4, 5, 6, 7, 7]);
    assert!(
        matches!(&r, Err(e) if e.kind == Kind::Input),
        "the input ended early"
    );
    let sheet = load(&path);
    assert_eq!(sheet.answers.len(), 8);
    assert_eq!(sheet.answers["infrastructure.gpus"].answer, Answer::NotSure);
    assert_eq!(
        sheet.answers["infrastructure.cloud_agreement"].answer,
        Answer::Choice("yes".into())
    );
    assert_eq!(
        sheet.answers["privacy.notes"].answer,
        Answer::Text("A note".into())
    );
}

#[test]
fn end_of_input_says_where_the_answers_are_and_exits_with_bad_input() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let (_, r) = run(&b, new_session(&b, dir.path()), &["3", "2"]);
    let path = dir.path().join("sheet.json");
    match r {
        Err(e) if e.kind == Kind::Input => {
            assert_eq!(
                error_text(&e),
                format!(
                    "weighup: the input ended before the questionnaire was finished. Your answers (2 of 27) are saved in {}; continue with: weighup --resume {}",
                    path.display(),
                    path.display()
                )
            );
        }
        other => panic!("expected bad input, got {other:?}"),
    }
}

#[test]
fn end_of_input_before_any_answer_saves_nothing() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let (_, r) = run(&b, new_session(&b, dir.path()), &[]);
    match r {
        Err(e) if e.kind == Kind::Input => assert!(
            e.message
                .ends_with("Nothing was answered, so nothing was saved."),
            "{e:?}"
        ),
        other => panic!("{other:?}"),
    }
    // The session's reservation ends with it (the binary releases it on exit).
    weighup::persist::release(&dir.path().join("sheet.json"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn quit_keeps_the_answers_and_says_how_to_continue() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let (out, r) = run(&b, new_session(&b, dir.path()), &["3", "QUIT"]);
    assert_eq!(r.unwrap(), "");
    let path = dir.path().join("sheet.json");
    assert!(out.ends_with(&format!(
        "Stopped. Your answers (1 of 27) are saved in {}; continue with: weighup --resume {}\n",
        path.display(),
        path.display()
    )));
    assert_eq!(load(&path).answers.len(), 1);
}

#[test]
fn back_shows_the_earlier_answer_and_enter_keeps_it() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = run(
        &b,
        new_session(&b, dir.path()),
        &["back", "3", "back", "", "2"],
    );
    assert!(
        out.contains("This is the first question; there is nothing before it."),
        "{out}"
    );
    assert!(
        out.contains(
            "Your answer so far: Personal information about customers or staff. Press Enter to keep it."
        ),
        "{out}"
    );
    let sheet = load(&dir.path().join("sheet.json"));
    assert_eq!(
        sheet.answers["privacy.data_sensitivity"].answer,
        Answer::Choice("personal".into())
    );
    assert_eq!(
        sheet.answers["privacy.data_location"].answer,
        Answer::Choice("contract".into())
    );
}

#[test]
fn multiple_choice_takes_commas_or_spaces_and_refuses_none_with_others() {
    let b = bank();
    for typed in ["1,3", "1 3", " 3, 1 "] {
        let dir = tempfile::tempdir().unwrap();
        let _ = run(&b, new_session(&b, dir.path()), &["3", "2", typed]);
        assert_eq!(
            load(&dir.path().join("sheet.json")).answers["privacy.regulation"].answer,
            Answer::Choices(vec!["health".into(), "public_sector".into()]),
            "{typed}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = run(&b, new_session(&b, dir.path()), &["3", "2", "1,5", "6,1"]);
    assert!(
        out.contains("\"None of these\" goes on its own: choose it alone, or leave it out."),
        "{out}"
    );
    assert!(
        out.contains("\"Not sure\" goes on its own: type it without other numbers."),
        "{out}"
    );
}

#[test]
fn conditional_questions_appear_and_the_count_follows() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    // Data that is not public brings in "which guarantees"; commercial use brings in the
    // monthly revenue. The user count, asked of everyone, has a range check and its unit.
    let lines = [
        "3",
        "2",
        "5",
        "1",
        "no",
        "",
        "2",
        "yes",
        "2",
        "2",
        "2",
        "3",
        "2",
        "2",
        "2",
        "yes",
        "20000",
        "-3",
        "12 apples",
        "0,5",
        "yes",
    ];
    let (out, _) = run(&b, new_session(&b, dir.path()), &lines);
    assert!(
        out.contains("Question 1 of 28, Data and privacy: What is the most sensitive"),
        "{out}"
    );
    assert!(
        out.contains("Question 4 of 29, Data and privacy: Which guarantees"),
        "{out}"
    );
    assert!(
        out.contains(
            "Question 16 of 29, Commercial use and licensing: Will the AI be used for business"
        ),
        "{out}"
    );
    assert!(
        out.contains("Question 17 of 30, Commercial use and licensing: How many people"),
        "{out}"
    );
    assert!(
        out.contains("Question 18 of 30, Commercial use and licensing: Roughly how much revenue"),
        "{out}"
    );
    // A count of people where the unit is millions, and a decimal comma: "did you mean".
    assert!(
        out.contains("Did you mean 0.02? 20000 people is 0.02 million, and this question counts in million monthly active users. Type \"yes\" to answer 0.02, or type the number again."),
        "{out}"
    );
    assert!(
        out.contains(
            "Did you mean 0.5? weighup reads a point as the decimal mark: type 0.5. Type \"yes\""
        ),
        "{out}"
    );
    assert!(
        out.contains("-3 is outside the range 0 to 10000 million monthly active users: type a number from 0 to 10000, or \"not sure\"."),
        "{out}"
    );
    assert!(
        out.contains(
            "\"12 apples\" is not a number: type a number from 0 to 10000, or \"not sure\"."
        ),
        "{out}"
    );
    assert_eq!(
        load(&dir.path().join("sheet.json")).answers["commercial.monthly_users"].answer,
        Answer::Number(0.5)
    );
}

#[test]
fn help_explains_why_and_the_commands_then_asks_again() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = run(&b, new_session(&b, dir.path()), &["help"]);
    let q = b.question("privacy.data_sensitivity").unwrap();
    assert!(out.contains(&format!(
        "Your answer (1 to 5): help\nWhy we ask: {}\n",
        q.help
    )));
    assert!(out.contains("Commands: \"back\" goes to the previous question;"));
    // The question is shown again, options and all.
    assert_eq!(
        out.matches("  1. Public or made-up information only")
            .count(),
        2
    );
}

#[test]
fn review_lists_the_answers_and_a_change_comes_back_to_the_list() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = run(
        &b,
        new_session(&b, dir.path()),
        &["3", "2", "review", "1", "4", "", "not sure"],
    );
    assert!(out.contains("Check your answers (2 of 27 answered; notes are optional)\nData and privacy\n  1. Data sensitivity: Personal information about customers or staff\n  2. Where data may go: By an outside provider, under a signed agreement\n  3. Sector regulation: (not answered yet)\n  4. Guarantees needed: (not answered yet)\n  5. Privacy promise: (not answered yet)\n  6. Data notes: (no note)\n"), "{out}");
    assert!(out.contains("  1. Data sensitivity: Highly sensitive or confidential information"));
    // Enter on the list goes back to where the person was: question 3.
    let sheet = load(&dir.path().join("sheet.json"));
    assert_eq!(sheet.answers["privacy.regulation"].answer, Answer::NotSure);
    assert_eq!(
        sheet.answers["privacy.data_sensitivity"].answer,
        Answer::Choice("special".into())
    );
}

#[test]
fn a_whole_run_ends_with_the_review_the_result_and_where_it_is_saved() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let mut lines = STRAIGHT.to_vec();
    lines.push(""); // Enter on the review list: the result.
    let (out, r) = run(&b, new_session(&b, dir.path()), &lines);
    assert_eq!(r.unwrap(), "");
    let path = dir.path().join("sheet.json");
    let sheet = load(&path);
    assert!(sheet.complete);
    let eval = evaluate(&b, &sheet.to_answers());
    assert!(out.contains("Check your answers (27 of 27 answered; notes are optional)"));
    assert!(out.contains(&format!("Recommendation: {}\n", eval.verdict_title)));
    assert!(out.contains("This is not legal advice: read the licence and terms yourself"));
    assert_eq!(sheet.result.as_ref().unwrap().verdict, eval.verdict);
    // Input ended at the "more" prompt: the summary, then how to read the rest later.
    assert!(out.ends_with(&format!(
        "Your answers are saved in:\n  {p}\nTo read the details (every reason, the flags in full, your answers):\n  weighup report {p}\nTo share the result as a web page:\n  weighup report {p} --format html > weighup-result.html\nOther formats: --format md (for email and slides), json (for tools), text.\n",
        p = path.display(),
    )), "{out}");
    // Plain lines only: no colour, cursor movement, carriage returns or box drawing.
    assert!(!out.contains('\x1b') && !out.contains('\r'));
    assert!(!out.chars().any(|c| ('\u{2500}'..='\u{259f}').contains(&c)));
}

#[test]
fn end_of_input_on_a_complete_sheet_shows_the_result() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    // Every question answered; the input ends at the last, optional note.
    let (out, r) = run(
        &b,
        new_session(&b, dir.path()),
        &STRAIGHT[..STRAIGHT.len() - 1],
    );
    assert_eq!(r.unwrap(), "");
    assert!(
        out.contains("The input ended, and every question is answered, so here is the result.")
    );
    assert!(out.contains("Recommendation: "));
}

#[test]
fn resuming_goes_to_the_first_question_still_waiting() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let _ = run(
        &b,
        new_session(&b, dir.path()),
        &["3", "2", "1", "1", "no", "", "quit"],
    );
    let path = dir.path().join("sheet.json");
    let (out, _) = run(&b, resume(&b, &path), &["2"]);
    assert!(out.contains(
        "Welcome back: you can go on where you stopped.\n5 of 27 questions answered, last saved "
    ));
    assert!(out.contains("Your answer (1 to 4): 2\n\nQuestion 8 of 29, Infrastructure and skills"));
    let sheet = load(&path);
    assert_eq!(sheet.answers.len(), 6);
    assert_eq!(
        sheet.answers["infrastructure.gpus"].answer,
        Answer::Choice("cloud".into())
    );
}

#[test]
fn an_answer_with_an_option_the_bank_no_longer_has_is_asked_again() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.json");
    std::fs::copy(fixture("old-bank.json"), &path).unwrap();
    let (out, r) = run(&b, resume(&b, &path), &["2", ""]);
    assert!(out.contains("These answers were given on question bank weighup.default version 2026.06.1; this is weighup.default version "));
    assert!(out.contains("1 answer is for questions this bank no longer asks (Cloud allowed); it is kept in the file but not counted."));
    assert!(out.contains("Expected volume: your answer enormous (Enormous: millions of requests a day) is an option this question bank no longer has"));
    assert!(out.contains("Your earlier answer \"Enormous: millions of requests a day\" is not one this question offers any more; please answer again."));
    assert_eq!(r.unwrap(), "");
    let sheet = load(&path);
    assert_eq!(
        sheet.answers["scale.volume"].answer,
        Answer::Choice("medium".into())
    );
    assert!(sheet.answers.contains_key("privacy.cloud_ok"), "kept");
    assert!(sheet.complete);
}

#[test]
fn opening_for_review_starts_at_the_list() {
    let b = bank();
    let path = fixture("complete.json");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("complete.json");
    std::fs::copy(&path, &copy).unwrap();
    let mut input = Cursor::new("quit\n");
    let mut out = Vec::new();
    let opts = PlainOptions {
        echo: false,
        review_first: true,
    };
    plain::run_with(&b, resume(&b, &copy), &mut input, &mut out, opts).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("\nCheck your answers ("), "{out}");
    assert!(!out.contains("\nQuestion 1 of"), "{out}");
}

#[test]
fn a_change_that_brings_in_a_question_asks_it_then_returns_to_the_list() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let mut lines = STRAIGHT.to_vec();
    // On the review list: change "Commercial use" (16) to "Yes", which brings in "Monthly
    // revenue"; answer it; back on the list, Enter for the result.
    lines.extend(["16", "1", "0.5", ""]);
    let (out, r) = run(&b, new_session(&b, dir.path()), &lines);
    assert_eq!(r.unwrap(), "");
    let after_change = out
        .split("Change which answer (Enter for the result): 16")
        .nth(1)
        .unwrap();
    let asked = after_change
        .find("Question 18 of 30, Commercial use and licensing: Roughly how much revenue")
        .unwrap();
    let listed = after_change
        .find("Check your answers (28 of 28 answered")
        .unwrap();
    assert!(asked < listed, "{after_change}");
    let sheet = load(&dir.path().join("sheet.json"));
    assert_eq!(
        sheet.answers["commercial.is_commercial"].answer,
        Answer::Choice("yes".into())
    );
    assert_eq!(
        sheet.answers["commercial.monthly_revenue"].answer,
        Answer::Number(0.5)
    );
    assert!(sheet.complete);
}

/// A finished sheet copied into `dir` to review: its path and its bytes.
fn finished_sheet_in(dir: &Path) -> (PathBuf, Vec<u8>) {
    let original = dir.join("complete.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sheets/complete.json"),
        &original,
    )
    .unwrap();
    let bytes = std::fs::read(&original).unwrap();
    (original, bytes)
}

/// `weighup open FILE [--out COPY] --plain` on typed lines: the transcript.
fn review_typed(b: &Bank, original: &Path, copy: Option<PathBuf>, typed: &str) -> String {
    let mut out = Vec::new();
    plain::review(
        b,
        resume(b, original),
        copy,
        &mut Cursor::new(typed.to_string()),
        &mut out,
        true,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_reviewer_who_changes_nothing_writes_nothing() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let (original, before) = finished_sheet_in(dir.path());
    let copy = dir.path().join("review.json");
    // Enter on the list: the result, and nothing saved.
    let out = review_typed(&b, &original, Some(copy.clone()), "\n");
    assert!(out.contains("Recommendation: "), "{out}");
    assert!(
        out.ends_with("Nothing was changed, so nothing was saved.\n"),
        "{out}"
    );
    assert!(!copy.exists());
    // A change goes to the copy given (--out); the original stays as it was.
    // "Expected volume" is the 13th answer on the list.
    review_typed(&b, &original, Some(copy.clone()), "13\n1\nquit\n");
    assert_eq!(std::fs::read(&original).unwrap(), before);
    assert_eq!(
        load(&copy).answers["scale.volume"].answer,
        Answer::Choice("small".into())
    );
}

/// The one review-copy rule, the same as the full-screen app's: without --out, a reviewer's
/// changes go to FILE-reviewed.json next to the original (not to the data folder).
#[test]
fn a_reviewers_changes_go_next_to_the_original_as_in_the_full_screen_app() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let (original, before) = finished_sheet_in(dir.path());
    let copy = dir.path().join("complete-reviewed.json");
    let out = review_typed(&b, &original, None, "13\n1\nquit\n");
    assert!(
        out.contains(&format!(
            "Any answer you change is saved to a copy, {}; {} is left as it was.",
            copy.display(),
            original.display()
        )),
        "{out}"
    );
    assert_eq!(std::fs::read(&original).unwrap(), before);
    assert_eq!(
        load(&copy).answers["scale.volume"].answer,
        Answer::Choice("small".into())
    );
    assert_eq!(
        weighup::tui::review_copy_path(&original),
        dir.path().join("complete-reviewed-2.json"),
        "the next reviewer gets a new copy"
    );
}

/// The result part of a transcript: from "Here is the result" on.
fn result_part(out: &str) -> &str {
    &out[out.find("Here is the result, in short.").expect("a result")..]
}

#[test]
fn the_result_is_a_short_summary_in_words_with_the_rest_on_request() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let mut lines = STRAIGHT.to_vec();
    lines.push(""); // the review list: the result
    let (out, r) = run(&b, new_session(&b, dir.path()), &lines);
    r.unwrap();
    let eval = evaluate(&b, &load(&dir.path().join("sheet.json")).to_answers());
    let result = result_part(&out);
    let summary = &result[..result.find("For more, type").unwrap()];
    assert!(summary.contains(&format!("Recommendation: {}\n", eval.verdict_title)));
    assert!(summary.contains(&format!("How sure: {} out of 100.", eval.confidence)));
    assert!(summary.contains("The main reasons:\n"), "{summary}");
    let reasons = summary.matches("\n  - ").count();
    assert!(
        reasons <= 3 + eval.advice.len() + eval.plan.len() + eval.constraints.len(),
        "at most 3 reasons:\n{summary}"
    );
    let main_reasons = &summary[summary.find("The main reasons:\n").unwrap()..];
    let main_reasons = &main_reasons[..main_reasons.find("\n\n").unwrap()];
    assert!(
        (1..=3).contains(&main_reasons.matches("\n  - ").count()),
        "at most 3 reasons:\n{summary}"
    );
    // The plan: one line per part of the work, then what it rules out.
    assert!(summary.contains("\nThe plan:\n"), "{summary}");
    let plan = &summary[summary.find("\nThe plan:\n").unwrap() + 1..];
    let plan = &plan[..plan.find("\n\n").unwrap()];
    assert_eq!(
        plan.matches("\n  - ").count(),
        eval.plan.len() + eval.constraints.len(),
        "{plan}"
    );
    for (i, f) in eval.flags.iter().enumerate() {
        assert!(
            summary.contains(&format!("  {}. ", i + 1))
                && summary.contains(&f.title[..20.min(f.title.len())]),
            "flag {i} is one line in the summary:\n{summary}"
        );
    }
    assert!(!summary.contains("[BLOCKS]"), "{summary}");
    // Short: the summary fits on a couple of screens, besides the plan (which names who runs
    // what, one paragraph per part of the work).
    let short = summary.lines().count() - plan.lines().count();
    assert!(short < 45, "{short} lines besides the plan:\n{summary}");
    // No bars of # and no signed numbers anywhere in the result.
    assert!(!result.contains('#'), "{result}");
    for n in 1..=30 {
        assert!(
            !result.contains(&format!(" +{n}")) && !result.contains(&format!(" -{n}\n")),
            "{result}"
        );
    }
}

#[test]
fn details_flags_one_flag_and_the_glossary_come_when_asked() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let mut lines = STRAIGHT.to_vec();
    lines.extend(["", "details", "flag 1", "flags", "glossary", "nonsense", ""]);
    let (out, r) = run(&b, new_session(&b, dir.path()), &lines);
    r.unwrap();
    let result = result_part(&out);
    assert!(result.contains("How each trade-off pulled\n"), "{result}");
    assert!(
        result.contains("Privacy and data control: open weights, ")
            || result.contains("Privacy and data control: closed, ")
            || result.contains("Privacy and data control: balanced")
            || result.contains("Privacy and data control: not affected"),
        "the trade-offs in words:\n{result}"
    );
    assert!(
        result.contains("Why: every reason, strongest first"),
        "{result}"
    );
    assert!(
        result.contains("What would change the recommendation"),
        "{result}"
    );
    assert!(result.contains("Your answers\n"), "{result}");
    assert!(
        result.contains("Open-weights licences: which fit your answers\n"),
        "details give the licence shortlist: {result}"
    );
    assert!(result.contains("\n1. "), "a flag in full:\n{result}");
    assert!(result.contains("   Source: "), "{result}");
    assert!(result.contains("Glossary: the terms explained"), "{result}");
    assert!(
        result.contains("\nOpen weights\n  A model whose maker"),
        "{result}"
    );
    assert!(
        result.contains("\"nonsense\" is not one of these: type details, flags"),
        "{result}"
    );
    // Enter finished: no "read it later" line, the saved file and the report commands.
    assert!(!result.contains("To read the details"), "{result}");
    assert!(
        result.contains("Your answers are saved in:\n  "),
        "{result}"
    );
    // Every web address whole on its own line, never broken.
    for l in result.lines().filter(|l| l.contains("https://")) {
        assert!(l.trim_start().starts_with("https://"), "{l}");
    }
}

#[test]
fn help_at_a_question_explains_the_glossary_words_it_uses() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    // To "How much experience..." (ML operations in its "why we ask"), then help.
    let (out, _) = run(
        &b,
        new_session(&b, dir.path()),
        &["3", "2", "5", "1", "no", "", "2", "yes", "help"],
    );
    assert!(out.contains("In the glossary: ML operations: "), "{out}");
}

#[test]
fn a_scenario_card_is_named_by_its_title_and_exclusive_options_are_explained() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let opts = StartOptions {
        out: Some(dir.path().join("sheet.json")),
        scenario: Some("seed-saas".into()),
        ..StartOptions::default()
    };
    let started = session::start(&b, &opts, datetime!(2026-11-30 10:00:00 UTC)).unwrap();
    let (out, _) = run(&b, started, &["3", "2", "quit"]);
    assert!(
        out.contains("You are answering as the scenario card \"A seed-stage SaaS startup\"."),
        "{out}"
    );
    assert!(
        out.contains("(choose this one alone, not with others)"),
        "{out}"
    );
}
