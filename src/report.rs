//! Renderings of a result for people and tools: plain text, Markdown, JSON and HTML.
//!
//! Every format carries the same content: the verdict and how clear it is, the reasons, what
//! would change it, the "to find out" list, the flags with what to read and their sources, the
//! answers, the not-legal-advice line, the bank version and the date.

mod html;
/// Escapes text for HTML content and quoted attributes (every HTML page weighup writes).
pub use html::escape as html_escape;
mod markdown;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub use html::html;
pub use markdown::markdown;

use crate::answers::Answers;
use crate::bank::{Bank, Side};
use crate::engine::{Constraint, Evaluation, RaisedFlag, Reason};
use crate::sheet::Sheet;
use crate::text::{wrap, wrap_indent};

/// The width plain-text reports are wrapped to.
pub const TEXT_WIDTH: usize = 78;

/// What a report needs besides the result.
#[derive(Debug, Clone, Default)]
pub struct ReportInfo {
    /// When the answers were last saved (RFC 3339), if known.
    pub date: Option<String>,
    /// Where the answers are saved, if anywhere.
    pub saved_to: Option<String>,
    /// The respondent's label, if any.
    pub label: Option<String>,
    /// The scenario played, if any.
    pub scenario: Option<String>,
    /// When the report was made (RFC 3339), if it should say so.
    pub made: Option<String>,
    /// What differs from the bank the answers were given on (another version, answers kept,
    /// options gone), in plain words.
    pub bank_notes: Vec<String>,
    /// Notes the person added to answers, by question id.
    pub notes: BTreeMap<String, String>,
    /// Answers to questions this bank no longer has, as saved: (question, answer).
    pub kept: Vec<(String, String)>,
}

impl ReportInfo {
    /// Everything a report says about a saved sheet besides the result.
    pub fn for_sheet(bank: &Bank, sheet: &Sheet, saved_to: Option<&Path>) -> ReportInfo {
        ReportInfo {
            date: Some(sheet.updated.clone()),
            saved_to: saved_to.map(|p| p.display().to_string()),
            label: sheet.respondent.clone(),
            scenario: sheet.scenario.clone(),
            made: None,
            bank_notes: sheet.bank_notices(bank),
            notes: sheet
                .answers
                .iter()
                .filter_map(|(id, a)| a.note.clone().map(|n| (id.clone(), n)))
                .collect(),
            kept: sheet
                .unknown_answers(bank)
                .into_iter()
                .map(|id| {
                    let a = &sheet.answers[id];
                    (a.question.clone(), a.label.clone())
                })
                .collect(),
        }
    }
}

/// "2026-11-30 14:12 UTC" for an RFC 3339 time; anything else is returned as it is.
pub fn human_time(rfc3339: &str) -> String {
    let Ok(t) = OffsetDateTime::parse(rfc3339, &Rfc3339) else {
        return rfc3339.to_string();
    };
    let offset = t.offset();
    let zone = if offset.is_utc() {
        "UTC".to_string()
    } else {
        let (h, m, _) = offset.as_hms();
        format!(
            "UTC{}{:02}:{:02}",
            if h < 0 || m < 0 { '-' } else { '+' },
            h.abs(),
            m.abs()
        )
    };
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} {zone}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// One answered question, for the answers list of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRow {
    pub id: String,
    pub section: String,
    pub short: String,
    pub prompt: String,
    /// The answer in words.
    pub answer: String,
    /// Asked with the other answers (answers to questions no longer asked are kept, not
    /// counted).
    pub asked: bool,
}

/// Each answered question of the bank, in order.
pub fn rows(bank: &Bank, answers: &Answers) -> Vec<AnswerRow> {
    let shown = bank.visible(answers);
    bank.questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| {
            let a = answers.get(&q.id)?;
            Some(AnswerRow {
                id: q.id.clone(),
                section: bank.section_for(i).title.clone(),
                short: q.short.clone(),
                prompt: q.prompt.clone(),
                answer: bank.answer_label(q, a),
                asked: shown[i],
            })
        })
        .collect()
}

/// Said after an answer to a question that is not asked with the other answers.
pub const NOT_ASKED: &str = "not asked with your other answers; kept, not counted";

/// Each answered question in order: (section title, short name, prompt, answer in words).
pub fn answer_rows(bank: &Bank, answers: &Answers) -> Vec<(String, String, String, String)> {
    rows(bank, answers)
        .into_iter()
        .map(|r| {
            let label = if r.asked {
                r.answer
            } else {
                format!("{} ({NOT_ASKED})", r.answer)
            };
            (r.section, r.short, r.prompt, label)
        })
        .collect()
}

/// A signed bar for a dimension's net score, in plain characters.
pub fn net_bar(net: i64, scale: i64, width: usize) -> String {
    let scale = scale.max(1);
    let n = ((net.unsigned_abs() as usize * width) as f64 / scale as f64).round() as usize;
    let n = n.min(width);
    let left = if net < 0 {
        "#".repeat(n)
    } else {
        String::new()
    };
    let right = if net > 0 {
        "#".repeat(n)
    } else {
        String::new()
    };
    format!("{left:>width$}|{right:<width$}")
}

// The sentences every format shares, so the formats say the same thing.

/// The report's title.
pub const TITLE: &str = "Open weights or closed? The result";

fn how_clear(eval: &Evaluation) -> String {
    eval.clarity_line()
}

/// "Unfinished: 12 of 20 questions answered..." or `None` when every question has an answer.
fn unfinished(eval: &Evaluation) -> Option<String> {
    let p = eval.progress;
    (p.unanswered > 0).then(|| {
        format!(
            "Unfinished: {} of {} questions answered. The result may change when the rest are answered.",
            p.answered + p.not_sure,
            p.asked
        )
    })
}

fn side_words(side: Side) -> &'static str {
    match side {
        Side::OpenWeights => "toward open weights",
        Side::Closed => "toward closed",
    }
}

fn constraint_line(c: &Constraint) -> String {
    format!(
        "{}: {} (you answered \"{}\" to {}).",
        c.rules_out_sentence(),
        c.why,
        c.answer,
        c.short
    )
}

fn reason_line(r: &Reason) -> String {
    format!(
        "{} ({}: pulls {} {}; you answered \"{}\" to {})",
        r.why,
        r.dimension.title(),
        crate::words::weight(r.weight),
        side_words(r.toward),
        r.answer,
        r.short
    )
}

/// "What would change the verdict", one sentence per question and new verdict:
/// `Provider dependence: "Not at all" or "A little" instead of "A lot" would give a closed model.`
pub fn change_lines(eval: &Evaluation) -> Vec<String> {
    let mut groups: Vec<(&str, &str, &str, crate::bank::Verdict, Vec<String>)> = Vec::new();
    for c in &eval.would_change {
        let to = match &c.then {
            None => c.to.clone(),
            Some(t) => format!("{}\" (then \"{}\" to \"{}\")", c.to, t.answer, t.short)
                .trim_end_matches('"')
                .to_string(),
        };
        match groups.last_mut() {
            Some(g) if g.0 == c.question && g.3 == c.verdict => g.4.push(to),
            _ => groups.push((&c.question, &c.short, &c.from, c.verdict, vec![to])),
        }
    }
    groups
        .into_iter()
        .map(|(_, short, from, verdict, tos)| {
            let quoted: Vec<String> = tos.iter().map(|t| format!("\"{t}\"")).collect();
            let alternatives = match quoted.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => String::new(),
            };
            format!(
                "{short}: {alternatives} instead of \"{from}\" would give {}.",
                verdict.phrase()
            )
        })
        .collect()
}

/// The plan, one line per part: "Work that touches ...: Run an open-weights model ... (because:
/// ...)". The same in every format.
pub fn plan_lines(eval: &Evaluation) -> Vec<String> {
    eval.plan
        .iter()
        .map(|p| {
            let mut line = format!("{} ({}): {}", p.part, p.side.label(), p.how);
            if !p.because.is_empty() {
                let _ = write!(line, " Because of your answers: {}.", p.because);
            }
            line
        })
        .collect()
}

/// The licence-fit shortlist, grouped by status (fits first): a heading and one line per
/// family, with example models, duties and the reasons, as every format shows it.
pub fn fit_groups(eval: &Evaluation) -> Vec<(&'static str, Vec<String>)> {
    use crate::catalogue::FitStatus;
    let mut out = Vec::new();
    for status in [
        FitStatus::Fits,
        FitStatus::FitsWithDuties,
        FitStatus::ReadFirst,
        FitStatus::RuledOut,
    ] {
        let lines: Vec<String> = eval
            .licence_fit
            .iter()
            .filter(|f| f.status == status)
            .map(|f| {
                let mut line = f.name.clone();
                if !f.models.is_empty() {
                    let models: Vec<&str> = f.models.iter().take(4).map(String::as_str).collect();
                    let _ = write!(line, " (for example {})", models.join(", "));
                }
                line.push('.');
                let sentences = |items: Vec<&str>| -> String {
                    items
                        .iter()
                        .map(|d| {
                            let d = d.trim().trim_end_matches(['.', ';']);
                            if d.ends_with('?') || d.ends_with('!') {
                                d.to_string()
                            } else {
                                format!("{d}.")
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                if !f.duties.is_empty() {
                    let duties = sentences(f.duties.iter().map(String::as_str).collect());
                    let _ = write!(line, " Duties: {duties}");
                }
                let why: Vec<&str> = f.reasons.iter().map(|r| r.text.as_str()).collect();
                if !why.is_empty() && status != FitStatus::Fits {
                    let _ = write!(line, " Why: {}", sentences(why));
                }
                line
            })
            .collect();
        if !lines.is_empty() {
            out.push((status.title(), lines));
        }
    }
    out
}

/// The licence shortlist as plain text (a blank line, the heading, the families by status),
/// wrapped to [`TEXT_WIDTH`]: the text report and the plain mode's details both print it.
pub fn shortlist_text(eval: &Evaluation) -> String {
    let mut out = String::new();
    let groups = fit_groups(eval);
    if !groups.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{FIT_TITLE}");
        for (title, lines) in groups {
            let _ = writeln!(out, "  {title}:");
            for line in lines {
                let _ = writeln!(out, "{}", wrap_indent(&line, TEXT_WIDTH, "  - ", "    "));
            }
        }
    }
    out
}

/// The other side's conditions as plain text (see [`reconsider_title`]), wrapped to
/// [`TEXT_WIDTH`]; empty when there are none.
pub fn reconsider_text(eval: &Evaluation) -> String {
    let mut out = String::new();
    if !eval.if_you_reconsider.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", reconsider_title(eval));
        for line in reconsider_lines(eval) {
            let _ = writeln!(out, "{}", wrap_indent(&line, TEXT_WIDTH, "  - ", "    "));
        }
    }
    out
}

/// The heading of the licence-fit shortlist.
pub const FIT_TITLE: &str = "Open-weights licences: which fit your answers";
/// The heading of the other side's conditions ("if you reconsider"), or, with no
/// recommendation yet, of the conditions that come with either route.
pub fn reconsider_title(eval: &Evaluation) -> &'static str {
    if eval.verdict.recommends() {
        "If you reconsider: the other side's conditions"
    } else {
        "While you decide: the conditions that come with either route"
    }
}

/// One line per flag of the other side: its title, and what it would mean for that route.
pub fn reconsider_lines(eval: &Evaluation) -> Vec<String> {
    eval.if_you_reconsider
        .iter()
        .map(|f| {
            let weight = match f.severity {
                crate::catalogue::Severity::Blocks => "could rule that route out",
                crate::catalogue::Severity::ReadCarefully => "read carefully",
                crate::catalogue::Severity::Note => "worth knowing",
            };
            format!("{} ({weight})", f.title)
        })
        .collect()
}

/// One line of a flag's details, the same in every format: a label and its text, or a
/// source (kept in parts, so each format can show or link it its own way).
pub(crate) enum FlagLine<'a> {
    Text(&'static str, String),
    Source(&'a crate::catalogue::Source),
}

/// What to read, the licences and terms, what raised the flag, and its sources, in order.
pub(crate) fn flag_lines(f: &RaisedFlag) -> Vec<FlagLine<'_>> {
    let mut lines: Vec<FlagLine<'_>> = f
        .read
        .iter()
        .map(|r| FlagLine::Text("Read", r.clone()))
        .collect();
    if !f.licences.is_empty() {
        let names: Vec<&str> = f.licences.iter().map(|l| l.name.as_str()).collect();
        lines.push(FlagLine::Text("Licences", names.join("; ")));
    }
    if !f.terms.is_empty() {
        lines.push(FlagLine::Text("Terms", f.terms.join("; ")));
    }
    let why = raised_by(f);
    if !why.is_empty() {
        lines.push(FlagLine::Text("Raised by", why.join("; ")));
    }
    lines.extend(f.sources.iter().map(FlagLine::Source));
    lines
}

fn raised_by(f: &RaisedFlag) -> Vec<String> {
    let mut why: Vec<String> = f
        .raised_by
        .iter()
        .map(|b| format!("{}: \"{}\"", b.short, b.answer))
        .collect();
    if let Some(v) = f.because_of_verdict {
        why.push(format!("the recommendation ({})", v.phrase()));
    }
    why
}

const NO_REASONS: &str = "No answers that move the advice yet.";
const NO_CHANGE: &str = "No single answer change would change it.";
const NO_FIND_OUT: &str = "Nothing: you answered every question you were asked.";
const NO_FLAGS: &str = "None raised by these answers.";
const NO_ANSWERS: &str = "None yet.";
const KEPT_TITLE: &str =
    "Answers to questions this question bank no longer asks (kept, not counted)";
const CHART_TITLE: &str = "How each trade-off pulled";

/// "Question bank weighup.default version 2026.11.1. Answers saved ... Report made ..."
fn footer(bank: &Bank, info: &ReportInfo) -> String {
    let mut foot = format!(
        "Question bank: {} version {}.",
        bank.meta.id, bank.meta.version
    );
    if let Some(d) = &info.date {
        let _ = write!(foot, " Answers saved {}.", human_time(d));
    }
    if let Some(d) = &info.made {
        let _ = write!(foot, " Report made {}.", human_time(d));
    }
    if let Some(p) = &info.saved_to {
        let _ = write!(foot, " Saved to {p}.");
    }
    foot
}

/// Who and what the answers are for: "For: Ana. Scenario: regional-bank."
fn for_whom(info: &ReportInfo) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(l) = &info.label {
        parts.push(format!("Answered by: {l}."));
    }
    if let Some(s) = &info.scenario {
        parts.push(format!("Scenario: {s}."));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The result as plain text, wrapped to [`TEXT_WIDTH`] columns: no colour, no box drawing.
pub fn text(bank: &Bank, answers: &Answers, eval: &Evaluation, info: &ReportInfo) -> String {
    let w = TEXT_WIDTH;
    let mut out = String::new();
    let para = |out: &mut String, s: &str, first: &str, rest: &str| {
        let _ = writeln!(out, "{}", wrap_indent(s, w, first, rest));
    };
    let _ = writeln!(out, "weighup: open weights or closed?");
    if let Some(f) = for_whom(info) {
        para(&mut out, &f, "", "");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Recommendation: {}", eval.verdict_title);
    let _ = writeln!(out, "How clear: {}", how_clear(eval));
    if let Some(u) = unfinished(eval) {
        para(&mut out, &u, "", "");
    }
    para(&mut out, &eval.headline, "", "");
    for a in &eval.advice {
        para(&mut out, a, "  ", "  ");
    }
    if !eval.plan.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "The plan");
        for line in plan_lines(eval) {
            para(&mut out, &line, "  - ", "    ");
        }
    }
    for n in &info.bank_notes {
        para(&mut out, n, "Note: ", "      ");
    }
    let _ = writeln!(out);
    para(&mut out, eval.disclaimer, "", "");

    let _ = writeln!(out);
    // In words, as on screen: a screen reader reads "closed, clearly", not "##|  -3".
    let _ = writeln!(out, "{CHART_TITLE}: which side, and how strongly");
    for d in &eval.dimensions {
        para(
            &mut out,
            &format!("{}: {}", d.title, crate::words::pull(d)),
            "  - ",
            "    ",
        );
    }

    if !eval.constraints.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Hard constraints");
        for c in &eval.constraints {
            para(&mut out, &constraint_line(c), "  - ", "    ");
        }
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "Why: the reasons, strongest first");
    if eval.reasons.is_empty() {
        let _ = writeln!(out, "  {NO_REASONS}");
    }
    for r in &eval.reasons {
        para(&mut out, &reason_line(r), "  - ", "    ");
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "What would change the recommendation");
    if eval.would_change.is_empty() {
        let _ = writeln!(out, "  {NO_CHANGE}");
    }
    for line in change_lines(eval) {
        para(&mut out, &line, "  - ", "    ");
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "To find out");
    if eval.find_out.is_empty() {
        let _ = writeln!(out, "  {NO_FIND_OUT}");
    }
    for f in &eval.find_out {
        para(
            &mut out,
            &format!("{}: {}", f.short, f.find_out),
            "  - ",
            "    ",
        );
    }

    out.push_str(&shortlist_text(eval));

    let _ = writeln!(out);
    let _ = writeln!(out, "Licence and terms to read ({})", eval.flags.len());
    if eval.flags.is_empty() {
        let _ = writeln!(out, "  {NO_FLAGS}");
    }
    for f in &eval.flags {
        let _ = writeln!(out);
        para(
            &mut out,
            &format!("[{}] {}", f.severity.title().to_uppercase(), f.title),
            "  ",
            "  ",
        );
        para(&mut out, &f.explanation, "    ", "    ");
        for line in flag_lines(f) {
            let (label, text) = match line {
                FlagLine::Text(label, text) => (label, text),
                FlagLine::Source(s) => {
                    let mut text = format!("{} <{}>, checked {}", s.title, s.url, s.checked);
                    if let Some(n) = &s.note {
                        let _ = write!(text, " ({n})");
                    }
                    ("Source", text)
                }
            };
            let first = format!("    {label}: ");
            let rest = " ".repeat(first.len());
            para(&mut out, &text, &first, &rest);
        }
    }

    out.push_str(&reconsider_text(eval));

    let _ = writeln!(out);
    let _ = writeln!(out, "Your answers");
    let rows = rows(bank, answers);
    if rows.is_empty() {
        let _ = writeln!(out, "  {NO_ANSWERS}");
    }
    let mut section = String::new();
    for r in rows {
        if r.section != section {
            let _ = writeln!(out, "  {}", r.section);
            section.clone_from(&r.section);
        }
        let answer = if r.asked {
            r.answer
        } else {
            format!("{} ({NOT_ASKED})", r.answer)
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
    if !info.kept.is_empty() {
        let _ = writeln!(out);
        para(&mut out, KEPT_TITLE, "", "");
        for (q, a) in &info.kept {
            para(&mut out, &format!("{q}: {a}"), "    ", "      ");
        }
    }

    let _ = writeln!(out);
    for l in wrap(&footer(bank, info), w) {
        let _ = writeln!(out, "{l}");
    }
    para(&mut out, eval.disclaimer, "", "");
    out
}

/// The result as JSON for tools. `verdict` and `flags` (each with `id` and `severity`) are
/// stable fields.
pub fn json(bank: &Bank, answers: &Answers, eval: &Evaluation, info: &ReportInfo) -> Value {
    let rows: Vec<Value> = rows(bank, answers)
        .into_iter()
        .map(|r| {
            let answer = if r.asked {
                r.answer
            } else {
                format!("{} ({NOT_ASKED})", r.answer)
            };
            let mut row = json!({
                "id": r.id,
                "section": r.section,
                "short": r.short,
                "question": r.prompt,
                "answer": answer,
                "counted": r.asked,
            });
            if let (Some(n), Value::Object(m)) = (info.notes.get(&r.id), &mut row) {
                m.insert("note".into(), json!(n));
            }
            row
        })
        .collect();
    let mut v = serde_json::to_value(eval).expect("an evaluation always serialises");
    if let Value::Object(map) = &mut v {
        map.insert(
            "bank".into(),
            json!({"id": bank.meta.id, "version": bank.meta.version, "hash": bank.hash}),
        );
        map.insert("answers".into(), Value::Array(rows));
        map.insert("date".into(), json!(info.date));
        if let Some(m) = &info.made {
            map.insert("made".into(), json!(m));
        }
        if let Some(l) = &info.label {
            map.insert("label".into(), json!(l));
        }
        if let Some(s) = &info.scenario {
            map.insert("scenario".into(), json!(s));
        }
        if !info.bank_notes.is_empty() {
            map.insert("bank_notes".into(), json!(info.bank_notes));
        }
        if !info.kept.is_empty() {
            let kept: Vec<Value> = info
                .kept
                .iter()
                .map(|(q, a)| json!({"short": q, "answer": a}))
                .collect();
            map.insert("kept_answers".into(), Value::Array(kept));
        }
    }
    v
}

/// The JSON report as text, ending with a newline.
pub fn json_text(bank: &Bank, answers: &Answers, eval: &Evaluation, info: &ReportInfo) -> String {
    let mut s = serde_json::to_string_pretty(&json(bank, answers, eval, info))
        .expect("JSON values always print");
    s.push('\n');
    // Control and bidi characters serde_json leaves raw (C1, U+202E...) become \u escapes.
    crate::text::escape_json(&s)
}
