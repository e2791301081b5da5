//! Small helpers for plain text: wrapping by display width, and the one sanitiser every text
//! bound for a terminal or a text file goes through.

use std::fmt::Write as _;
use std::io::Write;

use unicode_width::UnicodeWidthStr;

/// What an unsafe character is shown as.
pub const REPLACEMENT: char = '?';

/// Is this character unsafe to send to a terminal? Every C0 and C1 control character (ESC, BEL,
/// CR, backspace, the 8-bit CSI...) except newline and tab, DEL, and the bidirectional
/// embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069), which can make a
/// line display in another order than it reads.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Does this text hold an unsafe character (see [`is_unsafe`])?
pub fn has_unsafe(s: &str) -> bool {
    s.chars().any(is_unsafe)
}

/// The text with every unsafe character (see [`is_unsafe`]) replaced by `?`. A carriage
/// return just before a newline (a Windows line end) is dropped instead.
pub fn sanitize(s: &str) -> String {
    if !has_unsafe(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        out.push(if is_unsafe(c) { REPLACEMENT } else { c });
    }
    out
}

/// For one line (a table cell, a list entry): [`sanitize`], and newlines and tabs become `?`.
pub fn sanitize_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_unsafe(c) || c == '\n' || c == '\t' {
                REPLACEMENT
            } else {
                c
            }
        })
        .collect()
}

/// JSON text with every unsafe character written as a `\uXXXX` escape: the same JSON value,
/// but nothing a terminal acts on. (Such characters can only stand inside JSON strings, where
/// the escape means the same character.)
pub fn escape_json(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// A writer that passes everything through [`sanitize`] on its way out (invalid UTF-8 becomes
/// `?` as well). A character split across two writes is held back until it is whole.
pub struct SafeWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W) -> Self {
        SafeWriter {
            inner,
            pending: Vec::new(),
        }
    }

    fn write_clean(&mut self, text: &str) -> std::io::Result<()> {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            out.push(if is_unsafe(c) { REPLACEMENT } else { c });
        }
        self.inner.write_all(out.as_bytes())
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let mut bytes = std::mem::take(&mut self.pending);
        let mut start = 0;
        loop {
            match std::str::from_utf8(&bytes[start..]) {
                Ok(text) => {
                    let text = text.to_string();
                    self.write_clean(&text)?;
                    break;
                }
                Err(e) => {
                    let good = start + e.valid_up_to();
                    let text = std::str::from_utf8(&bytes[start..good])
                        .unwrap_or_default()
                        .to_string();
                    self.write_clean(&text)?;
                    let Some(n) = e.error_len() else {
                        // An unfinished character: keep it for the next write.
                        self.pending = bytes.split_off(good);
                        break;
                    };
                    self.inner.write_all(&[REPLACEMENT as u8])?;
                    start = good + n;
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

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
    fn sanitize_replaces_controls_and_bidi_but_keeps_lines() {
        assert_eq!(
            sanitize("A\u{1b}]0;X\u{7}\u{9b}1m\u{202e}B\u{2066}\r\n\tC\u{7f}"),
            "A?]0;X??1m?B?\n\tC?"
        );
        assert_eq!(sanitize("lone\rCR"), "lone?CR");
        assert_eq!(sanitize_line("a\nb\tc"), "a?b?c");
        assert_eq!(escape_json("\"\u{9b}\u{202e}\""), "\"\\u009b\\u202e\"");
    }

    #[test]
    fn safe_writer_holds_split_characters_and_replaces_bad_bytes() {
        let mut out = Vec::new();
        {
            let mut w = SafeWriter::new(&mut out);
            let csi = "\u{9b}".as_bytes();
            w.write_all(&csi[..1]).unwrap();
            w.write_all(&csi[1..]).unwrap();
            w.write_all(b"ok\x1b[2J\xff\n").unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "?ok?[2J?\n");
    }

    #[test]
    fn indents_continuation_lines() {
        assert_eq!(wrap_indent("a b c", 5, "- ", "  "), "- a b\n  c");
    }
}

/// The one rule for clickable links (OSC 8 hyperlinks: file names printed on exit, web
/// addresses inside the full-screen app): a terminal that names itself (`TERM`), except
/// `dumb` and the Linux console, and not turned off with `WEIGHUP_LINKS=0`.
pub fn links_allowed(term: &str, setting: Option<&str>) -> bool {
    !matches!(term, "" | "dumb" | "linux") && setting != Some("0")
}

/// [`links_allowed`] for this process: standard output is a terminal, with this process's
/// `TERM` and `WEIGHUP_LINKS` (not when output goes to a file or a pipe).
pub fn links_on_stdout() -> bool {
    use std::io::IsTerminal as _;
    let term = std::env::var("TERM").unwrap_or_default();
    let setting = std::env::var("WEIGHUP_LINKS").ok();
    std::io::stdout().is_terminal() && links_allowed(&term, setting.as_deref())
}

/// Makes every line that is only an absolute path of an existing file clickable (OSC 8
/// hyperlinks, `file://` with the path percent-encoded), for a terminal that shows links.
/// Runs after [`sanitize`], on weighup's own output: the escape sequences are weighup's, the
/// link target is a file that exists, and the text shown stays the whole path (a terminal
/// without hyperlinks ignores the sequences and shows the path as before).
pub fn link_file_paths(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let path = body.trim_start();
        let lead = &body[..body.len() - path.len()];
        let is_file = path.starts_with('/')
            && path == path.trim_end()
            && !has_unsafe(path)
            && std::fs::metadata(path).is_ok_and(|m| m.is_file());
        if is_file {
            let _ = write!(
                out,
                "{lead}\u{1b}]8;;file://{}\u{1b}\\{path}\u{1b}]8;;\u{1b}\\{end}",
                percent_encode_path(path)
            );
        } else {
            out.push_str(line);
        }
    }
    out
}

/// A path as a URL path: unreserved characters and `/` as they are, every other byte as %XX.
fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod link_tests {
    use super::*;

    #[test]
    fn links_follow_one_rule_term_and_weighup_links() {
        assert!(links_allowed("xterm-256color", None));
        assert!(links_allowed("xterm-256color", Some("1")));
        assert!(!links_allowed("xterm-256color", Some("0")));
        for term in ["", "dumb", "linux"] {
            assert!(!links_allowed(term, None), "{term}");
        }
    }

    #[test]
    fn only_a_line_that_is_an_existing_files_path_becomes_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("answers 1.json");
        std::fs::write(&file, "{}").unwrap();
        let p = file.display().to_string();
        let text =
            format!("Your answers are saved in:\n  {p}\nweighup open {p}\n  /no/such/file\n");
        let linked = link_file_paths(&text);
        let url = percent_encode_path(&p);
        assert!(url.ends_with("answers%201.json"), "{url}");
        assert!(
            linked.contains(&format!(
                "  \u{1b}]8;;file://{url}\u{1b}\\{p}\u{1b}]8;;\u{1b}\\\n"
            )),
            "{linked:?}"
        );
        // A command that holds the path, and a file that does not exist, stay as they were.
        assert!(linked.contains(&format!("weighup open {p}\n")));
        assert!(linked.contains("  /no/such/file\n"));
        assert_eq!(linked.matches("\u{1b}]8;;file://").count(), 1);
    }
}

/// Shortens to at most `max` characters, with an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A path as it can be pasted into a shell: as it is when every character is safe, else in
/// single quotes. One rule for every "continue with" and "look again" line.
pub fn shell_quote(path: &std::path::Path) -> String {
    let s = path.display().to_string();
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:,@%".contains(c))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod quote_tests {
    use super::shell_quote;
    use std::path::Path;

    #[test]
    fn shell_quote_leaves_plain_paths_alone_and_quotes_the_rest() {
        assert_eq!(shell_quote(Path::new("/tmp/a-b.json")), "/tmp/a-b.json");
        assert_eq!(
            shell_quote(Path::new("/tmp/my file.json")),
            "'/tmp/my file.json'"
        );
        assert_eq!(
            shell_quote(Path::new("/tmp/it's.json")),
            r"'/tmp/it'\''s.json'"
        );
    }
}
