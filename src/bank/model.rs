//! The question bank as it is written in `questions/*.json`.
//!
//! One file describes the bank (`bank.json`); every other `*.json` file is one section, and
//! sections are shown in the order of their file names. Unknown fields are errors (they are
//! collected by path while parsing, so every one of them is reported at once).

use serde::{Deserialize, Serialize};

/// `questions/bank.json`: what the bank is called and which version it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
pub struct NotSure {
    /// What to find out, and from whom, for the "to find out" list.
    pub find_out: String,
}

/// One option of a choice question, or one band of a number question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// One line that explains the option.
    pub description: String,
    /// How choosing it moves the advice.
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Choosing it rules one side out entirely (older form of `requires`: `rules_out` one side
    /// is `requires` the other).
    #[serde(default)]
    pub rules_out: Option<RulesOut>,
    /// A need only one side can meet: choosing it rules out every way of running the other.
    #[serde(default)]
    pub requires: Option<Requires>,
    /// Ways of running the AI this answer rules out (for example "our own buildings only"
    /// rules out hosting companies and rented cloud machines).
    #[serde(default)]
    pub excludes: Option<Excludes>,
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

impl Choice {
    /// The side this option requires, from `requires` or the older `rules_out`.
    pub fn required_side(&self) -> Option<Side> {
        self.requires
            .as_ref()
            .map(|r| r.side)
            .or_else(|| self.rules_out.as_ref().map(|r| r.side.other()))
    }

    /// The routes this option rules out, which part of the work that binds, and why.
    pub fn excluded_routes(&self) -> Option<(Vec<Route>, Part, &str)> {
        if let Some(r) = &self.requires {
            let routes = Route::ALL
                .into_iter()
                .filter(|x| x.side() != r.side)
                .collect();
            return Some((routes, r.part, r.why.as_str()));
        }
        if let Some(r) = &self.rules_out {
            let routes = Route::ALL
                .into_iter()
                .filter(|x| x.side() == r.side)
                .collect();
            return Some((routes, Part::All, r.why.as_str()));
        }
        self.excludes
            .as_ref()
            .map(|x| (x.routes.clone(), x.part, x.why.as_str()))
    }
}

/// A push toward one side on one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// Which part of the work a requirement binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// All of the work.
    #[default]
    All,
    /// Only the work that touches the most sensitive information (when the work can be split
    /// by sensitivity; otherwise all of it).
    Sensitive,
}

/// `"requires": {"side": "open-weights", "why": "..."}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Requires {
    pub side: Side,
    #[serde(default)]
    pub part: Part,
    /// Why only that side can meet it, in plain words.
    pub why: String,
}

/// `"excludes": {"routes": ["open_host"], "why": "..."}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Excludes {
    pub routes: Vec<Route>,
    #[serde(default)]
    pub part: Part,
    /// Why those ways are ruled out, in plain words.
    pub why: String,
}

/// The ways of running an AI model that the advice chooses between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Open weights on computers or devices you own.
    OwnServers,
    /// Open weights on cloud machines you rent, in your own cloud account.
    OwnCloud,
    /// Open weights run for you by a hosting company.
    OpenHost,
    /// A closed model offered by your cloud platform, in your account and region.
    CloudClosed,
    /// A closed provider's own service.
    ClosedService,
}

impl Route {
    pub const ALL: [Route; 5] = [
        Route::OwnServers,
        Route::OwnCloud,
        Route::OpenHost,
        Route::CloudClosed,
        Route::ClosedService,
    ];

    pub fn side(self) -> Side {
        match self {
            Route::OwnServers | Route::OwnCloud | Route::OpenHost => Side::OpenWeights,
            Route::CloudClosed | Route::ClosedService => Side::Closed,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Route::OwnServers => "own_servers",
            Route::OwnCloud => "own_cloud",
            Route::OpenHost => "open_host",
            Route::CloudClosed => "cloud_closed",
            Route::ClosedService => "closed_service",
        }
    }

    /// The route as a manager reads it.
    pub fn title(self) -> &'static str {
        match self {
            Route::OwnServers => "an open-weights model on your own computers",
            Route::OwnCloud => "an open-weights model on cloud machines in your own account",
            Route::OpenHost => "an open-weights model run for you by a hosting company",
            Route::CloudClosed => {
                "a closed model through your cloud platform, in your own account and region"
            }
            Route::ClosedService => "a closed provider's service",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RulesOut {
    /// The side this answer makes impossible.
    pub side: Side,
    /// Why, in plain words.
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberSpec {
    /// The unit, shown after the field, for example "million monthly active users".
    pub unit: String,
    pub min: f64,
    pub max: f64,
    /// Only whole numbers.
    #[serde(default)]
    pub integer: bool,
    /// Bands run "more than `from`, up to and including `below`" (as licences count: "more
    /// than 700 million"), instead of "from `from`, below `below`". The first band still
    /// starts at `min` inclusive.
    #[serde(default)]
    pub upper_inclusive: bool,
    /// Bands that give a number its meaning; they cover `min..=max` with no gap.
    pub bands: Vec<Choice>,
}

/// A condition on earlier answers (or, in rules, on the verdict).
///
/// Exactly one of these forms:
/// `{"question": ID, "any_of": [OPTION, ...]}` (an option or band id, or `not_sure`),
/// `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`, `{"verdict": ["open-weights", ...]}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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
    /// The answers rule out every way of running a model: some answer has to give.
    #[serde(rename = "conflict")]
    Conflict,
    /// Too little is known yet to recommend anything.
    #[serde(rename = "undecided")]
    Undecided,
}

impl Verdict {
    pub const ALL: [Verdict; 5] = [
        Verdict::OpenWeights,
        Verdict::Hybrid,
        Verdict::Closed,
        Verdict::Conflict,
        Verdict::Undecided,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Verdict::OpenWeights => "open-weights",
            Verdict::Hybrid => "hybrid",
            Verdict::Closed => "closed",
            Verdict::Conflict => "conflict",
            Verdict::Undecided => "undecided",
        }
    }

    /// The verdict inside a sentence: "would give {phrase}".
    pub fn phrase(self) -> &'static str {
        match self {
            Verdict::OpenWeights => "open weights",
            Verdict::Hybrid => "a hybrid",
            Verdict::Closed => "a closed model",
            Verdict::Conflict => "a conflict between your answers",
            Verdict::Undecided => "no recommendation yet",
        }
    }

    /// The verdict as a manager reads it.
    pub fn title(self) -> &'static str {
        match self {
            Verdict::OpenWeights => "Open weights",
            Verdict::Hybrid => "A hybrid: open weights for some work, closed for the rest",
            Verdict::Closed => "A closed model (a provider's service)",
            Verdict::Conflict => "No option fits all your answers yet",
            Verdict::Undecided => "Undecided: neither side is clearly better yet",
        }
    }

    /// Is this a recommendation (open weights, closed or a hybrid)?
    pub fn recommends(self) -> bool {
        matches!(
            self,
            Verdict::OpenWeights | Verdict::Hybrid | Verdict::Closed
        )
    }

    /// The side a one-sided verdict recommends.
    pub fn side(self) -> Option<Side> {
        match self {
            Verdict::OpenWeights => Some(Side::OpenWeights),
            Verdict::Closed => Some(Side::Closed),
            _ => None,
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
    Capability,
}

impl Dimension {
    pub const ALL: [Dimension; 9] = [
        Dimension::Privacy,
        Dimension::Independence,
        Dimension::Cost,
        Dimension::Infrastructure,
        Dimension::Speed,
        Dimension::Customisation,
        Dimension::Openness,
        Dimension::Licence,
        Dimension::Capability,
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
            Dimension::Capability => "capability",
        }
    }

    /// The dimension as a manager reads it.
    pub fn title(self) -> &'static str {
        match self {
            Dimension::Privacy => "Privacy and data control",
            Dimension::Independence => "Control and independence",
            Dimension::Cost => "Cost structure",
            Dimension::Infrastructure => "Infrastructure and skills",
            Dimension::Speed => "Time to market and convenience",
            Dimension::Customisation => "Customisation",
            Dimension::Openness => "Openness needs",
            Dimension::Licence => "Licence fit",
            Dimension::Capability => "Top-end capability",
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
            Dimension::Capability => "Capability",
        }
    }
}
