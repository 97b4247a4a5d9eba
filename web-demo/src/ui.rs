//! HTML building blocks of the dashboard: escaping, status badges, the one generic
//! table, field lists for detail views, form controls and error boxes.
//!
//! Everything here is a pure function from data to an HTML string, so it is unit-tested
//! natively; the browser side only swaps strings into the page and delegates events
//! through `data-act` attributes (one listener per event type for the whole page).

use std::fmt::Write;

use ferrocloud::{Error, TransportErrorKind};
use serde_json::Value;

/// Escapes `s` for use in HTML text and in double-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The colour family of a status badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Healthy and usable (`ACTIVE`, `available`, `in-use`).
    Good,
    /// Work in progress (`BUILD`, `creating`, `queued`, `REBOOT`).
    Busy,
    /// Failed (`ERROR`, `error_deleting`, `killed`).
    Bad,
    /// Stopped or down (`SHUTOFF`, `DOWN`, `deactivated`).
    Off,
}

/// The tone of an OpenStack status, whatever the service and its spelling.
pub fn tone(status: &str) -> Tone {
    let s = status.to_ascii_lowercase();
    if s.contains("error") || s == "killed" || s == "failed" || s.ends_with("_failed") {
        Tone::Bad
    } else if matches!(
        s.as_str(),
        "active" | "available" | "in-use" | "up" | "success" | "create_complete"
    ) {
        Tone::Good
    } else if matches!(
        s.as_str(),
        "shutoff" | "down" | "deactivated" | "suspended" | "paused" | "stopped" | "deleted"
    ) {
        Tone::Off
    } else {
        Tone::Busy
    }
}

/// A status badge; `id` (when given) lets live updates replace it in place.
pub fn badge(status: &str) -> String {
    let class = match tone(status) {
        Tone::Good => "good",
        Tone::Busy => "busy",
        Tone::Bad => "bad",
        Tone::Off => "off",
    };
    format!("<span class=\"badge {class}\">{}</span>", esc(status))
}

/// One table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Plain text.
    Text(String),
    /// A status, shown as a badge.
    Status(String),
}

impl Cell {
    /// Text from an optional value (`—` when absent).
    pub fn opt(v: Option<impl ToString>) -> Cell {
        Cell::Text(v.map_or_else(|| "—".to_owned(), |v| v.to_string()))
    }
}

/// One row of a resource table: the id (for actions and details) and the cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The resource id.
    pub id: String,
    /// The cells, in column order.
    pub cells: Vec<Cell>,
}

/// An action button: `data-act` and its label.
pub type Action = (&'static str, &'static str);

/// A button that fires `act` for `id` through the page's click delegation.
pub fn button(act: &str, id: &str, label: &str, class: &str) -> String {
    format!(
        "<button type=\"button\" class=\"{class}\" data-act=\"{}\" data-id=\"{}\">{}</button>",
        esc(act),
        esc(id),
        esc(label)
    )
}

/// The generic resource table: header, rows (the first column links to the detail view),
/// per-row action buttons and the pager.
pub fn table(
    kind: &str,
    cols: &[&str],
    rows: &[Row],
    actions: &[Action],
    page: usize,
    more: bool,
) -> String {
    let mut h = String::from("<div class=\"scroll\"><table><thead><tr>");
    for c in cols {
        let _ = write!(h, "<th>{}</th>", esc(c));
    }
    if !actions.is_empty() {
        h.push_str("<th>Actions</th>");
    }
    h.push_str("</tr></thead><tbody>");
    if rows.is_empty() {
        let _ = write!(
            h,
            "<tr><td colspan=\"{}\" class=\"empty\">Nothing here yet.</td></tr>",
            cols.len() + 1
        );
    }
    for r in rows {
        let _ = write!(h, "<tr data-row=\"{}\">", esc(&r.id));
        for (i, c) in r.cells.iter().enumerate() {
            let inner = match c {
                Cell::Text(t) => esc(t),
                Cell::Status(s) => badge(s),
            };
            if i == 0 {
                let _ = write!(
                    h,
                    "<td><a href=\"#\" data-act=\"detail\" data-id=\"{}\">{inner}</a></td>",
                    esc(&r.id)
                );
            } else if matches!(c, Cell::Status(_)) {
                let _ = write!(h, "<td class=\"st\">{inner}</td>");
            } else {
                let _ = write!(h, "<td>{inner}</td>");
            }
        }
        if !actions.is_empty() {
            h.push_str("<td class=\"acts\">");
            for (act, label) in actions {
                let class = if *act == "delete" {
                    "small danger"
                } else {
                    "small"
                };
                h.push_str(&button(act, &r.id, label, class));
            }
            h.push_str("</td>");
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></div><div class=\"pager\">");
    if page > 0 {
        h.push_str(&button("prev", kind, "← Previous", "small"));
    }
    let _ = write!(h, "<span>page {}</span>", page + 1);
    if more {
        h.push_str(&button("next", kind, "Next →", "small"));
    }
    h.push_str("</div>");
    h
}

/// A field list of a resource for its detail view: top-level fields in order, nested
/// values as compact JSON, `null`s left out.
pub fn fields(v: &Value) -> String {
    let mut h = String::from("<dl class=\"fields\">");
    if let Value::Object(map) = v {
        for (k, v) in map {
            let text = match v {
                Value::Null => continue,
                Value::String(s) => s.clone(),
                Value::Array(a) if a.is_empty() => continue,
                Value::Object(o) if o.is_empty() => continue,
                other => other.to_string(),
            };
            let _ = write!(h, "<dt>{}</dt><dd>", esc(k));
            if k == "status" {
                h.push_str(&badge(&text));
            } else {
                h.push_str(&esc(&text));
            }
            h.push_str("</dd>");
        }
    }
    h.push_str("</dl>");
    h
}

/// A labelled text input; the page reads it back by `id`.
pub fn input(id: &str, label: &str, kind: &str, value: &str) -> String {
    format!(
        "<label>{}<input id=\"{id}\" name=\"{id}\" type=\"{kind}\" value=\"{}\" autocomplete=\"off\"></label>",
        esc(label),
        esc(value)
    )
}

/// A labelled select of `(value, text)` options.
pub fn select(id: &str, label: &str, options: &[(String, String)], selected: &str) -> String {
    let mut h = format!("<label>{}<select id=\"{id}\" name=\"{id}\">", esc(label));
    for (v, t) in options {
        let sel = if v == selected { " selected" } else { "" };
        let _ = write!(h, "<option value=\"{}\"{sel}>{}</option>", esc(v), esc(t));
    }
    h.push_str("</select></label>");
    h
}

/// What went wrong, ready to show: OpenStack's own message, its request id, and a hint
/// when the fix is known (CORS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Short headline.
    pub title: String,
    /// The server's (or the SDK's) message.
    pub message: String,
    /// `X-Openstack-Request-Id`, to look up in the service logs.
    pub request_id: Option<String>,
    /// How to fix it, when known.
    pub hint: Option<String>,
}

/// Turns an error into a [`Problem`]; `origin` is the dashboard's own origin, quoted in
/// the CORS fix.
pub fn problem(err: &Error, origin: &str) -> Problem {
    match err {
        Error::Http(h) => Problem {
            title: format!("{} {}", h.status.as_u16(), h.status.canonical_reason().unwrap_or("error")),
            message: if h.message().is_empty() {
                format!("{} {}", h.method, h.url)
            } else {
                h.message().to_owned()
            },
            request_id: h.request_id.clone(),
            hint: None,
        },
        Error::Transport(t) if t.kind == TransportErrorKind::CorsOrNetwork => Problem {
            title: "The browser could not reach the cloud (CORS or network)".into(),
            message: t.message.clone(),
            request_id: None,
            hint: Some(format!(
                "Either the service is down, or it does not allow this page's origin ({origin}). \
                 Allow it on every OpenStack service: set [cors] allowed_origin = {origin} \
                 (or the environment variable OS_CORS__ALLOWED_ORIGIN={origin}) and restart them; \
                 Keystone must also expose X-Subject-Token ([cors] expose_headers, in its \
                 defaults). The local cloud's start.sh does this (OSCLOUD_CORS_ORIGIN, '*' by default)."
            )),
        },
        other => Problem {
            title: "Request failed".into(),
            message: other.to_string(),
            request_id: other.request_id().map(str::to_owned),
            hint: None,
        },
    }
}

/// The error box for a [`Problem`].
pub fn problem_html(p: &Problem) -> String {
    let mut h = format!(
        "<div class=\"problem\" role=\"alert\"><strong>{}</strong><p class=\"msg\">{}</p>",
        esc(&p.title),
        esc(&p.message)
    );
    if let Some(id) = &p.request_id {
        let _ = write!(
            h,
            "<p class=\"rid\">Request id: <code>{}</code></p>",
            esc(id)
        );
    }
    if let Some(hint) = &p.hint {
        let _ = write!(h, "<p class=\"hint\">{}</p>", esc(hint));
    }
    h.push_str(&button("dismiss", "", "Dismiss", "small"));
    h.push_str("</div>");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn tones_cover_every_service_spelling() {
        assert_eq!(tone("ACTIVE"), Tone::Good);
        assert_eq!(tone("in-use"), Tone::Good);
        assert_eq!(tone("BUILD"), Tone::Busy);
        assert_eq!(tone("creating"), Tone::Busy);
        assert_eq!(tone("ERROR"), Tone::Bad);
        assert_eq!(tone("error_deleting"), Tone::Bad);
        assert_eq!(tone("SHUTOFF"), Tone::Off);
        assert_eq!(tone("DOWN"), Tone::Off);
        assert!(badge("ERROR").contains("class=\"badge bad\""));
    }

    #[test]
    fn table_escapes_cells_and_wires_actions() {
        let rows = vec![Row {
            id: "id-1".into(),
            cells: vec![
                Cell::Text("<b>web</b>".into()),
                Cell::Status("ACTIVE".into()),
            ],
        }];
        let h = table(
            "servers",
            &["Name", "Status"],
            &rows,
            &[("delete", "Delete")],
            0,
            true,
        );
        assert!(h.contains("&lt;b&gt;web&lt;/b&gt;"));
        assert!(!h.contains("<b>web"));
        assert!(h.contains("data-act=\"detail\" data-id=\"id-1\""));
        assert!(h.contains("data-act=\"delete\" data-id=\"id-1\""));
        assert!(h.contains("data-act=\"next\""));
        assert!(!h.contains("data-act=\"prev\""));
        let empty = table("servers", &["Name"], &[], &[], 1, false);
        assert!(empty.contains("Nothing here yet."));
        assert!(empty.contains("data-act=\"prev\""));
    }

    #[test]
    fn fields_skip_nulls_and_badge_the_status() {
        let v = serde_json::json!({"id": "x", "name": null, "status": "available", "tags": [], "meta": {"a": 1}});
        let h = fields(&v);
        assert!(!h.contains(">name<"));
        assert!(!h.contains(">tags<"));
        assert!(h.contains("badge good"));
        assert!(h.contains("{&quot;a&quot;:1}"));
    }

    #[test]
    fn http_problem_keeps_message_and_request_id() {
        let resp = http::Response::builder()
            .status(409)
            .header("X-Openstack-Request-Id", "req-7")
            .body(bytes::Bytes::from_static(
                br#"{"conflictingRequest": {"message": "Cannot 'stop' instance while it is in vm_state stopped", "code": 409}}"#,
            ))
            .unwrap();
        let err = Error::from_response(&http::Method::POST, "http://nova/servers/x/action", &resp);
        let p = problem(&err, "http://127.0.0.1:8000");
        assert_eq!(p.title, "409 Conflict");
        assert_eq!(
            p.message,
            "Cannot 'stop' instance while it is in vm_state stopped"
        );
        assert_eq!(p.request_id.as_deref(), Some("req-7"));
        let h = problem_html(&p);
        assert!(h.contains("req-7") && h.contains("role=\"alert\""));
    }

    #[test]
    fn cors_problem_names_the_fix() {
        let err = Error::Transport(ferrocloud::TransportError::new(
            TransportErrorKind::CorsOrNetwork,
            "Failed to fetch",
        ));
        let p = problem(&err, "http://127.0.0.1:8000");
        let hint = p.hint.unwrap();
        assert!(hint.contains("allowed_origin = http://127.0.0.1:8000"));
        assert!(hint.contains("OS_CORS__ALLOWED_ORIGIN"));
    }
}
