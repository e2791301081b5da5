//! Workshop mode: scenario cards and the facilitator's comparison of the room's sheets.
//!
//! - [`scenario`]: the cards (built in from `assets/scenarios/*.json`), their validation, and
//!   their text for participants and facilitators. Start with [`scenarios`] and
//!   [`Scenario::find`].
//! - [`room`]: reads saved answer sheets one at a time and tallies them ([`compare`]).
//! - [`output`]: the comparison as text, Markdown and CSV (and `html`, a web page of it).
//! - `watch`: the room's progress as text while participants answer.
//!
//! Only the domain lives here, with no terminal code: the interactive view of the room is a
//! full-screen front end, [`crate::tui::compare`].

mod html;
pub mod output;
pub mod room;
pub mod scenario;
mod watch;
#[cfg(feature = "serve")]
pub(crate) use watch::status as room_status;

use std::fmt::Write as _;
use std::path::PathBuf;

pub use room::{Room, compare};
pub use scenario::{Facilitator, Fact, Scenario, find_in, scenarios};

use crate::bank::Bank;
use crate::error::Error;
use crate::report::TEXT_WIDTH;
use crate::text::wrap_indent;

/// Output formats of `weighup compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// The interactive facilitator's view (needs a terminal).
    Tui,
    Text,
    Md,
    Csv,
    /// One self-contained web page of the room's results (for the projector or an e-mail).
    Html,
}

/// The built-in cards, or a runtime failure (they are checked by the test suite).
pub fn cards() -> Result<Vec<Scenario>, Error> {
    scenarios()
        .map_err(|p| Error::runtime(format!("the built-in scenario cards have problems:\n{p}")))
}

/// `weighup compare` in text or a file format: returns what to print on stdout. (The
/// interactive view is the command line's choice, when there is a terminal and no format is
/// asked: [`crate::tui::compare`].)
///
/// Text, Markdown and CSV print every result at once (they are for after the reveal). With
/// `live` (`--watch`), the room's progress is printed as text whenever it changes, never a
/// result, to `live_out` (standard output), until interrupted.
pub fn compare_command(
    bank: &Bank,
    paths: &[PathBuf],
    format: Option<CompareFormat>,
    live: bool,
    live_out: &mut dyn std::io::Write,
) -> Result<String, Error> {
    let cards = cards()?;
    if live {
        match format {
            None | Some(CompareFormat::Text | CompareFormat::Tui) => {
                return Err(watch::watch(bank, paths, live_out));
            }
            Some(_) => {
                return Err(Error::input(
                    "--watch follows the room in the interactive view or as text, not in a file format",
                )
                .fix("leave out --format (or use --format text) with --watch; write the report after the reveal"));
            }
        }
    }
    let format = format.unwrap_or(CompareFormat::Text);
    let room = compare(bank, &cards, paths);
    if room.sheets == 0 {
        let mut msg = format!(
            "no answer sheets to compare in {}.",
            room.sources.join(", ")
        );
        for s in &room.skipped {
            let _ = write!(msg, "\n  {}: {}", s.path, s.reason);
        }
        if room.skipped_total > room.skipped.len() {
            let _ = write!(
                msg,
                "\n  ... and {} more.",
                room.skipped_total - room.skipped.len()
            );
        }
        msg.push_str("\nGive the files participants saved, or the folder they saved them in.");
        return Err(Error::input(msg));
    }
    Ok(match format {
        CompareFormat::Md => output::markdown(&room),
        CompareFormat::Html => html::page(&output::markdown(&room)),
        CompareFormat::Csv => output::csv(&room),
        CompareFormat::Text | CompareFormat::Tui => output::text(&room, TEXT_WIDTH),
    })
}

/// `weighup scenarios [ID...] [--facilitator] [--markdown]`: the list of cards, or the cards
/// asked for (`all` for every card), as a participant gets them; `facilitator` adds the note,
/// the expected verdicts and the reasoning.
pub fn scenarios_command(
    ids: &[String],
    facilitator: bool,
    markdown: bool,
) -> Result<String, Error> {
    let cards = cards()?;
    if ids.is_empty() {
        return Ok(list_text(&cards));
    }
    let mut chosen = Vec::new();
    for id in ids {
        if id == "all" {
            chosen.extend(cards.iter());
        } else {
            chosen.push(
                find_in(&cards, id)
                    .ok_or_else(|| Error::input(Scenario::find(id).err().unwrap_or_default()))?,
            );
        }
    }
    let mut out = String::new();
    for (i, c) in chosen.iter().enumerate() {
        if i > 0 {
            out.push_str(if markdown { "\n---\n\n" } else { "\n\n" });
        }
        if markdown {
            out.push_str(&c.card_markdown(facilitator));
        } else {
            out.push_str(&c.card_text(TEXT_WIDTH, facilitator));
        }
    }
    Ok(out)
}

/// The list of cards, for `weighup scenarios`.
pub fn list_text(cards: &[Scenario]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Workshop scenario cards ({}). Play one with: weighup --scenario ID",
        cards.len()
    );
    let _ = writeln!(out);
    let width = cards.iter().map(|c| c.id.len()).max().unwrap_or(0) + 2;
    for c in cards {
        let first = format!("  {:<width$}", c.id);
        let rest = " ".repeat(first.len());
        let _ = writeln!(out, "{}", wrap_indent(&c.title, TEXT_WIDTH, &first, &rest));
        let _ = writeln!(out, "{}", wrap_indent(&c.summary, TEXT_WIDTH, &rest, &rest));
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        wrap_indent(
            "Print a card to hand out: weighup scenarios ID (or all), with --markdown for a file to print. --facilitator adds the expected verdicts and the facilitator's note: do not hand those out.",
            TEXT_WIDTH,
            "",
            ""
        )
    );
    out
}
