//! Licence fit: which licence families fit an organisation, from a few facts about it.
//!
//! Pure: the conditions' machine-readable rules (`rule` in `assets/licences.json`) are applied
//! to [`FitFacts`]; nothing here knows a licence by its id. Unknown facts and unverified
//! conditions give `read-first`, never `fits` or `ruled-out`.

use serde::{Deserialize, Serialize};

use super::Catalogue;
use super::model::{DutyWhen, Effect, Licence, LicenceCondition, Rule, Territory};

/// What licence fit needs to know about the organisation. `None` means unknown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitFacts {
    /// Is the use commercial (a product, a service, or internal business use)?
    pub commercial: Option<bool>,
    /// Monthly active users, in millions, of ALL the organisation's products and services
    /// (with its affiliates), not only the one using the model.
    pub monthly_users_m: Option<f64>,
    /// Monthly revenue, in millions of US dollars (of the organisation and its affiliates).
    pub monthly_revenue_musd: Option<f64>,
    /// Where the organisation is based (its principal place of business).
    pub territory: Option<Territory>,
    /// Will the model or its outputs be used to train or improve another model (distillation,
    /// synthetic training data)?
    pub trains_other_models: Option<bool>,
    /// Military or defence use?
    pub military: Option<bool>,
    /// Does the organisation need a model that takes images (or sound) as well as text?
    pub needs_multimodal: Option<bool>,
    /// Will the organisation pass the model, or a version of it, on to others?
    pub shares_weights: Option<bool>,
    /// Will people outside the organisation use the model through a product or service it
    /// offers (including hosting the model for others)?
    pub offers_to_others: Option<bool>,
}

/// How well a licence family fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FitStatus {
    /// Nothing in the checked conditions stands in the way.
    Fits,
    /// It fits if you do these things (labels, notices, passing terms on).
    FitsWithDuties,
    /// A condition depends on something we do not know, or was not verified: read it first.
    ReadFirst,
    /// A verified condition rules it out for you, given your answers.
    RuledOut,
}

impl FitStatus {
    pub fn id(self) -> &'static str {
        match self {
            FitStatus::Fits => "fits",
            FitStatus::FitsWithDuties => "fits-with-duties",
            FitStatus::ReadFirst => "read-first",
            FitStatus::RuledOut => "ruled-out",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            FitStatus::Fits => "Fits",
            FitStatus::FitsWithDuties => "Fits, with duties",
            FitStatus::ReadFirst => "Read first",
            FitStatus::RuledOut => "Ruled out",
        }
    }
}

/// Why a family got its status: the answer and the clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitReason {
    /// `ruled-out` or `read-first`.
    pub status: FitStatus,
    /// In plain words, naming the answer that mattered.
    pub text: String,
    /// The clause or document it rests on.
    pub clause: String,
    /// Where to read it.
    pub url: String,
    /// When it was last checked, `YYYY-MM-DD`.
    pub checked: String,
}

/// One licence family's fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LicenceFit {
    /// The licence id.
    pub family: String,
    /// The licence's name.
    pub name: String,
    pub status: FitStatus,
    pub reasons: Vec<FitReason>,
    /// What you must do if you choose it.
    pub duties: Vec<String>,
    /// Example models under it (from `assets/models.json`) that you may use.
    pub models: Vec<String>,
}

/// What one rule says, before unverified conditions are softened.
enum Outcome {
    Clear,
    Duty(String),
    Unknown(String),
    Out(String),
}

/// Every licence family's fit for these facts, fits first (then in catalogue order).
pub fn licence_fit(cat: &Catalogue, facts: &FitFacts) -> Vec<LicenceFit> {
    let mut fits: Vec<LicenceFit> = cat
        .licences
        .iter()
        .map(|l| fit_one(cat, l, facts))
        .collect();
    fits.sort_by_key(|f| f.status);
    fits
}

fn fit_one(cat: &Catalogue, l: &Licence, facts: &FitFacts) -> LicenceFit {
    let family_models: Vec<(&str, bool)> = cat
        .models
        .iter()
        .filter(|m| m.licence == l.id)
        .map(|m| (m.name.as_str(), m.multimodal))
        .collect();
    let mut models: Vec<String> = family_models
        .iter()
        .map(|(n, _)| (*n).to_string())
        .collect();
    let mut reasons = Vec::new();
    let mut duties = Vec::new();
    for c in &l.conditions {
        let outcome = match &c.rule {
            Some(rule) => apply(rule, c, facts, &family_models, &mut models),
            None => Outcome::Clear,
        };
        let (clause, url, checked) = cite(c);
        let mut push = |status, text: String| {
            reasons.push(FitReason {
                status,
                text,
                clause: clause.clone(),
                url: url.clone(),
                checked: checked.clone(),
            });
        };
        match (c.verified, outcome) {
            (true, Outcome::Clear) => {}
            (true, Outcome::Duty(d)) => duties.push(d),
            (true, Outcome::Unknown(t)) => push(FitStatus::ReadFirst, t),
            (true, Outcome::Out(t)) => push(FitStatus::RuledOut, t),
            (false, outcome) => {
                let detail = match outcome {
                    Outcome::Clear => String::new(),
                    Outcome::Duty(t) | Outcome::Unknown(t) | Outcome::Out(t) => {
                        // The outcome's text may end with the condition's summary, which
                        // this sentence already gives.
                        let t = t.replace(c.summary.as_str(), "");
                        format!(" If it holds: {}", t.trim())
                    }
                };
                push(
                    FitStatus::ReadFirst,
                    format!(
                        "Not verified ({}): {}{detail}",
                        c.topic.title().to_lowercase(),
                        c.summary
                    ),
                );
            }
        }
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.status));
    let status = match reasons.first() {
        Some(r) => r.status,
        None if duties.is_empty() => FitStatus::Fits,
        None => FitStatus::FitsWithDuties,
    };
    LicenceFit {
        family: l.id.clone(),
        name: l.name.clone(),
        status,
        reasons,
        duties,
        models,
    }
}

fn cite(c: &LicenceCondition) -> (String, String, String) {
    c.sources.first().map_or_else(
        || (c.topic.title().to_string(), String::new(), String::new()),
        |s| (s.title.clone(), s.url.clone(), s.checked.clone()),
    )
}

fn yes_no(answer: Option<bool>, yes: Outcome, unknown: Outcome) -> Outcome {
    match answer {
        Some(true) => yes,
        Some(false) => Outcome::Clear,
        None => unknown,
    }
}

fn millions(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

#[allow(clippy::too_many_lines)]
fn apply(
    rule: &Rule,
    c: &LicenceCondition,
    facts: &FitFacts,
    family_models: &[(&str, bool)],
    models: &mut Vec<String>,
) -> Outcome {
    match rule {
        Rule::NonCommercial => yes_no(
            facts.commercial,
            Outcome::Out(format!(
                "You said the use is commercial, and this licence allows only non-commercial use. {}",
                c.summary
            )),
            Outcome::Unknown(
                "Only non-commercial use is allowed; we do not know whether your use is commercial."
                    .into(),
            ),
        ),
        Rule::OutputTrainingBan => yes_no(
            facts.trains_other_models,
            Outcome::Out(format!(
                "You said you will use the model or its outputs to train or improve another model. {}",
                c.summary
            )),
            Outcome::Unknown(
                "Using this model's outputs to train other models is banned; we do not know whether you will."
                    .into(),
            ),
        ),
        Rule::MilitaryBan => yes_no(
            facts.military,
            Outcome::Out(format!(
                "You said the work includes military or defence use, which the use policy bans. {}",
                c.summary
            )),
            Outcome::Unknown(
                "Military use is banned; we do not know whether your work includes it.".into(),
            ),
        ),
        Rule::Offering { effect } => yes_no(
            facts.offers_to_others,
            by_effect(
                *effect,
                format!(
                    "You said people outside your organisation will use it. {}",
                    c.summary
                ),
            ),
            Outcome::Unknown(format!(
                "Offering it to people outside your organisation has its own rule; we do not know whether you will. {}",
                c.summary
            )),
        ),
        Rule::Duty { when, text } => {
            let trigger = match when {
                DutyWhen::Always => Some(true),
                DutyWhen::SharesWeights => facts.shares_weights,
                DutyWhen::Commercial => facts.commercial,
                DutyWhen::SharesOrOffers => match (facts.shares_weights, facts.offers_to_others) {
                    (Some(true), _) | (_, Some(true)) => Some(true),
                    (Some(false), Some(false)) => Some(false),
                    _ => None,
                },
            };
            match trigger {
                Some(true) => Outcome::Duty(text.clone()),
                Some(false) => Outcome::Clear,
                None => Outcome::Duty(format!(
                    "{}: {text}",
                    match when {
                        DutyWhen::SharesWeights => "If you pass the model on",
                        DutyWhen::Commercial => "If your use is commercial",
                        _ => "If you pass the model on or offer a product built on it",
                    }
                )),
            }
        }
        Rule::Threshold {
            monthly_users_m,
            monthly_revenue_musd,
            commercial_only,
            effect,
            duty,
        } => {
            if *commercial_only && facts.commercial == Some(false) {
                return Outcome::Clear;
            }
            let users = monthly_users_m.map(|line| (line, facts.monthly_users_m));
            let revenue = monthly_revenue_musd.map(|line| (line, facts.monthly_revenue_musd));
            if let Some((line, Some(v))) = users.filter(|(line, v)| v.is_some_and(|v| v > *line)) {
                let why = format!(
                    "You said about {} million monthly users, more than the licence's {} million.",
                    millions(v),
                    millions(line)
                );
                return crossed(*effect, &why, duty.as_deref(), c);
            }
            if let Some((line, Some(v))) = revenue.filter(|(line, v)| v.is_some_and(|v| v > *line))
            {
                let why = format!(
                    "You said about USD {} million monthly revenue, more than the licence's USD {} million.",
                    millions(v),
                    millions(line)
                );
                return crossed(*effect, &why, duty.as_deref(), c);
            }
            let mut missing = Vec::new();
            if let Some((line, None)) = users {
                missing.push(format!("more than {} million monthly users", millions(line)));
            }
            if let Some((line, None)) = revenue {
                missing.push(format!(
                    "more than USD {} million monthly revenue",
                    millions(line)
                ));
            }
            if missing.is_empty() {
                Outcome::Clear
            } else {
                Outcome::Unknown(format!(
                    "The licence changes for organisations with {}; we do not know your size. {}",
                    missing.join(" or "),
                    c.summary
                ))
            }
        }
        Rule::Territory {
            excluded,
            multimodal_only,
        } => {
            let Some(here) = facts.territory else {
                let names: Vec<&str> = excluded.iter().map(|t| t.title()).collect();
                return Outcome::Unknown(format!(
                    "The licence grants nothing to organisations based in {}; we do not know where yours is based.",
                    names.join(", ")
                ));
            };
            if !excluded.contains(&here) {
                return Outcome::Clear;
            }
            if !*multimodal_only {
                return Outcome::Out(format!(
                    "You said your organisation is based in {}, where this licence grants no rights. {}",
                    here.title(),
                    c.summary
                ));
            }
            let text_models: Vec<String> = family_models
                .iter()
                .filter(|(_, mm)| !mm)
                .map(|(n, _)| (*n).to_string())
                .collect();
            let why = format!(
                "You said your organisation is based in {}, where the multimodal models under this licence are not licensed to you.",
                here.title()
            );
            models.clone_from(&text_models);
            if text_models.is_empty() {
                return Outcome::Out(format!(
                    "{why} Every model under it is multimodal. {}",
                    c.summary
                ));
            }
            match facts.needs_multimodal {
                Some(true) => Outcome::Out(format!(
                    "{why} You said you need a model that takes images as well as text. {}",
                    c.summary
                )),
                Some(false) => Outcome::Duty(format!(
                    "Use only the text models: {}.",
                    text_models.join(", ")
                )),
                None => Outcome::Unknown(format!(
                    "{why} Only its text models are open to you ({}); we do not know whether you need images.",
                    text_models.join(", ")
                )),
            }
        }
    }
}

fn by_effect(effect: Effect, text: String) -> Outcome {
    match effect {
        Effect::RuledOut => Outcome::Out(text),
        Effect::Duty => Outcome::Duty(text),
        Effect::ReadFirst => Outcome::Unknown(text),
    }
}

fn crossed(effect: Effect, why: &str, duty: Option<&str>, c: &LicenceCondition) -> Outcome {
    match effect {
        Effect::Duty => Outcome::Duty(duty.map_or_else(|| c.summary.clone(), str::to_string)),
        other => by_effect(other, format!("{why} {}", c.summary)),
    }
}
