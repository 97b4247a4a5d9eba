//! Reading the error message out of an OpenStack fault body.
//!
//! Every project words its faults differently:
//!
//! | project | shape |
//! |---|---|
//! | nova, cinder | `{"itemNotFound": {"message": "...", "code": 404}}` |
//! | neutron | `{"NeutronError": {"type": "NetworkInUse", "message": "...", "detail": ""}}` |
//! | keystone | `{"error": {"code": 401, "title": "Unauthorized", "message": "..."}}` |
//! | heat | `{"code": 404, "title": "Not Found", "explanation": "...", "error": {"type": "EntityNotFound", "message": "..."}}` |
//! | octavia (wsme) | `{"faultcode": "Client", "faultstring": "...", "debuginfo": null}` |
//! | placement, magnum | `{"errors": [{"status": 404, "title": "...", "detail": "...", "code": "..."}]}` |
//! | glance, webob | a text or HTML body: `404 Not Found\n\nNo image found with ID ...` |
//! | swift | `<html><h1>Conflict</h1><p>There was a conflict ...</p></html>`, or plain text |
//!
//! Whatever the shape, the message is cleaned the same way: HTML tags out (glance puts
//! `<br /><br />` even in its JSON faults), entities decoded, lines that only repeat the
//! HTTP status (`404 Not Found`, or swift's bare `Not Found` heading) dropped, whitespace
//! (newlines included) collapsed to single spaces, other control characters escaped
//! (`\u{1b}`), and the result cut to [`MAX_MESSAGE_LEN`] bytes with a marker. A hostile
//! or broken server can thus neither flood logs nor inject terminal escapes or fake log
//! lines through an error's `Display`.

use std::fmt;

use serde_json::Value;

/// The longest fault message kept, in bytes (the truncation marker included).
pub const MAX_MESSAGE_LEN: usize = 1000;
/// The longest fault kind kept, in bytes (the truncation marker included).
pub const MAX_KIND_LEN: usize = 100;
/// What ends a cut string.
pub(crate) const TRUNCATED: &str = "… [truncated]";
/// How much of a server's text is looked at, at most: enough for any real fault page
/// (styles and all), bounded so a multi-megabyte message costs nothing.
const MAX_SCAN: usize = 64 * 1024;

/// The message and, where the body names one, the kind of a fault.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fault {
    /// The fault's kind: nova's wrapper key (`itemNotFound`), neutron's or heat's `type`,
    /// keystone's `title`, octavia's `faultcode`. Control characters escaped, at most
    /// [`MAX_KIND_LEN`] bytes.
    pub kind: Option<String>,
    /// The human-readable message: the server's text with tags out, whitespace collapsed,
    /// control characters escaped, at most [`MAX_MESSAGE_LEN`] bytes.
    pub message: String,
}

/// Extracts a [`Fault`] from an error body. Never fails: an unrecognised body gives its
/// (cleaned, shortened) text as the message, an empty body gives `None`.
///
/// ```
/// let body = br#"{"message": "The resource could not be found.<br /><br />\nNo image found with ID x\n\n", "code": "404 Not Found", "title": "Not Found"}"#;
/// let fault = ferrocloud::fault::parse(body).unwrap();
/// assert_eq!(fault.message, "The resource could not be found. No image found with ID x");
/// ```
pub fn parse(body: &[u8]) -> Option<Fault> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    if let Ok(value) = serde_json::from_slice::<Value>(body) {
        if let Some(fault) = from_json(&value) {
            return Some(Fault {
                kind: fault.kind.map(|k| inert(k, MAX_KIND_LEN)),
                message: clean(fault.message),
            });
        }
    }
    let text = String::from_utf8_lossy(&body[..floor_boundary_bytes(body, MAX_SCAN)]);
    Some(Fault {
        kind: None,
        message: clean(&text),
    })
}

/// A fault as found in JSON, before cleaning.
struct RawFault<'a> {
    kind: Option<&'a str>,
    message: &'a str,
}

fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

fn from_json(v: &Value) -> Option<RawFault<'_>> {
    let obj = v.as_object()?;
    // octavia / wsme
    if let Some(msg) = str_at(v, "faultstring") {
        return Some(RawFault {
            kind: str_at(v, "faultcode"),
            message: msg,
        });
    }
    // placement, magnum, ironic-style list of errors
    if let Some(first) = v
        .get("errors")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
    {
        let message = str_at(first, "detail")
            .or_else(|| str_at(first, "title"))
            .unwrap_or_default();
        return Some(RawFault {
            kind: str_at(first, "code").or_else(|| str_at(first, "title")),
            message,
        });
    }
    // keystone and heat: {"error": {...}} (heat adds "explanation" and "title" beside it)
    if let Some(err) = v.get("error").filter(|e| e.is_object()) {
        let message = str_at(err, "message")
            .or_else(|| str_at(v, "explanation"))
            .unwrap_or_default();
        return Some(RawFault {
            kind: str_at(err, "type").or_else(|| str_at(err, "title")),
            message,
        });
    }
    // nova, cinder, neutron: {"<kind>": {"message": ...}}
    if obj.len() == 1 {
        let (key, inner) = obj.iter().next()?;
        if let Some(msg) = str_at(inner, "message") {
            return Some(RawFault {
                kind: Some(str_at(inner, "type").unwrap_or(key)),
                message: msg,
            });
        }
    }
    // bare {"message": ...} (glance, webob) / {"explanation": ...} / {"error_message": ...}
    for key in [
        "message",
        "explanation",
        "error_message",
        "detail",
        "description",
    ] {
        if let Some(msg) = str_at(v, key) {
            return Some(RawFault {
                kind: None,
                message: msg,
            });
        }
    }
    None
}

/// The largest `n <= max` that does not split a UTF-8 sequence of `bytes` (for valid UTF-8;
/// invalid bytes are replaced later anyway).
fn floor_boundary_bytes(bytes: &[u8], max: usize) -> usize {
    if bytes.len() <= max {
        return bytes.len();
    }
    let mut cut = max;
    while cut > 0 && (bytes[cut] & 0xC0) == 0x80 {
        cut -= 1;
    }
    cut
}

fn floor_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut cut = max;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    &s[..cut]
}

/// Cleans a server's message, JSON or text or HTML alike: tags out, entities decoded,
/// lines that only repeat the HTTP status dropped, whitespace collapsed, control characters
/// escaped, cut to [`MAX_MESSAGE_LEN`] bytes with a marker.
pub(crate) fn clean(text: &str) -> String {
    let scanned = floor_boundary(text, MAX_SCAN);
    let plain = decode_entities(&strip_tags(scanned));
    let lines: Vec<&str> = plain
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // "404 Not Found" heading lines only repeat the status.
    let meaningful: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !is_status_line(l))
        .collect();
    let chosen = if meaningful.is_empty() {
        lines
    } else {
        meaningful
    };
    let mut collapsed = String::with_capacity(plain.len().min(MAX_MESSAGE_LEN * 2));
    for word in chosen.iter().flat_map(|l| l.split(char::is_whitespace)) {
        if word.is_empty() {
            continue;
        }
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
        if collapsed.len() > MAX_MESSAGE_LEN * 2 {
            break;
        }
    }
    let cut = scanned.len() < text.len() || collapsed.len() > MAX_MESSAGE_LEN * 2;
    let mut out = inert(&collapsed, MAX_MESSAGE_LEN);
    if cut && !out.ends_with(TRUNCATED) {
        // The scan stopped early: say so even when what was kept is short.
        let keep = floor_boundary(&out, MAX_MESSAGE_LEN - TRUNCATED.len()).len();
        out.truncate(keep);
        out.push_str(TRUNCATED);
    }
    out
}

/// HTML elements whose tags are removed (anything else in angle brackets is text: nova
/// writes `<uuid>` placeholders in its messages).
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "img",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "ol",
    "p",
    "pre",
    "script",
    "section",
    "small",
    "span",
    "strong",
    "style",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "title",
    "tr",
    "tt",
    "u",
    "ul",
];
/// Elements that end a line.
const BLOCK: &[&str] = &[
    "address",
    "blockquote",
    "body",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];
/// Elements whose content is not message text.
const HIDDEN: &[&str] = &["title", "style", "script"];

/// Removes HTML tags, comments and doctypes; the content of `title`, `style` and `script`
/// goes too; block elements become line breaks.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut hidden: Option<&str> = None;
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        if hidden.is_none() {
            out.push_str(&rest[..lt]);
        }
        let after = &rest[lt + 1..];
        match tag_at(after) {
            Some((len, name, closing)) => {
                if let Some(h) = hidden {
                    if closing && name.eq_ignore_ascii_case(h) {
                        hidden = None;
                    }
                } else if let Some(h) = HIDDEN.iter().find(|h| name.eq_ignore_ascii_case(h)) {
                    if !closing {
                        hidden = Some(h);
                    }
                }
                if BLOCK.iter().any(|b| name.eq_ignore_ascii_case(b)) {
                    out.push('\n');
                }
                rest = &after[len..];
            }
            None => {
                if hidden.is_none() {
                    out.push('<');
                }
                rest = after;
            }
        }
    }
    if hidden.is_none() {
        out.push_str(rest);
    }
    out
}

/// When `s` (just after a `<`) starts a known tag, comment or doctype: its length up to and
/// including the `>`, its lower-cased name (empty for comments and doctypes) and whether it
/// closes.
fn tag_at(s: &str) -> Option<(usize, &'static str, bool)> {
    if let Some(body) = s.strip_prefix("!--") {
        let end = body.find("-->")?;
        return Some((3 + end + 3, "", false));
    }
    if s.starts_with('!') {
        let end = s.find('>')?;
        return Some((end + 1, "", false));
    }
    let (closing, body) = match s.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let name = &body[..name_len];
    let known = TAGS.iter().find(|t| name.eq_ignore_ascii_case(t))?;
    let after = &body[name_len..];
    if !(after.starts_with(['>', '/', ' ', '\t', '\n', '\r'])) {
        return None;
    }
    let end = after.find('>')?;
    Some((usize::from(closing) + name_len + end + 1, known, closing))
}

/// Decodes the entities fault pages use (`&lt;`, `&amp;`, `&#39;`, `&#x27;`, …); unknown
/// ones stay as written.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|&n| n <= 10).and_then(|semi| {
            let name = &after[..semi];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((ch, semi + 1))
        });
        match decoded {
            Some((ch, len)) => {
                out.push(ch);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A line that only repeats the HTTP status: `404 Not Found` (webob, glance) or the bare
/// reason phrase `Not Found` (swift's `<h1>Not Found</h1>` heading).
fn is_status_line(line: &str) -> bool {
    is_status_code_line(line) || is_reason_phrase(line)
}

fn is_reason_phrase(line: &str) -> bool {
    line.len() <= 40
        && (100u16..600)
            .filter_map(|c| http::StatusCode::from_u16(c).ok()?.canonical_reason())
            .any(|reason| reason.eq_ignore_ascii_case(line))
}

fn is_status_code_line(line: &str) -> bool {
    let mut parts = line.splitn(2, ' ');
    let code = parts.next().unwrap_or_default();
    code.len() == 3
        && code.bytes().all(|b| b.is_ascii_digit())
        && parts.next().is_some_and(|rest| {
            rest.chars()
                .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-')
        })
}

/// Characters that must not reach a terminal or a log line as they are: C0 and C1 controls
/// (ESC, CR, LF, NUL, DEL, NEL, …), line and paragraph separators, and the bidirectional
/// overrides and isolates ("trojan source").
fn dangerous(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `s` with dangerous characters escaped (`\u{1b}`, `\n`) and cut to `max` bytes (the
/// marker included) when longer. Idempotent: an inert string stays as it is.
pub(crate) fn inert(s: &str, max: usize) -> String {
    let mut out = String::new();
    // Infallible: fmt::Write for String.
    let _ = fmt::write(&mut out, format_args!("{}", Inert::new(s, max)));
    out
}

/// Displays a server-supplied string inert: dangerous characters escaped, at most `max`
/// bytes (the marker included).
pub(crate) struct Inert<'a> {
    text: &'a str,
    max: usize,
}

impl<'a> Inert<'a> {
    pub(crate) fn new(text: &'a str, max: usize) -> Self {
        Inert { text, max }
    }
}

fn escaped_len(c: char) -> usize {
    if dangerous(c) {
        c.escape_default().count()
    } else {
        c.len_utf8()
    }
}

fn write_char(f: &mut dyn fmt::Write, c: char) -> fmt::Result {
    if dangerous(c) {
        for e in c.escape_default() {
            f.write_char(e)?;
        }
        Ok(())
    } else {
        f.write_char(c)
    }
}

impl fmt::Display for Inert<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fits = {
            let mut total = 0;
            self.text.chars().all(|c| {
                total += escaped_len(c);
                total <= self.max
            })
        };
        if fits && !self.text.chars().any(dangerous) {
            return f.write_str(self.text);
        }
        let budget = if fits {
            usize::MAX
        } else {
            self.max.saturating_sub(TRUNCATED.len())
        };
        let mut used = 0;
        for c in self.text.chars() {
            used += escaped_len(c);
            if used > budget {
                break;
            }
            write_char(f, c)?;
        }
        if !fits {
            f.write_str(TRUNCATED)?;
        }
        Ok(())
    }
}

/// Like [`inert`], but a cut keeps the head and the tail (decoder messages end with the
/// line and column).
pub(crate) fn inert_middle(s: &str, max: usize) -> String {
    let whole = inert(s, usize::MAX);
    if whole.len() <= max {
        return whole;
    }
    let marker = " … [truncated] … ";
    let room = max.saturating_sub(marker.len());
    let head = floor_boundary(&whole, room * 3 / 4);
    let mut tail_start = whole.len() - (room - head.len());
    while !whole.is_char_boundary(tail_start) {
        tail_start += 1;
    }
    format!("{head}{marker}{}", &whole[tail_start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(body: &str) -> Fault {
        parse(body.as_bytes()).expect("fault")
    }

    #[test]
    fn nova_and_cinder() {
        let f =
            p(r#"{"itemNotFound": {"message": "Instance abc could not be found.", "code": 404}}"#);
        assert_eq!(f.kind.as_deref(), Some("itemNotFound"));
        assert_eq!(f.message, "Instance abc could not be found.");
        let f = p(r#"{"badRequest": {"code": 400, "message": "Invalid input received: size"}}"#);
        assert_eq!(f.kind.as_deref(), Some("badRequest"));
        assert_eq!(f.message, "Invalid input received: size");
    }

    #[test]
    fn neutron() {
        let f = p(
            r#"{"NeutronError": {"type": "NetworkInUse", "message": "Unable to complete operation on network x. There are one or more ports still in use on the network.", "detail": ""}}"#,
        );
        assert_eq!(f.kind.as_deref(), Some("NetworkInUse"));
        assert!(f
            .message
            .starts_with("Unable to complete operation on network x."));
    }

    #[test]
    fn keystone() {
        let f = p(
            r#"{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}"#,
        );
        assert_eq!(f.kind.as_deref(), Some("Unauthorized"));
        assert_eq!(
            f.message,
            "The request you have made requires authentication."
        );
    }

    #[test]
    fn heat() {
        let f = p(
            r#"{"explanation": "The resource could not be found.", "code": 404, "error": {"message": "The Stack (nope) could not be found.", "traceback": null, "type": "EntityNotFound"}, "title": "Not Found"}"#,
        );
        assert_eq!(f.kind.as_deref(), Some("EntityNotFound"));
        assert_eq!(f.message, "The Stack (nope) could not be found.");
    }

    #[test]
    fn octavia() {
        let f = p(
            r#"{"faultcode": "Client", "faultstring": "Load Balancer 123 could not be found.", "debuginfo": null}"#,
        );
        assert_eq!(f.kind.as_deref(), Some("Client"));
        assert_eq!(f.message, "Load Balancer 123 could not be found.");
    }

    #[test]
    fn placement_and_magnum() {
        let f = p(
            r#"{"errors": [{"status": 404, "title": "Not Found", "detail": "The resource could not be found.\n\n No resource provider with uuid x found  ", "request_id": "req-1"}]}"#,
        );
        assert!(f.message.contains("No resource provider with uuid x found"));
        let f = p(
            r#"{"errors": [{"request_id": "", "code": "client", "status": 404, "title": "Cluster x could not be found", "detail": "Cluster x could not be found.", "links": []}]}"#,
        );
        assert_eq!(f.kind.as_deref(), Some("client"));
        assert_eq!(f.message, "Cluster x could not be found.");
    }

    #[test]
    fn glance_html_and_text() {
        let f = p("<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID 123<br /><br />\n\n\n\n </body>\n</html>");
        assert_eq!(f.kind, None);
        assert_eq!(f.message, "No image found with ID 123");
        let f = p(
            "409 Conflict\n\nImage status transition from active to active is not allowed\n\n   ",
        );
        assert_eq!(
            f.message,
            "Image status transition from active to active is not allowed"
        );
    }

    /// Swift answers with small HTML pages whose `<h1>` only repeats the reason phrase,
    /// or with plain text; these are real bodies from Swift 2.38.
    #[test]
    fn swift_pages_lose_the_heading_that_repeats_the_status() {
        let f = p("<html><h1>Not Found</h1><p>The resource could not be found.</p></html>");
        assert_eq!(f.kind, None);
        assert_eq!(f.message, "The resource could not be found.");
        let f = p("<html><h1>Conflict</h1><p>There was a conflict when trying to complete your request.</p></html>");
        assert_eq!(
            f.message,
            "There was a conflict when trying to complete your request."
        );
        let f = p("<html><h1>Precondition Failed</h1><p>A precondition for this request was not met.</p></html>");
        assert_eq!(f.message, "A precondition for this request was not met.");
        assert_eq!(p("X-Delete-At in past").message, "X-Delete-At in past");
        assert_eq!(
            p("Missing Content-Length header.").message,
            "Missing Content-Length header."
        );
        // A page that is nothing but the heading keeps it.
        assert_eq!(p("<html><h1>Conflict</h1></html>").message, "Conflict");
        // A reason phrase inside a sentence stays.
        assert_eq!(p("Not Found here").message, "Not Found here");
    }

    #[test]
    fn empty_and_garbage() {
        assert_eq!(parse(b"  \n"), None);
        assert_eq!(
            p("{\"weird\": true, \"x\": 1}").message,
            "{\"weird\": true, \"x\": 1}"
        );
        let long = "x".repeat(5000);
        assert!(p(&long).message.len() <= 1004);
    }

    /// Glance answers `Accept: application/json` with webob's JSON, whose message still
    /// holds the HTML page's `<br /><br />` and newlines.
    #[test]
    fn glance_json_message_loses_its_html_and_newlines() {
        let f = p(
            r#"{"message": "The resource could not be found.<br /><br />\nNo image found with ID 1c0b5a6e-0f6a-4d8e-9b1b-2a7d3c4b5e6f\n\n   ", "code": "404 Not Found", "title": "Not Found"}"#,
        );
        assert_eq!(
            f.message,
            "The resource could not be found. No image found with ID 1c0b5a6e-0f6a-4d8e-9b1b-2a7d3c4b5e6f"
        );
        // A real Glance 404 body, byte for byte.
        let f = p(
            r#"{"message": "No image found with ID 00000000-0000-0000-0000-000000000000<br /><br />\n\n\n", "code": "404 Not Found", "title": "Not Found"}"#,
        );
        assert_eq!(
            f.message,
            "No image found with ID 00000000-0000-0000-0000-000000000000"
        );
    }

    #[test]
    fn json_and_html_bodies_with_the_same_text_give_the_same_message() {
        let html = "<html><head><title>409 Conflict</title></head><body><h1>409 Conflict</h1>There was a conflict when trying to complete your request.<br /><br />\nImage status transition from &lt;active&gt; to &#39;active&#39; is not allowed\n\n</body></html>";
        let json = serde_json::json!({"message": html}).to_string();
        let expected = "There was a conflict when trying to complete your request. Image status transition from <active> to 'active' is not allowed";
        assert_eq!(p(html).message, expected);
        assert_eq!(p(&json).message, expected);
    }

    #[test]
    fn whitespace_collapses_and_angle_bracket_placeholders_stay() {
        let f = p(
            r#"{"badRequest": {"code": 400, "message": "Invalid input for field/attribute <name>.\r\n\tValue:   x. <!-- note --> 5 < 6 and a<b"}}"#,
        );
        assert_eq!(
            f.message,
            "Invalid input for field/attribute <name>. Value: x. 5 < 6 and a<b"
        );
    }

    #[test]
    fn a_five_mebibyte_json_message_is_cut_to_the_limit_with_a_marker() {
        let body =
            serde_json::json!({"itemNotFound": {"message": "y".repeat(5 << 20), "code": 404}})
                .to_string();
        let f = p(&body);
        assert!(f.message.len() <= MAX_MESSAGE_LEN, "{}", f.message.len());
        assert!(f.message.ends_with(TRUNCATED), "{}", &f.message[900..]);
        assert!(f.message.starts_with("yyyy"));
        // Text bodies too, whatever their size.
        let f = p(&"z ".repeat(3 << 20));
        assert!(f.message.len() <= MAX_MESSAGE_LEN && f.message.ends_with(TRUNCATED));
    }

    #[test]
    fn control_characters_from_the_server_are_escaped_never_passed_on() {
        let body = serde_json::json!({"NeutronError": {
            "type": "Bad\u{1b}[31mType\r\nX",
            "message": "Port\u{1b}[2J\u{1b}]0;owned\u{7}\r\nINFO fake log line\u{0}\u{7f}\u{85}\u{2028}\u{202e}evil",
        }})
        .to_string();
        let f = p(&body);
        assert!(!f.message.chars().any(dangerous), "{:?}", f.message);
        assert!(!f.kind.as_deref().unwrap().chars().any(dangerous));
        assert_eq!(
            f.message,
            "Port\\u{1b}[2J\\u{1b}]0;owned\\u{7} INFO fake log line\\u{0}\\u{7f} \\u{202e}evil"
        );
        assert_eq!(f.kind.as_deref(), Some("Bad\\u{1b}[31mType\\r\\nX"));
    }

    #[test]
    fn inert_is_idempotent_and_bounded() {
        for s in [
            "plain",
            "a\u{1b}b\nc",
            &"é".repeat(2000),
            &"\u{1b}".repeat(500),
        ] {
            let once = inert(s, 100);
            assert!(once.len() <= 100, "{once}");
            assert_eq!(inert(&once, 100), once);
            assert!(!once.chars().any(dangerous));
        }
        let m = inert_middle(
            &format!("{}\u{1b} at line 1 column 9", "q".repeat(5000)),
            200,
        );
        assert!(m.len() <= 200 && m.ends_with("at line 1 column 9"), "{m}");
    }
}
