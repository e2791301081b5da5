//! The advice: which ways of running a model the answers allow, how the trade-offs pull,
//! and from those a verdict (open weights, closed, a hybrid, a conflict, or undecided), a
//! concrete plan, the reasons, what would change it, and the licence and terms flags to read.
//! Deterministic, no IO.
//!
//! The principles, in order:
//! 1. **Requirements before weights.** An answer that only one side can meet (`requires`) or
//!    that rules out ways of running a model (`excludes`) removes routes. When no route is
//!    left for some part of the work, the answers conflict; when only one side's routes are
//!    left, that side is settled, whatever the weights say.
//! 2. **Weights decide the rest**, and "Not sure" or a missing answer counts as whatever that
//!    question could still turn out to be: the confidence is the one that holds in the worst
//!    case, so replacing an answer with "Not sure" never raises it.
//! 3. **A hybrid is a finding**: strong needs on both sides and a way to divide the work (by
//!    sensitivity, by difficulty, or over time). Weak or balanced evidence is "undecided".

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::answers::{Answer, Answers};
use crate::bank::{Bank, Choice, Condition, Dimension, Part, Question, Route, Side, Verdict};
use crate::catalogue::{FitFacts, FitStatus, FlagSide, LicenceFit, Severity, Source, Territory};

/// Shown with every result.
pub const DISCLAIMER: &str = "This is not legal advice: read the licence and terms yourself, and check them with your legal team before you commit.";

/// Fewer answered decision questions than this is always "undecided".
const MIN_ANSWERS: usize = 3;
/// Below this certainty nothing is recommended: the verdict is "undecided".
const DECIDE: f64 = 0.45;
/// The highest certainty weights alone can give; a requirement settles at this level too.
const CEILING: f64 = 0.9;
/// A hybrid whose sensitive part is settled by a requirement: the split itself still has to
/// be made to work, so it is less certain than a one-sided requirement.
const HYBRID_SETTLED: f64 = 0.8;
/// The cap when a "Not sure" or missing answer could still rule the recommended side out.
const COULD_BE_RULED_OUT: f64 = 0.5;
/// The cap when a blocking condition on the recommended side must be checked first.
const BLOCKED: f64 = 0.7;

/// The question ids the plan and the hybrid rules read (absent in a custom bank: not used).
mod ids {
    pub const SENSITIVITY: &str = "privacy.data_sensitivity";
    pub const LOCATION: &str = "privacy.data_location";
    pub const REGULATION: &str = "privacy.regulation";
    pub const GUARANTEES: &str = "privacy.guarantees";
    pub const GPUS: &str = "infrastructure.gpus";
    pub const CLOUD: &str = "infrastructure.cloud_agreement";
    pub const TEAM: &str = "infrastructure.team";
    pub const APPETITE: &str = "infrastructure.appetite";
    pub const QUALITY: &str = "customisation.quality";
    pub const SPLIT: &str = "customisation.split";
    /// Every question the engine reads by id.
    pub const READ: &[&str] = &[
        SENSITIVITY,
        LOCATION,
        REGULATION,
        GUARANTEES,
        GPUS,
        CLOUD,
        TEAM,
        APPETITE,
        QUALITY,
        SPLIT,
        "control.offline",
        "customisation.openness",
        "infrastructure.timeline",
        "infrastructure.horizon",
        "scale.volume",
        "scale.steadiness",
        "control.lock_in",
        "commercial.is_commercial",
        "commercial.monthly_users",
        "commercial.monthly_revenue",
        "commercial.based_in",
        "commercial.distillation",
        "commercial.restricted_fields",
        "commercial.redistribute",
    ];
}

/// How clear the verdict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Clarity {
    /// The answers point one way, whatever the open questions turn out to be.
    Clear,
    /// The answers lean one way.
    Leaning,
    /// Close to undecided.
    CloseCall,
    /// A need only one side can meet settles it.
    Constrained,
    /// Answers rule out every way of running a model.
    Conflict,
    /// Too little is known yet. Sheets saved before this was renamed say "too-few-answers".
    #[serde(alias = "too-few-answers")]
    Undecided,
}

impl Clarity {
    pub fn title(self) -> &'static str {
        match self {
            Clarity::Clear => "Clear",
            Clarity::Leaning => "Leaning",
            Clarity::CloseCall => "Close call",
            Clarity::Constrained => "Settled by a need only one side can meet",
            Clarity::Conflict => "Your answers rule out every option",
            Clarity::Undecided => "Not enough to choose a side yet",
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

/// An answer that rules out ways of running a model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Constraint {
    /// The side this answer rules out entirely, when it does.
    pub rules_out: Option<Side>,
    /// The ways of running a model it rules out.
    pub routes: Vec<Route>,
    /// The part of the work it binds.
    pub part: Part,
    pub question: String,
    pub short: String,
    pub answer: String,
    pub why: String,
}

impl Constraint {
    /// "only open weights can meet it", "rules out a hosting company and ..."
    pub fn rules_out_text(&self) -> String {
        if let Some(s) = self.rules_out {
            format!("only {} can meet it", one_sided(s.other()).phrase())
        } else {
            let left: Vec<&str> = Route::ALL
                .iter()
                .filter(|r| !self.routes.contains(r))
                .map(|r| r.title())
                .collect();
            if left.len() == 1 {
                format!("only {} can meet it", left[0])
            } else {
                format!(
                    "rules out {}",
                    join_words(&self.routes.iter().map(|r| r.title()).collect::<Vec<_>>())
                )
            }
        }
    }

    /// The same, as the start of a sentence.
    pub fn rules_out_sentence(&self) -> String {
        let t = self.rules_out_text();
        let mut c = t.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    }
}

/// A "Not sure" (or open) answer to follow up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindOut {
    pub question: String,
    pub short: String,
    pub prompt: String,
    pub find_out: String,
    /// Its answer could change the verdict or rule a side out.
    pub decisive: bool,
}

/// A single answer change that would change the verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub question: String,
    pub short: String,
    pub from: String,
    pub to: String,
    /// The follow-up question this answer opens, and the answer to it, when the new verdict
    /// depends on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub then: Option<FollowUp>,
    pub verdict: Verdict,
}

/// A follow-up answer a change depends on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUp {
    pub question: String,
    pub short: String,
    pub answer: String,
}

/// One part of the plan: which work goes where, run by whom, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanPart {
    /// Which work: "All of the work", "Work that touches the sensitive information"...
    pub part: String,
    pub side: Side,
    pub route: Route,
    /// What to do, in plain words.
    pub how: String,
    /// The answers behind it, in plain words.
    pub because: String,
    /// The questions those answers belong to.
    pub from: Vec<String>,
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
    /// 0 to 100 (90 at most): how sure the verdict is, whatever the open questions turn out
    /// to be. For a conflict, how sure it is that the answers conflict.
    pub confidence: u8,
    /// -1 (all closed) to +1 (all open weights), from the definite answers.
    pub balance: f64,
    pub headline: String,
    pub advice: Vec<String>,
    /// Which work goes where, run by whom: empty for a conflict or when undecided.
    pub plan: Vec<PlanPart>,
    pub dimensions: Vec<DimensionScore>,
    pub reasons: Vec<Reason>,
    pub constraints: Vec<Constraint>,
    pub find_out: Vec<FindOut>,
    pub would_change: Vec<Change>,
    /// Conditions to read for the recommended route (both routes for a hybrid; for a
    /// conflict or when undecided, those the answers raise on either side).
    pub flags: Vec<RaisedFlag>,
    /// The other side's conditions, for a one-sided verdict: what to read if you reconsider.
    /// For a conflict or an undecided result, the conditions that come with either route.
    pub if_you_reconsider: Vec<RaisedFlag>,
    /// Which open-weights licence families fit these answers, fits first.
    pub licence_fit: Vec<LicenceFit>,
    pub progress: Progress,
    pub disclaimer: &'static str,
}

impl Evaluation {
    /// How clear the verdict is, as one line: "Clear (confidence 83%)". A conflict and an
    /// undecided result have no confidence to show.
    pub fn clarity_line(&self) -> String {
        if self.verdict.recommends() {
            format!("{} (confidence {}%)", self.clarity_title, self.confidence)
        } else {
            self.clarity_title.to_string()
        }
    }
}

/// What an open (unanswered or "Not sure") question could still do.
#[derive(Default)]
struct Spread {
    /// Per dimension, the most closed-ward and most open-ward net it could add.
    lo: Vec<i64>,
    hi: Vec<i64>,
    /// Routes some answer to it would rule out, per part (all, sensitive).
    could_exclude: Vec<(Vec<Route>, Part)>,
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
    /// Routes left for all the work, and for the sensitive part.
    routes_all: BTreeSet<Route>,
    routes_sensitive: BTreeSet<Route>,
    split_sensitive: bool,
    /// How a hybrid divides the work.
    hybrid: Option<Division>,
    /// Open questions that could change the verdict, most important first.
    open_impact: Vec<(usize, i64)>,
    /// The blocking condition on the recommended route to check first, if any.
    first_check: Option<String>,
}

/// How a hybrid divides the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Division {
    /// Sensitive work on open weights, the rest closed.
    Sensitivity,
    /// The hardest tasks closed, the routine ones on open weights.
    Difficulty,
    /// Closed now, open weights as volume or control needs grow.
    Time,
    /// The sensitive part must be closed (rare), the rest open weights.
    SensitivityClosed,
    /// Sensitive and routine work on open weights, the hardest other tasks closed.
    SensitivityAndDifficulty,
}

fn dim_index(d: Dimension) -> usize {
    Dimension::ALL.iter().position(|x| *x == d).unwrap_or(0)
}

/// The net push of one option on each dimension (+ open weights).
fn option_net(o: &Choice) -> Vec<i64> {
    let mut v = vec![0; Dimension::ALL.len()];
    for e in &o.effects {
        let w = match e.toward {
            Side::OpenWeights => e.weight,
            Side::Closed => -e.weight,
        };
        v[dim_index(e.dimension)] += w;
    }
    v
}

/// The options (or bands) an open question could still be answered with.
fn candidates(q: &Question) -> Vec<&Choice> {
    match &q.number {
        Some(spec) if q.kind == crate::bank::Kind::Number => spec.bands.iter().collect(),
        _ => q.options.iter().collect(),
    }
}

fn sides(routes: &BTreeSet<Route>) -> BTreeSet<Side> {
    routes.iter().map(|r| r.side()).collect()
}

/// Is a chosen option's id among these (for the few questions the plan reads)?
fn chose(bank: &Bank, answers: &Answers, shown: &[bool], qid: &str, any_of: &[&str]) -> bool {
    let Some(i) = bank.position(qid) else {
        return false;
    };
    if !shown[i] {
        return false;
    }
    answers.get(qid).is_some_and(|a| {
        bank.chosen_ids(&bank.questions[i], a)
            .iter()
            .any(|id| any_of.contains(&id.as_str()))
    })
}

/// Certainty from a worst-case net margin in points.
fn certainty(margin: i64) -> f64 {
    let m = margin as f64;
    if m <= 0.0 {
        0.0
    } else if m < 3.0 {
        0.15 * m
    } else {
        (DECIDE + 0.45 * ((m - 3.0) / 9.0).min(1.0)).min(CEILING)
    }
}

/// Certainty of a hybrid from the weaker side's strength in points.
fn hybrid_certainty(strength: i64) -> f64 {
    if strength < 3 {
        0.0
    } else {
        (DECIDE + 0.4 * ((strength - 3) as f64 / 7.0).min(1.0)).min(CEILING)
    }
}

/// With at most this many open questions, every combination of their answers is tried (see
/// [`core`]); with more, each open question is tried alone.
const GUARD_ALL: usize = 3;
/// Past this many open questions, the worst-case bounds of [`core_raw`] alone apply.
const GUARD_LIMIT: usize = 64;

/// The verdict and its confidence. The confidence is never more than it would be with some of
/// the open ("Not sure" or missing) decisive questions answered, so that turning an answer
/// into "Not sure" can never raise it. The worst-case bounds in [`core_raw`] give this for the
/// weights; trying the open questions' answers gives it for the rules that settle or divide
/// the work too: exactly when a sheet has up to three open questions (every combination is
/// tried), and one question at a time beyond that.
fn core(bank: &Bank, answers: &Answers) -> Core {
    let mut c = core_raw(bank, answers, true);
    let open: Vec<&Question> = bank
        .questions
        .iter()
        .enumerate()
        .filter(|(i, q)| {
            c.shown[*i]
                && q.kind.is_decision()
                && answers
                    .get(&q.id)
                    .is_none_or(|a| *a == Answer::NotSure || bank.chosen(q, a).is_empty())
        })
        .map(|(_, q)| q)
        .collect();
    if open.is_empty() || open.len() > GUARD_LIMIT {
        return c;
    }
    let lowest = if open.len() <= GUARD_ALL {
        lowest_over_answers(bank, answers, &open, c.confidence)
    } else {
        let mut lowest = c.confidence;
        for q in &open {
            for (alt, _) in alternatives(bank, q, None) {
                let mut resolved = answers.clone();
                resolved.set(q.id.clone(), alt);
                lowest = lowest.min(core_raw(bank, &resolved, true).confidence);
            }
        }
        lowest
    };
    if lowest < c.confidence {
        c.confidence = lowest;
        if matches!(
            c.clarity,
            Clarity::Clear | Clarity::Leaning | Clarity::CloseCall
        ) {
            c.clarity = clarity_for(f64::from(lowest) / 100.0);
        }
    }
    c
}

/// The lowest confidence over every way of answering some or all of `open` (each left open,
/// or given one of its answers).
fn lowest_over_answers(bank: &Bank, answers: &Answers, open: &[&Question], now: u8) -> u8 {
    let Some((q, rest)) = open.split_first() else {
        return now;
    };
    // Leave `q` open...
    let mut lowest = lowest_over_answers(bank, answers, rest, now);
    // ...or answer it.
    for (alt, _) in alternatives(bank, q, None) {
        let mut resolved = answers.clone();
        resolved.set(q.id.clone(), alt);
        let here = core_raw(bank, &resolved, true).confidence;
        lowest = lowest.min(lowest_over_answers(bank, &resolved, rest, here));
    }
    lowest
}

fn core_raw(bank: &Bank, answers: &Answers, caps: bool) -> Core {
    let shown = bank.visible(answers);
    let n = Dimension::ALL.len();
    let mut open = vec![0i64; n];
    let mut closed = vec![0i64; n];
    let mut lo = vec![0i64; n];
    let mut hi = vec![0i64; n];
    let mut constraints = Vec::new();
    let mut spreads: Vec<(usize, Spread)> = Vec::new();
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
        let answer = answers.get(&q.id);
        let chosen = answer.map(|a| bank.chosen(q, a)).unwrap_or_default();
        let definite = match answer {
            None => {
                progress.unanswered += 1;
                false
            }
            Some(Answer::NotSure) => {
                progress.not_sure += 1;
                false
            }
            Some(Answer::Choices(c)) if c.is_empty() => {
                progress.answered += 1;
                true
            }
            Some(_) if chosen.is_empty() => {
                // An option the bank no longer has: counts as unanswered.
                progress.unanswered += 1;
                false
            }
            Some(_) => {
                progress.answered += 1;
                true
            }
        };
        if definite {
            for o in chosen {
                for e in &o.effects {
                    let d = dim_index(e.dimension);
                    match e.toward {
                        Side::OpenWeights => open[d] += e.weight,
                        Side::Closed => closed[d] += e.weight,
                    }
                }
                if let Some((routes, part, why)) = o.excluded_routes() {
                    let answer = answer_label(bank, q, answer.expect("definite"), o);
                    let rules_out = o.required_side().map(Side::other);
                    constraints.push(Constraint {
                        rules_out,
                        routes,
                        part,
                        question: q.id.clone(),
                        short: q.short.clone(),
                        answer,
                        why: why.to_string(),
                    });
                }
            }
            continue;
        }
        // An open question: what could it still add?
        let mut s = Spread {
            lo: vec![0; n],
            hi: vec![0; n],
            could_exclude: Vec::new(),
        };
        let multi = q.kind == crate::bank::Kind::Multi;
        let mut first = !multi;
        for o in candidates(q) {
            let net = option_net(o);
            for (d, &net_d) in net.iter().enumerate() {
                if first {
                    s.lo[d] = net_d;
                    s.hi[d] = net_d;
                } else {
                    s.lo[d] = s.lo[d].min(net_d);
                    s.hi[d] = s.hi[d].max(net_d);
                }
                if multi {
                    // Several options can be ticked together: their pushes add up.
                    s.lo[d] = s.lo[d].min(s.lo[d] + net_d.min(0));
                    s.hi[d] = s.hi[d].max(s.hi[d] + net_d.max(0));
                }
            }
            first = false;
            if let Some((routes, part, _)) = o.excluded_routes() {
                s.could_exclude.push((routes, part));
            }
        }
        for d in 0..n {
            lo[d] += s.lo[d];
            hi[d] += s.hi[d];
        }
        spreads.push((i, s));
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

    // 1. Requirements: which ways of running a model are left?
    let split_sensitive = chose(bank, answers, &shown, ids::SPLIT, &["sensitivity", "both"]);
    // The split question is asked but has no definite answer yet.
    let split_open = bank.position(ids::SPLIT).is_some_and(|i| {
        shown[i] && matches!(answers.get(ids::SPLIT), None | Some(Answer::NotSure))
    });
    // Only a definite "yes, by difficulty" splits the work that way ("a few hard tasks" alone
    // does, in a bank that does not ask about splitting). A "Not sure" never opens a split,
    // so it never raises a hybrid's confidence.
    let split_difficulty = chose(bank, answers, &shown, ids::SPLIT, &["difficulty", "both"])
        || (bank.position(ids::SPLIT).is_none()
            && chose(bank, answers, &shown, ids::QUALITY, &["some"]));
    let mut routes_all: BTreeSet<Route> = Route::ALL.into_iter().collect();
    let mut routes_sensitive = routes_all.clone();
    for c in &constraints {
        for r in &c.routes {
            routes_sensitive.remove(r);
            if c.part == Part::All || !split_sensitive {
                routes_all.remove(r);
            }
        }
    }
    // Could some open answer still take every route of a side away (or leave the sensitive
    // part with none)?
    let could_lose = |side: Side| -> bool {
        spreads.iter().any(|(_, s)| {
            s.could_exclude.iter().any(|(rs, part)| {
                let binds_all = *part == Part::All || !split_sensitive;
                let left_all = routes_all
                    .iter()
                    .filter(|r| !(binds_all && rs.contains(r)))
                    .any(|r| r.side() == side);
                let left_sensitive = routes_sensitive.iter().any(|r| !rs.contains(r));
                !left_all || !left_sensitive
            })
        })
    };

    let net: Vec<i64> = (0..n).map(|d| open[d] - closed[d]).collect();
    let net_sum: i64 = net.iter().sum();
    let net_min = net_sum + lo.iter().sum::<i64>();
    let net_max = net_sum + hi.iter().sum::<i64>();
    let p = dim_index(Dimension::Privacy);
    let cap = dim_index(Dimension::Capability);
    let without = |skip: usize, worst: &[i64]| -> i64 {
        (0..n)
            .filter(|d| *d != skip)
            .map(|d| net[d] + worst[d])
            .sum()
    };

    let sides_all = sides(&routes_all);
    let sides_sens = sides(&routes_sensitive);
    // Moving to open weights later needs someone willing to run it then (yourselves or a
    // host): "keep it simple" or "only a ready-made service" rule that plan out.
    let willing_to_run_later = chose(
        bank,
        answers,
        &shown,
        ids::APPETITE,
        &["run", "build", "hosted"],
    );
    let mut hybrid = None;
    let speed = dim_index(Dimension::Speed);
    // A need of one part of the work, from definite answers only (so that a "Not sure" never
    // opens a split): the hardest tasks need the most capable models, and can be told apart.
    let hard_tasks_closed = split_difficulty && net[cap] + hi[cap] < 0;
    // The rest of the work (without the hard tasks' quality need) leans to open weights,
    // whatever the open answers turn out to be.
    let routine_open = without(cap, &lo) > 0;
    // "Can" a side take part of the work at all, given the requirements for all of it?
    let both_sides_possible = sides_all.len() == 2;
    // A hybrid needs both sides: an open answer that could rule either out caps it.
    let both_cap = if could_lose(Side::OpenWeights) || could_lose(Side::Closed) {
        COULD_BE_RULED_OUT
    } else {
        HYBRID_SETTLED
    };
    let (verdict, clarity, mut certainty_v) =
        if routes_sensitive.is_empty() || routes_all.is_empty() {
            (Verdict::Conflict, Clarity::Conflict, CEILING)
        } else if sides_all.len() == 1 {
            // A need only one side can meet, for all of the work.
            let side = *sides_all.iter().next().expect("one side");
            // When it rests on a rule for the sensitive data and nobody has said yet whether that
            // work can be kept apart, the rest might still go the other way.
            let settled_for_all = constraints.iter().filter(|k| k.part == Part::All).fold(
                Route::ALL.into_iter().collect::<BTreeSet<_>>(),
                |mut left, k| {
                    for r in &k.routes {
                        left.remove(r);
                    }
                    left
                },
            );
            let rests_on_sensitive = split_open && sides(&settled_for_all).len() == 2;
            let rest_same_way = match side {
                Side::OpenWeights => without(p, &lo) >= 0,
                Side::Closed => without(p, &hi) <= 0,
            };
            let c = if could_lose(side) || (rests_on_sensitive && !rest_same_way) {
                COULD_BE_RULED_OUT
            } else {
                CEILING
            };
            (one_sided(side), Clarity::Constrained, c)
        } else if split_sensitive && sides_sens.len() == 1 {
            // The sensitive part is settled; the rest follows its own trade-offs.
            let side = *sides_sens.iter().next().expect("one side");
            let rest_other_way = match side {
                Side::OpenWeights => -without(p, &hi),
                Side::Closed => without(p, &lo),
            };
            let rest_same_way = match side {
                Side::OpenWeights => without(p, &lo) >= 0,
                Side::Closed => without(p, &hi) <= 0,
            };
            if rest_other_way > 0 {
                hybrid = Some(if side == Side::OpenWeights {
                    Division::Sensitivity
                } else {
                    Division::SensitivityClosed
                });
                let c = if rest_other_way >= 3 {
                    HYBRID_SETTLED
                } else {
                    0.6
                };
                (Verdict::Hybrid, Clarity::Constrained, c.min(both_cap))
            } else if side == Side::OpenWeights && hard_tasks_closed {
                // The sensitive part must run on open weights and the hardest tasks need the
                // most capable (closed) models: a hybrid, however the routine work leans.
                hybrid = Some(Division::SensitivityAndDifficulty);
                (Verdict::Hybrid, Clarity::Constrained, both_cap)
            } else {
                let c = if could_lose(side) || !rest_same_way {
                    COULD_BE_RULED_OUT
                } else {
                    CEILING
                };
                (one_sided(side), Clarity::Constrained, c)
            }
        } else {
            // 2c. Weights, in the worst case for each verdict. When the sensitive work can be
            // kept apart, privacy weighs on that part only: all of the work goes one way only
            // as surely as both parts do.
            // (While the split question is open it could still say "by sensitivity": count it.)
            let (mut c_open, mut c_closed) = if split_sensitive || split_open {
                (
                    certainty(net_min).min(certainty(without(p, &lo))),
                    certainty(-net_max).min(certainty(-without(p, &hi))),
                )
            } else {
                (certainty(net_min), certainty(-net_max))
            };
            if could_lose(Side::OpenWeights) {
                c_open = c_open.min(COULD_BE_RULED_OUT);
            }
            if could_lose(Side::Closed) {
                c_closed = c_closed.min(COULD_BE_RULED_OUT);
            }
            // 3. Over time: you must start within weeks, while cost or control favour open
            // weights later, and someone is willing to run it then.
            let strength = total_open.min(total_closed);
            // (Only when open weights cannot simply start now: no AI computers of your own, or a
            // team still to build.)
            let not_ready_now = chose(bank, answers, &shown, ids::GPUS, &["none", "cloud"])
                || chose(bank, answers, &shown, ids::TEAM, &["1", "2", "3"]);
            let over_time = net[speed] + hi[speed] <= -2
                && willing_to_run_later
                && not_ready_now
                && [Dimension::Cost, Dimension::Independence]
                    .iter()
                    .any(|d| net[dim_index(*d)] + lo[dim_index(*d)] >= 2);
            let mut divisions: Vec<(Division, f64)> = Vec::new();
            if over_time {
                // As sure as open weights for all of the work would be (the later state), or as
                // the weaker side is strong.
                divisions.push((
                    Division::Time,
                    hybrid_certainty(strength)
                        .max(certainty(net_min))
                        .min(both_cap),
                ));
            }
            // A need of one part decides that part: the hardest tasks to the most capable
            // (closed) models while the routine work leans open; the sensitive part to open
            // weights while the rest leans closed. Then the work is divided, however strongly
            // the whole leans one way.
            let mut part_need = false;
            if both_sides_possible && hard_tasks_closed && routine_open {
                part_need = true;
                divisions.push((
                    Division::Difficulty,
                    certainty(without(cap, &lo)).min(both_cap),
                ));
            }
            if both_sides_possible && split_sensitive && net_min > 0 && without(p, &hi) < 0 {
                part_need = true;
                divisions.push((
                    Division::Sensitivity,
                    certainty(net_min)
                        .min(certainty(-without(p, &hi)))
                        .min(both_cap),
                ));
            }
            let (division, c_hybrid) =
                divisions
                    .iter()
                    .copied()
                    .fold((None, 0.0_f64), |best, (d, c)| {
                        if c > best.1 { (Some(d), c) } else { best }
                    });
            let (c_open, c_closed) = if part_need {
                (0.0, 0.0)
            } else {
                (c_open, c_closed)
            };
            let best = c_open.max(c_closed).max(c_hybrid);
            if best < DECIDE || progress.answered < MIN_ANSWERS {
                (
                    Verdict::Undecided,
                    Clarity::Undecided,
                    best.min(DECIDE - 0.01),
                )
            } else if c_hybrid >= c_open && c_hybrid >= c_closed {
                hybrid = division;
                (Verdict::Hybrid, Clarity::Clear, c_hybrid)
            } else if c_open >= c_closed {
                (Verdict::OpenWeights, Clarity::Clear, c_open)
            } else {
                (Verdict::Closed, Clarity::Clear, c_closed)
            }
        };
    certainty_v = certainty_v.clamp(0.0, CEILING);
    let clarity = if clarity == Clarity::Clear {
        clarity_for(certainty_v)
    } else {
        clarity
    };
    // Which open questions matter most: how far they could move the verdict.
    let mut open_impact: Vec<(usize, i64)> = spreads
        .iter()
        .map(|(i, s)| {
            let swing: i64 = (0..n).map(|d| s.hi[d] - s.lo[d]).sum();
            let rules = if s.could_exclude.is_empty() { 0 } else { 100 };
            (*i, swing + rules)
        })
        .collect();
    open_impact.sort_by_key(|(i, w)| (std::cmp::Reverse(*w), *i));
    // A blocking condition on the recommended route caps the confidence: it must be checked
    // first. Part of the verdict's confidence, so that the open questions' answers are tried
    // with it too.
    let first_check = if caps && verdict.recommends() {
        first_check(bank, answers, &shown, verdict)
    } else {
        None
    };
    if first_check.is_some() {
        certainty_v = certainty_v.min(BLOCKED);
    }
    let clarity = if first_check.is_some() && clarity != Clarity::Constrained {
        clarity_for(certainty_v)
    } else {
        clarity
    };
    Core {
        verdict,
        clarity,
        confidence: (100.0 * certainty_v).round() as u8,
        balance,
        dims,
        constraints,
        shown,
        progress,
        routes_all,
        routes_sensitive,
        split_sensitive,
        hybrid,
        open_impact,
        first_check,
    }
}

fn one_sided(side: Side) -> Verdict {
    match side {
        Side::OpenWeights => Verdict::OpenWeights,
        Side::Closed => Verdict::Closed,
    }
}

/// How clear a confidence is, when no requirement settles the verdict.
fn clarity_for(certainty: f64) -> Clarity {
    if certainty >= 0.7 {
        Clarity::Clear
    } else if certainty >= 0.55 {
        Clarity::Leaning
    } else {
        Clarity::CloseCall
    }
}

/// Weighs the answers against the bank. Pure and deterministic.
pub fn evaluate(bank: &Bank, answers: &Answers) -> Evaluation {
    evaluate_depth(bank, answers, true)
}

/// Like [`evaluate`], without the search for answer changes that would change the verdict
/// (`would_change` is empty). For tallies over many sheets, where only the verdict, flags and
/// progress are used; several times faster. The verdict and confidence are the same.
pub fn evaluate_quick(bank: &Bank, answers: &Answers) -> Evaluation {
    evaluate_depth(bank, answers, false)
}

fn evaluate_depth(bank: &Bank, answers: &Answers, full: bool) -> Evaluation {
    let c = core(bank, answers);
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
                decisive: false,
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
    let (flags, if_you_reconsider) = flags_for(bank, answers, &c);
    let would_change = if full {
        would_change(bank, answers, &c)
    } else {
        Vec::new()
    };
    // The open questions that could change the verdict or rule a side out come first.
    let decisive: Vec<usize> = c
        .open_impact
        .iter()
        .filter(|(_, w)| *w > 0)
        .map(|(i, _)| *i)
        .collect();
    for f in &mut find_out {
        f.decisive = bank
            .position(&f.question)
            .is_some_and(|i| decisive.contains(&i))
            || would_change.iter().any(|w| w.question == f.question);
    }
    find_out.sort_by_key(|f| {
        (
            !f.decisive,
            bank.position(&f.question)
                .and_then(|i| decisive.iter().position(|x| *x == i))
                .unwrap_or(usize::MAX),
        )
    });
    let licence_fit =
        crate::catalogue::licence_fit(&bank.catalogue, &fit_facts(bank, answers, &c.shown));
    let plan = plan(bank, answers, &c);
    let (mut headline, advice) = explain(bank, answers, &c, &plan, &find_out, &would_change);
    if let Some(title) = &c.first_check {
        let title = title.trim_end_matches('.');
        let end = if title.ends_with('?') { "" } else { "." };
        let _ = write!(headline, " First check: {title}{end}");
    }
    Evaluation {
        verdict: c.verdict,
        verdict_title: c.verdict.title(),
        clarity: c.clarity,
        clarity_title: if c.verdict == Verdict::Hybrid && c.clarity == Clarity::Constrained {
            "Part of it settled by a need only one side can meet"
        } else {
            c.clarity.title()
        },
        confidence: c.confidence,
        balance: (c.balance * 1000.0).round() / 1000.0,
        headline,
        advice,
        plan,
        dimensions: c.dims,
        reasons,
        constraints: c.constraints,
        find_out,
        would_change,
        flags,
        if_you_reconsider,
        licence_fit,
        progress: c.progress,
        disclaimer: DISCLAIMER,
    }
}

/// What licence fit needs, read from the answers (unknown where not answered).
fn fit_facts(bank: &Bank, answers: &Answers, shown: &[bool]) -> FitFacts {
    let is = |q: &str, any: &[&str]| chose(bank, answers, shown, q, any);
    let yes_no = |q: &str, yes: &[&str], no: &[&str]| -> Option<bool> {
        if is(q, yes) {
            Some(true)
        } else if is(q, no) {
            Some(false)
        } else {
            None
        }
    };
    let number = |q: &str| -> Option<f64> {
        let i = bank.position(q)?;
        if !shown[i] {
            return None;
        }
        match answers.get(q) {
            Some(Answer::Number(v)) => Some(*v),
            _ => None,
        }
    };
    let restricted = "commercial.restricted_fields";
    let redistribute = "commercial.redistribute";
    let commercial = yes_no("commercial.is_commercial", &["yes"], &["no"]);
    FitFacts {
        commercial,
        monthly_users_m: number("commercial.monthly_users"),
        monthly_revenue_musd: number("commercial.monthly_revenue").or(
            if commercial == Some(false) {
                Some(0.0)
            } else {
                None
            },
        ),
        territory: if is("commercial.based_in", &["eu"]) {
            Some(Territory::Eu)
        } else if is("commercial.based_in", &["uk"]) {
            Some(Territory::Uk)
        } else if is("commercial.based_in", &["south_korea"]) {
            Some(Territory::SouthKorea)
        } else if is("commercial.based_in", &["elsewhere"]) {
            Some(Territory::Other)
        } else {
            None
        },
        trains_other_models: yes_no("commercial.distillation", &["yes"], &["no"]),
        military: yes_no(
            restricted,
            &["military"],
            &["none", "medical", "legal", "financial"],
        ),
        needs_multimodal: None,
        shares_weights: yes_no(
            redistribute,
            &["share_weights"],
            &["host_for_others", "neither"],
        ),
        offers_to_others: if is(redistribute, &["host_for_others"]) {
            Some(true)
        } else if commercial == Some(false) && is(redistribute, &["neither"]) {
            Some(false)
        } else {
            None
        },
    }
}

/// The label of one chosen option; for numbers, the number with its band.
fn answer_label(bank: &Bank, q: &Question, answer: &Answer, o: &Choice) -> String {
    match answer {
        Answer::Number(_) => format!("{} ({})", bank.answer_label(q, answer), o.label),
        _ => o.label.clone(),
    }
}

/// The first blocking condition on the recommended route, by title. An open-weights flag
/// blocks some licences only: it blocks the route when no licence family fits.
fn first_check(bank: &Bank, answers: &Answers, shown: &[bool], verdict: Verdict) -> Option<String> {
    let flags = raise_flags(bank, answers, shown, Some(verdict));
    let on_route = |f: &&RaisedFlag| match (f.side, verdict.side()) {
        (FlagSide::Both, _) | (_, None) => true,
        (FlagSide::OpenWeights, Some(s)) => s == Side::OpenWeights,
        (FlagSide::Closed, Some(s)) => s == Side::Closed,
    };
    let blocking: Vec<&RaisedFlag> = flags
        .iter()
        .filter(|f| f.severity == Severity::Blocks)
        .filter(on_route)
        .collect();
    if blocking.is_empty() {
        return None;
    }
    let needs_fit = blocking.iter().all(|f| f.side == FlagSide::OpenWeights);
    if needs_fit {
        let fit = crate::catalogue::licence_fit(&bank.catalogue, &fit_facts(bank, answers, shown));
        if fit
            .iter()
            .any(|f| matches!(f.status, FitStatus::Fits | FitStatus::FitsWithDuties))
        {
            return None;
        }
    }
    blocking
        .iter()
        .find(|f| f.side != FlagSide::OpenWeights || needs_fit)
        .map(|f| f.title.clone())
}

/// The flags for the recommended route, and the other side's, for a one-sided verdict.
fn flags_for(bank: &Bank, answers: &Answers, c: &Core) -> (Vec<RaisedFlag>, Vec<RaisedFlag>) {
    let keep = |flags: Vec<RaisedFlag>, side: Side| -> Vec<RaisedFlag> {
        flags
            .into_iter()
            .filter(|f| match f.side {
                FlagSide::Both => true,
                FlagSide::OpenWeights => side == Side::OpenWeights,
                FlagSide::Closed => side == Side::Closed,
            })
            .collect()
    };
    match c.verdict.side() {
        Some(side) => {
            let main = keep(raise_flags(bank, answers, &c.shown, Some(c.verdict)), side);
            let other = one_sided(side.other());
            let mut reconsider = keep(
                raise_flags(bank, answers, &c.shown, Some(other)),
                side.other(),
            );
            reconsider.retain(|f| f.side != FlagSide::Both);
            (main, reconsider)
        }
        None if c.verdict == Verdict::Hybrid => (
            raise_flags(bank, answers, &c.shown, Some(Verdict::Hybrid)),
            Vec::new(),
        ),
        None => {
            // No recommendation yet: the conditions that come with either route go under
            // "if you reconsider", to read while deciding; none hangs on a verdict in `flags`.
            let flags = raise_flags(bank, answers, &c.shown, None);
            let mut either = raise_flags(bank, answers, &c.shown, Some(Verdict::Hybrid));
            either.retain(|f| !flags.iter().any(|g| g.id == f.id));
            (flags, either)
        }
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

/// Every single answer change that gives a different verdict. When a change opens a
/// follow-up question, each answer to the follow-up is tried too, and the change is listed
/// with the follow-up answer only where the verdict depends on it.
fn would_change(bank: &Bank, answers: &Answers, base: &Core) -> Vec<Change> {
    let mut out = Vec::new();
    // Questions that other questions' conditions read: answering them can open follow-ups.
    let mut asked_about = vec![false; bank.questions.len()];
    for q in &bank.questions {
        if let Some(c) = &q.when {
            mark_questions(bank, c, &mut asked_about);
        }
    }
    for (i, q) in bank.questions.iter().enumerate() {
        if !base.shown[i] || !q.kind.is_decision() {
            continue;
        }
        // An answer that moves nothing, rules nothing out, opens no follow-up and is not read
        // by the plan cannot change the verdict, whatever it is (once enough is answered):
        // skipping those keeps large banks fast.
        let inert = candidates(q)
            .iter()
            .all(|o| o.effects.is_empty() && o.excluded_routes().is_none());
        if inert
            && !asked_about[i]
            && !ids::READ.contains(&q.id.as_str())
            && base.progress.answered >= MIN_ANSWERS
        {
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
            let shown = bank.visible(&changed);
            let follow = bank.questions.iter().enumerate().find(|(j, f)| {
                shown[*j] && !base.shown[*j] && f.kind.is_decision() && changed.get(&f.id).is_none()
            });
            let outcomes: Vec<(Option<FollowUp>, Verdict)> = match follow {
                None => vec![(None, core_raw(bank, &changed, false).verdict)],
                Some((_, f)) => alternatives(bank, f, None)
                    .into_iter()
                    .map(|(a, label)| {
                        let mut next = changed.clone();
                        next.set(f.id.clone(), a);
                        let v = core_raw(bank, &next, false).verdict;
                        (
                            Some(FollowUp {
                                question: f.id.clone(),
                                short: f.short.clone(),
                                answer: label,
                            }),
                            v,
                        )
                    })
                    .collect(),
            };
            let same = outcomes.windows(2).all(|w| w[0].1 == w[1].1);
            for (then, verdict) in outcomes {
                if verdict == base.verdict {
                    continue;
                }
                let then = if same { None } else { then };
                let change = Change {
                    question: q.id.clone(),
                    short: q.short.clone(),
                    from: from.clone(),
                    to: to.clone(),
                    then,
                    verdict,
                };
                if !out.contains(&change) {
                    out.push(change);
                }
            }
        }
    }
    out
}

/// Marks every question a condition reads.
fn mark_questions(bank: &Bank, cond: &Condition, out: &mut [bool]) {
    if let Some(i) = cond.question.as_deref().and_then(|q| bank.position(q)) {
        out[i] = true;
    }
    for list in [&cond.all, &cond.any].into_iter().flatten() {
        for c in list {
            mark_questions(bank, c, out);
        }
    }
    if let Some(c) = &cond.not {
        mark_questions(bank, c, out);
    }
}

/// The other answers a question could have, each with its label.
fn alternatives(bank: &Bank, q: &Question, current: Option<&Answer>) -> Vec<(Answer, String)> {
    match (&q.kind, &q.number) {
        (crate::bank::Kind::Number, Some(spec)) => {
            let now = current.map(|a| bank.chosen_ids(q, a)).unwrap_or_default();
            spec.bands
                .iter()
                .filter(|b| !now.contains(&b.id))
                .map(|b| (Answer::Number(band_value(spec, b)), b.label.clone()))
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

/// A value inside a band, to try it.
fn band_value(spec: &crate::bank::NumberSpec, b: &Choice) -> f64 {
    let from = b.from.unwrap_or(spec.min);
    if !spec.upper_inclusive || from <= spec.min {
        return from;
    }
    match b.below {
        Some(e) => e,
        None => (from + (from * 0.01).max(1.0)).min(spec.max),
    }
}

/// "Short: answer" for a question that is asked and answered definitely.
fn said(bank: &Bank, answers: &Answers, shown: &[bool], qid: &str) -> Option<(String, String)> {
    let i = bank.position(qid)?;
    if !shown[i] {
        return None;
    }
    let q = &bank.questions[i];
    let a = answers.get(qid)?;
    if *a == Answer::NotSure {
        return None;
    }
    Some((
        q.id.clone(),
        format!("{}: {}", q.short, bank.answer_label(q, a)),
    ))
}

/// Joins "a", "b" and "c" as a sentence does.
fn join_words<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [a] => a.as_ref().to_string(),
        [rest @ .., last] => format!(
            "{} and {}",
            rest.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// What the plan reads from the answers.
struct Setting<'a> {
    bank: &'a Bank,
    answers: &'a Answers,
    shown: &'a [bool],
}

impl Setting<'_> {
    fn is(&self, qid: &str, any_of: &[&str]) -> bool {
        chose(self.bank, self.answers, self.shown, qid, any_of)
    }

    fn said(&self, qid: &str) -> Option<(String, String)> {
        said(self.bank, self.answers, self.shown, qid)
    }

    /// The guarantees to get in writing from whoever runs the model for you.
    fn guarantees(&self) -> Vec<&'static str> {
        let mut g = Vec::new();
        let sensitive = self.is(ids::SENSITIVITY, &["personal", "special", "not_sure"]);
        let asked = self.is(
            ids::GUARANTEES,
            &[
                "no_training",
                "no_retention",
                "in_region",
                "agreement",
                "none",
            ],
        );
        if self.is(ids::GUARANTEES, &["no_training"]) || (sensitive && !asked) {
            g.push("no training on your data");
        }
        if self.is(ids::GUARANTEES, &["no_retention"]) {
            g.push("nothing kept after each answer (zero data retention usually needs the provider's approval)");
        } else if sensitive && !asked {
            g.push("how long prompts and answers are kept, and who can see them");
        }
        if self.is(ids::GUARANTEES, &["in_region"]) || self.is(ids::LOCATION, &["in_country"]) {
            g.push("processing only in your country or region");
        }
        if self.is(ids::GUARANTEES, &["agreement"])
            || (sensitive && !asked)
            || self.is(
                ids::REGULATION,
                &["health", "finance", "public_sector", "other"],
            )
        {
            if self.is(ids::REGULATION, &["health"]) {
                g.push("a signed data processing agreement (for health records, a health-data agreement)");
            } else {
                g.push("a signed data processing agreement");
            }
        }
        g
    }

    fn weak_team(&self) -> bool {
        self.is(ids::TEAM, &["1", "2", "not_sure"]) && !self.is(ids::APPETITE, &["run"])
    }

    /// The open-weights route for a part of the work, from the routes left for it.
    fn open_route(&self, left: &BTreeSet<Route>) -> Option<Route> {
        let hosted = self.is(ids::APPETITE, &["hosted", "simple"])
            || (self.weak_team() && !self.is(ids::APPETITE, &["build"]));
        let own = self.is(ids::GPUS, &["own"])
            || self.is(ids::APPETITE, &["run"])
            || self.is(ids::TEAM, &["4", "5"]);
        let cloud = self.is(ids::GPUS, &["cloud"]) || self.is(ids::CLOUD, &["yes"]);
        let order = if hosted {
            [Route::OpenHost, Route::OwnCloud, Route::OwnServers]
        } else if own && !self.is(ids::GPUS, &["cloud"]) {
            [Route::OwnServers, Route::OwnCloud, Route::OpenHost]
        } else if cloud {
            [Route::OwnCloud, Route::OwnServers, Route::OpenHost]
        } else {
            [Route::OwnCloud, Route::OpenHost, Route::OwnServers]
        };
        order.into_iter().find(|r| left.contains(r))
    }

    fn closed_route(&self, left: &BTreeSet<Route>) -> Option<Route> {
        let cloud =
            self.is(ids::CLOUD, &["yes"]) || self.is(ids::LOCATION, &["own_cloud", "in_country"]);
        let order = if cloud {
            [Route::CloudClosed, Route::ClosedService]
        } else {
            [Route::ClosedService, Route::CloudClosed]
        };
        order.into_iter().find(|r| left.contains(r))
    }

    fn how(&self, route: Route) -> String {
        let mut s = String::new();
        match route {
            Route::OwnServers => {
                s.push_str("Run an open-weights model on your own computers");
                if self.is("control.offline", &["yes"]) {
                    s.push_str(" or devices, so that it works without a connection");
                }
                s.push('.');
                if !self.is(ids::GPUS, &["own"]) {
                    s.push_str(" You will need machines suited to AI, which you told us you do not have yet.");
                }
                if self.weak_team() {
                    s.push_str(" You will also need people to run them: plan to hire or train them, or have a contractor look after the machines in your building.");
                }
            }
            Route::OwnCloud => {
                s.push_str("Run an open-weights model on cloud machines in your own account");
                if self.is(ids::CLOUD, &["yes"]) {
                    s.push_str(", under the cloud agreement you already have");
                }
                if self.is(ids::LOCATION, &["in_country"]) {
                    s.push_str(", in your region");
                }
                s.push('.');
                if self.weak_team() {
                    s.push_str(" You will need people who can run it, or a partner who manages it inside your account.");
                }
            }
            Route::OpenHost => {
                s.push_str("Have a hosting company run an open-weights model for you");
                if self.is(ids::LOCATION, &["own_cloud"]) {
                    s.push_str(", inside your own cloud account");
                } else if self.is(ids::LOCATION, &["in_country"]) {
                    s.push_str(", in your country or region");
                }
                s.push_str(". You keep the licence freedoms and can move to another host; the host handles your data, so it must give the guarantees you need in writing.");
            }
            Route::CloudClosed => {
                s.push_str("Use a closed model offered by your cloud platform, inside your own account and region");
                if self.is(ids::CLOUD, &["yes"]) {
                    s.push_str(", under the agreement you already have");
                }
                s.push('.');
            }
            Route::ClosedService => {
                s.push_str("Use a closed provider's service on a business plan, not a free or consumer one.");
            }
        }
        let g = self.guarantees();
        if route != Route::OwnServers && route != Route::OwnCloud && !g.is_empty() {
            let _ = write!(s, " Get in writing: {}.", join_words(&g));
        }
        if route.side() == Side::Closed && self.is(ids::QUALITY, &["all", "some"]) {
            s.push_str(" Test the candidate models on your hardest real tasks before you choose.");
        }
        s
    }
}

/// Which work goes where, run by whom: one part per route.
fn plan(bank: &Bank, answers: &Answers, c: &Core) -> Vec<PlanPart> {
    let st = Setting {
        bank,
        answers,
        shown: &c.shown,
    };
    let mut parts = Vec::new();
    let mut push = |part: String, route: Option<Route>, mut because: Vec<(String, String)>| {
        because.truncate(4);
        if let Some(route) = route {
            parts.push(PlanPart {
                part,
                side: route.side(),
                route,
                how: st.how(route),
                because: because
                    .iter()
                    .map(|(_, t)| t.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                from: because.into_iter().map(|(q, _)| q).collect(),
            });
        }
    };
    let settled_by: Vec<(String, String)> = c
        .constraints
        .iter()
        .map(|k| (k.question.clone(), format!("{}: {}", k.short, k.answer)))
        .collect();
    let running: Vec<(String, String)> = [ids::APPETITE, ids::TEAM, ids::GPUS, ids::CLOUD]
        .iter()
        .filter_map(|q| st.said(q))
        .collect();
    let privacy: Vec<(String, String)> = [ids::SENSITIVITY, ids::LOCATION]
        .iter()
        .filter_map(|q| st.said(q))
        .collect();
    let both = |a: &[(String, String)], b: &[(String, String)]| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = a.to_vec();
        for x in b {
            if !v.iter().any(|y| y.0 == x.0) {
                v.push(x.clone());
            }
        }
        v
    };
    let sensitive_words =
        st.said(ids::SENSITIVITY)
            .map_or("the most sensitive information".to_string(), |(_, t)| {
                t.split_once(": ")
                    .map_or(t.clone(), |(_, l)| l.to_lowercase())
            });
    match (c.verdict, c.hybrid) {
        (Verdict::OpenWeights, _) => {
            let left: BTreeSet<Route> = c
                .routes_all
                .intersection(&c.routes_sensitive)
                .copied()
                .collect();
            push(
                "All of the work".into(),
                st.open_route(&left),
                both(&settled_by, &both(&privacy, &running)),
            );
        }
        (Verdict::Closed, _) => {
            let left: BTreeSet<Route> = c
                .routes_all
                .intersection(&c.routes_sensitive)
                .copied()
                .collect();
            push(
                "All of the work".into(),
                st.closed_route(&left),
                both(&settled_by, &both(&privacy, &running)),
            );
        }
        (Verdict::Hybrid, Some(Division::Sensitivity)) => {
            push(
                format!("Work that touches {sensitive_words}"),
                st.open_route(&c.routes_sensitive),
                both(&settled_by, &both(&privacy, &running)),
            );
            push(
                "Everything else".into(),
                st.closed_route(&c.routes_all),
                st.said(ids::SPLIT).into_iter().collect(),
            );
        }
        (Verdict::Hybrid, Some(Division::SensitivityClosed)) => {
            push(
                format!("Work that touches {sensitive_words}"),
                st.closed_route(&c.routes_sensitive),
                both(&settled_by, &privacy),
            );
            push(
                "Everything else".into(),
                st.open_route(&c.routes_all),
                st.said(ids::SPLIT).into_iter().collect(),
            );
        }
        (Verdict::Hybrid, Some(Division::SensitivityAndDifficulty)) => {
            push(
                format!("Work that touches {sensitive_words}, and routine tasks"),
                st.open_route(&c.routes_sensitive),
                both(&settled_by, &both(&privacy, &running)),
            );
            push(
                "The hardest tasks that do not touch it".into(),
                st.closed_route(&c.routes_all),
                [ids::QUALITY, ids::SPLIT]
                    .iter()
                    .filter_map(|q| st.said(q))
                    .collect(),
            );
        }
        (Verdict::Hybrid, Some(Division::Difficulty)) => {
            let left: BTreeSet<Route> = if c.split_sensitive {
                c.routes_all.clone()
            } else {
                c.routes_sensitive.clone()
            };
            push(
                "The hardest tasks".into(),
                st.closed_route(&left),
                [ids::QUALITY, ids::SPLIT]
                    .iter()
                    .filter_map(|q| st.said(q))
                    .collect(),
            );
            push(
                "Routine tasks".into(),
                st.open_route(&left),
                both(&privacy, &running),
            );
        }
        (Verdict::Hybrid, _) => {
            let left: BTreeSet<Route> = c
                .routes_all
                .intersection(&c.routes_sensitive)
                .copied()
                .collect();
            push(
                "The first version, now".into(),
                st.closed_route(&left),
                [
                    "infrastructure.timeline",
                    "infrastructure.horizon",
                    ids::APPETITE,
                ]
                .iter()
                .filter_map(|q| st.said(q))
                .collect(),
            );
            push(
                "Later, as use grows (review within a year)".into(),
                st.open_route(&left),
                ["scale.volume", "scale.steadiness", "control.lock_in"]
                    .iter()
                    .filter_map(|q| st.said(q))
                    .collect(),
            );
        }
        _ => {}
    }
    parts
}

/// The headline and a few plain sentences of advice. Nothing here claims more than the
/// answers and the sources support.
fn explain(
    bank: &Bank,
    answers: &Answers,
    c: &Core,
    plan: &[PlanPart],
    find_out: &[FindOut],
    would_change: &[Change],
) -> (String, Vec<String>) {
    let st = Setting {
        bank,
        answers,
        shown: &c.shown,
    };
    let top = |side: Side| -> Option<&DimensionScore> {
        c.dims
            .iter()
            .filter(|d| match side {
                Side::OpenWeights => d.net > 0,
                Side::Closed => d.net < 0,
            })
            .max_by_key(|d| (d.net.abs(), std::cmp::Reverse(d.dimension)))
    };
    let mut advice = Vec::new();
    let cost_caveat = "Cost depends on volume and how steady it is: running a model yourselves can cost less only when your machines are kept busy, and pay-per-use prices have been falling fast, so compare real quotes for both before you commit.";
    let auditors = "If auditors or regulators must examine or reproduce the model, look at fully open models, which publish their training code and information about their data as well as the weights; the OSI has listed models it checked against a draft of its Open Source AI Definition.";
    let needs_audit = st.is("customisation.openness", &["test", "inspect", "reproduce"]);
    let headline = match c.verdict {
        Verdict::Conflict => {
            let mut parts: Vec<String> = c
                .constraints
                .iter()
                .map(|k| {
                    format!(
                        "You answered \"{}\" to \"{}\": {}",
                        k.answer,
                        k.short,
                        k.rules_out_text()
                    )
                })
                .collect();
            parts.dedup();
            for p in parts {
                advice.push(format!("{p}."));
            }
            advice.push("Together these answers leave no way of running a model. Resolve this first: one of them has to give.".to_string());
            // One way out per answer in conflict, at most three.
            let mut fixes: Vec<&Change> = Vec::new();
            for w in would_change.iter().filter(|w| w.verdict.recommends()) {
                if !fixes.iter().any(|f| f.question == w.question) {
                    fixes.push(w);
                }
            }
            fixes.truncate(3);
            for w in fixes {
                advice.push(format!(
                    "If \"{}\" were \"{}\", the advice would be {}.",
                    w.short,
                    w.to,
                    w.verdict.phrase()
                ));
            }
            "No way of running a model meets all your answers yet.".to_string()
        }
        Verdict::Undecided => {
            let first: Vec<&str> = find_out
                .iter()
                .filter(|f| f.decisive)
                .take(3)
                .map(|f| f.short.as_str())
                .collect();
            if c.progress.unanswered > 0 {
                advice.push(format!(
                    "{} of the {} questions are still open: answer them and the advice will take shape.",
                    c.progress.unanswered, c.progress.asked
                ));
            }
            if !first.is_empty() {
                advice.push(format!(
                    "Find out first: {} (see \"To find out\").",
                    join_words(&first)
                ));
            }
            match (top(Side::OpenWeights), top(Side::Closed)) {
                (Some(o), Some(cl)) => advice.push(format!(
                    "So far {} points toward open weights and {} toward a closed model, but not strongly enough either way to recommend one.",
                    o.title.to_lowercase(),
                    cl.title.to_lowercase()
                )),
                (Some(o), None) => advice.push(format!(
                    "So far only {} points anywhere (toward open weights), which is not enough to recommend it.",
                    o.title.to_lowercase()
                )),
                (None, Some(cl)) => advice.push(format!(
                    "So far only {} points anywhere (toward a closed model), which is not enough to recommend it.",
                    cl.title.to_lowercase()
                )),
                (None, None) => advice.push(
                    "So far your answers do not pull either way.".to_string(),
                ),
            }
            if c.progress.unanswered == 0 && c.progress.not_sure == 0 {
                advice.push("Both sides can work for you. Decide on what matters most to you among the trade-offs below, or try a closed service and an open-weights model on the same real task before you commit.".to_string());
                "Your answers do not point clearly to either side.".to_string()
            } else {
                "Too little is known to recommend a side yet.".to_string()
            }
        }
        Verdict::OpenWeights => {
            if let Some(k) = c.constraints.iter().find(|k| {
                k.rules_out == Some(Side::Closed) || k.routes.contains(&Route::ClosedService)
            }) {
                advice.push(format!(
                    "Settled by your answer \"{}: {}\": {}",
                    k.short, k.answer, k.why
                ));
            } else if let Some(d) = top(Side::OpenWeights) {
                advice.push(format!(
                    "The strongest pull is {}: with a model whose weights you hold, you decide where it runs and when it changes.",
                    d.title.to_lowercase()
                ));
            }
            if top(Side::OpenWeights).is_some_and(|d| d.dimension == Dimension::Cost) {
                advice.push(cost_caveat.to_string());
            }
            advice.push("Open weights still come with a licence, and some makers can update parts of it (such as an acceptable-use policy) later: read the terms of the model you pick before you build on it (see the flags below).".to_string());
            if needs_audit {
                advice.push(auditors.to_string());
            }
            "Open weights fit best.".to_string()
        }
        Verdict::Closed => {
            if let Some(k) = c
                .constraints
                .iter()
                .find(|k| k.rules_out == Some(Side::OpenWeights))
            {
                advice.push(format!(
                    "Settled by your answer \"{}: {}\": {}",
                    k.short, k.answer, k.why
                ));
            } else if let Some(d) = top(Side::Closed) {
                advice.push(format!(
                    "The strongest pull is {}: a provider's managed service lets you start without running anything yourselves.",
                    d.title.to_lowercase()
                ));
            }
            let g = st.guarantees();
            if st.is(ids::SENSITIVITY, &["personal", "special", "not_sure"]) && !g.is_empty() {
                advice.push(format!(
                    "Before personal or confidential information goes to a provider, get in writing: {}. If no provider will, an open-weights model run by a hosting company in your region is the alternative.",
                    join_words(&g)
                ));
            }
            if top(Side::OpenWeights).is_some() {
                advice.push("Some answers still favour open weights: keep your prompts, tests and data portable so that you can move later.".to_string());
            }
            advice.push("Read the provider's terms on how they use your data, how long they keep it, and how they change prices and retire models (see the flags below).".to_string());
            "A closed model fits best for now.".to_string()
        }
        Verdict::Hybrid => {
            match c.hybrid {
                Some(Division::Sensitivity | Division::SensitivityClosed) => advice.push("Your work can be split by sensitivity, and the two parts need different things: each goes where it fits.".to_string()),
                Some(Division::Difficulty | Division::SensitivityAndDifficulty) => advice.push("Some tasks need the most capable models, which are usually closed, while the routine work fits open weights: route each task by difficulty.".to_string()),
                _ => advice.push("You need to start quickly, and later volume or control favours open weights: start on a closed service, keep your prompts and tests portable, and plan the move.".to_string()),
            }
            if let (Some(o), Some(cl)) = (top(Side::OpenWeights), top(Side::Closed)) {
                advice.push(format!(
                    "{} favours open weights, while {} favours a closed service.",
                    o.title,
                    cl.title.to_lowercase()
                ));
            }
            if top(Side::OpenWeights).is_some_and(|d| d.dimension == Dimension::Cost) {
                advice.push(cost_caveat.to_string());
            }
            if needs_audit {
                advice.push(auditors.to_string());
            }
            "A hybrid fits best: use each where it is strongest.".to_string()
        }
    };
    let headline = if plan.len() >= 2 {
        format!(
            "A hybrid fits best: {}",
            plan.iter()
                .map(|p| format!("{} on {}", p.part.to_lowercase(), p.route.title()))
                .collect::<Vec<_>>()
                .join("; ")
                + "."
        )
    } else if let Some(p) = plan.first() {
        format!("{}: {}.", headline.trim_end_matches('.'), p.route.title())
    } else {
        headline
    };
    (headline, advice)
}
