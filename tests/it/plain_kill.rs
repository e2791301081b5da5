//! A plain-mode run cut short (killed with SIGKILL, or ended by a signal) loses no
//! answer given before, and `--resume FILE` goes on from there.
#![cfg(unix)]

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use weighup::answers::Answer;
use weighup::persist;

const DEADLINE: Duration = Duration::from_secs(20);

fn spawn(data: &Path, args: &[&str]) -> Child {
    Command::new(crate::support::cmd::BIN)
        .args(args)
        .env("WEIGHUP_DATA_DIR", data)
        .env_remove("ACCESSIBLE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Reads a child's output on a thread, so it never blocks on a full pipe.
fn drain(mut from: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = from.read_to_string(&mut s);
        s
    })
}

/// Waits until the saved sheet holds `n` answers.
fn wait_for_answers(path: &Path, n: usize) {
    let start = Instant::now();
    loop {
        if persist::load(path).is_ok_and(|s| s.answers.len() >= n) {
            return;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "the sheet never showed {n} answers"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn type_line(stdin: &mut ChildStdin, line: &str) {
    stdin.write_all(format!("{line}\n").as_bytes()).unwrap();
    stdin.flush().unwrap();
}

/// What is typed, the question it answers, and the answer saved.
type Given = (&'static str, &'static str, fn() -> Answer);

/// The first answers.
const BEFORE: &[Given] = &[
    ("3", "privacy.data_sensitivity", || {
        Answer::Choice("personal".into())
    }),
    ("2", "privacy.data_location", || {
        Answer::Choice("contract".into())
    }),
    ("1,3", "privacy.regulation", || {
        Answer::Choices(vec!["health".into(), "public_sector".into()])
    }),
    ("1 2", "privacy.guarantees", || {
        Answer::Choices(vec!["no_training".into(), "no_retention".into()])
    }),
    ("no", "privacy.promise", || Answer::Choice("no".into())),
    ("Clinic letters only", "privacy.notes", || {
        Answer::Text("Clinic letters only".into())
    }),
    ("not sure", "infrastructure.gpus", || Answer::NotSure),
];

#[test]
fn killed_half_way_then_resumed_loses_no_answer() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("sheet.json");
    let mut child = spawn(data.path(), &["--plain", "--out", path.to_str().unwrap()]);
    let out = drain(child.stdout.take().unwrap());
    let mut stdin = child.stdin.take().unwrap();
    for (n, (line, _, _)) in BEFORE.iter().enumerate() {
        type_line(&mut stdin, line);
        wait_for_answers(&path, n + 1);
    }
    child.kill().unwrap(); // SIGKILL: no chance to clean up.
    let status = child.wait().unwrap();
    assert!(!status.success());
    let transcript = out.join().unwrap();
    // Question 7 was on screen when its answer was typed (what came after may not be).
    assert!(transcript.contains("Question 7 of 29"), "{transcript}");

    // Every answer given before the kill is on disk, and the file is a whole sheet.
    let sheet = persist::load(&path).unwrap();
    for (_, id, answer) in BEFORE {
        assert_eq!(sheet.answers[*id].answer, answer(), "{id}");
    }
    // The session's reservation (.sheet.json.lock) stays after SIGKILL; it names a process
    // that has ended, so the resume below takes it over. The data folder's index of the
    // latest unfinished sheet is there too.
    let leftovers: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != ".sheet.json.lock" && n.to_str() != Some(persist::LATEST_INDEX))
        .collect();
    assert_eq!(leftovers, vec!["sheet.json"], "no temporary file is left");

    // Resume: it goes on at question 8, and the earlier answers are all still there.
    let mut child = spawn(
        data.path(),
        &["--plain", "--resume", path.to_str().unwrap()],
    );
    let out = drain(child.stdout.take().unwrap());
    let err = drain(child.stderr.take().unwrap());
    let mut stdin = child.stdin.take().unwrap();
    type_line(&mut stdin, "yes");
    type_line(&mut stdin, "quit");
    drop(stdin);
    let status = child.wait().unwrap();
    let transcript = out.join().unwrap();
    assert!(status.success(), "{}", err.join().unwrap());
    assert!(
        transcript.contains("6 of 27 questions answered and 1 note, last saved"),
        "{transcript}"
    );
    assert!(
        transcript.contains("\nQuestion 8 of 29, Infrastructure and skills:"),
        "{transcript}"
    );
    let sheet = persist::load(&path).unwrap();
    for (_, id, answer) in BEFORE {
        assert_eq!(sheet.answers[*id].answer, answer(), "{id}");
    }
    assert_eq!(
        sheet.answers["infrastructure.cloud_agreement"].answer,
        Answer::Choice("yes".into())
    );
}

/// Ctrl-C, a polite kill, a hang-up and Ctrl-\ each say where the answers are and exit 128 + the
/// signal, as the full-screen app and the comparison view do.
#[rstest::rstest]
#[case::ctrl_c("INT", 130)]
#[case::sigterm("TERM", 143)]
#[case::sighup("HUP", 129)]
#[case::sigquit("QUIT", 131)]
fn a_signal_says_where_the_answers_are_and_exits_128_plus_it(
    #[case] signal: &str,
    #[case] code: i32,
) {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("sheet.json");
    let mut child = spawn(data.path(), &["--plain", "--out", path.to_str().unwrap()]);
    let out = drain(child.stdout.take().unwrap());
    let err = drain(child.stderr.take().unwrap());
    let mut stdin = child.stdin.take().unwrap();
    type_line(&mut stdin, "3");
    type_line(&mut stdin, "2");
    wait_for_answers(&path, 2);
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    drop(stdin);
    let _ = out.join();
    let err = err.join().unwrap();
    assert_eq!(status.code(), Some(code), "SIG{signal}: {err}");
    assert!(
        err.contains(&format!(
            "weighup: interrupted. Your answers are saved in {}; continue with: weighup --resume {}",
            path.display(),
            path.display()
        )),
        "{err}"
    );
    assert_eq!(persist::load(&path).unwrap().answers.len(), 2);
}
