//! The real binary in a pseudo-terminal: what a person sees (the screen parsed by vt100, never
//! the raw byte stream, since ratatui only redraws cells that changed), the files on disk,
//! and the terminal left behind after every kind of exit.
#![cfg(unix)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::files::{fixture, json};
use crate::support::pty::{Session, command, open, signal};

/// The saved sheets in the data folder.
fn sheets(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

/// Answers the question on screen the way a person would, reading the footer to know what
/// kind of question it is. Returns false when no question is shown.
fn answer_shown(s: &mut Session) -> bool {
    let Some(pos) = s.position() else {
        return false;
    };
    let screen = s.screen();
    if screen.contains("Space tick") {
        s.send(" \r");
    } else if screen.contains("↓ Not sure") {
        s.send("12\r");
    } else if screen.contains("Shift-Tab back") {
        s.send("Our note, typed in a terminal: q j k are letters here.\r");
    } else {
        s.send("1");
    }
    s.wait_for("the next screen", |t| {
        t.contains("Check your answers")
            || !t
                .lines()
                .next()
                .unwrap_or("")
                .contains(&format!("Question {} of {}", pos.0, pos.1))
    });
    true
}

#[test]
fn answer_everything_reach_the_result_and_find_the_saved_answers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("my-answers.json");
    let mut s = Session::start(dir.path(), &["--out", out.to_str().unwrap()], 24, 80);
    s.wait_text("Start the questionnaire");
    assert!(s.screen().contains("Nothing leaves this computer"));
    s.send("\r");
    s.wait_text("Question 1 of");
    let mut answered = 0;
    while answer_shown(&mut s) {
        answered += 1;
        assert!(answered < 40, "the questionnaire never ends");
    }
    s.wait_text("Check your answers");
    // It opens at the top: the first answer is focused; r shows the result.
    s.wait_text("> Data sensitivity");
    s.send("r");
    let result = s.wait_text("Recommendation:");
    assert!(result.contains("How clear:"), "{result}");
    // Scroll to the end of the result: the not-legal-advice line and the file.
    for _ in 0..30 {
        s.send("\x1b[6~");
    }
    let end = s.wait_text("This is not legal advice");
    assert!(end.contains("my-answers.json"), "{end}");
    s.send("q");
    s.wait_text("Quit weighup?");
    s.send("y");
    assert_eq!(s.wait_exit(), 0);
    // The verdict and the file stay in the scrollback after the app closes.
    let after = s.wait_text("weighup recommends:");
    assert!(after.contains("my-answers.json"), "{after}");

    let sheet = json(&out);
    assert_eq!(sheet["schema"], "weighup.answers/1");
    assert_eq!(sheet["complete"], true);
    let answers = sheet["answers"].as_object().unwrap();
    assert_eq!(
        answers.len(),
        answered,
        "one saved answer per question answered"
    );
    assert_eq!(
        answers["privacy.notes"]["answer"]["text"],
        "Our note, typed in a terminal: q j k are letters here."
    );
    assert!(sheet["result"]["verdict"].is_string());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the answers are private to the user");
    }
}

#[test]
fn resizing_at_any_moment_lays_the_screen_out_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &[], 24, 80);
    s.answer_first_question();
    s.resize(20, 60);
    let small = s.wait_for("the 60-column layout", |t| {
        t.lines()
            .next()
            .is_some_and(|l| l.starts_with(" Data and privacy"))
    });
    assert!(small.contains("Section 1 of 6 · Question 2 of"), "{small}");
    for line in small.lines() {
        assert!(
            line.chars().count() <= 60,
            "a line is wider than the window: {line}"
        );
    }
    s.resize(12, 40);
    s.wait_text("Please enlarge it to");
    s.resize(40, 120);
    let big = s.wait_text("Why we ask:");
    let first = big.lines().next().unwrap();
    assert!(first.starts_with(" weighup · Data and privacy"), "{big}");
    // "Why we ask" sits beside the question on a wide window.
    let why = big.lines().find(|l| l.contains("Why we ask:")).unwrap();
    assert!(why.find("Why we ask:").unwrap() > 70, "{big}");
    // Keys still work after all that.
    s.send("1");
    s.wait_text("Question 3 of");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 130);
}

#[test]
fn killed_mid_way_then_resumed_with_every_answer_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &[], 24, 80);
    s.start_questions();
    s.send("3"); // personal information
    s.wait_text("Question 2 of");
    s.send("5"); // never outside our buildings
    s.wait_text("Question 3 of");
    s.send("12\r"); // health, and banking
    s.wait_text("Question 4 of");
    s.send("4\r"); // guarantees: a data processing agreement
    s.wait_text("Question 5 of");
    s.send("1"); // privacy promise: yes
    s.wait_text("Question 6 of");
    s.send("\t"); // no note
    s.wait_text("Question 7 of");
    s.send("2"); // GPUs rented from a cloud
    s.wait_text("Question 8 of");
    s.send("2"); // no cloud agreement
    s.wait_text("Question 9 of");
    // SIGKILL: no chance to clean up. The answers must already be on disk.
    s.child.kill().unwrap();
    s.wait_exit();
    drop(s);
    let files = sheets(dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let saved = json(&files[0]);
    let ids: Vec<&String> = saved["answers"].as_object().unwrap().keys().collect();
    assert_eq!(
        ids,
        [
            "infrastructure.cloud_agreement",
            "infrastructure.gpus",
            "privacy.data_location",
            "privacy.data_sensitivity",
            "privacy.guarantees",
            "privacy.promise",
            "privacy.regulation"
        ]
    );

    // Start again with --resume FILE: everything is there.
    let file = files[0].to_str().unwrap().to_string();
    let mut s = Session::start(dir.path(), &["--resume", &file], 24, 80);
    s.wait_text("> Continue where you left off (7 of 27 answered)");
    s.send("\r");
    let q = s.wait_text("Question 9 of");
    assert!(q.contains("How much experience"), "{q}");
    s.send("c");
    s.wait_text("Check your answers");
    s.send("\x1b[H"); // Home
    let check = s.wait_for("the top of the check screen", |t| {
        t.contains("Data sensitivity")
    });
    // (Long answers wrap inside their column.)
    for answer in [
        "Personal information about customers or",
        "Never outside our own buildings or",
        "Health and care; Banking, insurance or",
        "Yes, we rent them from a cloud provider",
    ] {
        assert!(check.contains(answer), "{answer}: {check}");
    }
    assert!(
        check.contains("> In-house AI skills         Not answered yet"),
        "{check}"
    );
    s.send("q");
    s.wait_text("Quit weighup?");
    s.send("y");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(
        sheets(dir.path()).len(),
        1,
        "resuming wrote to the same file"
    );
}

#[test]
fn the_welcome_screen_offers_to_continue_an_unfinished_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &[], 24, 80);
    s.answer_first_question();
    s.send("\x03");
    assert_eq!(s.wait_exit(), 130);
    drop(s);
    let mut s = Session::start(dir.path(), &[], 24, 80);
    s.wait_text("> Continue your unfinished answers from");
    s.wait_text("(1 of 27");
    s.send("\r");
    s.wait_text("Question 2 of");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 130);
}

#[test]
fn with_card_label_and_out_enter_plays_them_even_with_an_unfinished_sheet_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    // An old personal sheet, left unfinished.
    let mut s = Session::start(dir.path(), &[], 24, 80);
    s.answer_first_question();
    s.send("\x03");
    assert_eq!(s.wait_exit(), 130);
    drop(s);
    let old = sheets(dir.path());
    assert_eq!(old.len(), 1);
    let before = std::fs::read(&old[0]).unwrap();

    let out = dir.path().join("room").join("scratch.json");
    std::fs::create_dir(dir.path().join("room")).unwrap();
    let out_s = out.to_str().unwrap();
    let mut s = Session::start(
        dir.path(),
        &[
            "--scenario",
            "seed-saas",
            "--label",
            "Team Z",
            "--out",
            out_s,
        ],
        24,
        80,
    );
    let welcome = s.wait_text("> Start as Team Z:");
    assert!(!welcome.contains("Continue your unfinished"), "{welcome}");
    assert!(welcome.contains("Your label: Team Z"), "{welcome}");
    s.send("\r");
    s.wait_text("Seed-stage");
    s.send("\r");
    s.wait_text("Question 1 of");
    s.send("1");
    s.wait_text("Question 2 of");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 130);
    let sheet = json(&out);
    assert_eq!(sheet["scenario"], "seed-saas");
    assert_eq!(sheet["respondent"], "Team Z");
    assert_eq!(
        std::fs::read(&old[0]).unwrap(),
        before,
        "the old sheet is untouched"
    );
}

#[test]
fn the_too_small_screen_answers_nothing_and_q_quits_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("small.json");
    let mut s = Session::start(dir.path(), &["--out", out.to_str().unwrap()], 24, 80);
    s.start_questions();
    s.send("3");
    s.wait_text("Question 2 of");
    s.resize(12, 45);
    s.wait_text("Please");
    // Digits, Enter and Space would answer questions nobody can see: they do nothing.
    s.send("12 \r");
    std::thread::sleep(Duration::from_millis(300));
    s.resize(24, 80);
    s.wait_text("Question 2 of");
    s.resize(12, 45);
    s.wait_text("Please");
    s.send("q");
    assert_eq!(
        s.wait_exit(),
        0,
        "q quits at once: no dialog that cannot be seen"
    );
    let sheet = json(&out);
    let answers = sheet["answers"].as_object().unwrap();
    assert_eq!(
        answers.len(),
        1,
        "only the answer given before: {answers:?}"
    );
}

#[test]
fn sigterm_leaves_the_terminal_in_cooked_mode_with_the_cursor_visible() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &[], 24, 80);
    s.wait_text("Start the questionnaire");
    // While the app runs, the terminal is raw, on the alternate screen, with bracketed paste.
    assert_eq!(s.line_modes(), (false, false), "raw mode while running");
    {
        let p = s.parser.lock().unwrap();
        assert!(p.screen().alternate_screen());
        assert!(p.screen().bracketed_paste());
    }
    s.send("\r");
    s.wait_text("Question 1 of");
    s.send("1");
    s.wait_text("Question 2 of");
    s.send("5"); // never outside our buildings: settles it for open weights, so far
    s.wait_text("Question 3 of");
    signal(s.pid(), "TERM");
    assert_eq!(
        s.wait_exit(),
        143,
        "128 + SIGTERM, as in the plain mode and compare view"
    );
    let raw = s.raw_after_exit();
    // Cooked mode again: line editing and echo.
    assert_eq!(s.line_modes(), (true, true), "cooked mode after SIGTERM");
    // The parsed terminal: main screen, cursor shown, paste mode off.
    let p = s.parser.lock().unwrap();
    assert!(!p.screen().alternate_screen(), "left the alternate screen");
    assert!(!p.screen().hide_cursor(), "the cursor is visible");
    assert!(!p.screen().bracketed_paste(), "bracketed paste is off");
    // And the restore sequences are the last thing the app wrote before its summary.
    let text = String::from_utf8_lossy(&raw);
    let leave = text
        .rfind("\x1b[?1049l")
        .expect("leaves the alternate screen");
    let show = text.rfind("\x1b[?25h").expect("shows the cursor");
    assert!(
        show < leave,
        "the cursor is shown before leaving the alternate screen"
    );
    assert!(
        !text[leave..].contains("\x1b[?25l"),
        "nothing hides the cursor afterwards"
    );
    assert!(
        p.screen()
            .contents()
            .contains("So far, weighup leans toward:")
    );
}

#[test]
fn ctrl_c_quits_at_once_saved_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &[], 24, 80);
    s.start_questions();
    s.send("4");
    s.wait_text("Question 2 of");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 130);
    let raw = s.raw_after_exit();
    assert_eq!(s.line_modes(), (true, true));
    let after = s.screen();
    assert!(after.contains("Your answers are saved in:"), "{after}");
    assert!(
        after.contains("To continue later:\n  weighup --resume"),
        "{after}"
    );
    let files = sheets(dir.path());
    // On a terminal, the saved file's name is a clickable link to it (OSC 8).
    let link = format!("\u{1b}]8;;file://{}", files[0].display());
    assert!(
        String::from_utf8_lossy(&raw).contains(&link),
        "the path is a link: {link:?}"
    );
    assert_eq!(
        json(&files[0])["answers"]["privacy.data_sensitivity"]["answer"]["choice"],
        "special"
    );
}

#[test]
fn sighup_ends_the_app_with_the_answers_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &[], 24, 80);
    s.answer_first_question();
    signal(s.pid(), "HUP");
    assert_eq!(s.wait_exit(), 129);
    s.raw_after_exit();
    assert_eq!(s.line_modes(), (true, true));
    assert_eq!(sheets(dir.path()).len(), 1);
}

#[test]
fn a_paste_is_inserted_once_and_its_newline_does_not_submit() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &[], 24, 80);
    s.start_questions();
    s.send("1");
    s.send("1");
    s.send("5\r"); // none of these
    s.wait_text("Question 4 of");
    s.send("1"); // privacy promise: yes
    s.wait_text("Question 5 of");
    s.send("\x1b[200~Client A:\nno data abroad\x1b[201~");
    let screen = s.wait_text("Client A: no data abroad");
    assert_eq!(screen.matches("Client A").count(), 1, "{screen}");
    assert!(
        screen.contains("Question 5 of"),
        "the newline did not submit: {screen}"
    );
    s.send("\r");
    s.wait_text("Question 6 of");
    s.send("\x03");
    s.wait_exit();
    let saved = json(&sheets(dir.path())[0]);
    assert_eq!(
        saved["answers"]["privacy.notes"]["answer"]["text"],
        "Client A: no data abroad"
    );
}

#[test]
fn no_color_means_no_colour_on_screen_and_focus_still_shows() {
    let colourful = |env: &[(&str, &str)]| -> (bool, bool) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start_env(dir.path(), &[], 24, 80, env);
        s.wait_text("Start the questionnaire");
        s.send("\r");
        s.wait_text("Question 1 of");
        let (coloured, inverse) = {
            let p = s.parser.lock().unwrap();
            let screen = p.screen();
            let mut coloured = false;
            let mut inverse = false;
            for row in 0..24 {
                for col in 0..80 {
                    let c = screen.cell(row, col).unwrap();
                    coloured |= c.fgcolor() != vt100::Color::Default
                        || c.bgcolor() != vt100::Color::Default;
                    inverse |= c.inverse();
                }
            }
            (coloured, inverse)
        };
        s.send("\x03");
        s.wait_exit();
        (coloured, inverse)
    };
    assert_eq!(colourful(&[]), (true, true), "colours by default");
    assert_eq!(
        colourful(&[("NO_COLOR", "1")]),
        (false, true),
        "no colour with NO_COLOR, and the focus is still in reverse video"
    );
}

#[test]
fn in_a_note_q_types_and_esc_asks_before_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &[], 24, 80);
    s.wait_text("Start the questionnaire");
    s.send("\r");
    s.send("1");
    s.send("1");
    s.send("5\r");
    s.wait_text("Question 4 of");
    s.send("1"); // privacy promise: yes
    s.wait_text("Question 5 of");
    s.send("quick");
    s.wait_text("│quick");
    s.send("\x1b");
    s.wait_text("Quit weighup?");
    s.send("n");
    s.wait_for("the quit box to close", |t| !t.contains("Quit weighup?"));
    s.send("\x03");
    assert_eq!(s.wait_exit(), 130);
}

#[test]
fn reviewing_a_finished_sheet_keeps_the_original_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("team.json");
    // Fill in a sheet first.
    let mut s = Session::start(dir.path(), &["--out", out.to_str().unwrap()], 24, 80);
    s.start_questions();
    while answer_shown(&mut s) {}
    s.send("q");
    s.wait_text("Quit weighup?");
    s.send("y");
    assert_eq!(s.wait_exit(), 0);
    drop(s);
    let original = std::fs::read_to_string(&out).unwrap();

    // Open it: lands on the result; change the first answer.
    let mut s = Session::start(dir.path(), &["open", out.to_str().unwrap()], 24, 80);
    s.wait_text("Recommendation:");
    s.send("c");
    s.wait_text("Check your answers");
    s.send("\x1b[H\r");
    s.wait_text("What is the most sensitive information");
    s.send("4");
    s.wait_text("Check your answers");
    s.send("r");
    s.wait_text("Recommendation:");
    for _ in 0..30 {
        s.send("\x1b[6~");
    }
    let end = s.wait_text("team-reviewed.json");
    assert!(end.contains("The original is unchanged"), "{end}");
    s.send("q");
    s.wait_text("Quit weighup?");
    s.send("y");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        original,
        "the original is untouched"
    );
    let copy = json(dir.path().join("team-reviewed.json"));
    assert_eq!(
        copy["answers"]["privacy.data_sensitivity"]["answer"]["choice"],
        "special"
    );
}

/// When the terminal itself goes away (its window closed, tmux killed), weighup must end
/// promptly with the answers saved, not stay behind spinning on a dead terminal.
#[test]
fn closing_the_terminal_ends_the_app_promptly() {
    let dir = tempfile::tempdir().unwrap();
    let pty = open(24, 80);
    let mut child = pty
        .slave
        .spawn_command(command(&[], Some(dir.path()), &[]))
        .unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    // Read until the welcome screen is up, then let go of the reading end.
    let seen = std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(24, 80, 0);
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                return false;
            }
            parser.process(&buf[..n]);
            if parser
                .screen()
                .contents()
                .contains("Start the questionnaire")
            {
                return true;
            }
        }
        false
    })
    .join()
    .unwrap();
    assert!(seen, "the welcome screen appeared");
    // Start, and answer the first question so there is a sheet on disk.
    writer.write_all(b"\r").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    writer.write_all(b"2").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    // Close every handle on the terminal: the system hangs it up.
    drop(writer);
    drop(pty.master);
    let end = Instant::now() + Duration::from_secs(5);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > end {
            let _ = child.kill();
            panic!("weighup was still running 5 s after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(sheets(dir.path()).len(), 1, "the answers file is there");
}

/// A flag's source address is a clickable link (OSC 8) on a terminal that shows links, drawn
/// over the same characters; `WEIGHUP_LINKS=0` leaves the screen without any link.
#[test]
fn web_addresses_on_the_flag_screen_are_clickable_unless_links_are_off() {
    let url = "https://github.com/meta-llama/llama-models/blob/a9c89c471f793423afd4cc3ca8671d6e56fe64cb/models/llama4/USE_POLICY.md";
    let open = format!("\x1b]8;;{url}\x1b\\");
    for links in ["1", "0"] {
        let dir = tempfile::tempdir().unwrap();
        let sheet = dir.path().join("team.json");
        std::fs::copy(fixture("complete.json"), &sheet).unwrap();
        let mut s = Session::start_env(
            dir.path(),
            &["open", sheet.to_str().unwrap()],
            50,
            160,
            &[("WEIGHUP_LINKS", links)],
        );
        s.wait_text("Recommendation:");
        s.send("\t");
        s.wait_text("Tab next flag");
        s.send("\r");
        // The address whole on screen: the link sequences left no trace in the text.
        let screen = s.wait_text(url);
        assert!(screen.contains(&format!("   {url}\n")), "{screen}");
        // The help gives the address whole, broken over rows in its narrower box.
        s.send("?");
        s.wait_text("Help");
        s.send(&"\x1b[6~".repeat(6));
        s.wait_text("In full (to copy)");
        s.send("\x1b");
        s.wait_for("the help closed", |t| !t.contains("In full"));
        s.send("q");
        s.wait_text("Quit weighup?");
        s.send("y");
        assert_eq!(s.wait_exit(), 0);
        let raw = String::from_utf8_lossy(&s.raw_after_exit()).into_owned();
        if links == "1" {
            let at = raw.find(&open).expect("the address is a link");
            let close = raw[at..]
                .find("\x1b]8;;\x1b\\")
                .expect("the link is closed");
            // Between the two: the address's characters, in their colours, nothing else.
            let inside = &raw[at + open.len()..at + close];
            let text: String =
                inside
                    .split("\x1b[")
                    .enumerate()
                    .fold(String::new(), |mut t, (i, part)| {
                        let rest = if i == 0 {
                            part
                        } else {
                            part.trim_start_matches(|c: char| c.is_ascii_digit() || c == ';')
                                .get(1..)
                                .unwrap_or("")
                        };
                        t.push_str(rest);
                        t
                    });
            assert_eq!(text, url, "{inside:?}");
            // In the help, a piece that does not start the address links to all of it.
            let continued = raw.match_indices(&open).any(|(i, _)| {
                let after = &raw[i + open.len()..];
                let mut text = after;
                while let Some(rest) = text.strip_prefix("\x1b[") {
                    let end = rest.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(0);
                    text = &rest[end + 1..];
                }
                !text.starts_with("https://") && url.contains(&text[..8])
            });
            assert!(continued, "no link on the address's second row in the help");
        } else {
            assert!(
                !raw.contains("\x1b]8;"),
                "no link at all with WEIGHUP_LINKS=0"
            );
        }
    }
}
