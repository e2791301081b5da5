//! The advice: weighs the answers, recommends open weights, closed or a hybrid, explains why,
//! and raises the licence and terms flags to read. Deterministic, no IO.

use serde::{Deserialize, Serialize};

use crate::answers::{Answer, Answers};
use crate::bank::{Bank, Choice, Condition, Dimension, Question, Side, Verdict};
use crate::catalogue::{FlagSide, Severity, Source};

/// Shown with every result.
pub const DISCLAIMER: &str = "This is not legal advice: read the licence and terms yourself, and check them with your legal team before you commit.";

/// How far the balance must lean before one side is recommended outright.
const LEAN: f64 = 0.3;
/// Fewer answered decision questions than this gives "too few answers".
const MIN_ANSWERS: usize = 3;

/// How clear the verdict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Clarity {
    /// The answers point one way, with few gaps.
    Clear,
    /// The answers lean one way, or several were "Not sure".
    Leaning,
    /// The answers nearly balance, or many are missing.
    CloseCall,
    /// A hard constraint settles it.
    Constrained,
    /// Answers rule out both sides: they need a second look.
    Conflict,
    /// Not enough answers yet.
    TooFewAnswers,
}

impl Clarity {
    pub fn title(self) -> &'static str {
        match self {
            Clarity::Clear => "Clear",
            Clarity::Leaning => "Leaning",
            Clarity::CloseCall => "Close call",
            Clarity::Constrained => "Settled by a hard constraint",
            Clarity::Conflict => "Your answers rule out both sides",
            Clarity::TooFewAnswers => "Too few answers yet",
        }
    }
}

/// One dimension's share of the advice. Points toward each side, and the net (+ open weights).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionScore {
    pub dimension: Dimension,
    pub title: &'static str,
    pub open_weights: i64,
    pub closed: i64,
    pub net: i64,
}

/// Why the advice leans the way it does: one answer's push on one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub question: String,
    pub short: String,
    pub answer: String,
    pub dimension: Dimension,
    pub toward: Side,
    pub weight: i64,
    pub why: String,
}

/// An answer that rules a side out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Constraint {
    pub rules_out: Side,
    pub question: String,
    pub short: String,
    pub answer: String,
    pub why: String,
}

/// A "Not sure" answer to follow up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindOut {
    pub question: String,
    pub short: String,
    pub prompt: String,
    pub find_out: String,
}

/// A single answer change that would change the verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub question: String,
    pub short: String,
    pub from: String,
    pub to: String,
    pub verdict: Verdict,
}

/// The answer that raised a flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaisedBy {
    pub question: String,
    pub short: String,
    pub answer: String,
}

/// A licence the flag concerns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LicenceRef {
    pub id: String,
    pub name: String,
}

/// A licence or terms condition raised by the answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaisedFlag {
    pub id: String,
    pub severity: Severity,
    pub side: FlagSide,
    pub title: String,
    pub explanation: String,
    pub read: Vec<String>,
    pub licences: Vec<LicenceRef>,
    pub terms: Vec<String>,
    pub raised_by: Vec<RaisedBy>,
    /// Raised (also) because of the verdict, for example "closed" for provider terms.
    pub because_of_verdict: Option<Verdict>,
    pub sources: Vec<Source>,
}

/// How far the person got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Decision questions asked, given the answers so far.
    pub asked: usize,
    pub answered: usize,
    pub not_sure: usize,
    pub unanswered: usize,
}

/// The whole result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub verdict: Verdict,
    pub verdict_title: &'static str,
    pub clarity: Clarity,
    pub clarity_title: &'static str,
    /// 0 to 100: drops with "Not sure" and missing answers.
    pub confidence: u8,
    /// -1 (all closed) to +1 (all open weights).
    pub balance: f64,
    pub headline: String,
    pub advice: Vec<String>,
    pub dimensions: Vec<DimensionScore>,
    pub reasons: Vec<Reason>,
    pub constraints: Vec<Constraint>,
    pub find_out: Vec<FindOut>,
    pub would_change: Vec<Change>,
    pub flags: Vec<RaisedFlag>,
    pub progress: Progress,
    pub disclaimer: &'static str,
}

/// The verdict and the numbers behind it, without the explanations.
struct Core {
    verdict: Verdict,
    clarity: Clarity,
    confidence: u8,
    balance: f64,
    dims: Vec<DimensionScore>,
    constraints: Vec<Constraint>,
    shown: Vec<bool>,
    progress: Progress,
}

fn core(bank: &Bank, answers: &Answers) -> Core {
    let shown = bank.visible(answers);
    let mut open = [0i64; Dimension::ALL.len()];
    let mut closed = [0i64; Dimension::ALL.len()];
    let mut constraints = Vec::new();
    let mut progress = Progress {
        asked: 0,
        answered: 0,
        not_sure: 0,
        unanswered: 0,
    };
    for (i, q) in bank.questions.iter().enumerate() {
        if !shown[i] || !q.kind.is_decision() {
            continue;
        }
        progress.asked += 1;
        let Some(answer) = answers.get(&q.id) else {
            progress.unanswered += 1;
            continue;
        };
        if *answer == Answer::NotSure {
            progress.not_sure += 1;
            continue;
        }
        let chosen = bank.chosen(q, answer);
        if chosen.is_empty() && !matches!(answer, Answer::Choices(c) if c.is_empty()) {
            // An option the bank no longer has: counts as unanswered.
            progress.unanswered += 1;
            continue;
        }
        progress.answered += 1;
        for o in chosen {
            for e in &o.effects {
                let d = e.dimension as usize;
                match e.toward {
                    Side::OpenWeights => open[d] += e.weight,
                    Side::Closed => closed[d] += e.weight,
                }
            }
            if let Some(r) = &o.rules_out {
                constraints.push(Constraint {
                    rules_out: r.side,
                    question: q.id.clone(),
                    short: q.short.clone(),
                    answer: o.label.clone(),
                    why: r.why.clone(),
                });
            }
        }
    }
    let dims: Vec<DimensionScore> = Dimension::ALL
        .iter()
        .enumerate()
        .map(|(i, d)| DimensionScore {
            dimension: *d,
            title: d.title(),
            open_weights: open[i],
            closed: closed[i],
            net: open[i] - closed[i],
        })
        .collect();
    let total_open: i64 = open.iter().sum();
    let total_closed: i64 = closed.iter().sum();
    let total = total_open + total_closed;
    let balance = if total == 0 {
        0.0
    } else {
        (total_open - total_closed) as f64 / total as f64
    };
    let open_out = constraints.iter().any(|c| c.rules_out == Side::OpenWeights);
    let closed_out = constraints.iter().any(|c| c.rules_out == Side::Closed);
    let (verdict, fixed) = match (open_out, closed_out) {
        (false, true) => (Verdict::OpenWeights, Some(Clarity::Constrained)),
        (true, false) => (Verdict::Closed, Some(Clarity::Constrained)),
        (true, true) => (Verdict::Hybrid, Some(Clarity::Conflict)),
        (false, false) if progress.answered < MIN_ANSWERS => {
            (Verdict::Hybrid, Some(Clarity::TooFewAnswers))
        }
        (false, false) if balance >= LEAN => (Verdict::OpenWeights, None),
        (false, false) if balance <= -LEAN => (Verdict::Closed, None),
        (false, false) => (Verdict::Hybrid, None),
    };
    let certainty = match fixed {
        Some(Clarity::Constrained) => 0.9,
        Some(Clarity::Conflict) => 0.2,
        Some(_) => 0.1,
        None if verdict == Verdict::Hybrid => 0.55 + 0.3 * (1.0 - balance.abs() / LEAN),
        None => 0.55 + 0.4 * ((balance.abs() - LEAN) / (0.7 - LEAN)).min(1.0),
    };
    let completeness = if progress.asked == 0 {
        0.0
    } else {
        1.0 - (0.6 * progress.not_sure as f64 + progress.unanswered as f64) / progress.asked as f64
    };
    let confidence = (100.0 * certainty * completeness).round().clamp(0.0, 100.0) as u8;
    let clarity = fixed.unwrap_or(clarity_for(confidence));
    Core {
        verdict,
        clarity,
        confidence,
        balance,
        dims,
        constraints,
        shown,
        progress,
    }
}

/// How clear a confidence is, when no hard constraint settles the verdict.
fn clarity_for(confidence: u8) -> Clarity {
    match confidence {
        70..=100 => Clarity::Clear,
        45..=69 => Clarity::Leaning,
        _ => Clarity::CloseCall,
    }
}

/// How much each question whose answer alone would flip the verdict takes off the confidence.
const FRAGILITY: f64 = 0.05;

/// Weighs the answers against the bank. Pure and deterministic.
///
/// The confidence also counts how fragile the verdict is: each question whose answer alone
/// would change it takes 5% off (down to 60% of the value), so a verdict that many single
/// answers can tip is never called clear.
pub fn evaluate(bank: &Bank, answers: &Answers) -> Evaluation {
    evaluate_depth(bank, answers, true)
}

/// Like [`evaluate`], without the search for answer changes that would change the verdict
/// (`would_change` is empty, and the confidence does not count fragility). For tallies over
/// many sheets, where only the verdict, flags and progress are used; several times faster.
pub fn evaluate_quick(bank: &Bank, answers: &Answers) -> Evaluation {
    evaluate_depth(bank, answers, false)
}

fn evaluate_depth(bank: &Bank, answers: &Answers, full: bool) -> Evaluation {
    let mut c = core(bank, answers);
    let mut reasons = Vec::new();
    let mut find_out = Vec::new();
    for (i, q) in bank.questions.iter().enumerate() {
        if !c.shown[i] || !q.kind.is_decision() {
            continue;
        }
        let Some(answer) = answers.get(&q.id) else {
            continue;
        };
        if *answer == Answer::NotSure {
            find_out.push(FindOut {
                question: q.id.clone(),
                short: q.short.clone(),
                prompt: q.prompt.clone(),
                find_out: q
                    .not_sure
                    .as_ref()
                    .map_or_else(String::new, |n| n.find_out.clone()),
            });
            continue;
        }
        for o in bank.chosen(q, answer) {
            for e in &o.effects {
                reasons.push(Reason {
                    question: q.id.clone(),
                    short: q.short.clone(),
                    answer: answer_label(bank, q, answer, o),
                    dimension: e.dimension,
                    toward: e.toward,
                    weight: e.weight,
                    why: e.why.clone(),
                });
            }
        }
    }
    // Strongest reasons first; ties keep question order.
    reasons.sort_by_key(|r| std::cmp::Reverse(r.weight));
    // With too few answers there is no verdict yet, so rules on the verdict stay quiet.
    let settled = (c.clarity != Clarity::TooFewAnswers).then_some(c.verdict);
    let flags = raise_flags(bank, answers, &c.shown, settled);
    let would_change = if full {
        would_change(bank, answers, &c)
    } else {
        Vec::new()
    };
    if matches!(
        c.clarity,
        Clarity::Clear | Clarity::Leaning | Clarity::CloseCall
    ) {
        let mut tipping: Vec<&str> = would_change.iter().map(|w| w.question.as_str()).collect();
        tipping.dedup();
        let factor = (1.0 - FRAGILITY * tipping.len() as f64).max(0.6);
        c.confidence = (f64::from(c.confidence) * factor).round() as u8;
        c.clarity = clarity_for(c.confidence);
    }
    let (headline, advice) = explain(&c);
    Evaluation {
        verdict: c.verdict,
        verdict_title: c.verdict.title(),
        clarity: c.clarity,
        clarity_title: c.clarity.title(),
        confidence: c.confidence,
        balance: (c.balance * 1000.0).round() / 1000.0,
        headline,
        advice,
        dimensions: c.dims,
        reasons,
        constraints: c.constraints,
        find_out,
        would_change,
        flags,
        progress: c.progress,
        disclaimer: DISCLAIMER,
    }
}

/// The label of one chosen option; for numbers, the number with its band.
fn answer_label(bank: &Bank, q: &Question, answer: &Answer, o: &Choice) -> String {
    match answer {
        Answer::Number(_) => format!("{} ({})", bank.answer_label(q, answer), o.label),
        _ => o.label.clone(),
    }
}

fn raise_flags(
    bank: &Bank,
    answers: &Answers,
    shown: &[bool],
    verdict: Option<Verdict>,
) -> Vec<RaisedFlag> {
    let mut flags: Vec<RaisedFlag> = Vec::new();
    for rule in &bank.rules {
        if !bank.holds(&rule.when, answers, shown, verdict) {
            continue;
        }
        let Some(def) = bank.catalogue.flag(&rule.raise) else {
            continue;
        };
        let mut by = Vec::new();
        let mut uses_verdict = false;
        collect_causes(bank, &rule.when, answers, shown, &mut by, &mut uses_verdict);
        let idx = if let Some(i) = flags.iter().position(|f| f.id == def.id) {
            i
        } else {
            flags.push(RaisedFlag {
                id: def.id.clone(),
                severity: def.severity,
                side: def.side,
                title: def.title.clone(),
                explanation: def.explanation.clone(),
                read: def.read.clone(),
                licences: def
                    .licences
                    .iter()
                    .map(|l| LicenceRef {
                        id: l.clone(),
                        name: bank
                            .catalogue
                            .licence(l)
                            .map_or_else(|| l.clone(), |x| x.name.clone()),
                    })
                    .collect(),
                terms: def.terms.clone(),
                raised_by: Vec::new(),
                because_of_verdict: None,
                sources: def.sources.clone(),
            });
            flags.len() - 1
        };
        let f = &mut flags[idx];
        for b in by {
            if !f.raised_by.contains(&b) {
                f.raised_by.push(b);
            }
        }
        if uses_verdict {
            f.because_of_verdict = verdict;
        }
    }
    flags.sort_by(|a, b| a.severity.cmp(&b.severity).then(a.id.cmp(&b.id)));
    flags
}

/// The answers that make a condition hold (those under `not` are not causes).
fn collect_causes(
    bank: &Bank,
    cond: &Condition,
    answers: &Answers,
    shown: &[bool],
    out: &mut Vec<RaisedBy>,
    uses_verdict: &mut bool,
) {
    if let Some(qid) = &cond.question {
        if bank.holds(cond, answers, shown, None) {
            if let (Some(q), Some(a)) = (bank.question(qid), answers.get(qid)) {
                let b = RaisedBy {
                    question: q.id.clone(),
                    short: q.short.clone(),
                    answer: bank.answer_label(q, a),
                };
                if !out.contains(&b) {
                    out.push(b);
                }
            }
        }
    }
    for list in [&cond.all, &cond.any].into_iter().flatten() {
        for c in list {
            collect_causes(bank, c, answers, shown, out, uses_verdict);
        }
    }
    if cond.verdict.is_some() {
        *uses_verdict = true;
    }
}

/// Every single answer change that gives a different verdict.
fn would_change(bank: &Bank, answers: &Answers, base: &Core) -> Vec<Change> {
    let mut out = Vec::new();
    if base.clarity == Clarity::TooFewAnswers {
        return out;
    }
    for (i, q) in bank.questions.iter().enumerate() {
        if !base.shown[i] || !q.kind.is_decision() {
            continue;
        }
        let current = answers.get(&q.id);
        let from = current.map_or_else(
            || "(no answer yet)".to_string(),
            |a| bank.answer_label(q, a),
        );
        for (alt, to) in alternatives(bank, q, current) {
            let mut changed = answers.clone();
            changed.set(q.id.clone(), alt);
            let c = core(bank, &changed);
            if c.verdict != base.verdict && c.clarity != Clarity::TooFewAnswers {
                out.push(Change {
                    question: q.id.clone(),
                    short: q.short.clone(),
                    from: from.clone(),
                    to,
                    verdict: c.verdict,
                });
            }
        }
    }
    out
}

/// The other answers a question could have, each with its label.
fn alternatives(bank: &Bank, q: &Question, current: Option<&Answer>) -> Vec<(Answer, String)> {
    match (&q.kind, &q.number) {
        (crate::bank::Kind::Number, Some(spec)) => {
            let now = current.map(|a| bank.chosen_ids(q, a)).unwrap_or_default();
            spec.bands
                .iter()
                .filter(|b| !now.contains(&b.id))
                .map(|b| (Answer::Number(b.from.unwrap_or(spec.min)), b.label.clone()))
                .collect()
        }
        (crate::bank::Kind::Multi, _) => {
            let now: Vec<String> = match current {
                Some(Answer::Choices(c)) => c.clone(),
                _ => Vec::new(),
            };
            q.options
                .iter()
                .map(|o| {
                    let mut next: Vec<String> = if o.exclusive {
                        Vec::new()
                    } else {
                        now.iter()
                            .filter(|id| !q.options.iter().any(|x| x.exclusive && &x.id == *id))
                            .cloned()
                            .collect()
                    };
                    if let Some(p) = next.iter().position(|x| x == &o.id) {
                        next.remove(p);
                    } else {
                        next.push(o.id.clone());
                    }
                    // Keep the bank's order, and name the whole new choice.
                    next.sort_by_key(|id| q.options.iter().position(|x| &x.id == id));
                    let label = if next.is_empty() {
                        "(nothing chosen)".to_string()
                    } else {
                        bank.answer_label(q, &Answer::Choices(next.clone()))
                    };
                    (Answer::Choices(next), label)
                })
                .collect()
        }
        _ => q
            .options
            .iter()
            .filter(|o| current != Some(&Answer::Choice(o.id.clone())))
            .map(|o| (Answer::Choice(o.id.clone()), o.label.clone()))
            .collect(),
    }
}

/// The headline and a few plain sentences of advice.
fn explain(c: &Core) -> (String, Vec<String>) {
    let top = |side: Side| -> Option<&DimensionScore> {
        c.dims
            .iter()
            .filter(|d| match side {
                Side::OpenWeights => d.net > 0,
                Side::Closed => d.net < 0,
            })
            .max_by_key(|d| (d.net.abs(), std::cmp::Reverse(d.dimension)))
    };
    let infra_closed = c
        .dims
        .iter()
        .any(|d| d.dimension == Dimension::Infrastructure && d.net < 0);
    let mut advice = Vec::new();
    let headline = match (c.verdict, c.clarity) {
        (_, Clarity::TooFewAnswers) => {
            advice.push("Answer a few more questions and the advice will take shape.".to_string());
            "Too early to say: most questions are still open.".to_string()
        }
        (_, Clarity::Conflict) => {
            advice.push("One answer says your data cannot go to an outside provider, and another says you cannot run a model yourself or pay anyone to. Look at those two answers again: one of them has to give.".to_string());
            "No option meets every hard constraint yet.".to_string()
        }
        (Verdict::OpenWeights, _) => {
            if let Some(d) = top(Side::OpenWeights) {
                advice.push(format!(
                    "The strongest pull is {}: a model whose weights you hold runs where you decide, on terms that do not change under you.",
                    d.title.to_lowercase()
                ));
            }
            if infra_closed {
                advice.push("You are light on in-house infrastructure. A hosting provider can run open weights for you: you keep the licence freedoms, but give up part of the privacy and control.".to_string());
            }
            advice.push("Open weights still come with a licence: read it before you build on a model (see the flags below).".to_string());
            "Open weights fit best: run a model whose weights you hold.".to_string()
        }
        (Verdict::Closed, _) => {
            if let Some(d) = top(Side::Closed) {
                advice.push(format!(
                    "The strongest pull is {}: a provider's managed service lets you start without running anything yourself.",
                    d.title.to_lowercase()
                ));
            }
            if top(Side::OpenWeights).is_some() {
                advice.push("Some answers still favour open weights: keep your prompts, tests and data portable so that you can move later.".to_string());
            }
            advice.push("Read the provider's terms on how they use your data, how long they keep it, and how they change prices and retire models (see the flags below).".to_string());
            "A closed model through an API fits best for now.".to_string()
        }
        (Verdict::Hybrid, _) => {
            match (top(Side::OpenWeights), top(Side::Closed)) {
                (Some(o), Some(cl)) => advice.push(format!(
                    "Your answers pull both ways: {} favours open weights, while {} favours a closed service.",
                    o.title.to_lowercase(),
                    cl.title.to_lowercase()
                )),
                _ => advice.push("Your answers balance out: neither side wins clearly.".to_string()),
            }
            advice.push("Two common ways to combine them: start with a closed model to ship quickly and move work to open weights as volume or privacy demands grow; or keep sensitive data on a model you run and send everything else to an API.".to_string());
            "A hybrid fits best: use each where it is strongest.".to_string()
        }
    };
    (headline, advice)
}
