//! Renderings of a result for people and tools: plain text and JSON.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::answers::Answers;
use crate::bank::{Bank, Side};
use crate::engine::Evaluation;
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
}

/// Each answered question in order: (section title, short name, prompt, answer in words).
pub fn answer_rows(bank: &Bank, answers: &Answers) -> Vec<(String, String, String, String)> {
    let shown = bank.visible(answers);
    bank.questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| {
            let a = answers.get(&q.id)?;
            let label = bank.answer_label(q, a);
            let label = if shown[i] {
                label
            } else {
                format!("{label} (not asked with your other answers; kept, not counted)")
            };
            Some((
                bank.section_for(i).title.clone(),
                q.short.clone(),
                q.prompt.clone(),
                label,
            ))
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

/// "What would change the verdict", one sentence per question and new verdict:
/// `Provider dependence: "Not at all" or "A little" instead of "It is unacceptable" would give a closed model.`
pub fn change_lines(eval: &Evaluation) -> Vec<String> {
    let mut groups: Vec<(&str, &str, &str, crate::bank::Verdict, Vec<&str>)> = Vec::new();
    for c in &eval.would_change {
        match groups.last_mut() {
            Some(g) if g.0 == c.question && g.3 == c.verdict => g.4.push(&c.to),
            _ => groups.push((&c.question, &c.short, &c.from, c.verdict, vec![&c.to])),
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

/// The result as plain text, wrapped to [`TEXT_WIDTH`] columns: no colour, no box drawing.
pub fn text(bank: &Bank, answers: &Answers, eval: &Evaluation, info: &ReportInfo) -> String {
    let w = TEXT_WIDTH;
    let mut out = String::new();
    let _ = writeln!(out, "weighup: open weights or closed?");
    let _ = writeln!(out);
    let _ = writeln!(out, "Recommendation: {}", eval.verdict_title);
    let _ = writeln!(
        out,
        "How clear: {} (confidence {}%)",
        eval.clarity_title, eval.confidence
    );
    let _ = writeln!(out, "{}", wrap_indent(&eval.headline, w, "", ""));
    for a in &eval.advice {
        let _ = writeln!(out, "{}", wrap_indent(a, w, "  ", "  "));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", wrap_indent(eval.disclaimer, w, "", ""));

    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "How each trade-off pulled (left: toward closed, right: toward open weights)"
    );
    let scale = eval
        .dimensions
        .iter()
        .map(|d| d.net.abs())
        .max()
        .unwrap_or(1);
    for d in &eval.dimensions {
        let _ = writeln!(
            out,
            "  {:<31} {} {:+}",
            d.title,
            net_bar(d.net, scale, 12),
            d.net
        );
    }

    if !eval.constraints.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Hard constraints");
        for c in &eval.constraints {
            let line = format!(
                "Rules out {}: {} (you answered \"{}\" to {}).",
                c.rules_out.label(),
                c.why,
                c.answer,
                c.short
            );
            let _ = writeln!(out, "{}", wrap_indent(&line, w, "  - ", "    "));
        }
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "Why: the reasons, strongest first");
    if eval.reasons.is_empty() {
        let _ = writeln!(out, "  (no answers that move the advice yet)");
    }
    for r in &eval.reasons {
        let side = match r.toward {
            Side::OpenWeights => "toward open weights",
            Side::Closed => "toward closed",
        };
        let line = format!(
            "{} ({}, {side}, weight {}; you answered \"{}\" to {})",
            r.why,
            r.dimension.title(),
            r.weight,
            r.answer,
            r.short
        );
        let _ = writeln!(out, "{}", wrap_indent(&line, w, "  - ", "    "));
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "What would change the recommendation");
    if eval.would_change.is_empty() {
        let _ = writeln!(out, "  No single answer change would change it.");
    }
    for line in change_lines(eval) {
        let _ = writeln!(out, "{}", wrap_indent(&line, w, "  - ", "    "));
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
        let line = format!("{}: {}", f.short, f.find_out);
        let _ = writeln!(out, "{}", wrap_indent(&line, w, "  - ", "    "));
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "Licence and terms to read ({})", eval.flags.len());
    if eval.flags.is_empty() {
        let _ = writeln!(out, "  None raised by these answers.");
    }
    for f in &eval.flags {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{}",
            wrap_indent(
                &format!("[{}] {}", f.severity.title().to_uppercase(), f.title),
                w,
                "  ",
                "  "
            )
        );
        let _ = writeln!(out, "{}", wrap_indent(&f.explanation, w, "    ", "    "));
        for r in &f.read {
            let _ = writeln!(out, "{}", wrap_indent(r, w, "    Read: ", "          "));
        }
        if !f.licences.is_empty() {
            let names: Vec<&str> = f.licences.iter().map(|l| l.name.as_str()).collect();
            let _ = writeln!(
                out,
                "{}",
                wrap_indent(&names.join("; "), w, "    Licences: ", "              ")
            );
        }
        if !f.terms.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                wrap_indent(&f.terms.join("; "), w, "    Terms: ", "           ")
            );
        }
        let mut why: Vec<String> = f
            .raised_by
            .iter()
            .map(|b| format!("{}: \"{}\"", b.short, b.answer))
            .collect();
        if let Some(v) = f.because_of_verdict {
            why.push(format!("the recommendation ({})", v.title().to_lowercase()));
        }
        if !why.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                wrap_indent(&why.join("; "), w, "    Raised by: ", "               ")
            );
        }
        for s in &f.sources {
            let mut line = format!("{} <{}>, checked {}", s.title, s.url, s.checked);
            if let Some(n) = &s.note {
                let _ = write!(line, " ({n})");
            }
            let _ = writeln!(
                out,
                "{}",
                wrap_indent(&line, w, "    Source: ", "            ")
            );
        }
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "Your answers");
    let rows = answer_rows(bank, answers);
    if rows.is_empty() {
        let _ = writeln!(out, "  (none yet)");
    }
    let mut section = String::new();
    for (sec, short, _prompt, answer) in rows {
        if sec != section {
            let _ = writeln!(out, "  {sec}");
            section = sec;
        }
        let _ = writeln!(
            out,
            "{}",
            wrap_indent(&format!("{short}: {answer}"), w, "    ", "      ")
        );
    }

    let _ = writeln!(out);
    let mut foot = format!(
        "Question bank: {} version {}.",
        bank.meta.id, bank.meta.version
    );
    if let Some(d) = &info.date {
        let _ = write!(foot, " Answers saved {d}.");
    }
    if let Some(p) = &info.saved_to {
        let _ = write!(foot, " Saved to {p}.");
    }
    for l in wrap(&foot, w) {
        let _ = writeln!(out, "{l}");
    }
    let _ = writeln!(out, "{}", wrap_indent(eval.disclaimer, w, "", ""));
    out
}

/// The result as JSON for tools. `verdict` and `flags` (each with `id` and `severity`) are
/// stable fields.
pub fn json(bank: &Bank, answers: &Answers, eval: &Evaluation, info: &ReportInfo) -> Value {
    let rows: Vec<Value> = answer_rows(bank, answers)
        .into_iter()
        .map(|(section, short, prompt, answer)| {
            json!({"section": section, "short": short, "question": prompt, "answer": answer})
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
        if let Some(l) = &info.label {
            map.insert("label".into(), json!(l));
        }
        if let Some(s) = &info.scenario {
            map.insert("scenario".into(), json!(s));
        }
    }
    v
}
