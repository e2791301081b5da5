//! The plain-text, line-by-line mode: screen readers, dumb terminals, pipes and scripts.
//!
//! One question at a time as plain lines, numbered options, typed commands (`back`, `help`
//! or `?`, `review`, `not sure`, `quit`), a review list before the result, and no colour, box
//! drawing or cursor movement. Every answer is saved as soon as it is given, so nothing is
//! lost if the run is cut short. The conversation goes to `output` (stdout); when input ends
//! before the last question, the message saying where the answers are is returned as a
//! bad-input [`Error`] (printed on stderr, exit 2).

use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use time::OffsetDateTime;

use crate::answers::Answer;
use crate::bank::{Bank, Kind, Question, format_number};
use crate::error::Error;
use crate::questionnaire::input::{self, InputError, hint};
use crate::questionnaire::{Questionnaire, review_copy_path};
use crate::report::ReportInfo;
use crate::session::{Started, scenario_brief};
use crate::sheet::answer_fits;
use crate::text::shell_quote;
use crate::words;

mod result;

/// Held while a sheet is being written, so an interrupt never exits half-way through a save.
static SAVE_LOCK: Mutex<()> = Mutex::new(());
/// Whether the sheet is on disk (for the message printed on interrupt).
static ON_DISK: AtomicBool = AtomicBool::new(false);
/// Where the sheet is saved (for the message printed on interrupt).
static SAVED_AT: Mutex<Option<PathBuf>> = Mutex::new(None);

/// How the plain mode runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlainOptions {
    /// Write each line read back to the output, so a transcript of a piped run shows the
    /// answers (set when input is not a terminal, which echoes by itself).
    pub echo: bool,
    /// Start at the review list (for `weighup open`).
    pub review_first: bool,
}

/// Opens the questionnaire the plain mode will render: the person's own sheet, or (for
/// `weighup open`) a review whose changes go to `copy` or a copy next to the original.
fn open(bank: &Bank, started: Started, opts: PlainOptions, copy: Option<PathBuf>) -> Questionnaire {
    if opts.review_first {
        Questionnaire::review(bank, started, copy)
    } else {
        Questionnaire::new(bank, started)
    }
}

/// Asks the questions line by line. Everything is written to `output`; returns what is left
/// to print on stdout (nothing).
pub fn run(
    bank: &Bank,
    started: Started,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> Result<String, Error> {
    run_with(bank, started, input, output, PlainOptions::default())
}

/// `weighup open FILE` in the plain mode: the review list first; changes go to `copy`
/// (`--out`) or to a copy next to the original, never over it.
pub fn review(
    bank: &Bank,
    started: Started,
    copy: Option<PathBuf>,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    echo: bool,
) -> Result<String, Error> {
    let opts = PlainOptions {
        echo,
        review_first: true,
    };
    let q = open(bank, started, opts, copy);
    render(bank, q, input, output, opts)
}

/// [`run`], with options.
pub fn run_with(
    bank: &Bank,
    started: Started,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    opts: PlainOptions,
) -> Result<String, Error> {
    let q = open(bank, started, opts, None);
    render(bank, q, input, output, opts)
}

fn render(
    bank: &Bank,
    q: Questionnaire,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    opts: PlainOptions,
) -> Result<String, Error> {
    ON_DISK.store(q.saved_path().is_some(), Ordering::SeqCst);
    *saved_at() = q.saved_path().map(Path::to_path_buf);
    let mut p = Plain {
        bank,
        q,
        input,
        out: output,
        echo: opts.echo,
        last_section: None,
    };
    p.intro()?;
    let first = if p.q.reviewing().is_some() {
        Step::Review(Back::Result)
    } else if let Some(i) = p.q.first_waiting() {
        Step::Ask(i, None)
    } else if p.q.resumed() {
        Step::Review(Back::Result)
    } else {
        match p.q.next(None) {
            Some(i) => Step::Ask(i, None),
            None => Step::Review(Back::Result),
        }
    };
    p.run(first)
}

fn saved_at() -> std::sync::MutexGuard<'static, Option<PathBuf>> {
    SAVED_AT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Called by the command line when a signal (Ctrl-C, a polite kill) arrives during a run:
/// waits for a save in progress and holds off any other while the returned guard lives, so
/// the process can end with no sheet half-written. The error names the signal and says where
/// the answers are (every answer is already on disk).
pub fn interrupted(path: &Path, signal: i32) -> (std::sync::MutexGuard<'static, ()>, Error) {
    let saving = SAVE_LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let saved = saved_at().clone();
    let path = saved.as_deref().unwrap_or(path);
    let error = if ON_DISK.load(Ordering::SeqCst) {
        Error::interrupted(signal).saying(format!(
            "interrupted. Your answers are saved in {}; continue with: weighup --resume {}",
            path.display(),
            shell_quote(path)
        ))
    } else {
        Error::interrupted(signal).saying("interrupted before any answer, so nothing was saved.")
    };
    (saving, error)
}

/// Where a question was asked from, to go back to after it is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Back {
    /// The final review: Enter shows the result.
    Result,
    /// A review opened half-way: Enter goes back to this question.
    Question(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Ask question `i`; `Some(review)` when changing an answer from a review list.
    Ask(usize, Option<Back>),
    Review(Back),
    Result,
}

enum Read {
    Line(String),
    Eof,
}

/// What comes after a question or the review list.
enum Flow {
    Go(Step),
    Quit,
    Eof,
}

/// What the person typed at a question.
enum Reply {
    Answer(Answer),
    /// Enter on a question that already has an answer, or on an optional note.
    Keep,
    Back,
    Help,
    Review,
    /// Show the scenario card again.
    Brief,
    Quit,
    /// A wrong entry: the one-line correction.
    Wrong(String),
    /// A number probably typed another way ("0,2", "200,000" people in millions): the
    /// number meant, and the "did you mean" question; "yes" takes it.
    Suggest(f64, String),
}

/// The plain mode: prompts and echo over a [`Questionnaire`], which owns the answers, which
/// question comes next and where they are saved.
struct Plain<'a> {
    /// The questionnaire's bank, borrowed for reading questions while lines are written.
    bank: &'a Bank,
    q: Questionnaire,
    input: &'a mut dyn BufRead,
    out: &'a mut dyn Write,
    echo: bool,
    /// The section of the last question shown, to introduce each new section once.
    last_section: Option<usize>,
}

fn io_failure(e: &std::io::Error) -> Error {
    Error::runtime(format!("cannot write to the screen: {e}"))
}

/// A command word, in any case, with or without spaces and underscores.
fn command(s: &str) -> Option<&'static str> {
    Some(match input::squash(s).as_str() {
        "help" | "?" => "help",
        "back" => "back",
        "review" => "review",
        "quit" | "exit" => "quit",
        "notsure" => "not sure",
        "brief" => "brief",
        _ => return None,
    })
}

impl Plain<'_> {
    fn say(&mut self, text: &str) -> Result<(), Error> {
        writeln!(self.out, "{text}").map_err(|e| io_failure(&e))
    }

    fn blank(&mut self) -> Result<(), Error> {
        self.say("")
    }

    fn read(&mut self, prompt: &str) -> Result<Read, Error> {
        write!(self.out, "{prompt} ").map_err(|e| io_failure(&e))?;
        self.out.flush().map_err(|e| io_failure(&e))?;
        let mut buf = Vec::new();
        let n = self
            .input
            .read_until(b'\n', &mut buf)
            .map_err(|e| Error::runtime(format!("cannot read your answer: {e}")))?;
        if n == 0 {
            self.blank()?;
            self.out.flush().map_err(|e| io_failure(&e))?;
            return Ok(Read::Eof);
        }
        let line = String::from_utf8_lossy(&buf)
            .trim_end_matches(['\n', '\r'])
            .to_string();
        if self.echo {
            self.say(&line)?;
        }
        Ok(Read::Line(line))
    }

    fn save(&mut self) -> Result<(), Error> {
        let _saving = SAVE_LOCK
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        self.q.save().map_err(|e| {
            Error::runtime(format!("cannot save your answers: {e}")).fix(
                "free some space or fix the folder's permissions, or start again with --out and another file",
            )
        })?;
        *saved_at() = self.q.saved_path().map(Path::to_path_buf);
        ON_DISK.store(true, Ordering::SeqCst);
        Ok(())
    }

    /// Where the answers are (or will be) saved.
    fn target(&self) -> PathBuf {
        match (self.q.save_target(), self.q.reviewing()) {
            (Some(p), _) => p.to_path_buf(),
            (None, Some(r)) => review_copy_path(&r.original),
            (None, None) => self.q.path().to_path_buf(),
        }
    }

    fn shown_path(&self) -> String {
        self.target().display().to_string()
    }

    fn intro(&mut self) -> Result<(), Error> {
        let bank = self.bank;
        let reviewing = self.q.reviewing().is_some();
        let resumed = self.q.resumed();
        let notices = self.q.notices().to_vec();
        self.say(&format!("weighup: {}", bank.meta.title))?;
        if reviewing {
            self.say("Reviewing saved answers: check them, change any, and see the result.")?;
        } else if resumed {
            self.say("Welcome back: you can go on where you stopped.")?;
        } else {
            let mut line = words::question_count(bank);
            if let Some(m) = bank.meta.minutes {
                let _ = write!(line, ", about {m} minutes");
            }
            line.push_str(". Nothing leaves this computer.");
            self.say(&line)?;
        }
        for n in &notices {
            self.say(n)?;
        }
        if let Some(r) = self.q.reviewing() {
            let line = format!(
                "Any answer you change is saved to a copy, {}; {} is left as it was.",
                self.shown_path(),
                r.original.display()
            );
            self.say(&line)?;
        }
        match &self.q.sheet().respondent.clone() {
            Some(l) if reviewing => {
                let l = l.clone();
                self.say(&format!("Answered by: {l}."))?;
            }
            Some(l) => {
                let l = l.clone();
                self.say(&format!("Your answers are saved under the label \"{l}\"."))?;
            }
            None if reviewing => {}
            None => self.say("Your answers are anonymous: no name is saved with them.")?,
        }
        if let Some(s) = self.q.sheet().scenario.clone() {
            let title = crate::workshop::Scenario::find(&s).map_or_else(|_| s.clone(), |c| c.title);
            self.say(&format!(
                "You are answering as the scenario card \"{title}\"."
            ))?;
            if let Some(brief) = scenario_brief(&s) {
                self.say(&brief)?;
                self.say("Type \"brief\" at any question to read this card again.")?;
            }
        }
        if !reviewing {
            let path = self.shown_path();
            self.say(&format!(
                "Each answer is saved as soon as you give it, in: {path}"
            ))?;
        }
        let brief = if self.q.sheet().scenario.is_some() {
            "brief, "
        } else {
            ""
        };
        self.say(&format!(
            "Answer by typing the number of your choice and pressing Enter. Type \"help\" or \"?\" at any question to hear why it is asked and the other commands: back, review, not sure, {brief}quit."
        ))
    }

    /// The scenario card again (`brief`), or why there is none.
    fn brief(&mut self) -> Result<(), Error> {
        let text = match &self.q.sheet().scenario {
            None => "You are not playing a workshop scenario card, so there is no brief. To play one: weighup --scenario ID (the cards: weighup scenarios).".to_string(),
            Some(s) => scenario_brief(s).unwrap_or_else(|| {
                format!("These answers are for the scenario \"{s}\", which this version of weighup does not have, so its brief cannot be shown.")
            }),
        };
        self.say(&text)
    }

    fn run(&mut self, first: Step) -> Result<String, Error> {
        let mut step = first;
        loop {
            let flow = match step {
                Step::Ask(i, back) => self.ask(i, back)?,
                Step::Review(back) => self.review(back)?,
                Step::Result => return self.result(),
            };
            step = match flow {
                Flow::Go(next) => next,
                Flow::Quit => return self.stop(false),
                Flow::Eof => return self.stop(true),
            };
        }
    }

    /// The heading line of a question: "Question 3 of 24, Data and privacy: ...".
    fn heading(&self, i: usize) -> String {
        let q = &self.bank.questions[i];
        let section = &self.bank.section_for(i).title;
        match self.q.position(i) {
            Some(p) => format!(
                "Question {} of {}, {section}: {}",
                p.question_no, p.question_count, q.prompt
            ),
            None => format!("{section}: {}", q.prompt),
        }
    }

    fn show_question(&mut self, i: usize) -> Result<(), Error> {
        let bank = self.bank;
        let q = &bank.questions[i];
        let section = bank.section_of[i];
        self.blank()?;
        if self.last_section != Some(section) {
            self.last_section = Some(section);
            let info = bank.section_for(i);
            if let Some(p) = self.q.position(i) {
                self.say(&format!(
                    "Section {} of {}: {}",
                    p.section_no, p.section_count, info.title
                ))?;
            }
            if !info.intro.is_empty() {
                let intro = info.intro.clone();
                self.say(&intro)?;
            }
            self.blank()?;
        }
        let heading = self.heading(i);
        self.say(&heading)?;
        match q.kind {
            Kind::Number => {
                if let Some(spec) = &q.number {
                    self.say(&format!(
                        "  Type the number in {}, from {} to {}{}.{}",
                        spec.unit,
                        format_number(spec.min),
                        format_number(spec.max),
                        if spec.integer { " (whole numbers)" } else { "" },
                        words::millions_example(&spec.unit)
                            .map_or_else(String::new, |e| format!(" {e}"))
                    ))?;
                    self.say("  What the numbers mean:")?;
                    for b in &spec.bands {
                        self.say(&format!("  - {}: {}", b.label, b.description))?;
                    }
                }
                if q.not_sure.is_some() {
                    self.say("  Or type \"not sure\".")?;
                }
            }
            Kind::Text => {
                let mut line = "  Optional: type a note, or press Enter to skip.".to_string();
                if let Some(ph) = &q.placeholder {
                    line.push(' ');
                    line.push_str(ph);
                }
                self.say(&line)?;
            }
            _ => {
                for (n, o) in q.options.iter().enumerate() {
                    let mut line = format!("  {}. {}: {}", n + 1, o.label, o.description);
                    if q.kind == Kind::Multi && o.exclusive {
                        line.push_str(" (choose this one alone, not with others)");
                    }
                    self.say(&line)?;
                }
                if q.not_sure.is_some() {
                    self.say(&format!(
                        "  {}. Not sure: it goes on your \"to find out\" list.",
                        q.options.len() + 1
                    ))?;
                }
                if q.kind == Kind::Multi {
                    self.say("  Choose one or more: type their numbers, such as 1,3 or 1 3.")?;
                }
                if let Some(e) = words::requests_example(q) {
                    self.say(&format!("  {e}"))?;
                }
            }
        }
        if let Some(saved) = self.q.sheet().answers.get(&q.id).cloned() {
            if answer_fits(q, &saved.answer) {
                let label = bank.answer_label(q, &saved.answer);
                self.say(&format!(
                    "Your answer so far: {label}. Press Enter to keep it."
                ))?;
            } else if q.kind.is_decision() {
                let label = saved.label.clone();
                self.say(&format!(
                    "Your earlier answer \"{label}\" is not one this question offers any more; please answer again."
                ))?;
            }
        }
        Ok(())
    }

    fn prompt_for(q: &Question) -> String {
        let n = q.options.len() + usize::from(q.not_sure.is_some());
        match q.kind {
            Kind::Text => "Your note:".to_string(),
            Kind::Number => "Your number:".to_string(),
            Kind::Multi => format!("Your choices (1 to {n}):"),
            _ => format!("Your answer (1 to {n}):"),
        }
    }

    fn help(&mut self, i: usize) -> Result<(), Error> {
        let q = &self.bank.questions[i];
        let mut lines = vec![format!("Why we ask: {}", q.help)];
        if let Some(ns) = &q.not_sure {
            lines.push(format!(
                "If you are not sure, type \"not sure\": it lowers how sure the result is, and this goes on your \"to find out\" list: {}",
                ns.find_out
            ));
        }
        let mut text = format!("{} {}", q.prompt, q.help);
        for o in &q.options {
            text = format!("{text} {} {}", o.label, o.description);
        }
        let glossary = crate::glossary::Glossary::builtin();
        for i in words::terms_in(&glossary, &text) {
            let t = &glossary.terms[i];
            lines.push(format!("In the glossary: {}: {}", t.term, t.definition));
        }
        lines.push(match q.kind {
            Kind::Text => "Type your note and press Enter; an empty line skips the question.".to_string(),
            Kind::Number => "Type a number and press Enter.".to_string(),
            Kind::Multi => "Type the numbers of every answer that applies, separated by commas or spaces, and press Enter.".to_string(),
            _ => "Type the number of your answer and press Enter.".to_string(),
        });
        let brief = if self.q.sheet().scenario.is_some() {
            " \"brief\" shows the scenario card again;"
        } else {
            ""
        };
        lines.push(format!(
            "Commands: \"back\" goes to the previous question; \"review\" lists your answers so you can change one; \"not sure\" answers Not sure;{brief} \"quit\" stops, and your answers stay saved; \"help\" or \"?\" shows this."
        ));
        for l in lines {
            self.say(&l)?;
        }
        Ok(())
    }

    /// Asks question `i` until it gets an answer or a command.
    fn ask(&mut self, i: usize, back: Option<Back>) -> Result<Flow, Error> {
        let b = self.bank;
        let q = &b.questions[i];
        self.show_question(i)?;
        let mut suggested: Option<f64> = None;
        loop {
            let line = match self.read(&Self::prompt_for(q))? {
                Read::Eof => return Ok(Flow::Eof),
                Read::Line(l) => l,
            };
            let reply = match suggested.take() {
                Some(v) if matches!(line.trim().to_lowercase().as_str(), "y" | "yes") => {
                    Reply::Answer(Answer::Number(v))
                }
                _ => self.parse(q, &line),
            };
            match reply {
                Reply::Answer(a) => {
                    let change = self.q.answer(&q.id, a, OffsetDateTime::now_utc());
                    if self.q.needs_save() {
                        self.save()?;
                    }
                    return Ok(Flow::Go(self.after(i, back, &change.appeared)));
                }
                Reply::Keep => return Ok(Flow::Go(self.after(i, back, &[]))),
                Reply::Back => {
                    if let Some(r) = back {
                        return Ok(Flow::Go(Step::Review(r)));
                    }
                    if let Some(j) = self.q.previous(i) {
                        return Ok(Flow::Go(Step::Ask(j, None)));
                    }
                    self.say("This is the first question; there is nothing before it.")?;
                    let h = self.heading(i);
                    self.say(&h)?;
                }
                Reply::Help => {
                    self.help(i)?;
                    self.show_question(i)?;
                }
                Reply::Brief => {
                    self.brief()?;
                    self.show_question(i)?;
                }
                Reply::Review => {
                    let r = back.unwrap_or(Back::Question(i));
                    return Ok(Flow::Go(Step::Review(r)));
                }
                Reply::Quit => return Ok(Flow::Quit),
                Reply::Wrong(msg) => {
                    self.say(&msg)?;
                    let h = self.heading(i);
                    self.say(&h)?;
                }
                Reply::Suggest(v, msg) => {
                    self.say(&format!(
                        "{msg} Type \"yes\" to answer {}, or type the number again.",
                        format_number(v)
                    ))?;
                    suggested = Some(v);
                }
            }
        }
    }

    /// Where to go once question `i` is answered; `appeared` are the questions the answer
    /// brought in.
    fn after(&self, i: usize, back: Option<Back>, appeared: &[usize]) -> Step {
        if let Some(r) = back {
            // Changing from a review: ask any question the change brought in, then go back.
            return match appeared.first() {
                Some(&j) => Step::Ask(j, Some(r)),
                None => Step::Review(r),
            };
        }
        match self.q.next(Some(i)) {
            Some(j) => Step::Ask(j, None),
            None => Step::Review(Back::Result),
        }
    }

    fn parse(&self, q: &Question, line: &str) -> Reply {
        let t = line.trim();
        let saved_fits = self
            .q
            .sheet()
            .answers
            .get(&q.id)
            .is_some_and(|s| answer_fits(q, &s.answer));
        if t.is_empty() {
            return if saved_fits || q.kind == Kind::Text {
                Reply::Keep
            } else {
                Reply::Wrong(format!("Please answer this question: {}", hint(q)))
            };
        }
        match command(t) {
            Some("help") => return Reply::Help,
            Some("back") => return Reply::Back,
            Some("review") => return Reply::Review,
            Some("brief") => return Reply::Brief,
            Some("quit") => return Reply::Quit,
            _ => {}
        }
        reply_to(q, t)
    }

    /// The review list: every question asked, numbered as they were asked, with the answer.
    fn review(&mut self, back: Back) -> Result<Flow, Error> {
        let b = self.bank;
        loop {
            let asked = self.q.asked();
            let (answered, total) = self.q.progress();
            self.blank()?;
            self.say(&format!(
                "Check your answers ({answered} of {total} answered; notes are optional)"
            ))?;
            let mut section = None;
            for (n, &i) in asked.iter().enumerate() {
                let q = &b.questions[i];
                if section != Some(b.section_of[i]) {
                    section = Some(b.section_of[i]);
                    let title = b.section_for(i).title.clone();
                    self.say(&title)?;
                }
                let answer = match self.q.sheet().answers.get(&q.id) {
                    Some(s) if answer_fits(q, &s.answer) => b.answer_label(q, &s.answer),
                    Some(s) => format!("{} (no longer offered; please answer again)", s.label),
                    None if q.kind == Kind::Text => "(no note)".to_string(),
                    None => "(not answered yet)".to_string(),
                };
                self.say(&format!("  {}. {}: {answer}", n + 1, q.short))?;
            }
            let (enter, prompt) = match back {
                Back::Result => (
                    "see the result",
                    "Change which answer (Enter for the result):",
                ),
                Back::Question(_) => (
                    "go back to where you were",
                    "Change which answer (Enter to go on):",
                ),
            };
            self.say(&format!(
                "Type a number to change that answer, or press Enter to {enter}."
            ))?;
            let line = match self.read(prompt)? {
                Read::Eof => return Ok(Flow::Eof),
                Read::Line(l) => l,
            };
            let t = line.trim();
            match (t, command(t)) {
                ("", _) | (_, Some("back")) => {
                    return Ok(Flow::Go(match back {
                        Back::Question(i) => Step::Ask(i, None),
                        Back::Result => match self.q.first_waiting() {
                            Some(j) => {
                                let n = self.q.waiting().len();
                                self.say(&format!(
                                    "{n} question{} still need{} an answer; here is the first.",
                                    if n == 1 { "" } else { "s" },
                                    if n == 1 { "s" } else { "" }
                                ))?;
                                Step::Ask(j, None)
                            }
                            None => Step::Result,
                        },
                    }));
                }
                (_, Some("quit")) => return Ok(Flow::Quit),
                (_, Some("brief")) => self.brief()?,
                (_, Some("help")) => {
                    self.say(&format!(
                        "Type the number of an answer to change it; after you change it you come back to this list. Press Enter to {enter}. \"quit\" stops, and your answers stay saved."
                    ))?;
                }
                _ => match t.parse::<usize>() {
                    Ok(n) if (1..=asked.len()).contains(&n) => {
                        return Ok(Flow::Go(Step::Ask(asked[n - 1], Some(back))));
                    }
                    _ => {
                        self.say(&format!(
                            "\"{t}\" is not on the list: type a number from 1 to {}, or press Enter to {enter}.",
                            asked.len()
                        ))?;
                    }
                },
            }
        }
    }

    fn resume_hint(&self) -> String {
        format!("weighup --resume {}", shell_quote(&self.target()))
    }

    /// Makes sure what was answered is on disk (a resumed sheet saved elsewhere with --out).
    /// A sheet opened for review is saved only when something changed.
    fn ensure_saved(&mut self) -> Result<(), Error> {
        if self.q.needs_save() {
            self.save()?;
        }
        Ok(())
    }

    /// Quit, or the end of the input (`eof`): say where the answers are.
    fn stop(&mut self, eof: bool) -> Result<String, Error> {
        self.ensure_saved()?;
        // Whether every question has an answer this bank can use, not the flag in the file (a
        // sheet answered on another bank may hold an option this one no longer has).
        if eof && self.q.waiting().is_empty() {
            self.say("The input ended, and every question is answered, so here is the result.")?;
            return self.result();
        }
        let (answered, total) = self.q.progress();
        let saved = if self.q.saved_path().is_some() {
            format!(
                "Your answers ({answered} of {total}) are saved in {}; continue with: {}",
                self.shown_path(),
                self.resume_hint()
            )
        } else if !self.q.has_answers() {
            "Nothing was answered, so nothing was saved.".to_string()
        } else {
            "Nothing was changed, so nothing was saved.".to_string()
        };
        self.out.flush().map_err(|e| io_failure(&e))?;
        if eof {
            Err(Error::input(format!(
                "the input ended before the questionnaire was finished. {saved}"
            )))
        } else {
            self.say(&format!("Stopped. {saved}"))?;
            Ok(String::new())
        }
    }

    fn result(&mut self) -> Result<String, Error> {
        let bank = self.bank;
        if self.q.needs_save() {
            self.save()?;
        }
        let eval = self.q.evaluation().clone();
        let answers = self.q.answers().clone();
        let shown = self.q.saved_path().unwrap_or(self.q.path()).to_path_buf();
        let info = ReportInfo::for_sheet(bank, self.q.sheet(), Some(&shown));
        self.blank()?;
        self.say("Here is the result, in short.")?;
        self.blank()?;
        write!(self.out, "{}", result::summary(&eval, &info)).map_err(|e| io_failure(&e))?;
        // The rest on request; at the end of scripted input, say how to read it later.
        let mut ended = false;
        self.blank()?;
        self.say(&crate::text::wrap_indent(
            result::MORE,
            crate::report::TEXT_WIDTH,
            "",
            "",
        ))?;
        loop {
            let line = match self.read("More (details, flags, glossary; Enter to finish):")? {
                Read::Eof => {
                    ended = true;
                    break;
                }
                Read::Line(l) => l,
            };
            let t = line.trim().to_lowercase();
            let text = match t.as_str() {
                "" | "quit" | "exit" | "q" | "done" => break,
                "details" | "detail" => result::details(bank, &answers, &eval, &info),
                "flags" | "flag" => result::flags(&eval, None),
                "glossary" => result::glossary(),
                "help" | "?" => result::MORE.to_string(),
                _ => match t
                    .strip_prefix("flag")
                    .map(str::trim)
                    .and_then(|n| n.parse::<usize>().ok())
                {
                    Some(n) if (1..=eval.flags.len()).contains(&n) => {
                        result::flags(&eval, Some(n - 1))
                    }
                    _ => format!(
                        "\"{}\" is not one of these: type details, flags, flag 1 to flag {}, glossary, or press Enter to finish.",
                        line.trim(),
                        eval.flags.len()
                    ),
                },
            };
            self.blank()?;
            write!(self.out, "{text}").map_err(|e| io_failure(&e))?;
            self.blank()?;
        }
        self.blank()?;
        let Some(saved) = self.q.saved_path().map(Path::to_path_buf) else {
            self.say("Nothing was changed, so nothing was saved.")?;
            self.out.flush().map_err(|e| io_failure(&e))?;
            return Ok(String::new());
        };
        let path = saved.display().to_string();
        let quoted = shell_quote(&saved);
        self.say("Your answers are saved in:")?;
        self.say(&format!("  {path}"))?;
        if ended {
            self.say("To read the details (every reason, the flags in full, your answers):")?;
            self.say(&format!("  weighup report {quoted}"))?;
        }
        self.say("To share the result as a web page:")?;
        self.say(&format!(
            "  weighup report {quoted} --format html > weighup-result.html"
        ))?;
        self.say("Other formats: --format md (for email and slides), json (for tools), text.")?;
        self.out.flush().map_err(|e| io_failure(&e))?;
        Ok(String::new())
    }
}

/// A typed answer read by the one grammar ([`crate::questionnaire::input`]), with corrections
/// in the plain mode's words: what was wrong, then what to type.
fn reply_to(q: &Question, t: &str) -> Reply {
    match input::read_answer(q, t) {
        Ok(a) => Reply::Answer(a),
        Err(InputError::Suggest { value, message }) => Reply::Suggest(value, message),
        Err(InputError::Wrong(msg))
            if q.kind == Kind::Number
                && (msg.contains(" is not a number")
                    || msg.starts_with("Please type a number")) =>
        {
            Reply::Wrong(format!("\"{t}\" is not a number: {}", hint(q)))
        }
        Err(InputError::Wrong(msg)) if q.kind == Kind::Number => Reply::Wrong(format!(
            "{}: {}",
            capitalise(msg.trim_end_matches('.')),
            hint(q)
        )),
        Err(InputError::Wrong(msg)) => Reply::Wrong(msg.replace("leave it empty", "press Enter")),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> Bank {
        Bank::builtin().expect("the built-in bank loads")
    }

    #[test]
    fn commands_are_read_in_any_case_and_spacing() {
        assert_eq!(command("Not Sure"), Some("not sure"));
        assert_eq!(command("not_sure"), Some("not sure"));
        assert_eq!(command("?"), Some("help"));
        assert_eq!(command("QUIT"), Some("quit"));
        assert_eq!(command("1"), None);
    }

    #[test]
    fn numbers_are_range_checked_and_may_carry_the_unit() {
        let b = bank();
        let q = b.question("commercial.monthly_users").unwrap();
        assert!(
            matches!(reply_to(q, "12"), Reply::Answer(Answer::Number(v)) if v.to_string() == "12")
        );
        assert!(matches!(
            reply_to(q, "0.5 million"),
            Reply::Answer(Answer::Number(v)) if v.to_string() == "0.5"
        ));
        match reply_to(q, "-3") {
            Reply::Wrong(m) => assert!(m.starts_with("-3 is outside the range"), "{m}"),
            _ => panic!("-3 should be refused"),
        }
        match reply_to(q, "lots") {
            Reply::Wrong(m) => assert!(m.contains("is not a number"), "{m}"),
            _ => panic!("a word should be refused"),
        }
        assert!(matches!(reply_to(q, "12 apples"), Reply::Wrong(_)));
    }

    #[test]
    fn a_note_over_the_limit_is_refused_as_in_the_full_screen_app() {
        let b = bank();
        let q = b.question("privacy.notes").unwrap();
        match reply_to(q, &"a".repeat(crate::questionnaire::NOTE_MAX + 5)) {
            Reply::Wrong(m) => assert!(m.contains("under 1000 characters (it has 1005)"), "{m}"),
            _ => panic!("a note over the limit should be refused"),
        }
        assert!(matches!(reply_to(q, "short"), Reply::Answer(Answer::Text(t)) if t == "short"));
    }
}
