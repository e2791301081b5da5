//! Clickable web addresses in the full-screen app (OSC 8 hyperlinks).
//!
//! How it works, in three steps, after each frame:
//! 1. [`find`] reads the web addresses off the frame as drawn, after the sanitiser: the
//!    address linked is exactly the text a person sees, never anything from a file directly.
//!    An address broken over several rows (the help's "In full" section) is put together
//!    again, and each row's piece links to the whole address. A shortened address
//!    (`https://example.org/…/terms`) is not linked: its whole form is not on the screen.
//! 2. [`Links::plan`] lists the cells to draw again: each piece's cells, unchanged, with the
//!    link's start sequence before the first and its end sequence after the last; and the
//!    rows of links that are gone, drawn again without a link.
//! 3. [`Links::write`] sends those cells through the same backend that drew the frame. The
//!    screen's characters and colours stay exactly what ratatui drew (and what its next diff
//!    expects); only the link is added. A terminal without hyperlinks ignores the sequences.
//!
//! Only `http://` and `https://` addresses made of the characters a URL may hold (printable
//! ASCII, no space, no `\`, `"`, `<`, `>`...) are linked, so no escape sequence can be made
//! from what a sheet or a bank says.

use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

/// The longest address linked (terminals cap theirs around this).
const MAX_URL: usize = 2000;

/// One row's piece of a web address on the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    /// The whole address this piece belongs to.
    pub url: String,
}

/// Characters a URL may hold (RFC 3986: unreserved, reserved and `%`).
fn url_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b)
}

/// The cell's character when it is one a URL may hold.
fn url_byte(cell: &Cell) -> Option<u8> {
    match cell.symbol().as_bytes() {
        [b] if url_char(*b) => Some(*b),
        _ => None,
    }
}

/// Does the cell hold text (not a blank, not a box's border)?
fn holds_text(cell: &Cell) -> bool {
    let s = cell.symbol();
    !(s.trim().is_empty() || s.chars().all(|c| ('\u{2500}'..='\u{259f}').contains(&c)))
}

/// May an address end just before this cell? A blank, the screen's edge or a closing quote.
/// Any other character (a shortening `…`, a `\\`, a box's border drawn over it) means the
/// address on screen is cut or glued to something, and it is not linked.
fn may_follow(cell: Option<&Cell>) -> bool {
    cell.is_none_or(|c| {
        c.symbol().trim().is_empty() || matches!(c.symbol(), "\"" | ">" | "»" | "”" | "’")
    })
}

/// The web addresses on the screen, as pieces (one per row).
pub fn find(buf: &Buffer) -> Vec<Piece> {
    let area = buf.area;
    let cell = |x: u16, y: u16| buf.cell((x, y));
    let byte = |x: u16, y: u16| cell(x, y).and_then(url_byte);
    let right = area.x + area.width;
    // The end of the run of URL characters starting at `x`.
    let run_end = |x: u16, y: u16| {
        let mut e = x;
        while e < right && byte(e, y).is_some() {
            e += 1;
        }
        e
    };
    let text = |x: u16, e: u16, y: u16| -> String {
        (x..e).filter_map(|i| byte(i, y)).map(char::from).collect()
    };
    // Nothing else on the row after column `e`.
    let alone_after =
        |e: u16, y: u16| (e..right).all(|i| cell(i, y).is_none_or(|c| !holds_text(c)));
    // Column `e` is at most two blanks before a box's border or the screen's edge.
    let at_edge = |e: u16, y: u16| {
        let mut i = e;
        while i < right && i - e <= 2 && cell(i, y).is_some_and(|c| c.symbol().trim().is_empty()) {
            i += 1;
        }
        i - e <= 2 && (i == right || cell(i, y).is_some_and(|c| !holds_text(c)))
    };

    let mut pieces = Vec::new();
    for y in area.y..area.y + area.height {
        let mut x = area.x;
        while x < right {
            let starts = byte(x, y) == Some(b'h')
                && (x == area.x || byte(x - 1, y).is_none_or(|b| !b.is_ascii_alphanumeric()))
                && {
                    let head = text(x, x.saturating_add(8).min(right), y);
                    head.starts_with("https://") || head.starts_with("http://")
                };
            if !starts
                || pieces
                    .iter()
                    .any(|p: &Piece| p.y == y && (p.x..p.x + p.width).contains(&x))
            {
                x += 1;
                continue;
            }
            let end = run_end(x, y);
            let mut found = vec![(x, y, end - x)];
            let mut url = text(x, end, y);
            // Broken over rows (only the help's "In full" section does this, inside its box):
            // a piece that reaches the right edge of its box or screen goes on in the same
            // column of the next row, with a piece alone on its row, of the same look, no
            // longer than the first, not an address of its own.
            let first = end - x;
            let style = |x: u16, y: u16| cell(x, y).map(Cell::style);
            let (mut last_y, mut last_width) = (y, first);
            // A full piece whose next row cannot be told apart (the help's "↓ more below"
            // under it): the rest may be scrolled away, so no link.
            let mut unsure = false;
            while last_width == first
                && at_edge(x + last_width, last_y)
                && last_y + 1 < area.y + area.height
            {
                let ny = last_y + 1;
                let e = run_end(x, ny);
                let piece = text(x, e, ny);
                let goes_on = e > x
                    && e - x <= first
                    && (x == area.x || cell(x - 1, ny).is_none_or(|c| !holds_text(c)))
                    && !piece.starts_with("http://")
                    && !piece.starts_with("https://")
                    && alone_after(e, ny)
                    && style(x, ny) == style(x, y);
                if !goes_on {
                    unsure = e == x && cell(x, ny).is_some_and(holds_text);
                    break;
                }
                url.push_str(&piece);
                found.push((x, ny, e - x));
                (last_y, last_width) = (ny, e - x);
            }
            let (lx, ly, _) = *found.last().expect("one piece at least");
            // Words may end with punctuation that is not part of the address.
            let mut cut = 0u16;
            while let Some(last) = url.chars().last() {
                let unbalanced = |open: char, close: char| {
                    last == close && url.matches(close).count() > url.matches(open).count()
                };
                if !(".,;:!?'*".contains(last) || unbalanced('(', ')') || unbalanced('[', ']')) {
                    break;
                }
                url.pop();
                cut += 1;
            }
            let host_ok = url.split_once("://").is_some_and(|(_, rest)| {
                rest.bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_alphanumeric())
            });
            let last_len = found.last().map_or(0, |p| p.2);
            if host_ok
                && !unsure
                && url.len() <= MAX_URL
                && may_follow(cell(lx + last_len, ly))
                && cut < last_len
            {
                if let Some(p) = found.last_mut() {
                    p.2 -= cut;
                }
                for (px, py, width) in found {
                    pieces.push(Piece {
                        x: px,
                        y: py,
                        width,
                        url: url.clone(),
                    });
                }
            }
            x = end;
        }
    }
    pieces
}

/// The start of a link (OSC 8 with no parameters).
pub fn open(url: &str) -> String {
    format!("\u{1b}]8;;{url}\u{1b}\\")
}

/// The end of a link.
pub const CLOSE: &str = "\u{1b}]8;;\u{1b}\\";

/// The links of one terminal: whether to show them, those on the screen, and what to draw.
#[derive(Debug, Default)]
pub struct Links {
    on: bool,
    shown: Vec<Piece>,
    area: Rect,
    todo: Vec<(u16, u16, Cell)>,
}

impl Links {
    /// `on`: the terminal shows links ([`crate::text::links_allowed`]).
    pub fn new(on: bool) -> Links {
        Links {
            on,
            ..Links::default()
        }
    }

    /// Reads a frame as drawn (after the sanitiser) and lists what to draw over it.
    pub fn plan(&mut self, buf: &Buffer) {
        self.todo.clear();
        if !self.on {
            return;
        }
        if buf.area != self.area {
            // A new size: ratatui has cleared the screen, and every link with it.
            self.shown.clear();
            self.area = buf.area;
        }
        let pieces = find(buf);
        // Rows where a link is gone: drawn again whole, exactly as ratatui draws them.
        let mut gone: Vec<u16> = self
            .shown
            .iter()
            .filter(|p| !pieces.contains(p))
            .map(|p| p.y)
            .collect();
        gone.sort_unstable();
        gone.dedup();
        // Each such row is diffed against a row of marks no screen shows, so ratatui lists
        // every cell of it, wide characters included, as it would after a clear.
        let mark = Cell::new("\u{e000}")
            .set_fg(Color::Indexed(254))
            .set_style(Modifier::HIDDEN)
            .clone();
        for y in gone {
            let row = Rect::new(buf.area.x, y, buf.area.width, 1);
            let before = Buffer::filled(row, mark.clone());
            let mut now = Buffer::empty(row);
            for x in row.x..row.x + row.width {
                if let (Some(c), Some(n)) = (buf.cell((x, y)), now.cell_mut((x, y))) {
                    *n = c.clone();
                }
            }
            self.todo.extend(
                before
                    .diff(&now)
                    .into_iter()
                    .map(|(x, y, c)| (x, y, c.clone())),
            );
        }
        for p in &pieces {
            let last = p.x + p.width - 1;
            for x in p.x..=last {
                let Some(mut c) = buf.cell((x, p.y)).cloned() else {
                    continue;
                };
                let mut symbol = c.symbol().to_string();
                if x == p.x {
                    symbol.insert_str(0, &open(&p.url));
                }
                if x == last {
                    symbol.push_str(CLOSE);
                }
                c.set_symbol(&symbol);
                self.todo.push((x, p.y, c));
            }
        }
        self.shown = pieces;
    }

    /// Draws what [`Links::plan`] listed. True when anything was drawn: the terminal's cursor
    /// has moved, and the caller puts it back.
    pub fn write<B: Backend>(&mut self, backend: &mut B) -> Result<bool, B::Error> {
        if self.todo.is_empty() {
            return Ok(false);
        }
        backend.draw(self.todo.iter().map(|(x, y, c)| (*x, *y, c)))?;
        self.todo.clear();
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn screen(rows: &[&str], width: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, rows.len() as u16));
        for (y, r) in rows.iter().enumerate() {
            buf.set_string(0, y as u16, r, Style::new());
        }
        buf
    }

    fn urls(buf: &Buffer) -> Vec<(u16, u16, u16, String)> {
        find(buf)
            .into_iter()
            .map(|p| (p.x, p.y, p.width, p.url))
            .collect()
    }

    #[test]
    fn an_address_on_its_own_line_and_in_a_sentence() {
        let buf = screen(
            &[
                "  https://example.org/terms",
                "  Checked 2026-11-30",
                "See (https://a.example/x_(y)), or http://b.example/c.",
            ],
            60,
        );
        assert_eq!(
            urls(&buf),
            vec![
                (2, 0, 25, "https://example.org/terms".into()),
                (5, 2, 23, "https://a.example/x_(y)".into()),
                (34, 2, 18, "http://b.example/c".into()),
            ]
        );
    }

    #[test]
    fn an_address_broken_over_rows_links_each_piece_to_the_whole() {
        // As the help's "In full" section draws it, in a box.
        let buf = screen(
            &[
                "│ Source title       │",
                "│ https://example.or │",
                "│ g/licences/communi │",
                "│ ty-licence         │",
                "│ Next one           │",
            ],
            22,
        );
        let whole = "https://example.org/licences/community-licence".to_string();
        assert_eq!(
            urls(&buf),
            vec![
                (2, 1, 18, whole.clone()),
                (2, 2, 18, whole.clone()),
                (2, 3, 10, whole),
            ]
        );
    }

    #[test]
    fn a_short_line_after_an_address_is_not_part_of_it() {
        let buf = screen(&["  https://example.org/terms", "  Unverified"], 40);
        assert_eq!(
            urls(&buf),
            vec![(2, 0, 25, "https://example.org/terms".into())]
        );
    }

    #[test]
    fn shortened_cut_or_hostile_addresses_are_not_linked() {
        let mut buf = screen(
            &[
                "  https://example.org/…/terms",
                "  https://exa…",
                "  https://",
                "  ftp://example.org/x javascript:alert(1)",
                "",
                "",
            ],
            60,
        );
        // Raw, as a hostile sheet would have it, before the sanitiser...
        buf.set_string(
            0,
            4,
            "https://a.example/\u{1b}]8;;http://evil\u{1b}\\x",
            Style::new(),
        );
        // ...and after it (what the app really draws): ESC became '?'.
        let clean = crate::text::sanitize("https://a.example/\u{1b}]8;;http://evil\u{1b}\\x");
        buf.set_string(0, 5, &clean, Style::new());
        assert_eq!(urls(&buf), vec![]);
        for p in find(&buf) {
            assert!(
                p.url
                    .bytes()
                    .all(|b| (0x21..0x7f).contains(&b) && b != b'\\')
            );
        }
    }

    #[test]
    fn an_address_under_a_box_or_cut_by_scrolling_is_not_linked() {
        let buf = screen(
            &[
                // A dialog drawn over the end of the address.
                "  https://example.org/lic│ Quit weighup? │",
                "",
                // The help scrolled so that the rest of the address is below.
                "│ https://example.or │",
                "│ ↓ more below       │",
            ],
            44,
        );
        assert_eq!(urls(&buf), vec![]);
    }

    #[test]
    fn links_are_drawn_over_the_same_cells_and_removed_when_gone() {
        let mut links = Links::new(true);
        let buf = screen(&["see https://example.org/a now", "x"], 40);
        links.plan(&buf);
        let drawn: Vec<(u16, u16, String)> = links
            .todo
            .iter()
            .map(|(x, y, c)| (*x, *y, c.symbol().to_string()))
            .collect();
        assert_eq!(drawn.len(), 21);
        assert_eq!(
            drawn[0],
            (4, 0, "\u{1b}]8;;https://example.org/a\u{1b}\\h".into())
        );
        assert_eq!(drawn[20], (24, 0, "a\u{1b}]8;;\u{1b}\\".into()));
        // The address scrolled away: its row is drawn again as it is now, without a link.
        let next = screen(&["x", "see https://example.org/a now"], 40);
        links.plan(&next);
        let rows: Vec<u16> = links.todo.iter().map(|t| t.1).collect();
        assert!(rows.contains(&0), "{rows:?}");
        assert!(
            links
                .todo
                .iter()
                .filter(|t| t.1 == 0)
                .all(|t| !t.2.symbol().contains('\u{1b}'))
        );
        // Off: nothing at all.
        let mut off = Links::new(false);
        off.plan(&buf);
        assert!(off.todo.is_empty());
    }
}
