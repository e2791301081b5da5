//! The command line: arguments (clap) and the non-interactive commands.

mod signals;

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use std::io::IsTerminal as _;

use time::OffsetDateTime;

use crate::answers::Answers;
use crate::bank::Bank;
use crate::engine::evaluate;
use crate::error::{Error, Kind};
use crate::problem::Problems;
use crate::report::{self, ReportInfo};
use crate::session::{self, StartOptions};
use crate::tui::{self, TuiOptions};
use crate::workshop::{self, CompareFormat};
use crate::{persist, plain};

const EXAMPLES: &str = "\
Examples:
  weighup                               answer the questionnaire (full screen)
  weighup --plain                       answer it line by line (screen readers, scripts)
  weighup --plain < answers.txt         answer from a file, one answer per line
  weighup --out team-a.json             save the answers to this file
  weighup --resume                      continue your latest unfinished answers
  weighup --resume team-a.json          continue these answers
  weighup report team-a.json --format html > result.html
                                        a result page to print or send
  weighup report team-a.json --format md
                                        the result for an email or slides
  weighup licences llama-3.1-4          the conditions of a licence, with sources
  weighup licences --model qwen3        which licence a model is under, and its terms
  weighup check my-questions/           check an edited question bank
  weighup serve --room room-1/          host a workshop room: participants type one ssh line
  weighup --questions my-questions/     run on an edited question bank

Answers are saved after each one in your data folder (set WEIGHUP_DATA_DIR to use another).
Results go to standard output, messages to standard error.
Exit codes: 0 done, 1 something failed while running, 2 bad input or usage,\n128 + signal when ended by one (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).";

/// Weigh up open-weights AI models against closed (API-only) ones.
///
/// A short questionnaire about your data, infrastructure, scale and commercial use. weighup
/// recommends open weights, a closed model or a hybrid, explains why, and lists the licence
/// and terms conditions you should read. Nothing leaves this computer.
#[derive(Debug, Parser)]
#[command(name = "weighup", version, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Use the question bank in this folder instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    pub questions: Option<PathBuf>,

    /// Ask the questions line by line, without the full-screen app (also chosen
    /// automatically when input or output is not a terminal, TERM=dumb or ACCESSIBLE=1).
    #[arg(long, global = true)]
    pub plain: bool,

    /// Continue an unfinished answer sheet (with no FILE: the latest unfinished one).
    #[arg(long, value_name = "FILE")]
    #[allow(clippy::option_option)] // absent, `--resume`, or `--resume FILE`
    pub resume: Option<Option<PathBuf>>,

    /// Save the answers to this file (default: a new file in your data folder).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Play a workshop scenario card (see `weighup scenarios`).
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,

    /// A participant label saved with the answers (default: anonymous).
    #[arg(long, value_name = "NAME")]
    pub label: Option<String>,

    /// Let the mouse click options (the mouse then cannot select text to copy).
    #[arg(long, global = true)]
    pub mouse: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a question bank and list every problem with its file and place.
    Check {
        /// The folder to check (default: the built-in bank).
        dir: Option<PathBuf>,
    },
    /// Show the result for a saved answer sheet (or a simple answers file).
    Report {
        /// The answer sheet weighup saved, or a file like {"answers": {"scale.volume": "large"}}.
        file: PathBuf,
        /// How to print it.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Open a saved answer sheet to review it: lands on the result; change any answer.
    Open {
        /// The answer sheet.
        file: PathBuf,
        /// Save your changes to this file (default: FILE-reviewed.json next to FILE; FILE
        /// itself is changed only if you choose to overwrite it).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Compare the room's answer sheets (files or folders), for a workshop facilitator.
    Compare {
        /// Answer sheets, or folders of them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// How to show the comparison (default: the interactive view in a terminal, else text).
        #[arg(long, value_enum)]
        format: Option<CompareFormat>,
        /// Follow the room live: who is answering and how far, never their results (in a
        /// terminal, the interactive view, which also reads the folder again while results
        /// are hidden; with text, a line each time the room changes). Ctrl-C stops.
        #[arg(long)]
        watch: bool,
    },
    #[cfg(feature = "serve")]
    /// Host a workshop room over SSH: participants type one `ssh` command and answer in
    /// their own terminal; every sheet is saved in the room folder. Ctrl-C closes the room.
    Serve {
        /// The folder the room's answer sheets are saved in (created if needed).
        #[arg(long, value_name = "DIR")]
        room: PathBuf,
        /// The port to listen on (open it on the venue's firewall if participants cannot
        /// connect; 0 picks a free one).
        #[arg(long, default_value_t = 2222)]
        port: u16,
        /// The address to listen on: 0.0.0.0 is every network of this computer; give one
        /// address (such as the venue Wi-Fi's) to listen only there.
        #[arg(long, value_name = "ADDR", default_value = "0.0.0.0")]
        bind: std::net::IpAddr,
        /// A scenario card the room plays (repeat for several: participants choose);
        /// without it, participants choose among every card.
        #[arg(long = "scenario", value_name = "ID")]
        scenarios: Vec<String>,
        /// The room code participants type as their SSH user name (default: a new one, such
        /// as river-lamp-42).
        #[arg(long, value_name = "WORDS")]
        code: Option<String>,
        /// The most participants answering at once.
        #[arg(long, default_value_t = 60, value_name = "N")]
        max: usize,
        /// Close a participant's session after this many minutes without a key (answers are
        /// saved; they can reconnect and continue).
        #[arg(long, default_value_t = 30, value_name = "MINUTES")]
        idle_minutes: u64,
        /// The idle limit in seconds instead (for tests).
        #[arg(long, hide = true, value_name = "SECONDS")]
        idle_seconds: Option<u64>,
    },
    /// List the workshop scenario cards, or print some to hand out.
    Scenarios {
        /// Print these cards (ids from the list; `all` for every card).
        ids: Vec<String>,
        /// Add the expected verdicts and the facilitator's note (do not hand these out).
        #[arg(long)]
        facilitator: bool,
        /// Print the cards as Markdown, to print or put on slides.
        #[arg(long)]
        markdown: bool,
    },
    /// Show the licence catalogue: each licence's conditions with their sources.
    Licences {
        /// One licence id (for example `llama-3.1-4`); all of them without it.
        id: Option<String>,
        /// Find a model by name ("qwen3", "gpt-oss-20b", "Llama 4 Scout") and show its licence.
        #[arg(long, value_name = "NAME", conflicts_with = "id")]
        model: Option<String>,
        /// Also say how each source was checked (commits read, copies, texts not read).
        #[arg(long)]
        evidence: bool,
        /// List the facts checked longer ago than MONTHS (default 6), to re-check them.
        #[arg(long, value_name = "MONTHS", num_args = 0..=1, default_missing_value = "6", conflicts_with_all = ["id", "model"])]
        stale: Option<u32>,
        /// The date to count --stale from, YYYY-MM-DD (default: today). For tests.
        #[arg(long, value_name = "DATE", hide = true)]
        today: Option<String>,
    },
}

/// Output formats of `weighup report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Plain text, 78 columns.
    Text,
    /// Markdown, for email, wiki pages and slides.
    #[value(alias = "markdown")]
    Md,
    /// JSON, for tools.
    Json,
    /// One self-contained web page, to print (A4) or send.
    Html,
}

/// The exit code for an error: 2 bad input or usage, 1 a failure while running, 128 + the
/// signal when one ended the run (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP). Success is 0.
pub fn exit_code(e: &Error) -> u8 {
    match e.kind {
        Kind::Input => 2,
        Kind::Runtime => 1,
        Kind::Interrupted(signal) => u8::try_from(128 + signal).unwrap_or(1),
    }
}

/// An error as it is printed on standard error: `weighup: ` before the message and the fix
/// on a line of its own, indented. The only place that lays errors out. Empty when there is
/// nothing to say (a hang-up: no one is there to read it).
pub fn error_text(e: &Error) -> String {
    e.text()
}

fn bank_problems(p: &Problems) -> Error {
    let n = p.0.len();
    Error::input(format!(
        "the question bank has {n} problem{}:\n{p}",
        if n == 1 { "" } else { "s" }
    ))
}

/// Loads the bank the user asked for: a folder, or the built-in one.
pub fn load_bank(dir: Option<&Path>) -> Result<Bank, Error> {
    match dir {
        Some(d) => Bank::from_dir(d),
        None => Bank::builtin(),
    }
    .map_err(|p| bank_problems(&p))
}

/// A folder without `bank.json` is not a question bank: say so first (and whether it holds
/// answer sheets), rather than list each of its files as a bank problem.
fn refuse_non_bank_folder(dir: &Path) -> Result<(), Error> {
    if !dir.is_dir() || dir.join(crate::bank::META_FILE).exists() {
        return Ok(());
    }
    let sheets = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("json"))
                })
                .take(50)
                .filter(|p| persist::is_sheet_file(p))
                .count()
        })
        .unwrap_or_default();
    let shown = dir.display();
    Err(if sheets > 0 {
        Error::input(format!(
            "{shown} has no bank: it holds answer sheets, not a question bank (a bank has a bank.json)."
        ))
        .fix(format!(
            "to compare these sheets, run `weighup compare {shown}`; to check a bank, give its folder"
        ))
    } else {
        Error::input(format!("{shown} has no bank: there is no bank.json in it."))
            .fix("give the folder of a question bank (it holds bank.json and the section files)")
    })
}

/// Reads a file of answers, naming the file in every problem.
pub fn load_answers(bank: &Bank, path: &Path) -> Result<Answers, Error> {
    let shown = path.display().to_string();
    let bytes = persist::read_regular(path, persist::MAX_READ)
        .map_err(|e| Error::input(format!("{shown}: {e}")))?;
    // A byte order mark (Notepad adds one) is not part of the JSON.
    let bytes = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .map_or(bytes.clone(), <[u8]>::to_vec);
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::input(format!(
            "{shown}: this is not a text file (it has bytes that are not UTF-8 text)"
        ))
    })?;
    Answers::from_simple_json(bank, &shown, &text)
        .map_err(|p| Error::input(format!("the answers file has problems:\n{p}")))
}

/// The answers to report on, and what the report says about them besides the result.
/// A file with a `"schema"` field is a saved answer sheet; one without is the simple
/// `{"answers": {...}}` file.
pub fn load_for_report(bank: &Bank, path: &Path) -> Result<(Answers, ReportInfo), Error> {
    let simple = persist::read_regular(path, persist::MAX_READ)
        .ok()
        .and_then(|bytes| {
            let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
            let v: serde_json::Value = serde_json::from_slice(bytes).ok()?;
            let map = v.as_object()?;
            (!map.contains_key("schema") && map.contains_key("answers"))
                .then(|| map.get("label").and_then(|l| l.as_str()).map(String::from))
        });
    if let Some(label) = simple {
        let answers = load_answers(bank, path)?;
        let info = ReportInfo {
            label,
            made: Some(crate::sheet::timestamp(OffsetDateTime::now_utc())),
            ..ReportInfo::default()
        };
        return Ok((answers, info));
    }
    let sheet = persist::load_checked(path, bank)
        .map_err(Error::from)?
        .sheet;
    let info = ReportInfo::for_sheet(bank, &sheet, Some(path));
    Ok((sheet.to_answers(), info))
}

/// Runs a non-interactive command. Returns what to print on stdout.
pub fn run_command(cli: &Cli, command: &Command) -> Result<String, Error> {
    match command {
        Command::Check { dir } => {
            let dir = dir.as_deref().or(cli.questions.as_deref());
            if let Some(d) = dir {
                refuse_non_bank_folder(d)?;
            }
            let bank = load_bank(dir)?;
            Ok(format!(
                "The question bank '{}' version {} is clean: {} sections, {} questions, {} rules.\n",
                bank.meta.id,
                bank.meta.version,
                bank.sections.len(),
                bank.questions.len(),
                bank.rules.len()
            ))
        }
        Command::Report { file, format } => {
            let bank = load_bank(cli.questions.as_deref())?;
            let (answers, info) = load_for_report(&bank, file)?;
            let eval = evaluate(&bank, &answers);
            Ok(match format {
                Format::Text => report::text(&bank, &answers, &eval, &info),
                Format::Md => report::markdown(&bank, &answers, &eval, &info),
                Format::Json => report::json_text(&bank, &answers, &eval, &info),
                Format::Html => report::html(&bank, &answers, &eval, &info),
            })
        }
        Command::Open { file, out } => {
            let bank = load_bank(cli.questions.as_deref())?;
            let opts = StartOptions {
                resume: Some(file.clone()),
                review: true,
                ..StartOptions::default()
            };
            let now = OffsetDateTime::now_utc();
            let started = session::start(&bank, &opts, now)?;
            // A reviewer's changes go to --out, or to a copy next to the file (the
            // questionnaire's one rule): the sheet opened stays as it was.
            let copy = match out.as_ref().or(cli.out.as_ref()) {
                Some(out) => {
                    session::refuse_existing(out)?;
                    session::reserve(out)?;
                    Some(out.clone())
                }
                None => None,
            };
            if use_plain(cli) {
                signals::plain_interrupts(&started.path);
                let stdin = std::io::stdin();
                let echo = !stdin.is_terminal();
                let mut input = stdin.lock();
                let mut output = crate::text::SafeWriter::new(std::io::stdout().lock());
                return plain::review(&bank, started, copy, &mut input, &mut output, echo);
            }
            signals::watchdog(tui::restore_terminal);
            tui::run_review(
                &bank,
                started,
                copy,
                TuiOptions {
                    review: true,
                    mouse: cli.mouse,
                    fresh: false,
                },
            )
        }
        Command::Compare {
            paths,
            format,
            watch,
        } => {
            let bank = load_bank(cli.questions.as_deref())?;
            // The interactive view unless a format is asked for, or the questionnaire would run
            // line by line here (no terminal, `ACCESSIBLE`, `--plain`): then text.
            let interactive = match format {
                Some(CompareFormat::Tui) => true,
                Some(_) => false,
                None => !use_plain(cli),
            };
            if interactive {
                if tui::terminal::available() {
                    signals::watchdog(tui::restore_terminal);
                }
                return tui::compare::run(&bank, &workshop::cards()?, paths);
            }
            workshop::compare_command(
                &bank,
                paths,
                *format,
                *watch,
                &mut crate::text::SafeWriter::new(std::io::stdout().lock()),
            )
        }
        #[cfg(feature = "serve")]
        Command::Serve {
            room,
            port,
            bind,
            scenarios,
            code,
            max,
            idle_minutes,
            idle_seconds,
        } => {
            let bank = load_bank(cli.questions.as_deref())?;
            crate::serve::serve(
                &bank,
                &crate::serve::ServeOptions {
                    room: room.clone(),
                    bind: *bind,
                    port: *port,
                    scenarios: scenarios.clone(),
                    code: code.clone(),
                    max: (*max).max(1),
                    idle: std::time::Duration::from_secs(
                        idle_seconds.unwrap_or(idle_minutes.saturating_mul(60).max(60)),
                    ),
                },
            )
        }
        Command::Scenarios {
            ids,
            facilitator,
            markdown,
        } => workshop::scenarios_command(ids, *facilitator, *markdown),
        Command::Licences {
            id,
            model,
            evidence,
            stale,
            today,
        } => licences_command(
            id.as_deref(),
            model.as_deref(),
            *evidence,
            *stale,
            today.as_deref(),
        ),
    }
}

/// `weighup licences`: the catalogue, one licence, one model, or the stale facts.
fn licences_command(
    id: Option<&str>,
    model: Option<&str>,
    evidence: bool,
    stale: Option<u32>,
    today: Option<&str>,
) -> Result<String, Error> {
    let cat = crate::catalogue::Catalogue::builtin()
        .map_err(|p| Error::runtime(format!("the built-in catalogue has problems:\n{p}")))?;
    if let Some(months) = stale {
        let today = match today {
            Some(t) => {
                time::Date::parse(t, time::macros::format_description!("[year]-[month]-[day]"))
                    .map_err(|_| {
                        Error::input(format!(
                            "--today '{}' is not a date; write it as YYYY-MM-DD",
                            t.chars()
                                .filter(|c| !c.is_control())
                                .take(40)
                                .collect::<String>()
                        ))
                    })?
            }
            None => OffsetDateTime::now_utc().date(),
        };
        return Ok(cat.describe_stale(today, months));
    }
    let out = match model {
        Some(name) => cat.describe_model(name, evidence),
        None => cat.describe_with(id, evidence),
    };
    out.map_err(Error::input)
}

/// Should the questionnaire run line by line? Yes when asked, or when input or output is not
/// a terminal, the terminal is dumb, or `ACCESSIBLE` is set (the convention of other
/// accessible prompt tools).
pub fn use_plain(cli: &Cli) -> bool {
    cli.plain
        || !tui::terminal::available()
        || std::env::var("ACCESSIBLE").is_ok_and(|a| !a.is_empty() && a != "0")
}

/// Runs the plain mode on stdin and stdout, with Ctrl-C saying where the answers are.
fn run_plain(bank: &Bank, started: session::Started, review_first: bool) -> Result<String, Error> {
    signals::plain_interrupts(&started.path);
    let stdin = std::io::stdin();
    let echo = !stdin.is_terminal();
    let mut input = stdin.lock();
    // The plain mode prints sheet and bank text as it goes: all of it through the sanitiser.
    let mut output = crate::text::SafeWriter::new(std::io::stdout().lock());
    plain::run_with(
        bank,
        started,
        &mut input,
        &mut output,
        plain::PlainOptions { echo, review_first },
    )
}

/// Runs the questionnaire (full screen or line by line). Returns what to print at the end.
pub fn run_questionnaire(cli: &Cli) -> Result<String, Error> {
    let bank = load_bank(cli.questions.as_deref())?;
    let opts = StartOptions {
        // `--resume` alone is "the latest unfinished sheet", an empty path for the session.
        resume: cli.resume.clone().map(Option::unwrap_or_default),
        out: cli.out.clone(),
        scenario: cli.scenario.clone(),
        label: cli.label.clone(),
        review: false,
    };
    let started = session::start(&bank, &opts, OffsetDateTime::now_utc())?;
    if use_plain(cli) {
        run_plain(&bank, started, false)
    } else {
        signals::watchdog(tui::restore_terminal);
        tui::run(
            &bank,
            started,
            TuiOptions {
                review: false,
                mouse: cli.mouse,
                fresh: cli.out.is_some() || cli.scenario.is_some() || cli.label.is_some(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{SIGHUP, SIGINT, SIGTERM};

    #[test]
    fn exit_codes_follow_the_shell_convention() {
        assert_eq!(exit_code(&Error::input("x")), 2);
        assert_eq!(exit_code(&Error::runtime("x")), 1);
        assert_eq!(exit_code(&Error::interrupted(SIGINT)), 130);
        assert_eq!(exit_code(&Error::interrupted(SIGTERM)), 143);
        assert_eq!(exit_code(&Error::interrupted(SIGHUP)), 129);
    }

    #[test]
    fn only_the_command_line_adds_the_prefix_and_the_fix_line() {
        let e = Error::input("a.json names a folder, not a file.").fix("give a file name");
        assert_eq!(
            error_text(&e),
            "weighup: a.json names a folder, not a file.\n    fix: give a file name"
        );
        assert_eq!(error_text(&Error::interrupted(SIGHUP)), "");
    }
}
