//! The plain mode's result: a short summary first (the recommendation, how clear and how
//! sure, the main reasons, the flags to read as one line each), and the rest on request:
//! `details`, `flags` (or `flag N`) and `glossary`. Everything in words: no bars of `#`, no
//! signed numbers.

use std::fmt::Write as _;

use crate::answers::Answers;
use crate::bank::{Bank, Side};
use crate::engine::{Evaluation, RaisedFlag};
use crate::glossary::Glossary;
use crate::report::{self, FlagLine, ReportInfo, TEXT_WIDTH};
use crate::text::wrap_indent;

use crate::words;

/// How many reasons the summary gives.
pub const TOP_REASONS: usize = 3;

fn para(out: &mut String, text: &str, first: &str, rest: &str) {
    let _ = writeln!(out, "{}", wrap_indent(text, TEXT_WIDTH, first, rest));
}

fn toward(side: Side) -> &'static str {
    match side {
        Side::OpenWeights => "toward open weights",
        Side::Closed => "toward closed",
    }
}

/// The recommendation in a few lines.
pub fn summary(eval: &Evaluation, info: &ReportInfo) -> String {
    let mut out = String::new();
    if let Some(l) = &info.label {
        para(&mut out, &format!("Answered by: {l}."), "", "");
    }
    para(
        &mut out,
        &format!("Recommendation: {}", eval.verdict_title),
        "",
        "  ",
    );
    para(
        &mut out,
        &format!("How clear: {}", eval.clarity_title),
        "",
        "  ",
    );
    para(
        &mut out,
        &format!("How sure: {}. {}", words::sure(eval), words::SURE_MEANS),
        "",
        "  ",
    );
    let p = eval.progress;
    if p.unanswered > 0 {
        para(
            &mut out,
            &format!(
                "Unfinished: {} of {} questions answered. The result may change when the rest are answered.",
                p.answered + p.not_sure,
                p.asked
            ),
            "",
            "",
        );
    }
    para(&mut out, &eval.headline, "", "");
    for a in &eval.advice {
        para(&mut out, a, "  - ", "    ");
    }
    if !eval.plan.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "The plan:");
        for line in crate::report::plan_lines(eval) {
            para(&mut out, &line, "  - ", "    ");
        }
    }
    for c in &eval.constraints {
        para(
            &mut out,
            &format!(
                "{}: {} (you answered \"{}\" to {}).",
                c.rules_out_sentence(),
                c.why,
                c.answer,
                c.short
            ),
            "  - ",
            "    ",
        );
    }
    let _ = writeln!(out);
    if eval.reasons.is_empty() {
        let _ = writeln!(out, "The main reasons: no answer moves the advice yet.");
    } else {
        let _ = writeln!(out, "The main reasons:");
        for r in eval.reasons.iter().take(TOP_REASONS) {
            para(
                &mut out,
                &format!(
                    "{}: you answered \"{}\", which pulls {}. {}",
                    r.short,
                    r.answer,
                    toward(r.toward),
                    r.why
                ),
                "  - ",
                "    ",
            );
        }
    }
    let _ = writeln!(out);
    let n = eval.flags.len();
    if n == 0 {
        let _ = writeln!(
            out,
            "Licence and terms to read: none raised by these answers."
        );
    } else {
        let _ = writeln!(out, "Licence and terms to read ({n}):");
        for (i, f) in eval.flags.iter().enumerate() {
            let number = format!("  {}. ", i + 1);
            // Wrapped lines start under the title, past "10. " as past "9. ".
            para(
                &mut out,
                &format!("{}: {}", words::severity(f.severity), f.title),
                &number,
                &" ".repeat(number.len()),
            );
        }
    }
    if eval.verdict != crate::bank::Verdict::Closed {
        let fits: Vec<&str> = eval
            .licence_fit
            .iter()
            .filter(|f| {
                matches!(
                    f.status,
                    crate::catalogue::FitStatus::Fits | crate::catalogue::FitStatus::FitsWithDuties
                )
            })
            .map(|f| f.name.as_str())
            .collect();
        if !fits.is_empty() {
            let _ = writeln!(out);
            para(
                &mut out,
                &format!(
                    "{} open-weights licence families fit your answers, such as {}: type details for the shortlist.",
                    fits.len(),
                    fits.iter()
                        .take(2)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
                "",
                "",
            );
        }
    }
    let _ = writeln!(out);
    para(&mut out, eval.disclaimer, "", "");
    out
}

/// The trade-offs, every reason, what would change the recommendation, what to find out,
/// the licence shortlist, the other side's conditions, and the answers.
pub fn details(bank: &Bank, answers: &Answers, eval: &Evaluation, info: &ReportInfo) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "How each trade-off pulled");
    para(
        &mut out,
        "Which side your answers on each trade-off favour, and how strongly.",
        "  ",
        "  ",
    );
    for d in &eval.dimensions {
        para(
            &mut out,
            &format!("{}: {}", d.title, words::pull(d)),
            "  - ",
            "    ",
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Why: every reason, strongest first");
    if eval.reasons.is_empty() {
        let _ = writeln!(out, "  No answer moves the advice yet.");
    }
    for r in &eval.reasons {
        para(
            &mut out,
            &format!(
                "{}: you answered \"{}\", which pulls {} {} ({}). {}",
                r.short,
                r.answer,
                words::weight(r.weight),
                toward(r.toward),
                r.dimension.title().to_lowercase(),
                r.why
            ),
            "  - ",
            "    ",
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "What would change the recommendation");
    let changes = report::change_lines(eval);
    if changes.is_empty() {
        let _ = writeln!(out, "  No single answer change would change it.");
    }
    for c in changes {
        para(&mut out, &c, "  - ", "    ");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "To find out");
    if eval.find_out.is_empty() {
        let _ = writeln!(
            out,
            "  Nothing: you answered every question you were asked."
        );
    }
    for f in &eval.find_out {
        para(
            &mut out,
            &format!("{}: {}", f.short, f.find_out),
            "  - ",
            "    ",
        );
    }
    out.push_str(&report::shortlist_text(eval));
    out.push_str(&report::reconsider_text(eval));
    let _ = writeln!(out);
    let _ = writeln!(out, "Your answers");
    let mut section = String::new();
    for r in report::rows(bank, answers) {
        if r.section != section {
            let _ = writeln!(out, "  {}", r.section);
            section.clone_from(&r.section);
        }
        let answer = if r.asked {
            r.answer
        } else {
            format!("{} ({})", r.answer, report::NOT_ASKED)
        };
        para(
            &mut out,
            &format!("{}: {answer}", r.short),
            "    ",
            "      ",
        );
        if let Some(n) = info.notes.get(&r.id) {
            para(&mut out, n, "      Note: ", "            ");
        }
    }
    out
}

/// Every flag in full, or only flag `only` (0-based).
pub fn flags(eval: &Evaluation, only: Option<usize>) -> String {
    let mut out = String::new();
    if eval.flags.is_empty() {
        let _ = writeln!(out, "No licence or terms flag was raised by these answers.");
        return out;
    }
    for (i, f) in eval.flags.iter().enumerate() {
        if only.is_some_and(|o| o != i) {
            continue;
        }
        flag(&mut out, i, f);
    }
    out
}

fn flag(out: &mut String, i: usize, f: &RaisedFlag) {
    let _ = writeln!(out);
    para(
        out,
        &format!("{}: {}", words::severity(f.severity), f.title),
        &format!("{}. ", i + 1),
        "   ",
    );
    para(out, &f.explanation, "   ", "   ");
    for line in report::flag_lines(f) {
        match line {
            FlagLine::Text(label, text) => {
                let first = format!("   {label}: ");
                let rest = " ".repeat(first.len());
                para(out, &text, &first, &rest);
            }
            FlagLine::Source(s) => {
                // The address on a line of its own, whole, so it can be copied.
                para(
                    out,
                    &format!("{}, checked {}:", s.title, s.checked),
                    "   Source: ",
                    "           ",
                );
                let _ = writeln!(out, "     {}", s.url);
            }
        }
    }
}

/// The glossary: every term with its plain-words definition.
pub fn glossary() -> String {
    let mut out = String::from("Glossary: the terms explained\n");
    for t in &Glossary::builtin().terms {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", t.term);
        para(&mut out, &t.definition, "  ", "  ");
    }
    out
}

/// What to type after the summary.
pub const MORE: &str = "For more, type \"details\" (the trade-offs, every reason, what would change the recommendation, what to find out, your answers), \"flags\" (every flag in full, or \"flag 2\" for one), or \"glossary\" (the terms explained). Press Enter to finish.";
