//! The question bank as it is written in `questions/*.json`.
//!
//! One file describes the bank (`bank.json`); every other `*.json` file is one section, and
//! sections are shown in the order of their file names. Unknown fields are errors.

use serde::{Deserialize, Serialize};

/// `questions/bank.json`: what the bank is called and which version it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankMeta {
    /// Stable id, for example `weighup.default`.
    pub id: String,
    /// The bank's own version, for example `2026.11.1`.
    pub version: String,
    /// A title shown on the welcome screen.
    pub title: String,
    /// Roughly how long answering takes, in minutes, for the welcome screen.
    #[serde(default)]
    pub minutes: Option<u32>,
}

/// One section file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// One or two sentences shown before the first question of the section.
    #[serde(default)]
    pub intro: String,
    pub questions: Vec<Question>,
    /// Rules that raise licence and terms flags from answers.
    #[serde(default)]
    pub rules: Vec<Rule>,
}

/// The kinds of question weighup can ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Pick one option.
    Single,
    /// Pick any number of options.
    Multi,
    /// Two options, `yes` and `no`.
    YesNo,
    /// One option on an ordered scale (for example 1 to 5).
    Scale,
    /// A number with a unit and a range; bands give it meaning.
    Number,
    /// A free-text note; never changes the advice.
    Text,
}

impl Kind {
    /// Decision questions change the advice and must offer "Not sure".
    pub fn is_decision(self) -> bool {
        !matches!(self, Kind::Text)
    }

    /// Choice-like questions are answered by option ids.
    pub fn has_options(self) -> bool {
        matches!(self, Kind::Single | Kind::Multi | Kind::YesNo | Kind::Scale)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multi => "multi",
            Kind::YesNo => "yes_no",
            Kind::Scale => "scale",
            Kind::Number => "number",
            Kind::Text => "text",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable dotted id, `section.name`, for example `privacy.data_sensitivity`.
    pub id: String,
    pub kind: Kind,
    /// The question, in plain words.
    pub prompt: String,
    /// A short name for lists and reports, for example "Data sensitivity".
    pub short: String,
    /// "Why we ask": why this matters to the advice, in plain words.
    pub help: String,
    /// The choices, for `single`, `multi`, `yes_no` and `scale`.
    #[serde(default)]
    pub options: Vec<Choice>,
    /// Range, unit and bands, for `number`.
    #[serde(default)]
    pub number: Option<NumberSpec>,
    /// Present on every decision question: offers "Not sure" and says how to find out.
    #[serde(default)]
    pub not_sure: Option<NotSure>,
    /// Ask only when this holds for earlier answers.
    #[serde(default)]
    pub when: Option<Condition>,
    /// The options are listed from least to most strict about data (privacy questions).
    /// Moving to a stricter option must never move the advice toward closed.
    #[serde(default)]
    pub stricter_later: bool,
    /// For `text`: a hint shown in the empty field.
    #[serde(default)]
    pub placeholder: Option<String>,
}

/// "Not sure" on a decision question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotSure {
    /// What to find out, and from whom, for the "to find out" list.
    pub find_out: String,
}

/// One option of a choice question, or one band of a number question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// One line that explains the option.
    pub description: String,
    /// How choosing it moves the advice.
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Choosing it rules one side out entirely.
    #[serde(default)]
    pub rules_out: Option<RulesOut>,
    /// Why the option does not move the advice, when it has no effects.
    #[serde(default)]
    pub neutral: Option<String>,
    /// In a `multi` question: choosing it clears the others ("None of these").
    #[serde(default)]
    pub exclusive: bool,
    /// For number bands: the band starts at this value (inclusive).
    #[serde(default)]
    pub from: Option<f64>,
    /// For number bands: the band ends below this value.
    #[serde(default)]
    pub below: Option<f64>,
}

/// A push toward one side on one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    pub dimension: Dimension,
    pub toward: Side,
    /// 1 (a nudge) to 5 (a strong reason).
    pub weight: i64,
    /// Why, in plain words, shown as the reason.
    pub why: String,
}

/// The smallest and largest effect weight.
pub const WEIGHT_RANGE: std::ops::RangeInclusive<i64> = 1..=5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesOut {
    /// The side this answer makes impossible.
    pub side: Side,
    /// Why, in plain words.
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberSpec {
    /// The unit, shown after the field, for example "million monthly active users".
    pub unit: String,
    pub min: f64,
    pub max: f64,
    /// Only whole numbers.
    #[serde(default)]
    pub integer: bool,
    /// Bands that give a number its meaning; they cover `min..=max` with no gap.
    pub bands: Vec<Choice>,
}

/// A condition on earlier answers (or, in rules, on the verdict).
///
/// Exactly one of these forms:
/// `{"question": ID, "any_of": [OPTION, ...]}` (an option or band id, or `not_sure`),
/// `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`, `{"verdict": ["open-weights", ...]}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any: Option<Vec<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Vec<Verdict>>,
}

/// A rule raises a flag when its condition holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The flag id, from `assets/flags.json`.
    pub raise: String,
    pub when: Condition,
}

/// The two sides of the choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Side {
    #[serde(rename = "open-weights")]
    OpenWeights,
    #[serde(rename = "closed")]
    Closed,
}

impl Side {
    #[must_use]
    pub fn other(self) -> Side {
        match self {
            Side::OpenWeights => Side::Closed,
            Side::Closed => Side::OpenWeights,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Side::OpenWeights => "open weights",
            Side::Closed => "closed",
        }
    }
}

/// What weighup recommends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Verdict {
    #[serde(rename = "open-weights")]
    OpenWeights,
    #[serde(rename = "hybrid")]
    Hybrid,
    #[serde(rename = "closed")]
    Closed,
}

impl Verdict {
    pub fn id(self) -> &'static str {
        match self {
            Verdict::OpenWeights => "open-weights",
            Verdict::Hybrid => "hybrid",
            Verdict::Closed => "closed",
        }
    }

    /// The verdict as a manager reads it.
    pub fn title(self) -> &'static str {
        match self {
            Verdict::OpenWeights => "Open weights",
            Verdict::Hybrid => "A hybrid of open weights and closed",
            Verdict::Closed => "A closed model through an API",
        }
    }
}

/// The trade-offs the advice weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Privacy,
    Independence,
    Cost,
    Infrastructure,
    Speed,
    Customisation,
    Openness,
    Licence,
}

impl Dimension {
    pub const ALL: [Dimension; 8] = [
        Dimension::Privacy,
        Dimension::Independence,
        Dimension::Cost,
        Dimension::Infrastructure,
        Dimension::Speed,
        Dimension::Customisation,
        Dimension::Openness,
        Dimension::Licence,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Dimension::Privacy => "privacy",
            Dimension::Independence => "independence",
            Dimension::Cost => "cost",
            Dimension::Infrastructure => "infrastructure",
            Dimension::Speed => "speed",
            Dimension::Customisation => "customisation",
            Dimension::Openness => "openness",
            Dimension::Licence => "licence",
        }
    }

    /// The dimension as a manager reads it.
    pub fn title(self) -> &'static str {
        match self {
            Dimension::Privacy => "Privacy and data control",
            Dimension::Independence => "Independence from a provider",
            Dimension::Cost => "Cost structure",
            Dimension::Infrastructure => "Infrastructure and skills",
            Dimension::Speed => "Time to market and convenience",
            Dimension::Customisation => "Customisation",
            Dimension::Openness => "Openness needs",
            Dimension::Licence => "Licence fit",
        }
    }

    /// A short title for narrow charts.
    pub fn short(self) -> &'static str {
        match self {
            Dimension::Privacy => "Privacy",
            Dimension::Independence => "Independence",
            Dimension::Cost => "Cost",
            Dimension::Infrastructure => "Infrastructure",
            Dimension::Speed => "Speed",
            Dimension::Customisation => "Customisation",
            Dimension::Openness => "Openness",
            Dimension::Licence => "Licence fit",
        }
    }
}
