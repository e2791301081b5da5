//! `App::update`: what every screen shares (Ctrl-C, resize, help, glossary, licences, brief,
//! quit), then the screen's own update ([`super::screen`]), then moving to where it asked to
//! go. Pure: no terminal, no disk, no layout (scrolling is clamped while drawing).

use super::action::{Action, Effect};
use super::app::{App, Back, Status};
use super::overlay::Overlay;
use super::screen::{self, Ctx, Go, Screen};
use crate::workshop::Scenario;

impl App {
    /// Applies one action. Returns what the runtime must do (save, quit...).
    // Actions are handed over, as the runtime and the tests make them; screens borrow them.
    #[allow(clippy::needless_pass_by_value)]
    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::ForceQuit => {
                self.commit_pending();
                return Effect::Interrupt;
            }
            Action::Resize(w, h) => {
                // Scroll offsets are clamped to the new size when it is drawn.
                self.size = (w, h);
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
                self.overlay = Some(Overlay::help());
                return Effect::None;
            }
            Action::Glossary => {
                // On a question or a flag, the glossary opens at the first term it uses.
                let terms = match &self.screen {
                    Screen::Question(s) => self.glossary_terms_in(s.index),
                    Screen::Flag(f) => self.glossary_terms_in_flag(f.index),
                    _ => Vec::new(),
                };
                self.overlay = Some(Overlay::glossary(terms.first().copied().unwrap_or(0)));
                return Effect::None;
            }
            Action::Licences if matches!(self.screen, Screen::Result(_)) => {
                self.overlay = Some(Overlay::licences());
                return Effect::None;
            }
            Action::Brief => {
                if self.scenario().is_some() {
                    self.overlay = Some(Overlay::brief());
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
        let choices = self.welcome_choices();
        let rows = self.check_rows();
        let (screen, mut ctx, scenarios) = self.parts();
        let out = match screen {
            Screen::Welcome(s) => s.update(&mut ctx, &choices, &action),
            Screen::Question(s) => s.update(&mut ctx, &action),
            Screen::Index(s) => s.update(&mut ctx, &action),
            Screen::Check(s) => s.update(&rows, &action),
            Screen::Result(s) => s.update(&mut ctx, &action),
            Screen::Flag(s) => s.update(&mut ctx, &action),
            Screen::Scenarios(s) => s.update(&mut ctx, scenarios, &action),
            Screen::Brief(s) => s.update(&action),
        };
        if let Some(to) = out.go {
            self.go_to(to);
        }
        out.effect
    }

    /// Saves what is typed or ticked on the question on screen, if it is valid (as leaving
    /// the question would). Used before quitting, however the app ends.
    pub fn commit_pending(&mut self) {
        if let (Screen::Question(s), mut ctx, _) = self.parts() {
            let _ = s.leave(&mut ctx, false);
        }
    }

    /// The screen on show, what its update may touch besides it, and the scenario cards.
    fn parts(&mut self) -> (&mut Screen, Ctx<'_>, &[Scenario]) {
        let ctx = Ctx {
            q: &mut self.q,
            drafts: &mut self.drafts,
            status: &mut self.status,
            now: self.now,
            size: self.size,
        };
        (&mut self.screen, ctx, &self.scenarios)
    }

    /// Moves to where a screen asked to go.
    fn go_to(&mut self, to: Go) {
        match to {
            Go::Welcome => self.go(Back::Welcome),
            Go::Question(i, return_to) => self.open_question(i, return_to),
            Go::Advance(index, return_to) => {
                if let Some(b) = return_to {
                    self.go(b);
                } else {
                    match self.q.next(Some(index)) {
                        Some(n) => self.open_question(n, None),
                        None => self.open_check(Back::Question(index)),
                    }
                }
            }
            Go::Continue => self.continue_questions(),
            Go::Index(back) => self.open_index(back),
            Go::Check(back) => self.open_check(back),
            Go::Result => self.screen = Screen::Result(screen::result::State::default()),
            Go::ResultAt(i) => self.screen = Screen::Result(screen::result::State::at_flag(i)),
            Go::Flag(i) => self.screen = Screen::Flag(screen::flag::State::new(i)),
            Go::Back(back) => self.go(back),
            Go::Choose(choice) => screen::welcome::choose(self, choice),
            Go::Brief => self.screen = Screen::Brief(screen::brief::State::default()),
            Go::Overlay(o) => self.overlay = Some(o),
        }
    }

    /// The first unanswered question, or "check your answers" when all are answered.
    pub(crate) fn continue_questions(&mut self) {
        match self.q.first_waiting() {
            Some(i) => self.open_question(i, None),
            None if self.has_answers() => self.open_check(Back::Welcome),
            None => {
                if let Some(i) = self.q.next(None) {
                    self.open_question(i, None);
                }
            }
        }
    }

    pub(crate) fn open_question(&mut self, index: usize, return_to: Option<Back>) {
        self.screen = Screen::Question(Box::new(screen::question::State::open(
            self, index, return_to,
        )));
    }

    fn open_index(&mut self, back: Back) {
        self.index_back = back;
        self.screen = Screen::Index(screen::index::State::open(self, back));
    }

    fn open_check(&mut self, back: Back) {
        self.check_back = back;
        self.screen = Screen::Check(screen::check::State::open(self, back));
    }

    fn go(&mut self, back: Back) {
        match back {
            Back::Welcome => self.screen = Screen::Welcome(screen::welcome::State::default()),
            Back::Question(i) => {
                if self.q.visible()[i] {
                    self.open_question(i, None);
                } else {
                    self.open_index(Back::Welcome);
                }
            }
            Back::Check(cursor) => {
                let n = self.check_rows().len();
                self.screen = Screen::Check(screen::check::State {
                    cursor: cursor.min(n - 1),
                    back: self.check_back,
                });
            }
            Back::Index(cursor) => {
                self.screen = Screen::Index(screen::index::State {
                    cursor,
                    back: self.index_back,
                });
            }
            Back::Result => self.screen = Screen::Result(screen::result::State::default()),
        }
    }
}
