//! The key tables against themselves, on every screen, field and box: what the footer and
//! the help say is what the keys do, and no key means two things on one screen.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::datetime;

use super::{ALWAYS, Binding, action_for, bindings, help_rows, tables};
use crate::bank::{Bank, Kind};
use crate::session::Started;
use crate::sheet::Sheet;
use crate::tui::TuiOptions;
use crate::tui::app::{App, Back, Overlay, Screen};
use crate::tui::overlay::help;
use crate::tui::screen;

fn app() -> App {
    let bank = Bank::builtin().expect("the built-in bank loads");
    let now = datetime!(2026-11-30 14:12 UTC);
    let started = Started {
        sheet: Sheet::new(&bank, now),
        path: PathBuf::from("/tmp/answers.json"),
        notices: Vec::new(),
        resumed: false,
    };
    let mut app = App::new(&bank, started, TuiOptions::default(), now);
    app.size = (80, 24);
    app
}

/// Every screen, field and box, with and without a scenario card, in review mode and not.
fn states() -> Vec<(String, App)> {
    let mut screens: Vec<(String, App)> = Vec::new();
    let base = app();
    let mut add = |name: &str, screen: Screen| {
        let mut a = base.clone();
        a.screen = screen;
        screens.push((name.to_string(), a));
    };
    add(
        "welcome",
        Screen::Welcome(screen::welcome::State::default()),
    );
    let mut seen: Vec<(Kind, bool)> = Vec::new();
    for (i, q) in base.bank().questions.iter().enumerate() {
        for cursor in [0, 1] {
            if seen.contains(&(q.kind, cursor == 1)) {
                continue;
            }
            seen.push((q.kind, cursor == 1));
            let mut s = screen::question::State::open(&base, i, None);
            s.cursor = cursor;
            add(
                &format!("question {:?} on row {cursor}", q.kind),
                Screen::Question(Box::new(s)),
            );
        }
    }
    add(
        "index",
        Screen::Index(screen::index::State {
            cursor: 0,
            back: Back::Welcome,
        }),
    );
    add(
        "check",
        Screen::Check(screen::check::State {
            cursor: 0,
            back: Back::Welcome,
        }),
    );
    add("result", Screen::Result(screen::result::State::default()));
    add("flag", Screen::Flag(screen::flag::State::new(0)));
    add(
        "scenario cards",
        Screen::Scenarios(screen::scenarios::State {
            cursor: 0,
            field: false,
            label: crate::tui::input::TextInput::default(),
        }),
    );
    add(
        "scenario label field",
        Screen::Scenarios(screen::scenarios::State {
            cursor: 0,
            field: true,
            label: crate::tui::input::TextInput::default(),
        }),
    );
    add("brief", Screen::Brief(screen::brief::State::default()));

    let mut all = Vec::new();
    for (name, a) in screens {
        let mut card = a.clone();
        card.q.set_start(Some(card.scenarios[0].id.clone()), None);
        let mut review = a.clone();
        review.q = crate::questionnaire::Questionnaire::review(
            a.bank(),
            crate::session::Started {
                sheet: a.sheet().clone(),
                path: PathBuf::from("/tmp/original.json"),
                notices: Vec::new(),
                resumed: true,
            },
            None,
        );
        let first = review.bank().questions[0].id.clone();
        review
            .q
            .answer(&first, crate::answers::Answer::NotSure, review.now);
        assert!(review.q.changed());
        all.push((format!("{name}, with a scenario card"), card));
        all.push((format!("{name}, reviewing with changes"), review));
        all.push((name, a));
    }
    let overlays = [
        Overlay::help(),
        Overlay::glossary(0),
        Overlay::licences(),
        Overlay::ConfirmQuit { quit: false },
        Overlay::ConfirmOverwrite { overwrite: false },
        Overlay::brief(),
    ];
    let under: Vec<App> = all.iter().map(|(_, a)| a.clone()).collect();
    for o in overlays {
        for a in &under {
            let mut a = a.clone();
            a.overlay = Some(o.clone());
            all.push((format!("{o:?} over {:?}", a.screen), a));
        }
    }
    let mut small = base.clone();
    small.size = (40, 10);
    all.push(("too small".into(), small));
    all
}

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// The key presses a footer or help label names ("↑↓", "Enter or Space", "Tab or n, p").
/// An unknown name fails the test: labels must name real keys.
fn named(label: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    for word in label.split([' ', ',']).filter(|w| !w.is_empty()) {
        let code = match word {
            "or" => continue,
            "↑↓" => {
                out.push(press(KeyCode::Up));
                KeyCode::Down
            }
            "↑" => KeyCode::Up,
            "↓" => KeyCode::Down,
            "←" => KeyCode::Left,
            "→" => KeyCode::Right,
            "Enter" => KeyCode::Enter,
            "Space" => KeyCode::Char(' '),
            "Tab" => KeyCode::Tab,
            "Shift-Tab" => KeyCode::BackTab,
            "Esc" => KeyCode::Esc,
            "Backspace" => KeyCode::Backspace,
            "Delete" => KeyCode::Delete,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PgUp" => KeyCode::PageUp,
            "PgDn" => KeyCode::PageDown,
            "1-9" => {
                out.push(press(KeyCode::Char('1')));
                KeyCode::Char('9')
            }
            "letters" => {
                out.push(press(KeyCode::Char('q')));
                KeyCode::Char('Z')
            }
            "digits" => KeyCode::Char('0'),
            w if w.starts_with("Ctrl-") && w.len() == 6 => {
                let c = w.chars().last().unwrap().to_ascii_lowercase();
                out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
                continue;
            }
            w if w.starts_with('F') && w.len() > 1 => {
                KeyCode::F(w[1..].parse().unwrap_or_else(|_| panic!("no key {w:?}")))
            }
            w if w.chars().count() == 1 => KeyCode::Char(w.chars().next().unwrap()),
            w => panic!("{label:?} names a key the test does not know: {w:?}"),
        };
        out.push(press(code));
    }
    assert!(!out.is_empty(), "{label:?} names no key");
    out
}

/// Binding `i` and the bindings joined to it: the keys its hint and help row speak for.
fn group<'a>(list: &[&'a Binding], i: usize) -> Vec<&'a Binding> {
    let mut g = vec![list[i]];
    g.extend(list[i + 1..].iter().take_while(|b| b.joined));
    g
}

/// Does the key press do what one of the bindings in `g` says?
fn does_what(app: &App, g: &[&Binding], key: KeyEvent) -> bool {
    let got = action_for(app, key);
    got.is_some() && g.iter().any(|b| b.action.resolve(&key) == got)
}

#[test]
fn every_footer_hint_names_keys_that_do_what_the_binding_says() {
    let mut checked = 0;
    for (name, app) in states() {
        let list = bindings(&app);
        for (i, b) in list.iter().enumerate() {
            let Some(h) = b.hint else { continue };
            let g = group(&list, i);
            for key in named(h.key) {
                assert!(
                    does_what(&app, &g, key),
                    "{name}: the footer says \"{} {}\" but {:?} does {:?}",
                    h.key,
                    h.label,
                    key.code,
                    action_for(&app, key)
                );
            }
            // The binding itself is not hidden behind an earlier one.
            let own = super::probe(b.keys[0]).expect("a hinted binding has a plain first key");
            assert_eq!(
                action_for(&app, own),
                b.action.resolve(&own),
                "{name}: {:?} is taken by an earlier binding",
                b.keys[0]
            );
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} hints checked");
}

#[test]
fn every_help_row_names_keys_that_do_what_it_says() {
    for (name, app) in states().into_iter().filter(|(_, a)| a.overlay.is_none()) {
        let list = bindings(&app);
        for (i, b) in list.iter().enumerate() {
            let Some((keys, text)) = b.help else { continue };
            if b.everywhere {
                continue;
            }
            let g = group(&list, i);
            for key in named(keys) {
                assert!(
                    does_what(&app, &g, key),
                    "{name}: the help says \"{keys}: {text}\" but {:?} does {:?}",
                    key.code,
                    action_for(&app, key)
                );
            }
        }
        // The "Everywhere" rows are named by the keys that work here, outside a field.
        let (_, everywhere) = help_rows(&app);
        if !app.typing() && !app.too_small() {
            for (keys, text) in everywhere {
                for key in named(&keys) {
                    assert!(
                        action_for(&app, key).is_some(),
                        "{name}: the help says \"{keys}: {text}\" but {:?} does nothing",
                        key.code
                    );
                }
            }
        }
    }
}

/// Every key press worth trying: printable characters, the named keys, Ctrl and a letter.
fn probes() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = (' '..='~').map(|c| press(KeyCode::Char(c))).collect();
    keys.push(press(KeyCode::Char('é')));
    for code in [
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::F(1),
        KeyCode::F(2),
        KeyCode::F(3),
    ] {
        keys.push(press(code));
    }
    keys.extend(('a'..='z').map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
    keys.push(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    keys.push(KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT));
    keys
}

#[test]
fn no_key_means_two_things_on_one_screen() {
    for (name, app) in states() {
        let mut all: Vec<&Binding> = ALWAYS.iter().collect();
        all.extend(tables(&app).iter().flat_map(|t| t.iter()));
        for key in probes() {
            let matching: Vec<&Binding> = all
                .iter()
                .copied()
                .filter(|b| b.action_for(&app, &key).is_some())
                .collect();
            let Some(first) = matching.first() else {
                continue;
            };
            let wins = first.action_for(&app, &key);
            for other in &matching[1..] {
                let says = other.action_for(&app, &key);
                // A screen may take a key from EVERYWHERE, saying so (Esc is "back" on the
                // brief); the help then leaves that key out of the "Everywhere" row.
                let taken = first.overrides && other.everywhere;
                assert!(
                    says == wins || taken,
                    "{name}: {key:?} means both {wins:?} and {says:?}"
                );
            }
        }
    }
}

#[test]
fn every_hint_is_in_the_help() {
    for (name, app) in states()
        .into_iter()
        .filter(|(_, a)| a.overlay.is_none() && !a.too_small())
    {
        let doc = help::doc(&app, 200)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        let (here, everywhere) = help_rows(&app);
        let rows: Vec<(String, &str)> = here.into_iter().chain(everywhere).collect();
        for (keys, text) in &rows {
            assert!(
                doc.contains(&format!("{keys:<18} {text}")),
                "{name}: the help does not show \"{keys}: {text}\":\n{doc}"
            );
        }
        for b in bindings(&app) {
            let Some(h) = b.hint else { continue };
            let wanted = named(h.key);
            let covered = rows.iter().any(|(keys, _)| {
                let has = named(keys);
                wanted.iter().all(|w| has.contains(w))
            });
            assert!(
                covered,
                "{name}: the footer shows \"{} {}\" but no help row names {:?}:\n{doc}",
                h.key, h.label, h.key
            );
        }
    }
}

#[test]
fn the_tests_above_can_fail() {
    // A label naming a key that does something else is caught.
    let app = app();
    let list = bindings(&app);
    let enter = list
        .iter()
        .position(|b| b.hint.is_some_and(|h| h.key == "Enter"))
        .unwrap();
    let g = group(&list, enter);
    assert!(does_what(&app, &g, press(KeyCode::Enter)));
    assert!(!does_what(&app, &g, press(KeyCode::Char('q'))));
}
