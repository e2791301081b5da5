//! Any sequence of keys, at any window size: the app never panics, every screen draws, and an
//! answer to a choice question is never lost (going back, jumping, changing, hiding it behind
//! another answer). Only emptying a number or text field on purpose removes that answer.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use time::OffsetDateTime;
use time::macros::datetime;
use weighup::bank::{Bank, Kind};
use weighup::session::Started;
use weighup::sheet::Sheet;
use weighup::tui::{Action, App, Effect, TuiOptions, action_for};

const NOW: OffsetDateTime = datetime!(2026-11-30 14:12 UTC);

fn keys() -> impl Strategy<Value = KeyEvent> {
    let plain = prop_oneof![
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Enter),
        Just(KeyCode::Enter),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Backspace),
        Just(KeyCode::PageDown),
        Just(KeyCode::PageUp),
        Just(KeyCode::Esc),
        Just(KeyCode::F(1)),
        Just(KeyCode::F(2)),
        Just(KeyCode::Char(' ')),
        (b'1'..=b'9').prop_map(|c| KeyCode::Char(char::from(c))),
        prop::sample::select(vec![
            'i', 'c', 'r', 'g', '?', 'b', 'n', 'y', 'j', 'k', 'o', 'x', '日'
        ])
        .prop_map(KeyCode::Char),
    ];
    plain.prop_map(|code| KeyEvent::new(code, KeyModifiers::NONE))
}

/// Answers to choice questions: these only ever change, never disappear.
fn choice_answers(app: &App, bank: &Bank) -> BTreeSet<String> {
    app.sheet()
        .answers
        .keys()
        .filter(|id| {
            bank.question(id)
                .is_some_and(|q| !matches!(q.kind, Kind::Number | Kind::Text))
        })
        .cloned()
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_keys_at_any_size_never_lose_a_choice_or_break_a_screen(
        presses in prop::collection::vec(keys(), 1..160),
        w in 20u16..160,
        h in 6u16..50,
    ) {
        let bank = Bank::builtin().unwrap();
        let started = Started {
            sheet: Sheet::new(&bank, NOW),
            path: PathBuf::from("/tmp/weighup-props.json"),
            notices: Vec::new(),
            resumed: false,
        };
        let mut app = App::new(&bank, started, TuiOptions::default(), NOW);
        app.update(Action::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut given = BTreeSet::new();
        for k in presses {
            let effect = match action_for(&app, k) {
                Some(a) => {
                    let e = app.update(a);
                    // The runtime's own effect handling, with nothing written to disk.
                    weighup::tui::apply_effect(&mut app, e, |_, _| Ok(()))
                }
                None => Effect::None,
            };
            terminal.draw(|f| weighup::tui::draw(f, &app)).unwrap();
            let now = choice_answers(&app, &bank);
            prop_assert!(given.is_subset(&now), "lost {:?}", given.difference(&now).collect::<Vec<_>>());
            given = now;
            if matches!(effect, Effect::Quit | Effect::Interrupt) {
                break;
            }
        }
    }
}
