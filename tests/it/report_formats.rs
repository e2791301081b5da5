//! The four report formats: snapshots of each, the content every format must carry, the
//! HTML page checked for well-formedness and for fetching nothing, and escaping of what
//! people typed.

use std::path::Path;

use serde_json::Value;
use weighup::bank::Bank;
use weighup::engine::{Evaluation, evaluate};
use weighup::persist;
use weighup::report::{self, ReportInfo};
use weighup::sheet::Sheet;

use crate::support::banks::builtin as bank;
use crate::support::cmd::weighup;
use crate::support::files::fixture;

/// A fixture sheet, as if answered on this very bank (the bank's content hash changes with
/// every edit of the questions; these snapshots are about the formats).
fn sheet(name: &str, b: &Bank) -> Sheet {
    let mut s = persist::load(&fixture(name)).unwrap();
    if name != "old-bank.json" {
        s.bank.hash.clone_from(&b.hash);
        s.bank.version.clone_from(&b.meta.version);
    }
    s
}

fn render(format: &str, name: &str) -> String {
    let b = bank();
    let s = sheet(name, &b);
    let info = ReportInfo::for_sheet(&b, &s, Some(Path::new("answers/team-a.json")));
    let answers = s.to_answers();
    let eval = evaluate(&b, &answers);
    match format {
        "text" => report::text(&b, &answers, &eval, &info),
        "md" => report::markdown(&b, &answers, &eval, &info),
        "json" => report::json_text(&b, &answers, &eval, &info),
        "html" => report::html(&b, &answers, &eval, &info),
        _ => unreachable!(),
    }
}

fn snapshot(name: &str, content: &str) {
    insta::with_settings!({
        snapshot_path => "snapshots",
        // The bank version and hash are the bank's; they change when it is edited.
        filters => vec![
            (r"version \d{4}\.\d+\.\d+", "version [BANK]"),
            (r#""version": "\d{4}\.\d+\.\d+""#, r#""version": "[BANK]""#),
            (r"sha256:[0-9a-f]{64}", "sha256:[HASH]"),
        ],
    }, {
        insta::assert_snapshot!(name, content);
    });
}

#[test]
fn text_report() {
    snapshot("report_text", &render("text", "complete.json"));
}

#[test]
fn markdown_report() {
    snapshot("report_md", &render("md", "complete.json"));
}

#[test]
fn json_report() {
    snapshot("report_json", &render("json", "complete.json"));
}

#[test]
fn html_report() {
    snapshot("report_html", &render("html", "complete.json"));
}

#[test]
fn unfinished_text_report() {
    snapshot("report_text_unfinished", &render("text", "unfinished.json"));
}

/// A report as words: whitespace and line wrapping collapsed, each format's escaping undone.
fn words(format: &str, out: &str) -> String {
    let mut s = out.split_whitespace().collect::<Vec<_>>().join(" ");
    match format {
        "html" => {
            for (from, to) in [
                ("&#39;", "'"),
                ("&quot;", "\""),
                ("&lt;", "<"),
                ("&gt;", ">"),
                ("&amp;", "&"),
            ] {
                s = s.replace(from, to);
            }
        }
        "md" => {
            let mut t = String::new();
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
                    continue;
                }
                t.push(c);
            }
            s = t.replace("&amp;", "&");
        }
        "json" => s = s.replace("\\\"", "\""),
        _ => {}
    }
    s
}

/// What every format must say, in each format's own spelling.
#[test]
fn every_format_carries_the_whole_result() {
    let b = bank();
    let s = sheet("complete.json", &b);
    let eval: Evaluation = evaluate(&b, &s.to_answers());
    assert!(!eval.reasons.is_empty() && !eval.would_change.is_empty() && !eval.flags.is_empty());
    for format in ["text", "md", "json", "html"] {
        let out = words(format, &render(format, "complete.json"));
        let has = |what: &str, needle: &str| {
            assert!(out.contains(needle), "{format}: no {what} ({needle:?})");
        };
        has("verdict", eval.verdict_title);
        has("clarity", eval.clarity_title);
        has("first reason", &eval.reasons[0].why);
        has("what would change it", &eval.would_change[0].short);
        has("a flag", &eval.flags[0].title);
        has("what to read", &eval.flags[0].read[0]);
        has("a source", &eval.flags[0].sources[0].url);
        has("the not-legal-advice line", "This is not legal advice");
        has("the bank", &b.meta.version);
        has("an answer", "Highly sensitive or confidential information");
        if format != "json" {
            has("the date", "2026-11-30 10:02 UTC");
            has("the to-find-out list", "To find out");
            has("a note", "Our estimate for year two");
        }
    }
    // The to-find-out list itself, on a sheet with a "Not sure".
    let b = bank();
    let s = sheet("unfinished.json", &b);
    let eval = evaluate(&b, &s.to_answers());
    assert_eq!(eval.find_out.len(), 1);
    for format in ["text", "md", "json", "html"] {
        let out = words(format, &render(format, "unfinished.json"));
        assert!(out.contains("Own AI hardware"), "{format}");
        assert!(out.contains(&eval.find_out[0].find_out), "{format}");
        if format != "json" {
            assert!(out.contains("Unfinished: "), "{format}");
        }
    }
}

#[test]
fn json_keeps_its_stable_fields() {
    let v: Value = serde_json::from_str(&render("json", "complete.json")).unwrap();
    assert!(matches!(
        v["verdict"].as_str(),
        Some("open-weights" | "hybrid" | "closed")
    ));
    let flags = v["flags"].as_array().unwrap();
    assert!(!flags.is_empty());
    for f in flags {
        assert!(f["id"].is_string(), "{f}");
        assert!(
            matches!(
                f["severity"].as_str(),
                Some("blocks" | "read-carefully" | "note")
            ),
            "{f}"
        );
    }
    assert_eq!(v["label"], "Ana <Sales> & \"Ops\"");
    assert_eq!(v["date"], "2026-11-30T10:02:55Z");
    let volume = v["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "scale.volume")
        .unwrap();
    assert_eq!(
        volume["note"],
        "Our estimate for year two; finance to confirm | *rough*"
    );
}

#[test]
fn a_report_on_answers_from_another_bank_version_says_so() {
    for format in ["text", "md", "json", "html"] {
        let out = words(format, &render(format, "old-bank.json"));
        assert!(
            out.contains(
                "These answers were given on question bank weighup.default version 2026.06.1"
            ),
            "{format}"
        );
        assert!(
            out.contains("Cloud allowed"),
            "{format}: the kept answer is listed"
        );
        assert!(
            out.contains("is an option this question bank no longer has, so it is not counted"),
            "{format}"
        );
    }
}

#[test]
fn markdown_shows_what_people_typed_as_written() {
    let md = render("md", "complete.json");
    assert!(
        md.contains(r#"Answered by: Ana \<Sales\> &amp; "Ops"."#),
        "{md}"
    );
    assert!(md.contains(r"finance to confirm \| \*rough\*"), "{md}");
    // Every table row has the same number of cells as its header.
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let cells = line.replace(r"\|", "").matches('|').count();
        assert!(cells == 4 || cells == 5, "{line}");
    }
}

// ---------------------------------------------------------------------------------------------
// The HTML page: well-formed, self-contained, escaped.

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

#[derive(Debug)]
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    attrs: Vec<(String, String)>,
}

/// Reads one tag starting after `<`; returns it and the rest of the text. Panics, naming the
/// place, on anything malformed.
fn read_tag(s: &str) -> (Tag, &str) {
    let (closing, s) = match s.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let end = s
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap();
    let name = s[..end].to_string();
    assert!(
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
        "bad tag name near {:?}",
        &s[..s.len().min(40)]
    );
    let mut rest = &s[end..];
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("/>") {
            return (
                Tag {
                    name,
                    closing,
                    self_closing: true,
                    attrs,
                },
                r,
            );
        }
        if let Some(r) = rest.strip_prefix('>') {
            return (
                Tag {
                    name,
                    closing,
                    self_closing: false,
                    attrs,
                },
                r,
            );
        }
        let eq = rest.find('=').expect("attributes have values");
        let key = rest[..eq].to_string();
        assert!(
            key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "bad attribute {key:?}"
        );
        let r = rest[eq + 1..]
            .strip_prefix('"')
            .unwrap_or_else(|| panic!("attribute {key} is not quoted"));
        let close = r.find('"').unwrap();
        let value = &r[..close];
        assert!(!value.contains('<'), "raw < in attribute {key}");
        check_entities(value);
        attrs.push((key, value.to_string()));
        rest = &r[close + 1..];
    }
}

/// Every `&` starts a character reference.
fn check_entities(text: &str) {
    for (i, _) in text.match_indices('&') {
        let rest = &text[i + 1..];
        let end = rest.find(';').expect("an & without ;");
        let name = &rest[..end];
        let ok = ["amp", "lt", "gt", "quot"].contains(&name)
            || name
                .strip_prefix('#')
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        assert!(ok, "unknown character reference &{name};");
    }
}

/// Checks the page: one root, every element closed in order, text and attributes escaped.
/// Returns every tag, and the contents of <style>.
fn parse_html(page: &str) -> (Vec<Tag>, String) {
    let mut s = page
        .strip_prefix("<!DOCTYPE html>\n")
        .expect("starts with the doctype");
    let mut stack: Vec<String> = Vec::new();
    let mut tags = Vec::new();
    let mut style = String::new();
    loop {
        let Some(lt) = s.find('<') else {
            assert!(s.trim().is_empty(), "text after the page: {s:?}");
            break;
        };
        let text = &s[..lt];
        assert!(!text.contains('>'), "raw > in text: {text:?}");
        check_entities(text);
        let (tag, rest) = read_tag(&s[lt + 1..]);
        s = rest;
        if tag.name == "style" && !tag.closing {
            let end = s.find("</style>").expect("style is closed");
            style = s[..end].to_string();
            s = &s[end + "</style>".len()..];
            tags.push(tag);
            continue;
        }
        if tag.closing {
            let open = stack.pop().unwrap_or_default();
            assert_eq!(open, tag.name, "</{}> closes <{open}>", tag.name);
        } else if !tag.self_closing && !VOID.contains(&tag.name.as_str()) {
            stack.push(tag.name.clone());
        }
        tags.push(tag);
    }
    assert!(stack.is_empty(), "never closed: {stack:?}");
    assert_eq!(tags.first().map(|t| t.name.as_str()), Some("html"));
    (tags, style)
}

#[test]
fn the_html_page_is_well_formed() {
    for name in ["complete.json", "unfinished.json", "old-bank.json"] {
        let page = render("html", name);
        let (tags, _) = parse_html(&page);
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        for needed in [
            "html", "head", "title", "style", "body", "main", "svg", "table",
        ] {
            assert!(names.contains(&needed), "{name}: no <{needed}>");
        }
    }
}

#[test]
fn the_html_page_fetches_nothing() {
    let page = render("html", "complete.json");
    let (tags, style) = parse_html(&page);
    for t in &tags {
        assert!(
            ![
                "script", "link", "img", "iframe", "object", "embed", "use", "image", "audio",
                "video", "base", "form"
            ]
            .contains(&t.name.as_str()),
            "<{}> may fetch something",
            t.name
        );
        for (k, v) in &t.attrs {
            assert_ne!(k, "src", "a src attribute on <{}>", t.name);
            assert!(!k.starts_with("on"), "an event handler on <{}>", t.name);
            if !(t.name == "a" && k == "href") {
                assert!(
                    !v.contains("http:") && !v.contains("https:") && !v.contains("//"),
                    "an address in {k} of <{}>: {v}",
                    t.name
                );
            }
            if k == "style" {
                assert!(!v.contains("url("), "url() in a style attribute");
            }
        }
    }
    assert!(!style.contains("url("), "the stylesheet fetches something");
    assert!(
        !style.contains("@import"),
        "the stylesheet imports something"
    );
    assert!(style.contains("@page") && style.contains("size: A4"));
    assert!(style.contains("@media print"));
    // Sources on the web are plain links a reader may follow.
    assert!(tags.iter().any(|t| {
        t.name == "a"
            && t.attrs
                .iter()
                .any(|(k, v)| k == "href" && v.starts_with("https://"))
    }));
}

#[test]
fn the_html_chart_has_a_bar_per_dimension_on_the_right_side() {
    let b = bank();
    let s = sheet("complete.json", &b);
    let eval = evaluate(&b, &s.to_answers());
    let page = render("html", "complete.json");
    let (tags, _) = parse_html(&page);
    let rects: Vec<&Tag> = tags.iter().filter(|t| t.name == "rect").collect();
    let nonzero: Vec<_> = eval.dimensions.iter().filter(|d| d.net != 0).collect();
    assert_eq!(rects.len(), nonzero.len());
    for (r, d) in rects.iter().zip(nonzero) {
        let class = &r.attrs.iter().find(|(k, _)| k == "class").unwrap().1;
        let want = if d.net > 0 { "bar-open" } else { "bar-closed" };
        assert_eq!(class, want, "{}", d.title);
    }
}

#[test]
fn the_html_page_escapes_what_people_typed() {
    let page = render("html", "complete.json");
    assert!(page.contains("Answered by: Ana &lt;Sales&gt; &amp; &quot;Ops&quot;."));
    assert!(!page.contains("<Sales>"));
}

// ---------------------------------------------------------------------------------------------
// Through the binary.

#[test]
fn report_reads_saved_sheets_and_simple_answer_files_in_every_format() {
    let simple = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers/simple.json");
    for file in [fixture("complete.json"), simple.clone()] {
        for format in ["text", "md", "markdown", "json", "html"] {
            let out = weighup()
                .arg("report")
                .arg(&file)
                .args(["--format", format])
                .assert()
                .code(0)
                .get_output()
                .clone();
            assert!(out.stderr.is_empty());
            assert!(!out.stdout.is_empty());
        }
    }
    let out = weighup()
        .arg("report")
        .arg(&simple)
        .args(["--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["verdict"], "open-weights");
    assert_eq!(v["label"], "Team B");
    assert!(
        v["made"].is_string(),
        "a simple file has no date: the report's is given"
    );
    let text = weighup()
        .arg("report")
        .arg(&simple)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("Answered by: Team B."));
    assert!(text.contains(" Report made "));
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    weighup()
        .arg("report")
        .arg(fixture("complete.json"))
        .args(["--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("invalid value 'pdf'"));
}
