//! The full-screen app without a terminal: keys to actions, updates, every screen and overlay
//! rendered with ratatui's `TestBackend` (insta snapshots at 80x24 and 60x20, and with the
//! no-colour theme), and journeys from the welcome screen to the result.
//!
//! Most screens use the built-in question bank. Screens that show flag texts use a small bank
//! and catalogue (`support::banks::test_bank`), so their snapshots do not change whenever the
//! shipped licence texts are edited.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use rstest::rstest;
use time::OffsetDateTime;
use time::macros::datetime;
use weighup::answers::Answer;
use weighup::bank::{Bank, Kind};
use weighup::session::Started;
use weighup::sheet::Sheet;
use weighup::tui::app::{Back, Overlay, QState, ResumeOffer, Screen};
use weighup::tui::{Action, App, Effect, Theme, TuiOptions, action_for};

use crate::support::banks::{builtin, test_bank};

const NOW: OffsetDateTime = datetime!(2026-11-30 14:12 UTC);
const PATH: &str = "/home/you/.local/share/weighup/answers/weighup-2026-11-30-1412.json";
const ORIGINAL: &str = "/home/you/shared/team-answers.json";

fn app_on(bank: &Bank) -> App {
    let started = Started {
        sheet: Sheet::new(bank, NOW),
        path: PathBuf::from(PATH),
        notices: Vec::new(),
        resumed: false,
    };
    App::new(bank, started, TuiOptions::default(), NOW)
}

fn new_app() -> App {
    app_on(&builtin())
}

/// A finished sheet opened for review (`weighup open FILE`).
fn review_app(bank: &Bank, answers: &[(&str, Answer)]) -> App {
    let mut sheet = Sheet::new(bank, NOW);
    for (id, a) in answers {
        sheet.set_answer(bank, id, a.clone(), NOW);
    }
    let started = Started {
        sheet,
        path: PathBuf::from(ORIGINAL),
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
        NOW,
    )
}

fn finished_test_answers() -> Vec<(&'static str, Answer)> {
    vec![
        ("demo.data", Answer::Choice("secret".into())),
        ("demo.commercial", Answer::Choice("yes".into())),
        ("demo.users", Answer::Number(12.0)),
        ("demo.fields", Answer::Choices(vec!["health".into()])),
        ("demo.team", Answer::Choice("1".into())),
    ]
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Carries out an effect the way the runtime does (the same code), without touching the disk.
fn carry_out(app: &mut App, effect: Effect) -> Effect {
    weighup::tui::apply_effect(app, effect, |_, _| Ok(()))
}

/// Presses a key the way the runtime does: key -> action -> update. Returns the effect.
fn press(app: &mut App, code: KeyCode) -> Effect {
    press_key(app, key(code))
}

fn press_key(app: &mut App, k: KeyEvent) -> Effect {
    match action_for(app, k) {
        Some(a) => {
            let e = app.update(a);
            carry_out(app, e)
        }
        None => Effect::None,
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn render_with(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut app = app.clone();
    app.update(Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| weighup::tui::draw(f, &app)).unwrap();
    t
}

fn text(app: &App, w: u16, h: u16) -> String {
    render_with(app, w, h).backend().to_string()
}

/// Snapshots a screen at 80x24 and 60x20.
fn snap(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), render_with(app, 80, 24).backend());
    insta::assert_snapshot!(format!("{name}_60x20"), render_with(app, 60, 20).backend());
}

/// Snapshots a screen in the no-colour theme, with its styles (so reverse video and bold
/// are part of the snapshot), and checks that no cell has a colour.
fn snap_no_color(name: &str, app: &App) {
    let app = app.clone().with_theme(Theme::NO_COLOR);
    let t = render_with(&app, 80, 24);
    assert_no_colour(t.backend().buffer(), name);
    insta::assert_debug_snapshot!(format!("{name}_no_color"), t.backend().buffer());
}

fn assert_no_colour(buf: &Buffer, what: &str) {
    for cell in &buf.content {
        assert!(
            cell.fg == Color::Reset && cell.bg == Color::Reset,
            "{what}: a cell has a colour with NO_COLOR: {cell:?}"
        );
    }
}

/// Screen kind of the current question, if on one.
fn question_kind(app: &App) -> Option<Kind> {
    match app.screen() {
        Screen::Question(s) => Some(app.bank().questions[s.index].kind),
        _ => None,
    }
}

fn on_question(app: &App, id: &str) -> bool {
    app.current_question_id() == Some(id)
}

/// Answers every question asked with keys, like a person would: the first option, the
/// first tick, 12 for numbers, a note for notes.
fn answer_all_first(app: &mut App) {
    press(app, KeyCode::Enter); // start
    for _ in 0..80 {
        match question_kind(app) {
            None => break,
            Some(Kind::Number) => {
                type_text(app, "12");
                press(app, KeyCode::Enter);
            }
            Some(Kind::Text) => {
                type_text(app, "Legal says: no EU data transfer.");
                press(app, KeyCode::Enter);
            }
            Some(Kind::Multi) => {
                press(app, KeyCode::Char(' '));
                press(app, KeyCode::Enter);
            }
            Some(_) => {
                press(app, KeyCode::Enter);
            }
        }
    }
}

/// The visible text of a screen as one line: borders, quotes and line breaks removed, so a
/// wrapped sentence can be searched for.
fn flat(screen: &str) -> String {
    screen
        .lines()
        .map(|l| {
            l.trim_matches('"')
                .replace(['│', '┌', '┐', '└', '┘', '─'], " ")
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The symbols of one row, a wide character counted once.
fn row_text(buf: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, y)].symbol();
        out.push_str(sym);
        x += u16::try_from(unicode_width::UnicodeWidthStr::width(sym).max(1)).unwrap_or(1);
    }
    out
}

/// Goes to the question with this id through the index.
fn jump(app: &mut App, id: &str) {
    let i = app.bank().position(id).expect("a known question");
    if app.screen_name() != "index" {
        press(app, KeyCode::Char('i'));
    }
    press(app, KeyCode::Home);
    for _ in 0..i {
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Enter);
    assert!(on_question(app, id), "{:?}", app.screen());
}

// ---------------------------------------------------------------------------------------
// Keymap: keys to actions, no terminal.

#[test]
fn key_releases_and_repeats_are_ignored_so_windows_never_doubles_a_key() {
    let app = new_app();
    for kind in [KeyEventKind::Release, KeyEventKind::Repeat] {
        let k = KeyEvent {
            code: KeyCode::Enter,
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        };
        assert_eq!(action_for(&app, k), None);
    }
    assert_eq!(action_for(&app, key(KeyCode::Enter)), Some(Action::Choose));
}

#[test]
fn ctrl_c_quits_from_every_screen_field_and_overlay() {
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let mut app = app_on(&test_bank());
    assert_eq!(action_for(&app, ctrl_c), Some(Action::ForceQuit));
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(action_for(&app, ctrl_c), Some(Action::ForceQuit));
    press(&mut app, KeyCode::Esc);
    jump(&mut app, "demo.notes");
    assert!(app.typing());
    assert_eq!(action_for(&app, ctrl_c), Some(Action::ForceQuit));
    assert_eq!(app.update(Action::ForceQuit), Effect::Interrupt);
}

#[rstest]
#[case('q')]
#[case('j')]
#[case('k')]
#[case('?')]
#[case('g')]
#[case('i')]
#[case('1')]
#[case(' ')]
fn in_a_text_field_every_letter_types(#[case] c: char) {
    let mut app = app_on(&test_bank());
    jump(&mut app, "demo.notes");
    assert_eq!(
        action_for(&app, key(KeyCode::Char(c))),
        Some(Action::Type(c))
    );
    press(&mut app, KeyCode::Char(c));
    let Screen::Question(s) = app.screen() else {
        panic!("left the question: {:?}", app.screen())
    };
    assert_eq!(s.input.text(), c.to_string());
    assert!(app.overlay().is_none());
}

#[test]
fn on_a_choice_question_letters_are_keys() {
    let mut app = app_on(&test_bank());
    press(&mut app, KeyCode::Enter);
    assert!(on_question(&app, "demo.data"));
    assert_eq!(
        action_for(&app, key(KeyCode::Char('j'))),
        Some(Action::Down)
    );
    assert_eq!(action_for(&app, key(KeyCode::Char('k'))), Some(Action::Up));
    assert_eq!(
        action_for(&app, key(KeyCode::Char('q'))),
        Some(Action::Quit)
    );
    assert_eq!(action_for(&app, key(KeyCode::Esc)), Some(Action::Quit));
    assert_eq!(
        action_for(&app, key(KeyCode::Char('?'))),
        Some(Action::Help)
    );
    assert_eq!(
        action_for(&app, key(KeyCode::Backspace)),
        Some(Action::Back)
    );
    assert_eq!(action_for(&app, key(KeyCode::Left)), Some(Action::Back));
    assert_eq!(action_for(&app, key(KeyCode::Tab)), Some(Action::Next));
    assert_eq!(action_for(&app, key(KeyCode::Right)), Some(Action::Next));
    assert_eq!(
        action_for(&app, key(KeyCode::Char('2'))),
        Some(Action::Pick(1))
    );
    assert_eq!(
        action_for(&app, key(KeyCode::Char(' '))),
        Some(Action::Choose)
    );
}

#[test]
fn in_a_text_field_backspace_and_left_edit_and_shift_tab_goes_back() {
    let mut app = app_on(&test_bank());
    jump(&mut app, "demo.notes");
    assert_eq!(
        action_for(&app, key(KeyCode::Backspace)),
        Some(Action::Erase)
    );
    assert_eq!(
        action_for(&app, key(KeyCode::Left)),
        Some(Action::CursorLeft)
    );
    assert_eq!(action_for(&app, key(KeyCode::BackTab)), Some(Action::Back));
    assert_eq!(action_for(&app, key(KeyCode::Esc)), Some(Action::Quit));
    assert_eq!(action_for(&app, key(KeyCode::F(1))), Some(Action::Help));
}

#[test]
fn esc_closes_an_overlay_instead_of_quitting() {
    let mut app = new_app();
    press(&mut app, KeyCode::Char('g'));
    assert!(matches!(app.overlay(), Some(Overlay::Glossary { .. })));
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay().is_none());
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay().is_none());
}

// ---------------------------------------------------------------------------------------
// Update: actions to state and effects.

#[test]
fn every_answer_asks_for_a_save_and_an_unchanged_answer_does_not() {
    let mut app = app_on(&test_bank());
    press(&mut app, KeyCode::Enter);
    assert_eq!(press(&mut app, KeyCode::Char('1')), Effect::Save);
    assert!(on_question(&app, "demo.commercial"));
    press(&mut app, KeyCode::Left);
    assert!(on_question(&app, "demo.data"));
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        Effect::None,
        "same answer again"
    );
    press(&mut app, KeyCode::Left);
    assert_eq!(
        press(&mut app, KeyCode::Char('2')),
        Effect::Save,
        "a new answer"
    );
}

#[test]
fn going_back_never_loses_an_answer_and_shows_it_chosen() {
    let mut app = app_on(&test_bank());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('2')); // secret
    press(&mut app, KeyCode::Char('y')); // business use: yes
    assert!(on_question(&app, "demo.users"));
    press(&mut app, KeyCode::BackTab);
    assert!(on_question(&app, "demo.commercial"));
    press(&mut app, KeyCode::Backspace);
    assert!(on_question(&app, "demo.data"));
    let Screen::Question(s) = app.screen() else {
        unreachable!()
    };
    assert_eq!(s.cursor, 1, "the focus is on the saved answer");
    assert_eq!(
        app.answers().get("demo.data"),
        Some(&Answer::Choice("secret".into()))
    );
    assert_eq!(
        app.answers().get("demo.commercial"),
        Some(&Answer::Choice("yes".into()))
    );
    assert!(text(&app, 80, 24).contains("> (*) 2  Secret data"));
}

#[test]
fn back_is_never_blocked_by_an_invalid_number_and_the_typed_text_waits() {
    let mut app = app_on(&test_bank());
    jump(&mut app, "demo.commercial");
    press(&mut app, KeyCode::Char('y'));
    assert!(on_question(&app, "demo.users"));
    type_text(&mut app, "lots");
    // Forward is blocked, with a message that says what to type.
    press(&mut app, KeyCode::Enter);
    assert!(on_question(&app, "demo.users"));
    let screen = text(&app, 80, 24);
    assert!(screen.contains("Error: 'lots' is not a number"), "{screen}");
    press(&mut app, KeyCode::Tab);
    assert!(on_question(&app, "demo.users"), "Tab is blocked too");
    // Back is not.
    press(&mut app, KeyCode::BackTab);
    assert!(on_question(&app, "demo.commercial"));
    assert_eq!(
        app.answers().get("demo.users"),
        None,
        "nothing invalid is saved"
    );
    // Coming back shows what was typed, and the message.
    press(&mut app, KeyCode::Right);
    assert!(on_question(&app, "demo.users"));
    let Screen::Question(s) = app.screen() else {
        unreachable!()
    };
    assert_eq!(s.input.text(), "lots");
    assert!(s.error.is_some());
    // Fixing it clears the message as you type, and Enter saves it.
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "20000");
    press(&mut app, KeyCode::Enter);
    assert!(on_question(&app, "demo.users"));
    let Screen::Question(s) = app.screen() else {
        unreachable!()
    };
    // 20,000 is likely people, not millions: the message offers what was probably meant.
    assert_eq!(
        s.error.as_deref(),
        Some(
            "Did you mean 0.02? 20000 people is 0.02 million, and this question counts in million monthly active users."
        )
    );
    for _ in 0..2 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "0");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    assert_eq!(
        app.answers().get("demo.users"),
        Some(&Answer::Number(2000.0))
    );
}

#[test]
fn not_sure_is_a_real_answer_that_goes_on_the_list_to_find_out() {
    let mut app = app_on(&test_bank());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('3')); // Not sure (third choice)
    assert_eq!(app.answers().get("demo.data"), Some(&Answer::NotSure));
    assert_eq!(app.evaluation().find_out.len(), 1);
    // On a number question, Down reaches "Not sure".
    jump(&mut app, "demo.commercial");
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Down);
    assert!(!app.typing());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.answers().get("demo.users"), Some(&Answer::NotSure));
}

#[test]
fn exclusive_options_clear_the_others_and_back_again() {
    let mut app = app_on(&test_bank());
    jump(&mut app, "demo.fields");
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('3')); // None of these
    let Screen::Question(s) = app.screen() else {
        unreachable!()
    };
    assert_eq!(s.ticks, vec!["none".to_string()]);
    press(&mut app, KeyCode::Char('1'));
    let Screen::Question(s) = app.screen() else {
        unreachable!()
    };
    assert_eq!(s.ticks, vec!["health".to_string()]);
    press(&mut app, KeyCode::Char('4')); // Not sure
    let Screen::Question(s) = app.screen() else {
        unreachable!()
    };
    assert_eq!(s.ticks, vec!["not_sure".to_string()]);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.answers().get("demo.fields"), Some(&Answer::NotSure));
}

#[test]
fn enter_with_nothing_ticked_explains_what_to_do() {
    let mut app = app_on(&test_bank());
    jump(&mut app, "demo.fields");
    press(&mut app, KeyCode::Enter);
    assert!(on_question(&app, "demo.fields"));
    let screen = text(&app, 80, 24);
    assert!(
        screen.contains("Tick at least one option with Space, or tick 'None of these'"),
        "{screen}"
    );
}

#[test]
fn ticks_are_kept_when_going_back() {
    let mut app = app_on(&test_bank());
    jump(&mut app, "demo.fields");
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(press(&mut app, KeyCode::Left), Effect::Save);
    assert_eq!(
        app.answers().get("demo.fields"),
        Some(&Answer::Choices(vec!["health".into(), "finance".into()]))
    );
}

#[test]
fn answers_to_questions_that_become_hidden_are_kept_and_shown_as_not_asked() {
    let mut app = app_on(&test_bank());
    jump(&mut app, "demo.commercial");
    press(&mut app, KeyCode::Char('y'));
    type_text(&mut app, "750");
    press(&mut app, KeyCode::Enter);
    let before = app.bank().position_of(app.answers(), 0).unwrap();
    assert_eq!(before.question_count, 6);
    // "No" hides the users question; its answer stays.
    jump(&mut app, "demo.commercial");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(
        app.answers().get("demo.users"),
        Some(&Answer::Number(750.0))
    );
    let after = app.bank().position_of(app.answers(), 0).unwrap();
    assert_eq!(after.question_count, 5, "progress is recomputed");
    let users = app.bank().position("demo.users").unwrap();
    assert!(matches!(&app.question_states()[users], QState::Hidden(Some(a)) if a.contains("750")));
    press(&mut app, KeyCode::Char('i'));
    let screen = text(&app, 80, 24);
    assert!(screen.contains("Not asked"), "{screen}");
    assert!(screen.contains("kept: 750 million"), "{screen}");
    // Jumping to it explains instead of opening it.
    press(&mut app, KeyCode::Home);
    for _ in 0..users {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen(), Screen::Index(_)));
    assert!(app.status().unwrap().text.contains("not asked"));
    // "Yes" again brings it back, answered.
    jump(&mut app, "demo.commercial");
    press(&mut app, KeyCode::Char('y'));
    assert!(on_question(&app, "demo.users"));
    let Screen::Question(s) = app.screen() else {
        unreachable!()
    };
    assert_eq!(s.input.text(), "750");
}

#[test]
fn change_from_check_your_answers_comes_back_to_the_same_row() {
    let mut app = app_on(&test_bank());
    answer_all_first(&mut app);
    assert!(matches!(app.screen(), Screen::Check(_)));
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Down); // Business use
    press(&mut app, KeyCode::Enter);
    assert!(on_question(&app, "demo.commercial"));
    press(&mut app, KeyCode::Char('n'));
    assert!(
        matches!(app.screen(), Screen::Check(c) if c.cursor == 1),
        "{:?}",
        app.screen()
    );
    assert_eq!(
        app.answers().get("demo.commercial"),
        Some(&Answer::Choice("no".into()))
    );
    // Back from a "Change" without changing also returns to the check screen.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Left);
    assert!(matches!(app.screen(), Screen::Check(c) if c.cursor == 1));
}

#[test]
fn a_paste_goes_in_once_and_its_newline_never_submits() {
    let mut app = app_on(&test_bank());
    jump(&mut app, "demo.notes");
    app.update(Action::Paste("Client A:\nkeep data in DE\r\n".into()));
    assert!(on_question(&app, "demo.notes"), "the paste did not submit");
    let Screen::Question(s) = app.screen() else {
        unreachable!()
    };
    assert_eq!(s.input.text(), "Client A: keep data in DE ");
    assert_eq!(app.answers().get("demo.notes"), None);
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    assert_eq!(
        app.answers().get("demo.notes"),
        Some(&Answer::Text("Client A: keep data in DE".into()))
    );
}

#[test]
fn the_cursor_in_a_field_counts_wide_characters_as_two_columns() {
    let mut app = app_on(&test_bank());
    jump(&mut app, "demo.notes");
    type_text(&mut app, "東京😀x");
    press(&mut app, KeyCode::Left);
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let at = app.cursor_position(area).expect("a cursor in the field");
    let t = render_with(&app, 80, 24);
    let row = row_text(t.backend().buffer(), at.y);
    assert!(row.contains("│東京😀x"), "{row}");
    // The box starts at column 3 (margin, lead, border): 東京 and 😀 take six columns.
    assert_eq!(at.x, 4 + 6);
}

#[test]
fn quitting_asks_first_and_says_where_the_answers_are() {
    let mut app = app_on(&test_bank());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::None);
    assert!(matches!(app.overlay(), Some(Overlay::ConfirmQuit { .. })));
    let screen = text(&app, 80, 24);
    assert!(screen.contains("Your answers are saved in:"), "{screen}");
    assert!(screen.contains(PATH), "{screen}");
    let narrow = text(&app, 60, 20);
    assert!(
        narrow.contains("│ /home/…/weighup/answers/weighup-2026-11-30-1412.json │"),
        "the file name on its own line, never split: {narrow}"
    );
    press(&mut app, KeyCode::Char('n'));
    assert!(app.overlay().is_none());
    press(&mut app, KeyCode::Esc);
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Quit);
}

#[test]
fn quitting_before_any_answer_says_nothing_was_saved() {
    let mut app = new_app();
    press(&mut app, KeyCode::Char('q'));
    let screen = flat(&text(&app, 80, 24));
    assert!(screen.contains("so there is nothing to save"), "{screen}");
    assert_eq!(press(&mut app, KeyCode::Char('y')), Effect::Quit);
    assert!(weighup::tui::summary(&app).contains("nothing was saved"));
}

#[test]
fn the_summary_printed_after_closing_names_the_verdict_and_the_file() {
    let mut app = app_on(&test_bank());
    answer_all_first(&mut app);
    // The first options point neither way strongly enough: a result, not a recommendation.
    assert!(!app.evaluation().verdict.recommends());
    let s = weighup::tui::summary(&app);
    assert!(s.starts_with("weighup's result: "), "{s}");
    assert!(s.contains(app.evaluation().verdict_title), "{s}");
    // Secret data settles it: every question answered, so weighup recommends.
    jump(&mut app, "demo.data");
    press(&mut app, KeyCode::Char('2'));
    assert!(app.evaluation().verdict.recommends());
    let s = weighup::tui::summary(&app);
    assert!(s.starts_with("weighup recommends: "), "{s}");
    assert!(s.contains(app.evaluation().verdict_title), "{s}");
    assert!(
        s.contains(&format!("Your answers are saved in:\n  {PATH}\n")),
        "{s}"
    );
    assert!(
        s.contains(&format!("To look at them again:\n  weighup open {PATH}\n")),
        "{s}"
    );
}

#[test]
fn the_result_scrolls_to_its_end_and_no_further() {
    let mut app = new_app();
    answer_all_first(&mut app);
    press(&mut app, KeyCode::Char('r'));
    app.update(Action::Resize(80, 24));
    for _ in 0..200 {
        press(&mut app, KeyCode::PageDown);
    }
    // Drawing clamps the offset to the end.
    let screen = text(&app, 80, 24);
    let Screen::Result(r) = app.screen() else {
        unreachable!()
    };
    let scroll = r.scroll.offset();
    assert!(scroll > 20);
    assert!(screen.contains("more above"), "{screen}");
    assert!(screen.contains("This is not legal advice"), "{screen}");
    press(&mut app, KeyCode::Up);
    let Screen::Result(r) = app.screen() else {
        unreachable!()
    };
    let up = r.scroll.offset();
    assert_eq!(up, scroll - 1, "one step up after hitting the end");
    press(&mut app, KeyCode::Home);
    assert!(text(&app, 80, 24).contains("more below"));
}

#[test]
fn tab_on_the_result_moves_through_the_flags_and_enter_opens_one() {
    let bank = test_bank();
    let mut app = review_app(&bank, &finished_test_answers());
    app.update(Action::Resize(80, 24));
    assert!(matches!(app.screen(), Screen::Result(_)));
    let n = app.evaluation().flags.len();
    assert!(n >= 1);
    press(&mut app, KeyCode::Tab);
    assert!(matches!(app.screen(), Screen::Result(r) if r.flag == Some(0)));
    let screen = text(&app, 80, 24);
    assert!(
        screen.contains("> 1. [CHECK FIRST] Secret data"),
        "{screen}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen(), Screen::Flag(f) if f.index == 0));
    press(&mut app, KeyCode::Left);
    assert!(matches!(app.screen(), Screen::Result(r) if r.flag == Some(0)));
    press(&mut app, KeyCode::Char('1'));
    assert!(matches!(app.screen(), Screen::Flag(f) if f.index == 0));
}

/// The help lists c and r under "Everywhere": they must work on a flag's details too.
#[test]
fn r_and_c_from_a_flag_do_what_the_help_says() {
    let bank = test_bank();
    let mut app = review_app(&bank, &finished_test_answers());
    press(&mut app, KeyCode::Char('1'));
    assert!(matches!(app.screen(), Screen::Flag(f) if f.index == 0));
    let help = {
        let mut a = app.clone();
        press(&mut a, KeyCode::Char('?'));
        text(&a, 80, 60)
    };
    assert!(help.contains("r                  see the result"), "{help}");
    press(&mut app, KeyCode::Char('r'));
    assert!(matches!(app.screen(), Screen::Result(r) if r.flag == Some(0)));
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('c'));
    assert!(matches!(app.screen(), Screen::Check(_)));
}

#[test]
fn resuming_the_unfinished_sheet_offered_on_the_welcome_screen() {
    let bank = test_bank();
    let mut old = Sheet::new(&bank, NOW);
    old.set_answer(&bank, "demo.data", Answer::Choice("public".into()), NOW);
    let offer = ResumeOffer {
        path: PathBuf::from("/home/you/old.json"),
        sheet: old,
    };
    let mut app = app_on(&bank).with_resume_offer(Some(offer));
    let screen = text(&app, 80, 24);
    assert!(
        screen.contains(
            "> Continue your unfinished answers from 2026-11-30 14:12 UTC (1 of 4 answered)"
        ),
        "{screen}"
    );
    assert!(screen.contains("Start a new questionnaire"), "{screen}");
    press(&mut app, KeyCode::Enter);
    assert!(on_question(&app, "demo.commercial"), "{:?}", app.screen());
    assert_eq!(
        app.answers().get("demo.data"),
        Some(&Answer::Choice("public".into()))
    );
    assert_eq!(
        app.save_target(),
        Some(std::path::Path::new("/home/you/old.json"))
    );
}

#[test]
fn reviewing_keeps_the_original_until_asked_to_overwrite_it() {
    let bank = test_bank();
    let mut app = review_app(&bank, &finished_test_answers());
    let verdict_before = app.evaluation().verdict;
    assert!(
        matches!(app.screen(), Screen::Result(_)),
        "lands on the result"
    );
    // Overwriting with nothing changed only explains.
    assert_eq!(press(&mut app, KeyCode::Char('o')), Effect::None);
    assert!(app.overlay().is_none());
    assert!(app.status().unwrap().text.contains("not changed"));
    // Change an answer from the check screen: saved to a copy, never the original.
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Enter);
    assert!(on_question(&app, "demo.data"));
    assert_eq!(app.save_target(), None, "no copy chosen before a change");
    assert_eq!(press(&mut app, KeyCode::Char('1')), Effect::Save);
    assert_eq!(
        app.save_target(),
        Some(std::path::Path::new(
            "/home/you/shared/team-answers-reviewed.json"
        ))
    );
    assert!(matches!(app.screen(), Screen::Check(_)));
    press(&mut app, KeyCode::Char('r'));
    assert_ne!(
        app.evaluation().verdict,
        verdict_before,
        "the verdict updates"
    );
    assert!(
        !app.evaluation().flags.iter().any(|f| f.id == "test.secret"),
        "the flag raised by the old answer is gone"
    );
    // At the top of the result: whose answers, and that changes go to a copy.
    let screen = text(&app, 80, 24);
    assert!(
        screen.contains(
            " weighup · Your result                                          5 of 5 answered \"\n\"                                                                                \"\n\" Reviewing (your changes go to a copy; the original is kept):"
        ),
        "{screen}"
    );
    assert!(
        screen.contains("\"   /home/you/shared/team-answers.json "),
        "{screen}"
    );
    assert!(
        screen.contains("\"   /home/you/shared/team-answers-reviewed.json "),
        "{screen}"
    );
    // Overwrite: asks, with the safe choice focused.
    press(&mut app, KeyCode::Char('o'));
    assert!(matches!(
        app.overlay(),
        Some(Overlay::ConfirmOverwrite { overwrite: false })
    ));
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        Effect::None,
        "Enter keeps the original"
    );
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(
        press(&mut app, KeyCode::Char('y')),
        Effect::OverwriteOriginal
    );
    assert_eq!(
        app.save_target(),
        Some(std::path::Path::new(ORIGINAL)),
        "later saves go to the original"
    );
}

#[test]
fn a_window_below_the_minimum_asks_to_be_enlarged_and_q_quits_at_once() {
    let mut app = new_app();
    let screen = flat(&text(&app, 40, 12));
    assert!(
        screen.contains("Please enlarge it to at least 50×15 (now 40×12)"),
        "{screen}"
    );
    insta::assert_snapshot!("too_small_40x12", render_with(&app, 40, 12).backend());
    app.update(Action::Resize(40, 12));
    // The dialog could not be seen: q quits at once (the answers are saved after each one).
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::Quit);
    assert!(app.overlay().is_none(), "no invisible dialog");
    assert_eq!(press(&mut app, KeyCode::Esc), Effect::Quit);
}

#[test]
fn a_window_below_the_minimum_takes_no_key_but_resize_and_quit() {
    let mut app = new_app();
    press(&mut app, KeyCode::Enter);
    assert_eq!(question_kind(&app), Some(Kind::Single));
    let before = app.screen().clone();
    app.update(Action::Resize(45, 12));
    for code in [
        KeyCode::Char('1'),
        KeyCode::Char('2'),
        KeyCode::Enter,
        KeyCode::Char(' '),
        KeyCode::Tab,
        KeyCode::Down,
        KeyCode::Char('?'),
        KeyCode::Char('g'),
        KeyCode::Char('i'),
        KeyCode::Backspace,
    ] {
        assert_eq!(press(&mut app, code), Effect::None, "{code:?}");
    }
    // Even actions that do not come from keys (a paste, a click) are ignored.
    assert_eq!(app.update(Action::Paste("12".into())), Effect::None);
    assert_eq!(app.update(Action::Pick(0)), Effect::None);
    assert!(!app.has_answers(), "nothing was answered unseen");
    assert_eq!(app.screen(), &before);
    assert!(app.overlay().is_none());
    // Enlarged again: keys act as before; Ctrl-C always quits.
    app.update(Action::Resize(80, 24));
    assert_eq!(press(&mut app, KeyCode::Char('1')), Effect::Save);
    app.update(Action::Resize(45, 12));
    assert_eq!(
        press_key(
            &mut app,
            KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
        ),
        Effect::Interrupt
    );
}

#[test]
fn a_window_below_the_minimum_ignores_letters_even_in_a_text_field() {
    let mut app = app_on(&test_bank());
    jump(&mut app, "demo.notes");
    assert!(app.typing());
    app.update(Action::Resize(30, 10));
    // q quits instead of typing a q into a field nobody can see.
    assert_eq!(press(&mut app, KeyCode::Char('x')), Effect::None);
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::Quit);
    app.update(Action::Resize(80, 24));
    let screen = text(&app, 80, 24);
    assert!(!screen.contains("xq"), "{screen}");
}

#[test]
fn every_screen_relays_out_at_any_size_without_panicking() {
    let mut app = app_on(&test_bank());
    let sizes = [
        (50, 15),
        (51, 16),
        (79, 23),
        (100, 30),
        (160, 48),
        (200, 60),
        (1, 1),
        (0, 0),
    ];
    for step in 0..30 {
        for (w, h) in sizes {
            let _ = render_with(&app, w, h);
        }
        match step % 3 {
            0 => press(&mut app, KeyCode::Enter),
            1 => press(&mut app, KeyCode::Char('1')),
            _ => press(&mut app, KeyCode::Tab),
        };
    }
}

// ---------------------------------------------------------------------------------------
// Colour is never the only cue.

#[test]
fn with_no_color_nothing_is_coloured_and_focus_is_reverse_video_with_a_marker() {
    let bank = test_bank();
    let mut app = app_on(&bank).with_theme(Theme::NO_COLOR);
    press(&mut app, KeyCode::Enter);
    let mut screens = vec![app.clone()];
    answer_all_first(&mut app);
    screens.push(app.clone());
    press(&mut app, KeyCode::Char('r'));
    screens.push(app.clone());
    press(&mut app, KeyCode::Char('?'));
    screens.push(app.clone());
    for (i, a) in screens.iter().enumerate() {
        let t = render_with(a, 80, 24);
        let buf = t.backend().buffer();
        assert_no_colour(buf, &format!("screen {i}"));
    }
    // The focused option: `>` and reverse video.
    let t = render_with(&screens[0], 80, 24);
    let buf = t.backend().buffer();
    let y = (0..24)
        .find(|&y| {
            (0..80)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .contains("> ( ) 1")
        })
        .expect("the focused option is marked with >");
    assert!(buf[(3, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn no_color_snapshots_keep_the_styles() {
    let bank = test_bank();
    let mut app = app_on(&bank);
    press(&mut app, KeyCode::Enter);
    snap_no_color("question", &app);
    let app = review_app(&bank, &finished_test_answers());
    snap_no_color("result", &app);
}

// ---------------------------------------------------------------------------------------
// Screens: insta snapshots at 80x24 and 60x20.

#[test]
fn screen_welcome() {
    snap("welcome", &new_app());
}

#[test]
fn screen_welcome_offering_to_resume() {
    let bank = builtin();
    let mut old = Sheet::new(&bank, NOW);
    old.set_answer(
        &bank,
        "privacy.data_sensitivity",
        Answer::Choice("personal".into()),
        NOW,
    );
    let app = app_on(&bank).with_resume_offer(Some(ResumeOffer {
        path: PathBuf::from("/home/you/old.json"),
        sheet: old,
    }));
    snap("welcome_resume", &app);
}

#[test]
fn screen_question_single_choice() {
    let mut app = new_app();
    press(&mut app, KeyCode::Enter);
    snap("question_single", &app);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    snap("question_single_moved", &app);
}

#[test]
fn screen_question_multiple_choice() {
    let mut app = new_app();
    jump(&mut app, "privacy.regulation");
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('2'));
    snap("question_multi", &app);
    press(&mut app, KeyCode::Char('5'));
    snap("question_multi_exclusive", &app);
}

#[test]
fn screen_question_scale() {
    let mut app = new_app();
    jump(&mut app, "infrastructure.team");
    snap("question_scale", &app);
}

#[test]
fn screen_question_yes_no() {
    let mut app = new_app();
    jump(&mut app, "commercial.is_commercial");
    snap("question_yes_no", &app);
}

#[test]
fn screen_question_number() {
    let mut app = new_app();
    jump(&mut app, "commercial.is_commercial");
    press(&mut app, KeyCode::Char('y'));
    assert!(on_question(&app, "commercial.monthly_users"));
    snap("question_number_empty", &app);
    type_text(&mut app, "0,5");
    press(&mut app, KeyCode::Enter);
    snap("question_number_error", &app);
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "750");
    snap("question_number_valid", &app);
}

#[test]
fn screen_question_text_with_wide_characters() {
    let mut app = new_app();
    jump(&mut app, "privacy.notes");
    snap("question_text_empty", &app);
    type_text(
        &mut app,
        "Our client in 東京 wants its data kept in Japan 🇯🇵; legal says no transfers abroad without a signed agreement.",
    );
    snap("question_text_typed", &app);
}

#[test]
fn screen_index_and_check_and_result() {
    let mut app = new_app();
    answer_all_first(&mut app);
    snap("check", &app);
    press(&mut app, KeyCode::Home);
    snap("check_top", &app);
    press(&mut app, KeyCode::Char('i'));
    snap("index", &app);
    press(&mut app, KeyCode::Char('r'));
    snap("result_top", &app);
}

#[test]
fn screen_result_and_flag_detail_on_the_test_bank() {
    let bank = test_bank();
    let mut app = review_app(&bank, &finished_test_answers());
    snap("review_result", &app);
    app.update(Action::Resize(80, 24));
    press(&mut app, KeyCode::Tab);
    // Drawn after the key, as the app does: the focused flag is placed at this size.
    Terminal::new(TestBackend::new(80, 24))
        .unwrap()
        .draw(|f| weighup::tui::draw(f, &app))
        .unwrap();
    snap("review_result_flag_focused", &app);
    press(&mut app, KeyCode::Enter);
    snap("flag_detail", &app);
}

#[test]
fn screen_overlays() {
    let mut app = new_app();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('?'));
    snap("help_on_a_question", &app);
    press(&mut app, KeyCode::Char('g'));
    snap("glossary", &app);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    snap("glossary_distillation", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('q'));
    snap("quit", &app);
}

#[test]
fn screen_overwrite_overlay() {
    let bank = test_bank();
    let mut app = review_app(&bank, &finished_test_answers());
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('o'));
    snap("overwrite", &app);
}

#[test]
fn screen_wide_question_shows_why_we_ask_beside_it() {
    let mut app = new_app();
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(
        "question_single_120x40",
        render_with(&app, 120, 40).backend()
    );
}

// ---------------------------------------------------------------------------------------
// Journeys: key sequences through action_for and update, as a person would type them.

#[test]
fn journey_from_welcome_to_result_on_the_built_in_bank() {
    let mut app = new_app();
    assert!(matches!(app.screen(), Screen::Welcome(_)));
    answer_all_first(&mut app);
    // Every question asked got an answer, and the sheet says it is complete.
    assert!(app.sheet().complete, "{:?}", app.sheet().answers.keys());
    assert!(matches!(app.screen(), Screen::Check(_)));
    // Check your answers opens at the top: the first answer is read first.
    let screen = text(&app, 80, 24);
    assert!(screen.contains("\n\" Data and privacy"), "{screen}");
    assert!(screen.contains("\" > Data sensitivity"), "{screen}");
    press(&mut app, KeyCode::Char('r'));
    assert!(matches!(app.screen(), Screen::Result(_)));
    let screen = text(&app, 80, 24);
    assert!(
        screen.contains(&format!(
            "Recommendation: {}",
            app.evaluation().verdict_title
        )),
        "{screen}"
    );
    // Change one answer from the result and see the result again.
    press(&mut app, KeyCode::Char('c'));
    assert!(matches!(
        app.screen(),
        Screen::Check(c) if c.back == Back::Result
    ));
    press(&mut app, KeyCode::Char('r'));
    assert!(matches!(app.screen(), Screen::Result(_)));
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(press(&mut app, KeyCode::Char('y')), Effect::Quit);
}

#[test]
fn journey_with_not_sure_everywhere_lists_everything_to_find_out() {
    let mut app = app_on(&test_bank());
    press(&mut app, KeyCode::Enter);
    for _ in 0..20 {
        match question_kind(&app) {
            None => break,
            Some(Kind::Text) => {
                press(&mut app, KeyCode::Tab);
            }
            Some(Kind::Number) => {
                press(&mut app, KeyCode::Down);
                press(&mut app, KeyCode::Enter);
            }
            Some(Kind::Multi) => {
                press(&mut app, KeyCode::End);
                press(&mut app, KeyCode::Char(' '));
                press(&mut app, KeyCode::Enter);
            }
            Some(_) => {
                press(&mut app, KeyCode::End);
                press(&mut app, KeyCode::Enter);
            }
        }
    }
    assert!(matches!(app.screen(), Screen::Check(_)));
    let e = app.evaluation();
    assert_eq!(
        e.find_out.len(),
        e.progress.asked,
        "every question is to find out"
    );
    press(&mut app, KeyCode::Char('r'));
    let all = text(&app, 80, 80);
    assert!(all.contains("To find out"), "{all}");
    assert!(all.contains("Data: Ask the data owner."), "{all}");
}

#[test]
fn journey_through_the_index_jumps_anywhere_and_comes_back() {
    let mut app = new_app();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('i'));
    assert!(matches!(app.screen(), Screen::Index(_)));
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter);
    assert!(on_question(&app, "customisation.notes"));
    press(&mut app, KeyCode::Tab);
    assert!(
        matches!(app.screen(), Screen::Check(_)),
        "the last question leads to the check"
    );
}

#[test]
fn with_the_mouse_flag_a_click_on_an_option_picks_it() {
    let mut app = app_on(&test_bank());
    press(&mut app, KeyCode::Enter);
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let t = render_with(&app, 80, 24);
    let buf = t.backend().buffer();
    let y = (0..24)
        .find(|&y| row_text(buf, y).contains("Secret data"))
        .expect("the option is on screen");
    assert_eq!(app.option_at(area, 20, y), Some(1));
    assert_eq!(
        app.option_at(area, 20, 0),
        None,
        "the header is not an option"
    );
    app.update(Action::Pick(1));
    assert_eq!(
        app.answers().get("demo.data"),
        Some(&Answer::Choice("secret".into()))
    );
}

#[test]
fn a_reviewer_sees_the_notices_about_the_sheet_above_the_result() {
    let bank = test_bank();
    let mut sheet = Sheet::new(&bank, NOW);
    sheet.set_answer(&bank, "demo.data", Answer::Choice("public".into()), NOW);
    let started = Started {
        sheet,
        path: PathBuf::from(ORIGINAL),
        notices: vec![
            "These answers were given on question bank weighup.test version 0; this is version 1."
                .into(),
            "1 of 4 questions answered, last saved 2026-11-30 14:12 UTC.".into(),
        ],
        resumed: true,
    };
    let mut app = App::new(
        &bank,
        started,
        TuiOptions {
            review: true,
            ..TuiOptions::default()
        },
        NOW,
    );
    let screen = flat(&text(&app, 80, 24));
    assert!(
        screen.contains("Note: These answers were given on question bank weighup.test version 0"),
        "{screen}"
    );
    assert!(screen.contains("last saved 2026-11-30 14:12"), "{screen}");
    // After a change, "last saved" would describe the original, not these answers.
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('r'));
    let screen = flat(&text(&app, 80, 24));
    assert!(!screen.contains("last saved"), "{screen}");
    assert!(
        screen.contains("question bank weighup.test version 0"),
        "{screen}"
    );
}

#[test]
fn quitting_from_a_note_saves_what_was_typed() {
    let mut app = app_on(&test_bank());
    jump(&mut app, "demo.notes");
    type_text(&mut app, "Keep data in DE");
    assert_eq!(
        press(&mut app, KeyCode::Esc),
        Effect::Save,
        "typed text is saved first"
    );
    assert_eq!(
        app.answers().get("demo.notes"),
        Some(&Answer::Text("Keep data in DE".into()))
    );
    assert!(matches!(app.overlay(), Some(Overlay::ConfirmQuit { .. })));
    // Ctrl-C too: the runtime saves when something is unsaved.
    let mut app = app_on(&test_bank());
    jump(&mut app, "demo.fields");
    press(&mut app, KeyCode::Char('2'));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        action_for(&app, ctrl_c).map(|a| app.update(a)),
        Some(Effect::Interrupt)
    );
    assert!(app.unsaved());
    assert_eq!(
        app.answers().get("demo.fields"),
        Some(&Answer::Choices(vec!["finance".into()]))
    );
}

// ---------------------------------------------------------------------------------------
// Workshop scenario cards: choose one, the label, the brief and its overlay.

/// From the welcome screen to the list of scenario cards.
fn open_scenarios(app: &mut App) {
    let at = app
        .welcome_choices()
        .iter()
        .position(|c| *c == weighup::tui::app::WelcomeChoice::Scenario)
        .expect("the welcome screen offers the scenario cards");
    press(app, KeyCode::Char(char::from(b'1' + at as u8)));
    assert!(
        matches!(app.screen(), Screen::Scenarios(_)),
        "{:?}",
        app.screen()
    );
}

#[test]
fn a_scenario_card_chosen_on_the_welcome_screen_is_recorded_with_the_label() {
    let mut app = new_app();
    let welcome = text(&app, 80, 24);
    assert!(
        welcome.contains("Play a workshop scenario card"),
        "{welcome}"
    );
    open_scenarios(&mut app);
    let list = text(&app, 80, 24);
    assert!(
        list.contains("By default your answers are anonymous."),
        "{list}"
    );
    assert!(list.contains("A seed-stage SaaS startup"), "{list}");
    // Tab to the label field: letters and digits type there, even q and 2.
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Table 2 q");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    assert!(app.sheet().scenario.is_none());
    press(&mut app, KeyCode::Enter);
    // Back on the cards, 2 picks the second card.
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.sheet().scenario.as_deref(), Some("seed-saas"));
    assert_eq!(app.sheet().respondent.as_deref(), Some("Table 2"));
    assert!(matches!(app.screen(), Screen::Brief(_)));
    // Enter starts the questions; the first answer saves the scenario and label with it.
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen(), Screen::Question(_)));
    assert_eq!(press(&mut app, KeyCode::Char('1')), Effect::Save);
    assert_eq!(app.sheet().scenario.as_deref(), Some("seed-saas"));
}

#[test]
fn an_empty_label_stays_anonymous_and_esc_goes_back_to_the_welcome_screen() {
    let mut app = new_app();
    open_scenarios(&mut app);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen(), Screen::Welcome(_)));
    assert!(
        app.overlay().is_none(),
        "Esc goes back, it does not ask to quit"
    );
    open_scenarios(&mut app);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "   ");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.sheet().scenario.as_deref(), Some("seed-saas"));
    assert_eq!(app.sheet().respondent, None);
}

#[test]
fn the_brief_key_opens_and_closes_the_brief_over_any_question_even_in_a_field() {
    let mut app = new_app();
    // Without a scenario there is no brief: b says so and opens nothing.
    press(&mut app, KeyCode::Char('b'));
    assert!(app.overlay().is_none());
    assert!(app.status().is_some_and(|s| s.text.contains("no brief")));
    open_scenarios(&mut app);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen(), Screen::Question(_)));
    press(&mut app, KeyCode::Char('b'));
    assert!(matches!(app.overlay(), Some(Overlay::Brief { .. })));
    press(&mut app, KeyCode::PageDown);
    assert!(matches!(app.overlay(), Some(Overlay::Brief { scroll }) if scroll.offset() > 0));
    press(&mut app, KeyCode::Esc);
    assert!(
        app.overlay().is_none(),
        "Esc closes the brief, it does not quit"
    );
    press(&mut app, KeyCode::F(2));
    assert!(matches!(app.overlay(), Some(Overlay::Brief { .. })));
    press(&mut app, KeyCode::F(2));
    assert!(app.overlay().is_none());
    // In a text field b types; F2 opens the brief.
    jump(&mut app, "privacy.notes");
    press(&mut app, KeyCode::Char('b'));
    assert!(app.overlay().is_none());
    press(&mut app, KeyCode::F(2));
    assert!(matches!(app.overlay(), Some(Overlay::Brief { .. })));
    press(&mut app, KeyCode::Char('b'));
    assert!(app.overlay().is_none());
}

#[test]
fn the_brief_never_shows_the_facilitators_note() {
    let mut app = new_app();
    open_scenarios(&mut app);
    press(&mut app, KeyCode::Enter);
    let card = app.scenario().expect("a card is played").clone();
    let note_start: String = card.facilitator.note.chars().take(30).collect();
    let mut seen = String::new();
    for _ in 0..12 {
        seen.push_str(&flat(&text(&app, 80, 24)));
        press(&mut app, KeyCode::PageDown);
    }
    assert!(seen.contains("The facts"), "{seen}");
    assert!(!seen.contains(&note_start), "{seen}");
}

#[test]
fn snapshot_scenario_screens() {
    let mut app = new_app();
    open_scenarios(&mut app);
    snap("scenario_list", &app);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Table 3");
    snap("scenario_label", &app);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    snap("scenario_brief", &app);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('b'));
    snap("scenario_brief_overlay", &app);
}

#[test]
fn started_with_a_card_the_welcome_screen_starts_as_it_and_offers_another() {
    let bank = builtin();
    let mut sheet = Sheet::new(&bank, NOW);
    sheet.scenario = Some("seed-saas".into());
    let started = Started {
        sheet,
        path: PathBuf::from(PATH),
        notices: Vec::new(),
        resumed: false,
    };
    let app = App::new(&bank, started, TuiOptions::default(), NOW);
    let welcome = text(&app, 80, 24);
    assert!(
        welcome.contains("Start as: Seed-stage startup"),
        "{welcome}"
    );
    assert!(
        welcome.contains("Choose a different scenario card"),
        "{welcome}"
    );
    assert!(
        !welcome.contains("Play a workshop scenario card"),
        "{welcome}"
    );
}

// ---------------------------------------------------------------------------------------
// The welcome screen honours --scenario, --label and --out (issue 11 item 6).

/// An unfinished sheet on the laptop, as `tui::run` finds it.
fn old_offer(bank: &Bank) -> ResumeOffer {
    let mut old = Sheet::new(bank, NOW);
    old.set_answer(
        bank,
        "privacy.data_sensitivity",
        Answer::Choice("personal".into()),
        NOW,
    );
    ResumeOffer {
        path: PathBuf::from("/home/you/.local/share/weighup/answers/weighup-2026-11-29-0900.json"),
        sheet: old,
    }
}

/// The app as `weighup [--scenario ID] [--label L] [--out FILE]` starts it.
fn started_with(bank: &Bank, scenario: Option<&str>, label: Option<&str>, out: &str) -> App {
    let mut sheet = Sheet::new(bank, NOW);
    sheet.scenario = scenario.map(String::from);
    sheet.respondent = label.map(String::from);
    let started = Started {
        sheet,
        path: PathBuf::from(out),
        notices: Vec::new(),
        resumed: false,
    };
    App::new(
        bank,
        started,
        TuiOptions {
            fresh: true,
            ..TuiOptions::default()
        },
        NOW,
    )
    .with_resume_offer(Some(old_offer(bank)))
}

#[test]
fn with_a_card_label_and_file_the_welcomes_first_choice_plays_exactly_that() {
    let bank = builtin();
    let mut app = started_with(
        &bank,
        Some("seed-saas"),
        Some("Team Z"),
        "/tmp/room/scratch.json",
    );
    let welcome = text(&app, 80, 24);
    assert!(
        !welcome.contains("Continue your unfinished answers"),
        "an old sheet is never offered over what was asked for:\n{welcome}"
    );
    assert!(
        welcome.contains("Scenario card: A seed-stage SaaS startup"),
        "{welcome}"
    );
    assert!(welcome.contains("Your label: Team Z"), "{welcome}");
    assert!(
        text(&app, 80, 40).contains("   /tmp/room/scratch.json"),
        "{welcome}"
    );
    assert!(
        welcome.contains("> Start as Team Z: Seed-stage startup"),
        "{welcome}"
    );
    insta::assert_snapshot!(
        "welcome_started_with_card_label_out_80x24",
        render_with(&app, 80, 24).backend()
    );
    // Enter: the brief of that card, then its first question, saved to that file.
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.screen(), Screen::Brief(_)),
        "{:?}",
        app.screen()
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(question_kind(&app), Some(Kind::Single));
    assert_eq!(press(&mut app, KeyCode::Char('1')), Effect::Save);
    assert_eq!(
        app.save_target(),
        Some(std::path::Path::new("/tmp/room/scratch.json"))
    );
    assert_eq!(app.sheet().scenario.as_deref(), Some("seed-saas"));
    assert_eq!(app.sheet().respondent.as_deref(), Some("Team Z"));
    assert_eq!(app.answers().len(), 1, "a new sheet, not the old one");
}

#[test]
fn with_only_out_the_welcome_starts_a_new_sheet_in_that_file() {
    let bank = builtin();
    let mut app = started_with(&bank, None, None, "/tmp/nocolor.json");
    let welcome = text(&app, 80, 24);
    assert!(!welcome.contains("Continue your unfinished"), "{welcome}");
    assert!(welcome.contains("> Start the questionnaire"), "{welcome}");
    assert!(
        text(&app, 80, 40).contains("/tmp/nocolor.json"),
        "{welcome}"
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(
        app.save_target(),
        Some(std::path::Path::new("/tmp/nocolor.json"))
    );
}

#[test]
fn with_only_a_label_the_first_choice_starts_as_that_label() {
    let bank = builtin();
    let app = started_with(&bank, None, Some("Table 3"), PATH);
    let welcome = text(&app, 80, 24);
    assert!(!welcome.contains("Continue your unfinished"), "{welcome}");
    assert!(
        welcome.contains("> Start the questionnaire as Table 3"),
        "{welcome}"
    );
    assert!(welcome.contains("Your label: Table 3"), "{welcome}");
}

#[test]
fn a_long_file_name_on_the_welcome_is_shortened_in_its_middle_never_split() {
    let bank = builtin();
    let app = started_with(&bank, None, None, PATH);
    let welcome = text(&app, 60, 40);
    assert!(
        welcome.contains("   /home/you/…/weighup/answers/weighup-2026-11-30-1412.json "),
        "{welcome}"
    );
    let narrow = text(&app, 50, 40);
    assert!(
        narrow.contains("   /home/…/answers/weighup-2026-11-30-1412.json "),
        "{narrow}"
    );
    let wide = text(&app, 120, 40);
    assert!(wide.contains(PATH), "{wide}");
}

#[test]
fn the_help_on_a_question_says_who_to_ask_and_gives_the_saved_file_in_full() {
    let mut app = app_on(&test_bank());
    press(&mut app, KeyCode::Enter);
    assert!(on_question(&app, "demo.data"));
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('?'));
    let help = text(&app, 80, 60);
    assert!(help.contains("If you are not sure: who to ask"), "{help}");
    assert!(help.contains("Ask the sponsor."), "{help}");
    assert!(help.contains("In full (to copy)"), "{help}");
    assert!(
        help.contains(PATH),
        "the whole file name on one line: {help}"
    );
    assert!(
        !help.contains("scenario brief"),
        "no brief key outside a workshop: {help}"
    );
}

#[test]
fn web_addresses_on_a_flag_stand_whole_on_their_own_line_or_lose_their_middle() {
    let bank = test_bank();
    let mut app = review_app(&bank, &finished_test_answers());
    press(&mut app, KeyCode::Char('1'));
    assert!(matches!(app.screen(), Screen::Flag(f) if f.index == 0));
    let url = "https://example.org/licences/test-community-licence/section-2";
    let wide = text(&app, 100, 60);
    assert!(wide.contains(&format!("\"   {url} ")), "{wide}");
    let narrow = text(&app, 50, 60);
    assert!(
        !narrow.contains("https://example.org/licences/test-comm\""),
        "{narrow}"
    );
    assert!(
        narrow.contains("\"   https://example.org/licences/…/section-2 "),
        "{narrow}"
    );
    // The help gives it whole.
    press(&mut app, KeyCode::Char('?'));
    let help = flat(&text(&app, 100, 60));
    assert!(help.contains(url), "{help}");
}

#[test]
fn a_question_names_its_glossary_terms_and_g_opens_at_the_first() {
    let mut app = new_app();
    jump(&mut app, "infrastructure.team");
    let screen = flat(&text(&app, 80, 40));
    assert!(
        screen.contains("In the glossary (g): ML operations."),
        "{screen}"
    );
    press(&mut app, KeyCode::Char('g'));
    let Some(Overlay::Glossary { cursor, .. }) = app.overlay() else {
        panic!("the glossary opens")
    };
    let at = *cursor;
    let glossary = text(&app, 80, 24);
    assert!(at > 0, "opens at the question's first term, not the top");
    assert!(glossary.contains("> ML operations"), "{glossary}");
    jump_close(&mut app);
    jump(&mut app, "customisation.openness");
    let screen = flat(&text(&app, 80, 40));
    assert!(
        screen.contains("In the glossary (g): Open Source AI Definition (OSI)"),
        "{screen}"
    );
}

fn jump_close(app: &mut App) {
    press(app, KeyCode::Esc);
    assert!(app.overlay().is_none());
}

#[test]
fn an_overlay_shows_its_own_keys_in_the_footer() {
    let mut app = new_app();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('g'));
    let screen = text(&app, 80, 24);
    let footer = screen.lines().last().unwrap();
    assert!(
        footer.contains("↑↓ term") && footer.contains("Esc close"),
        "{footer}"
    );
    assert!(!footer.contains("1-9 pick"), "{footer}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::End);
    let Some(Overlay::Help { scroll }) = app.overlay() else {
        panic!("the help is open")
    };
    assert!(scroll.offset() > 0, "End goes to the end of the help");
}

#[test]
fn a_volume_in_requests_a_day_says_what_a_request_is() {
    let mut app = new_app();
    jump(&mut app, "scale.volume");
    let screen = flat(&text(&app, 80, 30));
    assert!(
        screen.contains("A request is one message sent to the AI and its reply"),
        "{screen}"
    );
}

/// The full-screen field and the plain mode read typed numbers by one grammar
/// (`questionnaire::input`): whatever the library takes, the field saves, and whatever it
/// refuses, the field refuses with the same message.
#[test]
fn the_number_field_takes_exactly_what_the_one_input_grammar_takes() {
    let bank = test_bank();
    let q = bank.question("demo.users").unwrap().clone();
    for typed in [
        "12",
        "1,500",
        "1 500",
        "0.5",
        "0,2",
        "20000",
        "lots",
        "-3",
        "12 apples",
        "1.2bn",
        "900 million",
        "1e300",
    ] {
        let mut app = app_on(&bank);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('2'));
        press(&mut app, KeyCode::Char('y'));
        assert!(on_question(&app, "demo.users"));
        type_text(&mut app, typed);
        press(&mut app, KeyCode::Enter);
        let library = weighup::questionnaire::input::read_answer(&q, typed);
        match &library {
            Ok(answer) => assert_eq!(app.answers().get("demo.users"), Some(answer), "{typed}"),
            Err(e) => {
                assert_eq!(app.answers().get("demo.users"), None, "{typed}");
                let Screen::Question(s) = app.screen() else {
                    panic!("{typed}: the question stays on screen")
                };
                assert_eq!(s.error.as_deref(), Some(e.message()), "{typed}");
            }
        }
    }
}

/// Quitting after a couple of answers: no verdict, no "0 out of 100", just how far you got
/// and where the answers are.
#[test]
fn quitting_early_says_there_is_no_recommendation_yet_in_one_sentence() {
    let mut app = app_on(&test_bank());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('1'));
    let s = weighup::tui::summary(&app);
    let (done, asked) = app.progress();
    assert!(
        s.starts_with(&format!(
            "No recommendation yet: you answered {done} of {asked} questions, too few to choose a side.\n"
        )),
        "{s}"
    );
    assert!(!s.contains("out of 100"), "{s}");
}

/// A need only one side can meet reads as a sentence on the result: the answer, then which
/// way of running a model can meet it.
#[test]
fn a_hard_constraint_on_the_result_reads_as_a_sentence() {
    let bank = builtin();
    let app = review_app(&bank, &[("control.offline", Answer::Choice("yes".into()))]);
    let screen = flat(&text(&app, 200, 120));
    assert!(
        screen.contains(
            "• Works offline: \"Yes\". Only an open-weights model on your own computers can meet it."
        ),
        "{screen}"
    );
}
