//! A one-paragraph text field: editing by character, layout by display width (CJK and emoji
//! take two columns), and paste that never submits.

use unicode_width::UnicodeWidthChar;

/// The text of a field and where the cursor is (a character index, 0 = before the first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

/// A field laid out in rows of a given width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldLayout {
    pub rows: Vec<String>,
    /// (row, column) of the cursor, in display columns.
    pub cursor: (usize, usize),
}

impl TextInput {
    /// A field holding `text`, with the cursor at the end.
    pub fn new(text: &str) -> Self {
        let text = clean(text);
        let cursor = text.chars().count();
        TextInput { text, cursor }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as a character index.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// Types one character at the cursor. Line breaks and tabs become spaces; other control
    /// characters are ignored.
    pub fn insert(&mut self, c: char) {
        let c = match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => return,
            c => c,
        };
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Inserts pasted text once, at the cursor. Line breaks become single spaces, so a paste
    /// never submits the field.
    pub fn paste(&mut self, s: &str) {
        let cleaned = clean(s);
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &cleaned);
        self.cursor += cleaned.chars().count();
    }

    /// Deletes the character before the cursor.
    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        let at = self.byte_at(self.cursor - 1);
        self.text.remove(at);
        self.cursor -= 1;
    }

    /// Deletes the character under the cursor.
    pub fn delete(&mut self) {
        if self.cursor < self.text.chars().count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    /// Lays the text out in rows of at most `width` display columns, breaking between
    /// words where it can (a word longer than a row is broken between characters), and
    /// finds the cursor. A wide character never straddles two rows.
    pub fn layout(&self, width: usize) -> FieldLayout {
        let width = width.max(2);
        let chars: Vec<char> = self.text.chars().collect();
        let widths: Vec<usize> = chars.iter().map(|c| c.width().unwrap_or(0)).collect();
        let mut pos = vec![(0usize, 0usize); chars.len()];
        let (mut row, mut col, mut row_start) = (0, 0, 0);
        let mut i = 0;
        while i < chars.len() {
            if col + widths[i] > width && col > 0 {
                // Move the word being typed to the next row, if a space before it in this
                // row allows; otherwise break here.
                let space = (row_start + 1..i).rev().find(|&j| chars[j] == ' ');
                row += 1;
                col = 0;
                match space {
                    Some(j) if chars[i] != ' ' => {
                        row_start = j + 1;
                        for k in j + 1..i {
                            pos[k] = (row, col);
                            col += widths[k];
                        }
                    }
                    _ => row_start = i,
                }
                continue;
            }
            pos[i] = (row, col);
            col += widths[i];
            i += 1;
        }
        let cursor = if self.cursor < chars.len() {
            pos[self.cursor]
        } else if col >= width {
            (row + 1, 0)
        } else {
            (row, col)
        };
        let mut rows = vec![String::new(); row.max(cursor.0) + 1];
        for (c, (r, _)) in chars.iter().zip(&pos) {
            rows[*r].push(*c);
        }
        FieldLayout { rows, cursor }
    }
}

/// Line breaks (CRLF, CR, LF) and tabs become single spaces; other control characters go.
fn clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n");
    s.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_and_moving_edit_at_the_cursor() {
        let mut t = TextInput::new("ac");
        t.left();
        t.insert('b');
        assert_eq!(t.text(), "abc");
        assert_eq!(t.cursor(), 2);
        t.home();
        t.delete();
        assert_eq!(t.text(), "bc");
        t.end();
        t.backspace();
        assert_eq!(t.text(), "b");
        t.backspace();
        t.backspace();
        assert_eq!(t.text(), "");
        assert_eq!(t.cursor(), 0);
    }

    #[test]
    fn a_paste_goes_in_once_and_its_line_breaks_become_spaces() {
        let mut t = TextInput::new("x");
        t.home();
        t.paste("one\r\ntwo\nthree\t");
        assert_eq!(t.text(), "one two three x");
        assert_eq!(t.cursor(), 14);
    }

    #[test]
    fn wide_characters_take_two_columns_and_never_straddle_rows() {
        let t = TextInput::new("日本語ab");
        let l = t.layout(5);
        assert_eq!(l.rows, vec!["日本", "語ab"]);
        assert_eq!(l.cursor, (1, 4));
        let mut t = TextInput::new("😀😀x");
        t.home();
        t.right();
        let l = t.layout(10);
        assert_eq!(l.cursor, (0, 2));
    }

    #[test]
    fn words_move_to_the_next_row_whole() {
        let t = TextInput::new("keep data in Germany now");
        let l = t.layout(10);
        assert_eq!(l.rows, vec!["keep data ", "in Germany", " now"]);
        assert_eq!(l.cursor, (2, 4));
        let mut t = TextInput::new("aaaa bbbbbbbbbbbb");
        t.home();
        let l = t.layout(6);
        assert_eq!(l.rows, vec!["aaaa ", "bbbbbb", "bbbbbb"]);
        assert_eq!(l.cursor, (0, 0));
    }

    #[test]
    fn a_full_row_moves_the_cursor_to_a_new_row() {
        let t = TextInput::new("abcd");
        let l = t.layout(4);
        assert_eq!(l.rows, vec!["abcd", ""]);
        assert_eq!(l.cursor, (1, 0));
    }

    #[test]
    fn editing_multibyte_text_keeps_characters_whole() {
        let mut t = TextInput::new("Zürich 東京");
        t.left();
        t.backspace();
        assert_eq!(t.text(), "Zürich 京");
        t.home();
        t.right();
        t.right();
        t.delete();
        assert_eq!(t.text(), "Zürich 京".replacen('r', "", 1));
    }
}
