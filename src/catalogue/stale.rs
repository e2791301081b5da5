//! Keeping the catalogue fresh: which facts were checked longer ago than a given number of
//! months (`weighup licences --stale`).

use std::fmt::Write as _;

use time::{Date, Month};

use super::Catalogue;

/// One fact whose check is older than the cut-off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFact {
    /// Where it is: "licence llama-2, user thresholds", "flag closed.price-changes", "model Qwen3".
    pub place: String,
    /// The source's title and address.
    pub source: String,
    /// The date it was last checked.
    pub checked: String,
}

/// `today` minus `months` calendar months (the day clamped to the month's length).
pub fn months_before(today: Date, months: u32) -> Date {
    let total = today.year() * 12 + i32::from(u8::from(today.month()))
        - 1
        - i32::try_from(months).unwrap_or(i32::MAX / 2);
    let year = total.div_euclid(12);
    let month = Month::try_from(u8::try_from(total.rem_euclid(12) + 1).unwrap_or(1))
        .unwrap_or(Month::January);
    let day = today.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).unwrap_or(today)
}

fn parse_date(s: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s, &format).ok()
}

impl Catalogue {
    /// Every condition, flag and model source checked before `today` minus `months`.
    pub fn stale(&self, today: Date, months: u32) -> Vec<StaleFact> {
        let cutoff = months_before(today, months);
        let mut out = Vec::new();
        let mut check = |place: String, sources: &[super::Source]| {
            for s in sources {
                if parse_date(&s.checked).is_none_or(|d| d < cutoff) {
                    out.push(StaleFact {
                        place: place.clone(),
                        source: format!("{} <{}>", s.title, s.url),
                        checked: s.checked.clone(),
                    });
                }
            }
        };
        for l in &self.licences {
            for c in &l.conditions {
                check(
                    format!("licence {}, {}", l.id, c.topic.title().to_lowercase()),
                    &c.sources,
                );
            }
        }
        for f in &self.flags {
            check(format!("flag {}", f.id), &f.sources);
        }
        for m in &self.models {
            check(format!("model {}", m.name), &m.sources);
        }
        out
    }

    /// The stale list as plain text.
    pub fn describe_stale(&self, today: Date, months: u32) -> String {
        let cutoff = months_before(today, months);
        let stale = self.stale(today, months);
        let mut out = String::new();
        let plural = if months == 1 { "" } else { "s" };
        if stale.is_empty() {
            let _ = writeln!(
                out,
                "Every condition, flag and model was checked on or after {cutoff} ({months} month{plural} before {today}). Nothing to re-check."
            );
            return out;
        }
        let _ = writeln!(
            out,
            "{} facts were last checked before {cutoff} ({months} month{plural} before {today}); re-read their sources and update the \"checked\" dates:",
            stale.len()
        );
        for s in &stale {
            let _ = writeln!(out, "- {}: checked {}, {}", s.place, s.checked, s.source);
        }
        out
    }
}
