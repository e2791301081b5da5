//! A scroll offset that the drawing clamps. Update moves it without knowing the layout
//! (Page Down adds a page); the view, which knows how long the text is and how many rows it
//! has, draws from the offset clamped to the end and records what it found, so the next
//! movement starts from what the person sees (End then Up scrolls up at once).

use std::cell::Cell;

use super::action::Action;

/// How far a text of `len` lines can scroll in `height` rows (one row is kept for the
/// "more below" line when it does not fit).
pub fn max_scroll(len: usize, height: usize) -> usize {
    if len <= height {
        0
    } else {
        len - height.saturating_sub(1).max(1)
    }
}

/// What the last drawing found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    /// The offset drawn from.
    offset: usize,
    /// The largest offset the text allows.
    max: usize,
    /// Rows on a page.
    page: usize,
}

/// A scroll offset, clamped while drawing.
#[derive(Debug, Clone, Default)]
pub struct Scroll {
    /// The offset asked for (possibly past the end), or `None` to let the view choose one
    /// (keep the focused row in view, show the focused flag).
    wanted: Cell<Option<usize>>,
    /// The view's choice is kept once drawn (it does not move with the window's size).
    pin: bool,
    seen: Cell<Option<Seen>>,
}

/// Two scrolls are the same when the same was asked of them, whatever was drawn since.
impl PartialEq for Scroll {
    fn eq(&self, other: &Scroll) -> bool {
        self.wanted == other.wanted && self.pin == other.pin
    }
}

impl Eq for Scroll {}

impl Scroll {
    /// At the top.
    pub fn top() -> Scroll {
        Scroll::at(0)
    }

    /// From line `offset` (clamped when drawn).
    pub fn at(offset: usize) -> Scroll {
        Scroll {
            wanted: Cell::new(Some(offset)),
            pin: false,
            seen: Cell::new(None),
        }
    }

    /// Where the view chooses, at every drawing (see [`Scroll::draw`]'s `auto`).
    pub fn auto() -> Scroll {
        Scroll {
            wanted: Cell::new(None),
            pin: false,
            seen: Cell::new(None),
        }
    }

    /// Where the view chooses at its first drawing; kept from then on.
    pub fn auto_once() -> Scroll {
        Scroll {
            pin: true,
            ..Scroll::auto()
        }
    }

    /// Does the view choose the offset?
    pub fn is_auto(&self) -> bool {
        self.wanted.get().is_none()
    }

    /// The offset on screen, as far as the last drawing tells.
    pub fn offset(&self) -> usize {
        let seen = self.seen.get();
        match (self.wanted.get(), seen) {
            (Some(o), Some(s)) => o.min(s.max),
            (Some(o), None) => o,
            (None, Some(s)) => s.offset,
            (None, None) => 0,
        }
    }

    /// Rows on a page at the last drawing, or `default` before the first.
    pub fn page(&self, default: usize) -> usize {
        self.seen.get().map_or(default, |s| s.page.max(1))
    }

    /// Moves for Up, Down, Page Up, Page Down, Home and End (a page is `page` rows); false for
    /// any other action.
    pub fn apply(&mut self, action: &Action, page: usize) -> bool {
        let now = self.offset();
        let to = match action {
            Action::Up => now.saturating_sub(1),
            Action::Down => now.saturating_add(1),
            Action::PageUp => now.saturating_sub(page),
            Action::PageDown => now.saturating_add(page),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => return false,
        };
        let max = self.seen.get().map_or(usize::MAX, |s| s.max);
        self.wanted.set(Some(to.min(max)));
        true
    }

    /// For the view: the offset to draw `len` lines from in `height` rows, where `auto` is the
    /// view's own choice when none was asked for. Records the end and the page (`height`
    /// less two rows of overlap) for the next movement.
    pub fn draw(&self, len: usize, height: usize, auto: usize) -> usize {
        let max = max_scroll(len, height);
        let offset = self.wanted.get().unwrap_or(auto).min(max);
        if self.pin && self.wanted.get().is_none() {
            self.wanted.set(Some(offset));
        }
        self.seen.set(Some(Seen {
            offset,
            max,
            page: height.saturating_sub(2).max(1),
        }));
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_down_adds_a_page_and_drawing_clamps_it() {
        let mut s = Scroll::top();
        assert!(s.apply(&Action::PageDown, 10));
        assert!(s.apply(&Action::PageDown, 10));
        assert_eq!(s.offset(), 20, "nothing drawn yet: no end known");
        // 25 lines in 10 rows: the end is line 16 (one row says "more above").
        assert_eq!(s.draw(25, 10, 0), 16);
        assert_eq!(s.offset(), 16);
    }

    #[test]
    fn end_then_up_scrolls_up_at_once() {
        let mut s = Scroll::top();
        s.apply(&Action::Bottom, 10);
        assert_eq!(s.draw(25, 10, 0), 16);
        s.apply(&Action::Up, 10);
        assert_eq!(s.offset(), 15);
        assert_eq!(s.draw(25, 10, 0), 15);
    }

    #[test]
    fn down_at_the_end_stays_at_the_end() {
        let mut s = Scroll::top();
        s.draw(25, 10, 0);
        for _ in 0..30 {
            s.apply(&Action::Down, 10);
        }
        assert_eq!(s.offset(), 16);
    }

    #[test]
    fn automatic_scrolling_moves_on_from_where_the_view_drew() {
        let mut s = Scroll::auto();
        assert_eq!(s.draw(40, 12, 7), 7);
        assert_eq!(s.page(3), 10);
        s.apply(&Action::PageDown, s.page(3));
        assert!(!s.is_auto());
        assert_eq!(s.offset(), 17);
    }

    #[test]
    fn a_choice_kept_once_drawn_stays_at_another_size() {
        let s = Scroll::auto_once();
        assert_eq!(s.draw(40, 12, 7), 7);
        assert_eq!(s.draw(60, 20, 30), 7);
        let a = Scroll::auto();
        a.draw(40, 12, 7);
        assert_eq!(a.draw(60, 20, 30), 30);
    }
}
