//! The licence shortlist in the full-screen app: `l` on the result opens every open-weights
//! licence family with how it fits the answers; each family shows its reasons, duties,
//! models and conditions with sources; Esc closes it.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use time::macros::datetime;
use weighup::answers::Answers;
use weighup::session::Started;
use weighup::sheet::Sheet;
use weighup::tui::app::Overlay;
use weighup::tui::{App, TuiOptions, action_for};
use weighup::{Bank, evaluate};

fn example(bank: &Bank, name: &str) -> Answers {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    Answers::from_simple_json(bank, &path.display().to_string(), &text).unwrap()
}

fn result_app(bank: &Bank, answers: &Answers) -> App {
    let now = datetime!(2026-11-30 14:12 UTC);
    let mut sheet = Sheet::new(bank, now);
    for (id, a) in answers.iter() {
        sheet.set_answer(bank, id, a.clone(), now);
    }
    let started = Started {
        sheet,
        path: PathBuf::from("/tmp/answers.json"),
        notices: Vec::new(),
        resumed: true,
    };
    App::new(
        bank,
        started,
        TuiOptions {
            review: true,
            ..TuiOptions::default()
        },
        now,
    )
}

fn press(app: &mut App, code: KeyCode) {
    if let Some(a) = action_for(app, KeyEvent::new(code, KeyModifiers::NONE)) {
        let _ = app.update(a);
    }
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| weighup::tui::draw(f, app)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn l_on_the_result_opens_the_licence_shortlist_and_each_family_shows_its_conditions() {
    let bank = Bank::builtin().unwrap();
    let answers = example(&bank, "hospital");
    let eval = evaluate(&bank, &answers);
    let mut app = result_app(&bank, &answers);
    let _ = app.update(weighup::tui::Action::Resize(100, 30));
    assert!(
        screen(&app, 100, 30).contains("l licences"),
        "the footer names the key"
    );
    press(&mut app, KeyCode::Char('l'));
    assert!(matches!(
        app.overlay(),
        Some(Overlay::Licences { cursor: 0, .. })
    ));
    let first = &eval.licence_fit[0];
    let s = screen(&app, 100, 30);
    assert!(s.contains("Open-weights licences"), "{s}");
    assert!(s.contains("Its conditions"), "{s}");
    assert!(s.contains(&first.name[..20.min(first.name.len())]), "{s}");
    // Down moves to the next family, whose name is then shown in full in the details.
    press(&mut app, KeyCode::Down);
    assert!(matches!(
        app.overlay(),
        Some(Overlay::Licences { cursor: 1, .. })
    ));
    let second = &eval.licence_fit[1];
    assert!(screen(&app, 100, 30).contains(&second.name[..20.min(second.name.len())]));
    // A ruled-out family says why.
    let ruled = eval
        .licence_fit
        .iter()
        .position(|f| f.status == weighup::catalogue::FitStatus::RuledOut);
    if let Some(i) = ruled {
        for _ in 1..i {
            press(&mut app, KeyCode::Down);
        }
        assert!(screen(&app, 100, 30).contains("Ruled out"));
    }
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay().is_none());
}

#[test]
fn the_shortlist_fits_a_small_window_without_panicking() {
    let bank = Bank::builtin().unwrap();
    let answers = example(&bank, "seed-startup");
    let mut app = result_app(&bank, &answers);
    for (w, h) in [(50, 15), (60, 20), (80, 24), (200, 60)] {
        let _ = app.update(weighup::tui::Action::Resize(w, h));
        press(&mut app, KeyCode::Char('l'));
        for _ in 0..40 {
            press(&mut app, KeyCode::Down);
            press(&mut app, KeyCode::PageDown);
        }
        let s = screen(&app, w, h);
        assert!(s.contains("licence") || s.contains("Licence"), "{w}x{h}");
        press(&mut app, KeyCode::Esc);
    }
}

#[test]
fn text_from_a_sheet_never_reaches_the_screen_with_control_or_bidi_characters() {
    let bank = Bank::builtin().unwrap();
    let mut answers = example(&bank, "hospital");
    let evil = "see \u{202e}txt.exe\u{202c} and \u{1b}]0;owned\u{7} \u{2066}x\u{2069}";
    answers.set("privacy.notes", weighup::answers::Answer::Text(evil.into()));
    let mut app = result_app(&bank, &answers);
    let _ = app.update(weighup::tui::Action::Resize(100, 40));
    press(&mut app, KeyCode::Char('c'));
    let s = screen(&app, 100, 40);
    assert!(s.contains("see"), "the note is shown: {s}");
    assert!(
        !weighup::text::has_unsafe(&s),
        "no control or bidi character on screen: {s:?}"
    );
}

#[test]
fn a_pasted_note_with_control_or_bidi_characters_is_drawn_without_them() {
    let bank = Bank::builtin().unwrap();
    let answers = example(&bank, "hospital");
    let mut app = result_app(&bank, &answers);
    let _ = app.update(weighup::tui::Action::Resize(100, 40));
    // From the check screen to the first note, then paste into its field.
    press(&mut app, KeyCode::Char('c'));
    for _ in 0..40 {
        if screen(&app, 100, 40).contains("> Data notes") {
            break;
        }
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let _ = app.update(weighup::tui::Action::Paste(
        "abc \u{202e}fdp.exe\u{202c} \u{1b}[2J def".into(),
    ));
    let s = screen(&app, 100, 40);
    assert!(s.contains("abc"), "the pasted text is shown: {s}");
    assert!(!weighup::text::has_unsafe(&s), "{s:?}");
}
