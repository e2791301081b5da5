//! Small helpers for plain text: wrapping by display width.

use unicode_width::UnicodeWidthStr;

/// Wraps `text` to lines of at most `width` columns (by display width), breaking at spaces.
/// A word longer than the width stands on its own line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in para.split_whitespace() {
            let w = word.width();
            if used > 0 && used + 1 + w > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            line.push_str(word);
            used += w;
        }
        lines.push(line);
    }
    lines
}

/// Wraps and indents: the first line with `first`, the rest with `rest`.
pub fn wrap_indent(text: &str, width: usize, first: &str, rest: &str) -> String {
    let avail = width.saturating_sub(first.width().max(rest.width()));
    wrap(text, avail)
        .into_iter()
        .enumerate()
        .map(|(i, l)| format!("{}{l}", if i == 0 { first } else { rest }))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_by_display_width() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("日本語 日本語", 7), vec!["日本語", "日本語"]);
        assert_eq!(wrap("", 5), vec![""]);
    }

    #[test]
    fn indents_continuation_lines() {
        assert_eq!(wrap_indent("a b c", 5, "- ", "  "), "- a b\n  c");
    }
}
