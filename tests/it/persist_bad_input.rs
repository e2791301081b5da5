//! Every kind of bad answer-sheet file gets a clear message naming the file and the place
//! (line:column), exit code 2, and the file is left exactly as it was: same bytes, same
//! modification time, and nothing written next to it.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rstest::rstest;

use crate::support::cmd::weighup_in as weighup;
use crate::support::files::fixture;

/// A copy of a fixture in its own folder, and what it looked like before.
struct Guarded {
    _dir: tempfile::TempDir,
    path: PathBuf,
    bytes: Vec<u8>,
    modified: SystemTime,
}

impl Guarded {
    fn new(fixture_name: &str) -> Guarded {
        let dir = tempfile::tempdir().unwrap();
        let name = Path::new(fixture_name).file_name().unwrap();
        let path = dir.path().join(name);
        std::fs::copy(fixture(fixture_name), &path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        Guarded {
            _dir: dir,
            path,
            bytes,
            modified,
        }
    }

    fn assert_untouched(&self) {
        assert_eq!(
            std::fs::read(&self.path).unwrap(),
            self.bytes,
            "{} was changed",
            self.path.display()
        );
        assert_eq!(
            std::fs::metadata(&self.path).unwrap().modified().unwrap(),
            self.modified,
            "{} was written to",
            self.path.display()
        );
        let names: Vec<_> = std::fs::read_dir(self.path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "files appeared next to it: {names:?}");
    }
}

/// (fixture, line:column, what the message says)
const BAD_SHEETS: &[(&str, &str, &str)] = &[
    ("bad/empty.json", "1:1", "the file is empty"),
    ("bad/blank.json", "1:1", "the file is empty"),
    (
        "bad/truncated.json",
        "24:1",
        "the file ends too early (it looks cut off or empty)",
    ),
    ("bad/not-json.json", "1:1", "this is not valid JSON"),
    (
        "bad/binary.json",
        "1:41",
        "this is not a text file (it has bytes that are not UTF-8 text)",
    ),
    (
        "bad/array.json",
        "1:1",
        "this is JSON, but a list, not a weighup answer sheet",
    ),
    (
        "bad/no-schema.json",
        "1:1",
        "this is JSON, but not a weighup answer sheet (it has no \"schema\" field)",
    ),
    (
        "bad/other-schema.json",
        "3:3",
        "\"schema\" is \"https://example.org/notes.schema.json\", which is not a weighup answer sheet",
    ),
    (
        "bad/wrong-type.json",
        "11:18",
        "invalid type: string \"no\", expected a boolean",
    ),
    (
        "bad/bad-answer.json",
        "16:16",
        "unknown variant `colour`, expected one of `choice`, `choices`, `number`, `text`, `not_sure`",
    ),
    (
        "future.json",
        "2:3",
        "this answer sheet was made by a newer weighup (0.9.0): it is in format weighup.answers/2, and this weighup (0.1.0) reads up to weighup.answers/1",
    ),
    (
        "never-written.json",
        "2:3",
        "weighup never wrote schema weighup.answers/0, so it cannot read it",
    ),
];

fn check_message(stderr: &str, path: &Path, place: &str, message: &str) {
    let want = format!("weighup: {}:{place}: {message}", path.display());
    assert!(stderr.contains(&want), "expected\n  {want}\nin\n  {stderr}");
    assert!(stderr.contains("\n    fix: "), "no fix in: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[rstest]
fn resuming_a_bad_sheet_names_the_place_and_leaves_it_alone(
    #[values(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)] case: usize,
) {
    let (name, place, message) = BAD_SHEETS[case];
    let file = Guarded::new(name);
    let data = tempfile::tempdir().unwrap();
    let out = weighup(data.path())
        .arg("--plain")
        .arg("--resume")
        .arg(&file.path)
        .write_stdin("1\n")
        .assert()
        .code(2)
        .get_output()
        .clone();
    check_message(
        &String::from_utf8_lossy(&out.stderr),
        &file.path,
        place,
        message,
    );
    assert!(out.stdout.is_empty(), "nothing was asked");
    file.assert_untouched();
    assert_eq!(std::fs::read_dir(data.path()).unwrap().count(), 0);
}

#[rstest]
fn reporting_on_a_bad_sheet_names_the_place_and_leaves_it_alone(
    #[values(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)] case: usize,
    #[values("text", "md", "json", "html")] format: &str,
) {
    let (name, place, message) = BAD_SHEETS[case];
    let file = Guarded::new(name);
    let data = tempfile::tempdir().unwrap();
    let out = weighup(data.path())
        .arg("report")
        .arg(&file.path)
        .args(["--format", format])
        .assert()
        .code(2)
        .get_output()
        .clone();
    check_message(
        &String::from_utf8_lossy(&out.stderr),
        &file.path,
        place,
        message,
    );
    assert!(out.stdout.is_empty());
    file.assert_untouched();
}

#[test]
fn a_simple_answers_file_is_reported_on_but_cannot_be_resumed() {
    let file = Guarded::new("bad/simple-answers.json");
    let data = tempfile::tempdir().unwrap();
    let out = weighup(data.path())
        .arg("--resume")
        .arg(&file.path)
        .assert()
        .code(2)
        .get_output()
        .clone();
    check_message(
        &String::from_utf8_lossy(&out.stderr),
        &file.path,
        "1:1",
        "this is JSON with answers, but not a saved answer sheet (it has no \"schema\" field); `weighup report` reads such a file, but it cannot be resumed",
    );
    weighup(data.path())
        .arg("report")
        .arg(&file.path)
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "Data sensitivity: Personal information",
        ));
    file.assert_untouched();
}

#[test]
fn a_missing_file_is_named() {
    let data = tempfile::tempdir().unwrap();
    let missing = data.path().join("no-such-sheet.json");
    for args in [vec!["--resume"], vec!["report"]] {
        let out = weighup(data.path())
            .args(&args)
            .arg(&missing)
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!(
                "weighup: {}: cannot read this file:",
                missing.display()
            )),
            "{err}"
        );
    }
    assert!(!missing.exists());
}

#[test]
fn a_new_questionnaire_never_writes_over_an_existing_file() {
    for (name, says) in [
        (
            "bad/no-schema.json",
            "exists and is not a weighup answer sheet, so weighup will not write over it",
        ),
        (
            "bad/truncated.json",
            "exists and is not a weighup answer sheet, so weighup will not write over it",
        ),
        (
            "complete.json",
            "already holds an answer sheet, and a new questionnaire would replace it",
        ),
    ] {
        let file = Guarded::new(name);
        let data = tempfile::tempdir().unwrap();
        let out = weighup(data.path())
            .arg("--plain")
            .arg("--out")
            .arg(&file.path)
            .write_stdin("1\n2\n")
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("weighup: {} {says}", file.path.display())),
            "{err}"
        );
        assert!(err.contains("fix: "), "{err}");
        assert!(out.stdout.is_empty(), "no question was asked");
        file.assert_untouched();
    }
}

#[test]
fn resume_with_no_file_says_when_there_is_nothing_to_resume() {
    let data = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("complete.json"), data.path().join("done.json")).unwrap();
    let out = weighup(data.path())
        .args(["--plain", "--resume"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "weighup: there is no unfinished answer sheet among the {} most recently saved in {}",
            weighup::persist::RESUME_SCAN,
            data.path().display()
        )),
        "{err}"
    );
}
