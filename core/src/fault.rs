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

use serde_json::Value;

/// The message and, where the body names one, the kind of a fault.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fault {
    /// The fault's kind: nova's wrapper key (`itemNotFound`), neutron's or heat's `type`,
    /// keystone's `title`, octavia's `faultcode`.
    pub kind: Option<String>,
    /// The human-readable message, as the server wrote it.
    pub message: String,
}

/// Extracts a [`Fault`] from an error body. Never fails: an unrecognised body gives its
/// (trimmed, shortened) text as the message, an empty body gives `None`.
pub fn parse(body: &[u8]) -> Option<Fault> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    if let Ok(value) = serde_json::from_slice::<Value>(body) {
        if let Some(fault) = from_json(&value) {
            return Some(fault);
        }
    }
    let text = String::from_utf8_lossy(body);
    Some(Fault {
        kind: None,
        message: from_text(&text),
    })
}

fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

fn from_json(v: &Value) -> Option<Fault> {
    let obj = v.as_object()?;
    // octavia / wsme
    if let Some(msg) = str_at(v, "faultstring") {
        return Some(Fault {
            kind: str_at(v, "faultcode").map(str::to_owned),
            message: msg.to_owned(),
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
        return Some(Fault {
            kind: str_at(first, "code")
                .or_else(|| str_at(first, "title"))
                .map(str::to_owned),
            message: message.to_owned(),
        });
    }
    // keystone and heat: {"error": {...}} (heat adds "explanation" and "title" beside it)
    if let Some(err) = v.get("error").filter(|e| e.is_object()) {
        let message = str_at(err, "message")
            .or_else(|| str_at(v, "explanation"))
            .unwrap_or_default();
        let kind = str_at(err, "type").or_else(|| str_at(err, "title"));
        return Some(Fault {
            kind: kind.map(str::to_owned),
            message: message.to_owned(),
        });
    }
    // nova, cinder, neutron: {"<kind>": {"message": ...}}
    if obj.len() == 1 {
        let (key, inner) = obj.iter().next()?;
        if let Some(msg) = str_at(inner, "message") {
            let kind = str_at(inner, "type").unwrap_or(key);
            return Some(Fault {
                kind: Some(kind.to_owned()),
                message: msg.to_owned(),
            });
        }
    }
    // bare {"message": ...} / {"explanation": ...} / {"error_message": ...}
    for key in [
        "message",
        "explanation",
        "error_message",
        "detail",
        "description",
    ] {
        if let Some(msg) = str_at(v, key) {
            return Some(Fault {
                kind: None,
                message: msg.to_owned(),
            });
        }
    }
    None
}

/// Text or HTML bodies (glance, webob, proxies): strip tags, drop the status line that
/// repeats the HTTP status, join what is left.
fn from_text(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut in_tag = false;
    let mut in_title = false;
    let lower = text.to_ascii_lowercase();
    for (idx, ch) in text.char_indices() {
        match ch {
            '<' => {
                in_tag = true;
                if lower[idx..].starts_with("<title") {
                    in_title = true;
                } else if lower[idx..].starts_with("</title") {
                    in_title = false;
                } else if lower[idx..].starts_with("<br") {
                    plain.push('\n');
                }
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag || in_title => {}
            _ => plain.push(ch),
        }
    }
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
    let mut msg = chosen.join(" ");
    if msg.len() > 1000 {
        let mut cut = 1000;
        while !msg.is_char_boundary(cut) {
            cut -= 1;
        }
        msg.truncate(cut);
        msg.push('…');
    }
    msg
}

fn is_status_line(line: &str) -> bool {
    let mut parts = line.splitn(2, ' ');
    let code = parts.next().unwrap_or_default();
    code.len() == 3
        && code.bytes().all(|b| b.is_ascii_digit())
        && parts.next().is_some_and(|rest| {
            rest.chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        })
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
}
