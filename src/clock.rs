//! Times as people read them: in the computer's local time.
//!
//! The `time` crate can only read the local offset safely while the program has a single
//! thread (on Unix, other threads could change the environment while it is read), so the
//! binary calls [`init`] first thing in `main`. When the offset cannot be read, times are
//! shown in UTC and say so.

use std::sync::OnceLock;

use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

static LOCAL: OnceLock<Option<UtcOffset>> = OnceLock::new();

/// Reads the local offset once, before any thread is started.
pub fn init() {
    let _ = LOCAL.set(UtcOffset::current_local_offset().ok());
}

/// The local offset read by [`init`], if it could be read.
pub fn local_offset() -> Option<UtcOffset> {
    LOCAL.get().copied().flatten()
}

/// "2026-11-30 20:52" in local time, or "2026-11-30 19:52 UTC" when the local time is not
/// known; an unreadable stamp is returned as it is.
pub fn human(rfc3339: &str) -> String {
    human_in(rfc3339, local_offset())
}

/// [`human`] for a given offset (`None`: UTC, said so).
pub fn human_in(rfc3339: &str, offset: Option<UtcOffset>) -> String {
    let Ok(t) = OffsetDateTime::parse(rfc3339, &Rfc3339) else {
        return rfc3339.to_string();
    };
    let (t, zone) = match offset {
        Some(o) => (t.to_offset(o), ""),
        None => (t.to_offset(UtcOffset::UTC), " UTC"),
    };
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}{zone}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::offset;

    #[test]
    fn local_times_have_no_zone_and_utc_says_so() {
        let s = "2026-11-30T19:52:10Z";
        assert_eq!(human_in(s, None), "2026-11-30 19:52 UTC");
        assert_eq!(human_in(s, Some(offset!(+1))), "2026-11-30 20:52");
        assert_eq!(human_in(s, Some(offset!(-5))), "2026-11-30 14:52");
        assert_eq!(human_in("garbage", None), "garbage");
    }
}
