//! Every key of the full-screen app, declared once. Each screen, field and box has a table of
//! [`Binding`]s (keys, when they apply, the action, the footer hint, the help row); key
//! handling ([`action_for`]), the footer ([`footer`], [`screen_footer`]) and the keys help
//! ([`help_rows`]) all read the same tables, so they cannot disagree.
//!
//! Key handling takes the first binding that matches, in this order: Ctrl-C, then the box on
//! top (if any), else the text field (if one has the focus), else the screen's own table and
//! then [`EVERYWHERE`]. In a text or number field letters type (so `q`, `j`, `k`, `?` go into
//! the field); the field's own keys are Enter, Tab, Shift-Tab, Esc, F1 and F2. A letter held
//! with Ctrl or Alt is not a letter; other keys act whatever is held with them. Only key
//! presses count: Windows also reports releases, which would double every key.
//!
//! To add a key: add a [`Binding`] to the table of the screen (or to [`EVERYWHERE`]) with its
//! hint and help row; `src/tui/keymap/tests.rs` (`cargo test --lib keymap`) checks that what the footer and the help say is what the
//! keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::app::{App, Overlay, Screen};
use super::view::Hint;
use crate::bank::Kind;

/// One key, or a family of keys that share a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// This key. A character must come without Ctrl or Alt (Shift is allowed: `?` needs
    /// it); other keys match whatever is held with them.
    Code(KeyCode),
    /// Ctrl and this letter.
    Ctrl(char),
    /// A digit 1 to 9 (picks option 1 to 9).
    Digit,
    /// Any character typed without Ctrl or Alt.
    Char,
}

impl Key {
    /// Does this key press match?
    pub fn matches(self, key: &KeyEvent) -> bool {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match self {
            Key::Code(code @ KeyCode::Char(_)) => plain && key.code == code,
            // Ctrl-→ in a field still moves, Shift-Enter still saves.
            Key::Code(code) => key.code == code,
            Key::Ctrl(c) => {
                key.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(key.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
            }
            Key::Digit => plain && matches!(key.code, KeyCode::Char('1'..='9')),
            Key::Char => plain && matches!(key.code, KeyCode::Char(_)),
        }
    }

    /// The key's name as the help writes it ("q", "F1", "Esc", "Ctrl-C").
    pub fn name(self) -> String {
        match self {
            Key::Code(KeyCode::Char(' ')) => "Space".into(),
            Key::Code(KeyCode::Char(c)) => c.to_string(),
            Key::Code(KeyCode::F(n)) => format!("F{n}"),
            Key::Code(KeyCode::Esc) => "Esc".into(),
            Key::Code(KeyCode::Enter) => "Enter".into(),
            Key::Code(KeyCode::Tab) => "Tab".into(),
            Key::Code(KeyCode::BackTab) => "Shift-Tab".into(),
            Key::Code(code) => format!("{code:?}"),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Digit => "1-9".into(),
            Key::Char => "letters, digits".into(),
        }
    }
}

/// What a binding does: one action, or one that depends on the key pressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    Do(Action),
    /// Digit `n` picks option `n` ([`Action::Pick`], 0-based).
    Pick,
    /// The character goes into the field ([`Action::Type`]).
    Type,
}

impl Act {
    /// The action for this key press.
    pub fn resolve(&self, key: &KeyEvent) -> Option<Action> {
        match (self, key.code) {
            (Act::Do(a), _) => Some(a.clone()),
            (Act::Pick, KeyCode::Char(c @ '1'..='9')) => {
                Some(Action::Pick((c as usize).saturating_sub('1' as usize)))
            }
            (Act::Type, KeyCode::Char(c)) => Some(Action::Type(c)),
            _ => None,
        }
    }
}

/// When a binding applies (its key, hint and help row together).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// On a multiple-choice question.
    Multi,
    /// On any other question (single choice, yes/no, the "Not sure" row of a number).
    NotMulti,
    /// On a number question (the field can move down to "Not sure").
    Number,
    /// A workshop scenario card is being played.
    Scenario,
    /// Review mode with changed answers not yet written over the original.
    Review,
}

impl When {
    pub fn holds(self, app: &App) -> bool {
        let kind = match &app.screen {
            Screen::Question(s) => Some(app.question(s.index).kind),
            _ => None,
        };
        match self {
            When::Always => true,
            When::Multi => kind == Some(Kind::Multi),
            When::NotMulti => kind.is_some_and(|k| k != Kind::Multi),
            When::Number => kind == Some(Kind::Number),
            When::Scenario => app.scenario().is_some(),
            When::Review => app.q.changed() && app.q.reviewing().is_some_and(|r| !r.overwritten),
        }
    }
}

/// One line of a key table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    pub when: When,
    pub action: Act,
    /// In the footer: the key as shown, a few words, and whether it stays when room is short.
    pub hint: Option<Hint>,
    /// In the keys help: the keys as written there, and what they do.
    pub help: Option<(&'static str, &'static str)>,
    /// Its keys are named by the hint or help of the binding before it ("↑↓" covers Down).
    pub joined: bool,
    /// Listed in the help's "Everywhere" part, not under "On this screen".
    pub everywhere: bool,
    /// Takes its keys from [`EVERYWHERE`] on this screen (Esc means "back" on the brief).
    pub overrides: bool,
}

const fn bind(keys: &'static [Key], action: Action) -> Binding {
    act(keys, Act::Do(action))
}

const fn act(keys: &'static [Key], action: Act) -> Binding {
    Binding {
        keys,
        when: When::Always,
        action,
        hint: None,
        help: None,
        joined: false,
        everywhere: false,
        overrides: false,
    }
}

impl Binding {
    /// A footer hint that goes first when the footer is too narrow.
    const fn hint(mut self, key: &'static str, label: &'static str) -> Self {
        self.hint = Some(Hint {
            key,
            label,
            keep: false,
        });
        self
    }
    /// A footer hint that stays as long as possible.
    const fn keep(mut self, key: &'static str, label: &'static str) -> Self {
        self.hint = Some(Hint {
            key,
            label,
            keep: true,
        });
        self
    }
    const fn help(mut self, keys: &'static str, text: &'static str) -> Self {
        self.help = Some((keys, text));
        self
    }
    const fn no_help(mut self) -> Self {
        self.help = None;
        self
    }
    const fn when(mut self, when: When) -> Self {
        self.when = when;
        self
    }
    const fn joined(mut self) -> Self {
        self.joined = true;
        self
    }
    const fn everywhere(mut self) -> Self {
        self.everywhere = true;
        self
    }
    const fn overrides(mut self) -> Self {
        self.overrides = true;
        self
    }

    /// The action if this binding applies to the key press.
    pub fn action_for(&self, app: &App, key: &KeyEvent) -> Option<Action> {
        if !self.when.holds(app) || !self.keys.iter().any(|k| k.matches(key)) {
            return None;
        }
        self.action.resolve(key)
    }
}

use KeyCode::{BackTab, Backspace, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown};
use KeyCode::{PageUp, Right, Tab, Up};

const fn c(ch: char) -> Key {
    Key::Code(KeyCode::Char(ch))
}
const fn k(code: KeyCode) -> Key {
    Key::Code(code)
}
const SPACE: Key = c(' ');

// ---- keys that work on every screen (outside a text field and a box) ----

const UP: Binding = bind(&[k(Up), c('k')], Action::Up);
const DOWN: Binding = bind(&[k(Down), c('j')], Action::Down).joined();
const PAGE_UP: Binding = bind(&[k(PageUp)], Action::PageUp).joined();
const PAGE_DOWN: Binding = bind(&[k(PageDown)], Action::PageDown).joined();
const TOP: Binding = bind(&[k(Home)], Action::Top);
const BOTTOM: Binding = bind(&[k(End)], Action::Bottom);
const HELP: Binding = bind(&[c('?'), k(F(1))], Action::Help)
    .help("? or F1", "this help")
    .everywhere();
const GLOSSARY: Binding = bind(&[c('g')], Action::Glossary)
    .help("g", "glossary: the terms explained")
    .everywhere();
const INDEX: Binding = bind(&[c('i')], Action::Index)
    .help("i", "all questions: jump to any of them")
    .everywhere();
const CHECK: Binding = bind(&[c('c')], Action::Check)
    .help("c", "check and change your answers")
    .everywhere();
const RESULT: Binding = bind(&[c('r')], Action::Result)
    .help("r", "see the result")
    .everywhere();
const QUIT: Binding = bind(&[c('q'), k(Esc)], Action::Quit)
    .help("q or Esc", "quit (asks first; your answers are saved)")
    .everywhere();
const FORCE_QUIT: Binding = bind(&[Key::Ctrl('c')], Action::ForceQuit)
    .help("Ctrl-C", "quit at once (your answers are saved)")
    .everywhere();
const BRIEF: Binding = bind(&[c('b'), k(F(2))], Action::Brief)
    .help("b or F2", "your scenario card's brief (F2 in a text field)")
    .everywhere();

/// The keys that work on every screen, after the screen's own table. The help lists them in
/// this order under "Everywhere".
pub const EVERYWHERE: &[Binding] = &[
    HELP,
    GLOSSARY,
    INDEX,
    CHECK,
    RESULT,
    QUIT,
    FORCE_QUIT,
    BRIEF.when(When::Scenario),
    // Without a card `b` still answers (with "there is no brief"), but the help leaves it out.
    BRIEF.no_help(),
    UP,
    DOWN,
    PAGE_UP,
    PAGE_DOWN,
    TOP,
    BOTTOM,
];

// ---- screens ----

const WELCOME: &[Binding] = &[
    UP.keep("↑↓", "move").help("↑ ↓  or  k j", "move"),
    DOWN,
    bind(&[k(Enter), SPACE, k(Right), k(Tab)], Action::Choose)
        .keep("Enter", "choose")
        .help("Enter or Space", "choose"),
    act(&[Key::Digit], Act::Pick),
    bind(&[k(PageUp)], Action::PageUp)
        .hint("PgUp PgDn", "scroll")
        .help("PgUp PgDn", "scroll the text"),
    PAGE_DOWN,
    GLOSSARY.hint("g", "glossary"),
    INDEX.hint("i", "all questions"),
    HELP.keep("?", "help"),
    QUIT.keep("q", "quit"),
];

const BACK_KEYS: &[Key] = &[k(Backspace), k(Left), k(BackTab)];
const NEXT_KEYS: &[Key] = &[k(Tab), k(Right)];

/// A question with options (not a field).
const QUESTION: &[Binding] = &[
    UP.keep("↑↓", "move").help("↑ ↓  or  k j", "move"),
    DOWN,
    bind(&[SPACE], Action::Toggle)
        .when(When::Multi)
        .keep("Space", "tick")
        .help("Space or 1-9", "tick or untick an option"),
    act(&[Key::Digit], Act::Pick).when(When::Multi).joined(),
    bind(&[k(Enter)], Action::Submit)
        .when(When::Multi)
        .keep("Enter", "save and next")
        .help("Enter", "save the ticks and go to the next question"),
    bind(&[k(Enter), SPACE], Action::Choose)
        .when(When::NotMulti)
        .keep("Enter", "choose")
        .help("Enter or Space", "choose and go to the next question"),
    act(&[Key::Digit], Act::Pick)
        .when(When::NotMulti)
        .hint("1-9", "pick")
        .help("1-9", "choose that option"),
    act(&[c('y'), c('n'), c('Y'), c('N')], Act::Type)
        .when(When::NotMulti)
        .help("y  n", "yes or no, on yes/no questions"),
    bind(BACK_KEYS, Action::Back)
        .when(When::Multi)
        .keep("←", "back")
        .help("← or Backspace", "previous question (your ticks are kept)"),
    bind(BACK_KEYS, Action::Back)
        .when(When::NotMulti)
        .keep("←", "back")
        .help("← or Backspace", "previous question (answers are kept)"),
    bind(NEXT_KEYS, Action::Next)
        .when(When::Multi)
        .hint("→", "next")
        .help("→ or Tab", "next question"),
    bind(NEXT_KEYS, Action::Next)
        .when(When::NotMulti)
        .hint("→", "next")
        .help("→ or Tab", "next question without answering"),
    INDEX.hint("i", "all questions"),
    BRIEF.when(When::Scenario).keep("b", "brief"),
    HELP.keep("?", "help"),
    QUIT.keep("q", "quit"),
];

const INDEX_SCREEN: &[Binding] = &[
    UP.keep("↑↓", "move").help("↑ ↓  PgUp PgDn", "move"),
    DOWN,
    PAGE_UP,
    PAGE_DOWN,
    bind(&[k(Enter), SPACE, k(Right)], Action::Choose)
        .keep("Enter", "go to question")
        .help("Enter", "go to that question"),
    bind(&[k(Backspace), k(Left)], Action::Back)
        .keep("←", "back")
        .help("← or Backspace", "back"),
    CHECK.hint("c", "check answers"),
    RESULT.hint("r", "result"),
    HELP.keep("?", "help"),
    QUIT.keep("q", "quit"),
];

const CHECK_SCREEN: &[Binding] = &[
    UP.keep("↑↓", "move").help("↑ ↓", "move"),
    DOWN,
    bind(&[k(Enter), SPACE], Action::Choose)
        .keep("Enter", "change")
        .help("Enter", "change that answer (you come back here)"),
    RESULT.keep("r", "see the result"),
    bind(&[k(Right), k(Tab)], Action::Result).help("r or →", "see the result"),
    bind(&[k(Backspace), k(Left)], Action::Back)
        .keep("←", "back")
        .help("← or Backspace", "back"),
    INDEX.hint("i", "all questions"),
    HELP.keep("?", "help"),
    QUIT.keep("q", "quit"),
];

const RESULT_SCREEN: &[Binding] = &[
    UP.keep("↑↓", "scroll").help("↑ ↓  PgUp PgDn", "scroll"),
    DOWN,
    PAGE_UP,
    PAGE_DOWN,
    bind(&[k(Tab)], Action::NextFlag)
        .keep("Tab", "next flag")
        .help("Tab  Shift-Tab", "move between the flags"),
    bind(&[k(BackTab)], Action::PrevFlag).joined(),
    bind(&[k(Enter), SPACE], Action::Choose)
        .hint("Enter", "open flag")
        .help("Enter or 1-9", "open a flag's details"),
    act(&[Key::Digit], Act::Pick).joined(),
    bind(&[c('l')], Action::Licences)
        .keep("l", "licences")
        .help(
            "l",
            "the open-weights licences that fit your answers, each with its conditions",
        ),
    CHECK.keep("c", "change answers"),
    bind(&[k(Backspace), k(Left)], Action::Check).help("c or ←", "check and change your answers"),
    bind(&[c('o')], Action::Overwrite)
        .when(When::Review)
        .keep("o", "replace original"),
    bind(&[c('o')], Action::Overwrite).help("o", "when reviewing: overwrite the original file"),
    INDEX.hint("i", "all questions"),
    HELP.keep("?", "help"),
    QUIT.keep("q", "quit"),
];

const FLAG_SCREEN: &[Binding] = &[
    UP.keep("↑↓", "scroll").help("↑ ↓  PgUp PgDn", "scroll"),
    DOWN,
    PAGE_UP,
    PAGE_DOWN,
    bind(&[k(Backspace), k(Left), k(Enter)], Action::Back)
        .keep("←", "back to the result")
        .help("← or Enter", "back to the result"),
    bind(&[k(Tab), k(Right), c('n')], Action::NextFlag)
        .keep("Tab", "next flag")
        .help("Tab or n, p", "next or previous flag"),
    bind(&[k(BackTab), c('p')], Action::PrevFlag)
        .joined()
        .hint("p", "previous flag"),
    HELP.keep("?", "help"),
    QUIT.keep("q", "quit"),
];

const SCENARIOS: &[Binding] = &[
    UP.keep("↑↓", "move").help("↑ ↓  or  k j", "move"),
    DOWN,
    bind(&[k(Enter), SPACE, k(Right)], Action::Choose)
        .keep("Enter", "play this card")
        .help("Enter or 1-9", "play that card: its brief comes first"),
    act(&[Key::Digit], Act::Pick).joined().hint("1-9", "pick"),
    bind(&[k(Tab), k(BackTab)], Action::Next)
        .keep("Tab", "name or table")
        .help("Tab", "type your name or table (optional)"),
    bind(&[k(Backspace), k(Left)], Action::Back),
    bind(&[k(Esc)], Action::Close)
        .overrides()
        .keep("Esc", "back")
        .help("Esc", "back to the welcome screen"),
];

const BRIEF_SCREEN: &[Binding] = &[
    bind(&[k(Enter), SPACE, k(Right), k(Tab)], Action::Choose)
        .keep("Enter", "start the questions")
        .help("Enter", "start the questions"),
    UP.hint("↑↓ PgUp PgDn", "scroll")
        .help("↑ ↓  PgUp PgDn", "scroll"),
    DOWN,
    PAGE_UP,
    PAGE_DOWN,
    bind(&[k(Esc)], Action::Back)
        .overrides()
        .keep("Esc", "back")
        .help("Esc", "back to the welcome screen"),
    bind(&[k(Backspace), k(Left)], Action::Back),
    HELP.keep("?", "help"),
    QUIT.keep("q", "quit"),
];

// ---- text and number fields ----

/// Editing keys shared by every field; they come before the field's own keys.
const FIELD: &[Binding] = &[
    act(&[Key::Char], Act::Type).help("letters, digits", "type (they never act as keys here)"),
    bind(&[k(Left)], Action::CursorLeft).help("← → Home End", "move in the text"),
    bind(&[k(Right)], Action::CursorRight).joined(),
    bind(&[k(Home), Key::Ctrl('a')], Action::CursorHome).joined(),
    bind(&[k(End), Key::Ctrl('e')], Action::CursorEnd).joined(),
    bind(&[k(Backspace)], Action::Erase).help("Backspace Delete", "erase"),
    bind(&[k(Delete)], Action::EraseForward).joined(),
    bind(&[k(PageUp)], Action::PageUp),
    bind(&[k(PageDown)], Action::PageDown),
];

/// The answer field of a text or number question.
const ANSWER_FIELD: &[Binding] = &[
    bind(&[k(Enter)], Action::Submit)
        .keep("Enter", "save and next")
        .help("Enter", "save the answer and go to the next question"),
    bind(&[k(Down)], Action::Down)
        .when(When::Number)
        .hint("↓", "Not sure"),
    bind(&[k(Down)], Action::Down).help("↓ ↑", "move to \"Not sure\" and back"),
    bind(&[k(Up)], Action::Up).joined(),
    bind(&[k(BackTab)], Action::Back)
        .keep("Shift-Tab", "back")
        .help("Shift-Tab", "previous question (never blocked)"),
    bind(&[k(Tab)], Action::Next)
        .hint("Tab", "skip")
        .help("Tab", "next question"),
    bind(&[k(F(2))], Action::Brief)
        .when(When::Scenario)
        .keep("F2", "brief"),
    bind(&[k(F(2))], Action::Brief),
    bind(&[k(F(1))], Action::Help)
        .keep("F1", "help")
        .help("F1", "this help; from here g opens the glossary"),
    bind(&[k(Esc)], Action::Quit)
        .keep("Esc", "quit")
        .help("Esc", "quit (your answers are saved)"),
];

/// The optional name-or-table field above the scenario cards.
const LABEL_FIELD: &[Binding] = &[
    bind(&[k(Enter)], Action::Submit)
        .keep("Enter", "done")
        .help("Enter or Tab", "back to the cards"),
    bind(&[k(Tab)], Action::Next)
        .joined()
        .keep("Tab", "back to the cards"),
    bind(&[k(BackTab)], Action::Back),
    bind(&[k(Down)], Action::Down),
    bind(&[k(Up)], Action::Up),
    bind(&[k(F(1))], Action::Help),
    bind(&[k(F(2))], Action::Brief),
    bind(&[k(Esc)], Action::Close)
        .keep("Esc", "back")
        .help("Esc", "back to the welcome screen"),
];

// ---- boxes over a screen ----

const HELP_BOX: &[Binding] = &[
    UP.keep("↑↓", "scroll"),
    DOWN,
    bind(&[k(PageUp)], Action::PageUp).hint("PgUp PgDn", "page"),
    PAGE_DOWN,
    TOP,
    BOTTOM,
    bind(&[c('g')], Action::Glossary).keep("g", "glossary"),
    bind(&[c('i')], Action::Index),
    bind(&[k(Esc), c('q'), c('?'), k(F(1)), k(Enter)], Action::Close).keep("Esc", "close"),
];

/// The glossary and the licence shortlist: a list of entries; the key that opened the box
/// closes it.
const GLOSSARY_BOX: &[Binding] = &[
    bind(&[k(Up), c('k'), k(Left)], Action::Up).keep("↑↓", "term"),
    bind(&[k(Down), c('j'), k(Right)], Action::Down).joined(),
    bind(&[c('g')], Action::Close),
];
const LICENCES_BOX: &[Binding] = &[
    bind(&[k(Up), c('k'), k(Left)], Action::Up).keep("↑↓", "licence"),
    bind(&[k(Down), c('j'), k(Right)], Action::Down).joined(),
    bind(&[c('l')], Action::Close),
];
const LIST_BOX: &[Binding] = &[
    bind(&[k(PageUp)], Action::PageUp).hint("PgUp PgDn", "scroll"),
    PAGE_DOWN,
    TOP,
    BOTTOM,
    bind(&[c('?'), k(F(1))], Action::Help).keep("?", "help"),
    bind(&[k(Esc), c('q'), k(Enter), k(Backspace)], Action::Close).keep("Esc", "close"),
];

const BRIEF_BOX: &[Binding] = &[
    UP.keep("↑↓", "scroll"),
    DOWN,
    bind(&[k(PageUp)], Action::PageUp).hint("PgUp PgDn", "page"),
    bind(&[k(PageDown), SPACE], Action::PageDown).joined(),
    TOP,
    BOTTOM,
    bind(&[c('?'), k(F(1))], Action::Help),
    bind(&[k(Esc), c('q'), c('b'), k(F(2)), k(Enter)], Action::Close).keep("Esc", "close"),
];

const SWITCH: &[Key] = &[k(Left), k(Right), k(Tab), k(BackTab)];

const QUIT_BOX: &[Binding] = &[
    bind(&[c('y'), c('Y'), c('q')], Action::Yes).keep("y", "quit"),
    bind(&[c('n'), c('N'), k(Esc)], Action::No).keep("n", "keep going"),
    bind(&[k(Enter), SPACE], Action::Choose),
    bind(SWITCH, Action::CursorRight),
];

const OVERWRITE_BOX: &[Binding] = &[
    bind(&[c('y'), c('Y')], Action::Yes).keep("y", "overwrite"),
    bind(&[c('n'), c('N'), c('q'), k(Esc)], Action::No).keep("n", "keep the original"),
    bind(&[k(Enter), SPACE], Action::Choose),
    bind(SWITCH, Action::CursorRight),
];

/// The window is too small: it only says how to enlarge it and that q quits; no other key
/// may act on what cannot be seen, even in a text field.
const TOO_SMALL: &[Binding] = &[bind(&[c('q'), c('Q'), k(Esc)], Action::Quit)];

const ALWAYS: &[Binding] = &[FORCE_QUIT];

/// Is a text or number field focused, whatever box is on top?
fn field_focused(app: &App) -> bool {
    match &app.screen {
        Screen::Question(s) => match app.question(s.index).kind {
            Kind::Text => true,
            Kind::Number => s.cursor == 0,
            _ => false,
        },
        Screen::Scenarios(s) => s.field,
        _ => false,
    }
}

/// The screen's own table, outside any field.
fn screen_table(app: &App) -> &'static [Binding] {
    match &app.screen {
        Screen::Welcome(_) => WELCOME,
        Screen::Question(_) => QUESTION,
        Screen::Index(_) => INDEX_SCREEN,
        Screen::Check(_) => CHECK_SCREEN,
        Screen::Result(_) => RESULT_SCREEN,
        Screen::Flag(_) => FLAG_SCREEN,
        Screen::Scenarios(_) => SCENARIOS,
        Screen::Brief(_) => BRIEF_SCREEN,
    }
}

/// The tables of the screen under any box, in the order keys are looked up.
fn screen_tables(app: &App) -> Vec<&'static [Binding]> {
    match &app.screen {
        Screen::Question(_) if field_focused(app) => vec![FIELD, ANSWER_FIELD],
        Screen::Scenarios(s) if s.field => vec![FIELD, LABEL_FIELD],
        _ => vec![screen_table(app), EVERYWHERE],
    }
}

fn overlay_tables(overlay: &Overlay) -> Vec<&'static [Binding]> {
    match overlay {
        Overlay::Help { .. } => vec![HELP_BOX],
        Overlay::Glossary { .. } => vec![GLOSSARY_BOX, LIST_BOX],
        Overlay::Licences { .. } => vec![LICENCES_BOX, LIST_BOX],
        Overlay::ConfirmQuit { .. } => vec![QUIT_BOX],
        Overlay::ConfirmOverwrite { .. } => vec![OVERWRITE_BOX],
        Overlay::Brief { .. } => vec![BRIEF_BOX],
    }
}

/// The tables in force now, in lookup order (Ctrl-C comes before all of them).
pub fn tables(app: &App) -> Vec<&'static [Binding]> {
    if app.too_small() {
        return vec![TOO_SMALL];
    }
    match &app.overlay {
        Some(o) => overlay_tables(o),
        None => screen_tables(app),
    }
}

fn first_match(tables: &[&'static [Binding]], app: &App, key: &KeyEvent) -> Option<Action> {
    tables
        .iter()
        .flat_map(|t| t.iter())
        .find_map(|b| b.action_for(app, key))
}

/// The action a key press stands for on the current screen, if any: the first binding that
/// matches.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    first_match(&[ALWAYS], app, &key).or_else(|| first_match(&tables(app), app, &key))
}

/// The bindings that apply now (their `when` holds), in lookup order.
pub fn bindings(app: &App) -> Vec<&'static Binding> {
    applying(app, &tables(app))
}

fn applying(app: &App, tables: &[&'static [Binding]]) -> Vec<&'static Binding> {
    tables
        .iter()
        .flat_map(|t| t.iter())
        .filter(|b| b.when.holds(app))
        .collect()
}

fn hints(app: &App, tables: &[&'static [Binding]]) -> Vec<Hint> {
    applying(app, tables)
        .into_iter()
        .filter_map(|b| b.hint)
        .collect()
}

/// The footer of the screen under any box.
pub fn screen_footer(app: &App) -> Vec<Hint> {
    hints(app, &screen_tables(app))
}

/// The footer of the box on top.
pub fn overlay_footer(app: &App, overlay: &Overlay) -> Vec<Hint> {
    hints(app, &overlay_tables(overlay))
}

/// One row of the keys help: the keys as written there, and what they do.
pub type HelpRow = (String, &'static str);

/// The keys help: the rows for the screen under the help (its field, if one has the focus),
/// then the rows for [`EVERYWHERE`], named by the keys that really do that here.
pub fn help_rows(app: &App) -> (Vec<HelpRow>, Vec<HelpRow>) {
    let here = applying(app, &screen_tables(app))
        .into_iter()
        .filter(|b| !b.everywhere)
        .filter_map(|b| b.help.map(|(k, d)| (k.to_string(), d)))
        .collect();
    let outside = [screen_table(app), EVERYWHERE];
    let everywhere = EVERYWHERE
        .iter()
        .filter(|b| b.when.holds(app))
        .filter_map(|b| {
            let (_, text) = b.help?;
            let working: Vec<String> = b
                .keys
                .iter()
                .filter(|k| {
                    probe(**k).is_some_and(|e| {
                        first_match(&[ALWAYS], app, &e)
                            .or_else(|| first_match(&outside, app, &e))
                            .is_some_and(|a| b.action.resolve(&e) == Some(a))
                    })
                })
                .map(|k| k.name())
                .collect();
            (!working.is_empty()).then(|| (working.join(" or "), text))
        })
        .collect();
    (here, everywhere)
}

/// A key press for a single key (none for the families).
pub fn probe(key: Key) -> Option<KeyEvent> {
    match key {
        Key::Code(code) => Some(KeyEvent::new(code, KeyModifiers::NONE)),
        Key::Ctrl(c) => Some(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
        Key::Digit => Some(KeyEvent::new(KeyCode::Char('1'), KeyModifiers::NONE)),
        Key::Char => None,
    }
}

#[cfg(test)]
mod tests;
