//! `App::update`: turns an action into a new state and an effect. Pure: no terminal, no disk.

use crate::answers::Answer;
use crate::bank::Kind;

use super::action::{Action, Effect};
use super::app::{
    App, Back, CheckRow, NOT_SURE, Overlay, QuestionState, Screen, Status, WelcomeChoice,
    check_text,
};
use super::input::TextInput;
use super::view;

/// The longest participant label, in characters.
const LABEL_MAX: usize = 60;

/// What leaving a question did to its answer.
enum Commit {
    /// Nothing changed.
    Same,
    /// The answer changed: save.
    Changed,
    /// What is typed is not valid (the message is on screen).
    Invalid,
}

impl App {
    /// A list box with details beside it (the glossary, the licence shortlist): Up and Down
    /// choose an item, Page Up and Page Down scroll its details (no further than they go), `close`
    /// or Esc closes it, ? opens the help. `at` is the cursor, the scroll and the item count.
    fn list_overlay(
        &mut self,
        action: &Action,
        at: (usize, usize, usize),
        close: &Action,
        make: fn(usize, usize) -> Overlay,
        max_scroll: fn(&App, usize) -> usize,
    ) {
        let (cursor, scroll, items) = at;
        let last = items.max(1) - 1;
        let (cursor, scroll) = match action {
            Action::Up => (cursor.saturating_sub(1), 0),
            Action::Down => ((cursor + 1).min(last), 0),
            Action::Top => (0, 0),
            Action::Bottom => (last, 0),
            Action::PageUp => (cursor, scroll.saturating_sub(5)),
            Action::PageDown => (cursor, scroll + 5),
            Action::Close | Action::Quit | Action::Back => {
                self.overlay = None;
                return;
            }
            Action::Help => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                return;
            }
            a if a == close => {
                self.overlay = None;
                return;
            }
            _ => return,
        };
        let max = max_scroll(self, cursor);
        self.overlay = Some(make(cursor, scroll.min(max)));
    }

    /// Applies one action. Returns what the runtime must do (save, quit...).
    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::ForceQuit => {
                self.commit_pending();
                return Effect::Interrupt;
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.clamp_scroll();
                return Effect::None;
            }
            _ => {}
        }
        if self.too_small() {
            // Nothing is visible but the "enlarge the window" message: quit at once (a
            // dialog could not be seen), and ignore everything else.
            if action == Action::Quit {
                self.commit_pending();
                return Effect::Quit;
            }
            return Effect::None;
        }
        if self.overlay.is_some() {
            return self.update_overlay(&action);
        }
        match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                return Effect::None;
            }
            Action::Glossary => {
                // On a question, the glossary opens at the first term the question uses.
                let cursor = match &self.screen {
                    Screen::Question(s) => self
                        .glossary_terms_in(s.index)
                        .first()
                        .copied()
                        .unwrap_or(0),
                    Screen::Flag { index, .. } => self
                        .glossary_terms_in_flag(*index)
                        .first()
                        .copied()
                        .unwrap_or(0),
                    _ => 0,
                };
                self.overlay = Some(Overlay::Glossary { cursor, scroll: 0 });
                return Effect::None;
            }
            Action::Licences if matches!(self.screen, Screen::Result { .. }) => {
                self.overlay = Some(Overlay::Licences {
                    cursor: 0,
                    scroll: 0,
                });
                return Effect::None;
            }
            Action::Brief => {
                if self.scenario().is_some() {
                    self.overlay = Some(Overlay::Brief { scroll: 0 });
                } else {
                    self.status = Some(Status {
                        text: "You are not playing a workshop scenario card, so there is no brief."
                            .into(),
                        error: false,
                    });
                }
                return Effect::None;
            }
            Action::Quit => {
                // What is typed or ticked counts as answered: save it before asking.
                self.commit_pending();
                self.overlay = Some(Overlay::ConfirmQuit { quit: true });
                return if self.q.needs_save() {
                    Effect::Save
                } else {
                    Effect::None
                };
            }
            _ => {}
        }
        if !matches!(action, Action::Up | Action::Down) {
            // Messages last until the next real action.
            self.status = None;
        }
        match self.screen.clone() {
            Screen::Welcome { cursor, scroll } => self.update_welcome(cursor, scroll, &action),
            Screen::Question(s) => self.update_question(*s, action),
            Screen::Index { cursor, back } => self.update_index(cursor, back, &action),
            Screen::Check { cursor, back } => self.update_check(cursor, back, &action),
            Screen::Result { scroll, flag } => self.update_result(scroll, flag, &action),
            Screen::Flag { index, scroll } => self.update_flag(index, scroll, &action),
            Screen::Scenarios {
                cursor,
                field,
                label,
            } => self.update_scenarios(cursor, field, label, &action),
            Screen::Brief { scroll } => self.update_brief(scroll, &action),
        }
    }

    fn update_overlay(&mut self, action: &Action) -> Effect {
        let Some(overlay) = self.overlay.clone() else {
            return Effect::None;
        };
        match overlay {
            Overlay::Help { scroll } => match action {
                Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom => {
                    let max = view::help::max_scroll(self);
                    if let Some(scroll) = moved(action, scroll, max + 1, 10) {
                        self.overlay = Some(Overlay::Help { scroll });
                    }
                }
                Action::Glossary => {
                    self.overlay = Some(Overlay::Glossary {
                        cursor: 0,
                        scroll: 0,
                    });
                }
                Action::Index => {
                    self.overlay = None;
                    return self.update(Action::Index);
                }
                Action::Close | Action::Help | Action::Quit | Action::Choose => self.overlay = None,
                _ => {}
            },
            Overlay::Glossary { cursor, scroll } => {
                let n = self.glossary.terms.len();
                self.list_overlay(
                    action,
                    (cursor, scroll, n),
                    &Action::Glossary,
                    |cursor, scroll| Overlay::Glossary { cursor, scroll },
                    view::glossary::max_scroll,
                );
            }
            Overlay::Licences { cursor, scroll } => {
                let n = self.q.evaluation().licence_fit.len();
                self.list_overlay(
                    action,
                    (cursor, scroll, n),
                    &Action::Licences,
                    |cursor, scroll| Overlay::Licences { cursor, scroll },
                    view::licences::max_scroll,
                );
            }
            Overlay::ConfirmQuit { quit } => match action {
                Action::Yes | Action::Quit => return Effect::Quit,
                Action::Choose | Action::Submit if quit => return Effect::Quit,
                Action::No | Action::Close | Action::Choose | Action::Submit | Action::Back => {
                    self.overlay = None;
                }
                Action::CursorLeft
                | Action::CursorRight
                | Action::Next
                | Action::Up
                | Action::Down => self.overlay = Some(Overlay::ConfirmQuit { quit: !quit }),
                _ => {}
            },
            Overlay::Brief { scroll } => {
                let max = view::scenario::overlay_max_scroll(self);
                let scroll = match (moved(action, scroll, max + 1, 10), action) {
                    (Some(scroll), _) => scroll,
                    (None, Action::Help) => {
                        self.overlay = Some(Overlay::Help { scroll: 0 });
                        return Effect::None;
                    }
                    (
                        None,
                        Action::Close
                        | Action::Brief
                        | Action::Quit
                        | Action::Back
                        | Action::Choose
                        | Action::Submit,
                    ) => {
                        self.overlay = None;
                        return Effect::None;
                    }
                    _ => scroll,
                };
                self.overlay = Some(Overlay::Brief {
                    scroll: scroll.min(max),
                });
            }
            Overlay::ConfirmOverwrite { overwrite } => match action {
                Action::Yes => {
                    self.overlay = None;
                    return Effect::OverwriteOriginal;
                }
                Action::Choose | Action::Submit if overwrite => {
                    self.overlay = None;
                    return Effect::OverwriteOriginal;
                }
                Action::No
                | Action::Close
                | Action::Quit
                | Action::Choose
                | Action::Submit
                | Action::Back => self.overlay = None,
                Action::CursorLeft
                | Action::CursorRight
                | Action::Next
                | Action::Up
                | Action::Down => {
                    self.overlay = Some(Overlay::ConfirmOverwrite {
                        overwrite: !overwrite,
                    });
                }
                _ => {}
            },
        }
        Effect::None
    }

    // ---- welcome ----

    fn update_welcome(&mut self, cursor: usize, scroll: usize, action: &Action) -> Effect {
        let choices = self.welcome_choices();
        let max = view::welcome::max_scroll(self);
        match action {
            Action::Up => {
                self.screen = Screen::Welcome {
                    cursor: cursor.saturating_sub(1),
                    scroll,
                };
            }
            Action::Down => {
                self.screen = Screen::Welcome {
                    cursor: (cursor + 1).min(choices.len() - 1),
                    scroll,
                };
            }
            Action::PageDown => {
                self.screen = Screen::Welcome {
                    cursor,
                    scroll: (scroll + 5).min(max),
                };
            }
            Action::PageUp => {
                self.screen = Screen::Welcome {
                    cursor,
                    scroll: scroll.saturating_sub(5),
                };
            }
            Action::Pick(n) if *n < choices.len() => return self.welcome_choose(choices[*n]),
            Action::Choose | Action::Submit | Action::Next => {
                return self.welcome_choose(choices[cursor.min(choices.len() - 1)]);
            }
            Action::Index => self.open_index(Back::Welcome),
            Action::Check if self.has_answers() => self.open_check(Back::Welcome),
            Action::Result if self.has_answers() => self.open_result(),
            _ => {}
        }
        Effect::None
    }

    fn welcome_choose(&mut self, choice: WelcomeChoice) -> Effect {
        match choice {
            WelcomeChoice::Start | WelcomeChoice::StartNew => {
                self.offer = None;
                if self.scenario().is_some() && !self.has_answers() {
                    self.screen = Screen::Brief { scroll: 0 };
                } else {
                    self.continue_questions();
                }
            }
            WelcomeChoice::Scenario => {
                let cursor = self
                    .q
                    .sheet()
                    .scenario
                    .as_deref()
                    .and_then(|id| self.scenarios.iter().position(|s| s.id == id))
                    .unwrap_or(0);
                self.screen = Screen::Scenarios {
                    cursor,
                    field: false,
                    label: TextInput::new(self.q.sheet().respondent.as_deref().unwrap_or("")),
                };
            }
            WelcomeChoice::Continue => self.continue_questions(),
            WelcomeChoice::ResumeOffer => {
                if let Some(offer) = self.offer.take() {
                    self.q.switch_to(offer.sheet, offer.path);
                    self.notices
                        .extend(self.q.sheet().bank_notices(self.q.bank()));
                }
                self.continue_questions();
            }
            WelcomeChoice::Glossary => {
                self.overlay = Some(Overlay::Glossary {
                    cursor: 0,
                    scroll: 0,
                });
            }
        }
        Effect::None
    }

    // ---- workshop scenario cards ----

    fn update_scenarios(
        &mut self,
        cursor: usize,
        field: bool,
        mut label: TextInput,
        action: &Action,
    ) -> Effect {
        let n = self.scenarios.len();
        let mut cursor = cursor.min(n.saturating_sub(1));
        let mut field = field;
        if field {
            match action {
                Action::Type(c) if label.text().chars().count() < LABEL_MAX => label.insert(*c),
                Action::Paste(t) => {
                    let room = LABEL_MAX.saturating_sub(label.text().chars().count());
                    label.paste(&t.chars().take(room).collect::<String>());
                }
                Action::Erase => label.backspace(),
                Action::EraseForward => label.delete(),
                Action::CursorLeft => label.left(),
                Action::CursorRight => label.right(),
                Action::CursorHome => label.home(),
                Action::CursorEnd => label.end(),
                Action::Submit | Action::Down | Action::Next | Action::Back | Action::PageDown => {
                    field = false;
                }
                _ => {}
            }
        } else {
            match action {
                Action::Up if cursor == 0 => field = true,
                Action::Up => cursor -= 1,
                Action::Down => cursor = (cursor + 1).min(n.saturating_sub(1)),
                Action::PageUp => cursor = cursor.saturating_sub(4),
                Action::PageDown => cursor = (cursor + 4).min(n.saturating_sub(1)),
                Action::Top => cursor = 0,
                Action::Bottom => cursor = n.saturating_sub(1),
                Action::Next => field = true,
                Action::Pick(i) if *i < n => return self.choose_scenario(*i, &label),
                Action::Choose | Action::Submit if n > 0 => {
                    return self.choose_scenario(cursor, &label);
                }
                Action::Back | Action::Close => {
                    self.go(Back::Welcome);
                    return Effect::None;
                }
                _ => {}
            }
        }
        if matches!(action, Action::Close) {
            self.go(Back::Welcome);
            return Effect::None;
        }
        self.screen = Screen::Scenarios {
            cursor,
            field,
            label,
        };
        Effect::None
    }

    /// Plays card `i`: the sheet records it and the label (none when left empty), exactly as
    /// `--scenario` and `--label` do; then the brief.
    fn choose_scenario(&mut self, i: usize, label: &TextInput) -> Effect {
        let label = label.text().trim();
        self.q.set_start(
            Some(self.scenarios[i].id.clone()),
            (!label.is_empty()).then(|| label.to_string()),
        );
        self.screen = Screen::Brief { scroll: 0 };
        Effect::None
    }

    fn update_brief(&mut self, scroll: usize, action: &Action) -> Effect {
        let max = view::scenario::brief_max_scroll(self);
        if let Some(scroll) = moved(action, scroll, max + 1, 10) {
            self.screen = Screen::Brief { scroll };
            return Effect::None;
        }
        let scroll = match action {
            Action::Choose | Action::Submit | Action::Next => {
                self.continue_questions();
                return Effect::None;
            }
            Action::Back => {
                self.go(Back::Welcome);
                return Effect::None;
            }
            Action::Index => {
                self.open_index(Back::Welcome);
                return Effect::None;
            }
            _ => scroll,
        };
        self.screen = Screen::Brief {
            scroll: scroll.min(max),
        };
        Effect::None
    }

    /// The first unanswered question, or "check your answers" when all are answered.
    fn continue_questions(&mut self) {
        match self.first_open_question() {
            Some(i) => self.open_question(i, None),
            None if self.has_answers() => self.open_check(Back::Welcome),
            None => {
                if let Some(i) = self.q.next(None) {
                    self.open_question(i, None);
                }
            }
        }
    }

    // ---- navigation helpers ----

    /// The first question asked that still needs an answer (optional notes do not count).
    fn first_open_question(&self) -> Option<usize> {
        self.q.first_waiting()
    }

    pub(crate) fn open_question(&mut self, index: usize, return_to: Option<Back>) {
        self.screen = Screen::Question(Box::new(self.question_state(index, return_to)));
    }

    fn open_index(&mut self, back: Back) {
        let cursor = match back {
            Back::Question(i) => i,
            _ => self.first_open_question().unwrap_or(0),
        };
        self.index_back = back;
        self.screen = Screen::Index { cursor, back };
    }

    fn open_check(&mut self, back: Back) {
        let rows = self.check_rows();
        // Opens at the top, so the first answers are read first (GOV.UK); when questions are
        // still waiting, at the first of them.
        let cursor = if self.q.complete() {
            0
        } else {
            rows.iter()
                .position(|r| match r {
                    CheckRow::Question(i) => self.q.waits(*i),
                    CheckRow::SeeResult => true,
                })
                .unwrap_or(0)
        };
        self.check_back = back;
        self.screen = Screen::Check { cursor, back };
    }

    fn open_result(&mut self) {
        self.screen = Screen::Result {
            scroll: 0,
            flag: None,
        };
    }

    fn go(&mut self, back: Back) {
        match back {
            Back::Welcome => {
                self.screen = Screen::Welcome {
                    cursor: 0,
                    scroll: 0,
                }
            }
            Back::Question(i) => {
                if self.q.visible()[i] {
                    self.open_question(i, None);
                } else {
                    self.open_index(Back::Welcome);
                }
            }
            Back::Check(cursor) => {
                let n = self.check_rows().len();
                self.screen = Screen::Check {
                    cursor: cursor.min(n - 1),
                    back: self.check_back,
                };
            }
            Back::Index(cursor) => {
                self.screen = Screen::Index {
                    cursor,
                    back: self.index_back,
                };
            }
            Back::Result => self.open_result(),
        }
    }

    fn set_answer(&mut self, id: &str, answer: Answer) -> bool {
        let changed = self.q.answer(id, answer, self.now).changed;
        if changed {
            self.drafts.remove(id);
        }
        changed
    }

    fn clear_answer(&mut self, id: &str) -> bool {
        self.drafts.remove(id);
        self.q.clear(id, self.now)
    }

    // ---- question ----

    fn update_question(&mut self, mut s: QuestionState, action: Action) -> Effect {
        let q = self.question(s.index).clone();
        let rows = self.rows_on(s.index);
        let typing = match q.kind {
            Kind::Text => true,
            Kind::Number => s.cursor == 0,
            _ => false,
        };
        match action {
            Action::Up => {
                s.cursor = s.cursor.saturating_sub(1);
                s.scroll = None;
            }
            Action::Down => {
                s.cursor = (s.cursor + 1).min(rows - 1);
                s.scroll = None;
            }
            Action::Top => {
                s.cursor = 0;
                s.scroll = None;
            }
            Action::Bottom => {
                s.cursor = rows - 1;
                s.scroll = None;
            }
            Action::PageUp | Action::PageDown => {
                let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
                let l = view::question::layout(self, &s, area);
                let page = usize::from(l.main.height.saturating_sub(2)).max(1);
                let max = view::max_scroll(l.lines.len(), usize::from(l.main.height));
                s.scroll = Some(if action == Action::PageDown {
                    (l.scroll + page).min(max)
                } else {
                    l.scroll.saturating_sub(page)
                });
            }
            Action::Index => {
                let effect = self.leave(&mut s, false);
                if let Some(effect) = effect {
                    self.open_index(Back::Question(s.index));
                    return effect;
                }
            }
            Action::Check => {
                if let Some(effect) = self.leave(&mut s, false) {
                    self.open_check(Back::Question(s.index));
                    return effect;
                }
            }
            Action::Result => {
                if let Some(effect) = self.leave(&mut s, false) {
                    self.open_result();
                    return effect;
                }
            }
            Action::Back => {
                let effect = self.leave(&mut s, false).unwrap_or(Effect::None);
                match s.return_to {
                    Some(b) => self.go(b),
                    None => match self.q.previous(s.index) {
                        Some(p) => self.open_question(p, None),
                        None => {
                            self.screen = Screen::Welcome {
                                cursor: 0,
                                scroll: 0,
                            }
                        }
                    },
                }
                return effect;
            }
            Action::Next => {
                if let Some(effect) = self.leave(&mut s, true) {
                    self.advance(s.index, s.return_to);
                    return effect;
                }
            }
            Action::Submit | Action::Choose | Action::Toggle | Action::Pick(_) => {
                return self.answer(s, &action);
            }
            Action::Type(c) if typing => {
                s.input.insert(c);
                self.revalidate(&mut s);
            }
            Action::Type(c) if q.kind == Kind::Number => {
                // Typing on the "Not sure" row goes into the field.
                s.cursor = 0;
                s.input.insert(c);
                self.revalidate(&mut s);
            }
            Action::Type(c) if q.kind == Kind::YesNo => {
                let id = match c.to_ascii_lowercase() {
                    'y' => "yes",
                    'n' => "no",
                    _ => "",
                };
                if let Some(i) = self.choices(s.index).iter().position(|r| r.id == id) {
                    return self.answer(s, &Action::Pick(i));
                }
            }
            Action::Paste(text) if matches!(q.kind, Kind::Text | Kind::Number) => {
                s.cursor = 0;
                s.input.paste(&text);
                self.revalidate(&mut s);
            }
            Action::Erase if typing => {
                s.input.backspace();
                self.revalidate(&mut s);
            }
            Action::EraseForward if typing => {
                s.input.delete();
                self.revalidate(&mut s);
            }
            Action::CursorLeft if typing => s.input.left(),
            Action::CursorRight if typing => s.input.right(),
            Action::CursorHome if typing => s.input.home(),
            Action::CursorEnd if typing => s.input.end(),
            _ => {}
        }
        self.screen = Screen::Question(Box::new(s));
        Effect::None
    }

    /// Saves what is typed or ticked on the question on screen, if it is valid (as leaving
    /// the question would). Used before quitting, however the app ends.
    pub fn commit_pending(&mut self) {
        if let Screen::Question(s) = &self.screen {
            let mut s = (**s).clone();
            let _ = self.leave(&mut s, false);
            self.screen = Screen::Question(Box::new(s));
        }
    }

    /// After an error is shown, check again as the person types, and clear it once valid.
    fn revalidate(&self, s: &mut QuestionState) {
        if s.error.is_none() {
            return;
        }
        let q = self.question(s.index);
        s.error = match q.kind {
            Kind::Number if s.input.is_empty() => None,
            Kind::Number => Self::check_number_text(q, s.input.text()).err(),
            Kind::Text => check_text(s.input.text()).err(),
            _ => None,
        };
    }

    /// Saves what is pending on the question (ticks, typed text) before moving away.
    /// `strict`: moving forward, so an invalid value stops the move (returns `None`);
    /// moving back is never blocked (the typed value is kept as a draft).
    fn leave(&mut self, s: &mut QuestionState, strict: bool) -> Option<Effect> {
        match self.commit(s) {
            Commit::Same => Some(Effect::None),
            Commit::Changed => Some(Effect::Save),
            Commit::Invalid if strict => {
                self.screen = Screen::Question(Box::new(s.clone()));
                None
            }
            Commit::Invalid => {
                let id = self.question(s.index).id.clone();
                self.drafts.insert(id, s.input.text().to_string());
                Some(Effect::None)
            }
        }
    }

    fn commit(&mut self, s: &mut QuestionState) -> Commit {
        let q = self.question(s.index).clone();
        let changed = match q.kind {
            Kind::Multi => {
                if s.ticks.is_empty() {
                    // Unticking everything is not an answer: the saved one stays.
                    false
                } else if s.ticks.iter().any(|t| t == NOT_SURE) {
                    self.set_answer(&q.id, Answer::NotSure)
                } else {
                    let ordered: Vec<String> = q
                        .options
                        .iter()
                        .filter(|o| s.ticks.contains(&o.id))
                        .map(|o| o.id.clone())
                        .collect();
                    self.set_answer(&q.id, Answer::Choices(ordered))
                }
            }
            Kind::Number => {
                if s.cursor == 1 && self.q.answers().get(&q.id) == Some(&Answer::NotSure) {
                    false
                } else if s.input.is_empty() {
                    // An emptied field removes the answer; "Not sure" stays unless replaced.
                    if self.q.answers().get(&q.id) == Some(&Answer::NotSure) {
                        false
                    } else {
                        self.clear_answer(&q.id)
                    }
                } else {
                    match Self::check_number_text(&q, s.input.text()) {
                        Ok(v) => self.set_answer(&q.id, Answer::Number(v)),
                        Err(e) => {
                            s.error = Some(e);
                            return Commit::Invalid;
                        }
                    }
                }
            }
            Kind::Text => {
                let text = s.input.text().trim().to_string();
                if let Err(e) = check_text(&text) {
                    s.error = Some(e);
                    return Commit::Invalid;
                }
                if text.is_empty() {
                    self.clear_answer(&q.id)
                } else {
                    self.set_answer(&q.id, Answer::Text(text))
                }
            }
            // Single, yes/no and scale answers are saved the moment they are chosen.
            Kind::Single | Kind::YesNo | Kind::Scale => false,
        };
        if changed {
            Commit::Changed
        } else {
            Commit::Same
        }
    }

    /// Enter, Space, a number key or a click on a question.
    fn answer(&mut self, mut s: QuestionState, action: &Action) -> Effect {
        let q = self.question(s.index).clone();
        let choices = self.choices(s.index);
        match q.kind {
            Kind::Single | Kind::YesNo | Kind::Scale => {
                let i = match action {
                    Action::Pick(n) if *n < choices.len() => *n,
                    Action::Pick(_) => {
                        self.screen = Screen::Question(Box::new(s));
                        return Effect::None;
                    }
                    _ => s.cursor,
                };
                let id = &choices[i].id;
                let answer = if id == NOT_SURE {
                    Answer::NotSure
                } else {
                    Answer::Choice(id.clone())
                };
                let changed = self.set_answer(&q.id, answer);
                self.advance(s.index, s.return_to);
                if changed { Effect::Save } else { Effect::None }
            }
            Kind::Multi => {
                let toggle = match action {
                    Action::Pick(n) if *n < choices.len() => Some(*n),
                    Action::Toggle => Some(s.cursor),
                    _ => None,
                };
                if let Some(i) = toggle {
                    s.cursor = i;
                    toggle_tick(&mut s.ticks, &choices, i);
                    s.error = None;
                    self.screen = Screen::Question(Box::new(s));
                    return Effect::None;
                }
                if matches!(action, Action::Pick(_)) {
                    self.screen = Screen::Question(Box::new(s));
                    return Effect::None;
                }
                // Enter: save the ticks and continue.
                if s.ticks.is_empty() {
                    let none = choices
                        .iter()
                        .find(|c| c.exclusive && c.id != NOT_SURE)
                        .map(|c| c.label.clone());
                    s.error = Some(match none {
                        Some(l) => format!(
                            "Tick at least one option with Space, or tick '{l}' or 'Not sure'."
                        ),
                        None => "Tick at least one option with Space.".to_string(),
                    });
                    self.screen = Screen::Question(Box::new(s));
                    return Effect::None;
                }
                let effect = self.leave(&mut s, true).unwrap_or(Effect::None);
                self.advance(s.index, s.return_to);
                effect
            }
            Kind::Number if s.cursor == 1 => {
                if matches!(action, Action::Pick(_)) {
                    self.screen = Screen::Question(Box::new(s));
                    return Effect::None;
                }
                let changed = self.set_answer(&q.id, Answer::NotSure);
                self.drafts.remove(&q.id);
                self.advance(s.index, s.return_to);
                if changed { Effect::Save } else { Effect::None }
            }
            Kind::Number | Kind::Text => {
                if let Action::Pick(n) = action {
                    // A digit typed into the field.
                    if let Some(c) = char::from_digit(u32::try_from(*n + 1).unwrap_or(0), 10) {
                        s.input.insert(c);
                        self.revalidate(&mut s);
                    }
                    self.screen = Screen::Question(Box::new(s));
                    return Effect::None;
                }
                if matches!(action, Action::Toggle) {
                    s.input.insert(' ');
                    self.screen = Screen::Question(Box::new(s));
                    return Effect::None;
                }
                if q.kind == Kind::Number
                    && s.input.is_empty()
                    && self.q.answers().get(&q.id).is_none()
                {
                    s.error = Some(if q.not_sure.is_some() {
                        "Please type a number, or choose 'Not sure' below (press Down).".into()
                    } else {
                        "Please type a number.".into()
                    });
                    self.screen = Screen::Question(Box::new(s));
                    return Effect::None;
                }
                match self.leave(&mut s, true) {
                    Some(effect) => {
                        self.advance(s.index, s.return_to);
                        effect
                    }
                    None => Effect::None,
                }
            }
        }
    }

    /// After answering question `index`: back to where "Change" came from, or the next
    /// question asked (recomputed: answers can show or hide questions), or the check screen.
    fn advance(&mut self, index: usize, return_to: Option<Back>) {
        if let Some(b) = return_to {
            self.go(b);
            return;
        }
        match self.q.next(Some(index)) {
            Some(n) => self.open_question(n, None),
            None => self.open_check(Back::Question(index)),
        }
    }

    // ---- index ----

    fn update_index(&mut self, cursor: usize, back: Back, action: &Action) -> Effect {
        let n = self.q.bank().questions.len();
        if let Some(cursor) = moved(action, cursor, n, 10) {
            self.screen = Screen::Index { cursor, back };
            return Effect::None;
        }
        match action {
            Action::Choose | Action::Submit | Action::Next => {
                if self.q.visible()[cursor] {
                    self.open_question(cursor, None);
                } else {
                    self.status = Some(Status {
                        text: "This question is not asked with your current answers, so it does not count. Any answer you gave it is kept.".into(),
                        error: false,
                    });
                }
            }
            Action::Back | Action::Close | Action::Index => self.go(back),
            Action::Check => self.open_check(Back::Index(cursor)),
            Action::Result => self.open_result(),
            _ => {}
        }
        Effect::None
    }

    // ---- check your answers ----

    fn update_check(&mut self, cursor: usize, back: Back, action: &Action) -> Effect {
        let rows = self.check_rows();
        let n = rows.len();
        if let Some(cursor) = moved(action, cursor, n, 8) {
            self.screen = Screen::Check { cursor, back };
            return Effect::None;
        }
        match action {
            Action::Choose | Action::Submit => match rows[cursor.min(n - 1)] {
                CheckRow::Question(i) => self.open_question(i, Some(Back::Check(cursor))),
                CheckRow::SeeResult => self.open_result(),
            },
            Action::Result | Action::Next => self.open_result(),
            Action::Index => self.open_index(Back::Check(cursor)),
            Action::Back | Action::Close => self.go(back),
            _ => {}
        }
        Effect::None
    }

    // ---- result ----

    fn update_result(&mut self, scroll: usize, flag: Option<usize>, action: &Action) -> Effect {
        let nflags = self.q.evaluation().flags.len();
        let max = view::result::max_scroll(self);
        let page = usize::from(self.size.1.saturating_sub(6)).max(1);
        let set = |app: &mut App, scroll: usize, flag: Option<usize>| {
            app.screen = Screen::Result {
                scroll: scroll.min(max),
                flag,
            };
        };
        if let Some(scroll) = moved(action, scroll, max + 1, page) {
            set(self, scroll, flag);
            return Effect::None;
        }
        match action {
            Action::NextFlag | Action::PrevFlag if nflags > 0 => {
                let next = match (flag, action) {
                    (None, Action::NextFlag) => 0,
                    (None, _) => nflags - 1,
                    (Some(f), Action::NextFlag) => (f + 1) % nflags,
                    (Some(f), _) => (f + nflags - 1) % nflags,
                };
                let line = view::result::flag_line(self, next);
                set(self, line.saturating_sub(2), Some(next));
            }
            Action::Pick(n) if *n < nflags => {
                self.screen = Screen::Flag {
                    index: *n,
                    scroll: 0,
                };
            }
            Action::Choose | Action::Submit => {
                if let Some(f) = flag.filter(|f| *f < nflags) {
                    self.screen = Screen::Flag {
                        index: f,
                        scroll: 0,
                    };
                }
            }
            Action::Check | Action::Back => self.open_check(Back::Result),
            Action::Index => self.open_index(Back::Result),
            Action::Overwrite if self.q.reviewing().is_some_and(|r| !r.overwritten) => {
                if self.q.changed() {
                    self.overlay = Some(Overlay::ConfirmOverwrite { overwrite: false });
                } else {
                    self.status = Some(Status {
                        text: "You have not changed any answer yet, so the original is already up to date.".into(),
                        error: false,
                    });
                }
            }
            _ => {}
        }
        Effect::None
    }

    fn update_flag(&mut self, index: usize, scroll: usize, action: &Action) -> Effect {
        let nflags = self.q.evaluation().flags.len();
        if index >= nflags {
            self.open_result();
            return Effect::None;
        }
        let max = view::flag::max_scroll(self, index);
        let page = usize::from(self.size.1.saturating_sub(6)).max(1);
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                if let Some(scroll) = moved(action, scroll, max + 1, page) {
                    self.screen = Screen::Flag { index, scroll };
                }
            }
            Action::NextFlag | Action::Next => {
                self.screen = Screen::Flag {
                    index: (index + 1) % nflags,
                    scroll: 0,
                };
            }
            Action::PrevFlag => {
                self.screen = Screen::Flag {
                    index: (index + nflags - 1) % nflags,
                    scroll: 0,
                };
            }
            Action::Back | Action::Close | Action::Choose | Action::Result => {
                let line = view::result::flag_line(self, index);
                self.screen = Screen::Result {
                    scroll: line.saturating_sub(2).min(view::result::max_scroll(self)),
                    flag: Some(index),
                };
            }
            Action::Check => self.open_check(Back::Result),
            _ => {}
        }
        Effect::None
    }

    /// Keeps scroll offsets within the text after a resize.
    fn clamp_scroll(&mut self) {
        match self.screen {
            Screen::Result { scroll, flag } => {
                let max = view::result::max_scroll(self);
                self.screen = Screen::Result {
                    scroll: scroll.min(max),
                    flag,
                };
            }
            Screen::Flag { index, scroll } if index < self.q.evaluation().flags.len() => {
                let max = view::flag::max_scroll(self, index);
                self.screen = Screen::Flag {
                    index,
                    scroll: scroll.min(max),
                };
            }
            _ => {}
        }
    }
}

/// Ticks or unticks choice `i`; an exclusive choice ("None of these", "Not sure") clears
/// the others, and any other choice clears the exclusive ones.
fn toggle_tick(ticks: &mut Vec<String>, choices: &[super::app::ChoiceRow], i: usize) {
    let c = &choices[i];
    if let Some(p) = ticks.iter().position(|t| *t == c.id) {
        ticks.remove(p);
        return;
    }
    if c.exclusive {
        ticks.clear();
    } else {
        ticks.retain(|t| !choices.iter().any(|x| x.exclusive && x.id == *t));
    }
    ticks.push(c.id.clone());
}

/// Where a list cursor (or a scroll offset, with `n` = the largest offset + 1) goes for a
/// movement key, in a list of `n` rows with pages of `page` rows; `None` for any other action.
fn moved(action: &Action, cursor: usize, n: usize, page: usize) -> Option<usize> {
    let last = n.saturating_sub(1);
    Some(match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (cursor + 1).min(last),
        Action::PageUp => cursor.saturating_sub(page),
        Action::PageDown => (cursor + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    })
}
