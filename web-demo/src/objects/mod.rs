//! The object storage (Swift) page (wasm32 only): containers, pseudo-folders, uploads
//! from the browser's `File`s in chunks (segmented above [`SEGMENTED_ABOVE`]), downloads
//! through the token, metadata, the public read ACL and temporary links.
//!
//! Listings are read as JSON values (one decoder for everything, as the other tables),
//! paged by marker: [`Entry`] names the marker (an object's name or a folder's `subdir`).
//!
//! CORS: Swift's own CORS covers containers and objects; the account (container listing,
//! bulk delete, temp URL keys) goes through the proxy's oslo `cors` filter, which does not
//! expose `X-Account-Meta-Temp-URL-Key` nor `X-Container-Read`. So a temp link uses the
//! account's key when the browser can read it and otherwise the container's own key
//! (set when missing), and public access is checked by an anonymous request.

use std::cell::RefCell;
use std::fmt::Write;

use bytes::Bytes;
use ferrocloud::object_storage::{containers, metadata_from_headers, objects};
use ferrocloud::{
    Error, HasId, List, Op, Page, Paginated, Patch, ServiceEndpoint, TransportError,
    TransportErrorKind,
};
use futures::StreamExt;
use serde::Deserialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Element, Event, File, HtmlInputElement};

use crate::api::{Cloud, Obj, Pages, PAGE};
use crate::app::{self, Tx};
use crate::ui::{self, esc, Cell, Row};

mod links;
mod remove;
mod transfer;

use links::temp_link;
use remove::{delete_container, delete_objects};
use transfer::{download, upload};

/// Files larger than this are uploaded as a static large object, in segments.
pub const SEGMENTED_ABOVE: u64 = 8 << 20;
/// Bytes per segment of a segmented upload.
pub const SEGMENT: u64 = 8 << 20;
/// Bytes read from a `File` at a time (`Blob.slice`).
const CHUNK: u64 = 1 << 20;
/// The read ACL of a public container: anyone reads objects and lists names.
const PUBLIC_ACL: &str = ".r:*,.rlistings";

/// A listing item read as JSON; its marker is the object's name or the folder's `subdir`.
#[derive(Deserialize)]
#[serde(transparent)]
struct Entry(Value);

impl HasId for Entry {
    fn id(&self) -> Option<&str> {
        self.0
            .get("name")
            .or_else(|| self.0.get("subdir"))
            .and_then(Value::as_str)
    }
}

/// A listing's pages as rows: the id is the marker (name, or a folder's `subdir`), the
/// cells are the kind (`dir`, `slo`, `obj`, or `c` for a container), bytes, object
/// count, content type and last change. Made while parsing, so the page shares the
/// other tables' paging stream (see [`crate::api::pages_of`]).
struct Listing(List<Entry>);

impl Paginated for Listing {
    type Item = Row;
    fn first_request(&self, svc: &ServiceEndpoint) -> Result<http::Request<Bytes>, Error> {
        self.0.first_request(svc)
    }
    fn parse_page(
        &self,
        svc: &ServiceEndpoint,
        request: &http::Request<Bytes>,
        resp: http::Response<Bytes>,
    ) -> Result<Page<Row>, Error> {
        let page = self.0.parse_page(svc, request, resp)?;
        let row = |e: &Entry| {
            let v = &e.0;
            let kind = if v.get("subdir").is_some() {
                "dir"
            } else if v.get("slo_etag").is_some() {
                "slo"
            } else if v.get("count").is_some() {
                "c"
            } else {
                "obj"
            };
            let ctype = s(v, "content_type").split(';').next().unwrap_or_default();
            Row {
                id: e.id().unwrap_or_default().to_owned(),
                cells: [
                    kind.to_owned(),
                    n(v, "bytes").to_string(),
                    n(v, "count").to_string(),
                    ctype.to_owned(),
                    s(v, "last_modified").chars().take(19).collect(),
                ]
                .into_iter()
                .map(Cell::Text)
                .collect(),
            }
        };
        Ok(Page {
            items: page.items.iter().map(row).collect(),
            next: page.next,
        })
    }
}

fn cell(r: &Row, i: usize) -> &str {
    match r.cells.get(i) {
        Some(Cell::Text(t) | Cell::Status(t)) => t,
        None => "",
    }
}

fn num(r: &Row, i: usize) -> u64 {
    cell(r, i).parse().unwrap_or_default()
}

#[derive(Default)]
struct St {
    /// The page is on screen.
    on: bool,
    /// The container open (`None`: the list of containers).
    container: Option<String>,
    /// The pseudo-folder open (`""` or ending in `/`).
    prefix: String,
    pages: Vec<(Vec<Row>, bool)>,
    at: usize,
    rest: Option<Pages>,
    /// The last download's Blob URL (revoked at the next one).
    blob_url: Option<String>,
    next_upload: u32,
    listening: bool,
}

thread_local! {
    static O: RefCell<St> = RefCell::new(St::default());
}

fn with<R>(f: impl FnOnce(&mut St) -> R) -> R {
    O.with(|s| f(&mut s.borrow_mut()))
}

fn js_err(e: JsValue) -> Error {
    let msg = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| format!("{e:?}"));
    Error::Transport(TransportError::new(TransportErrorKind::Other, msg))
}

/// `bytes` in binary units with one decimal, in integers (no float formatting code).
fn human(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut u = 0;
    while u < 4 && bytes >= 1024 << (10 * u) {
        u += 1;
    }
    if u == 0 {
        return format!("{bytes} B");
    }
    let tenths = (bytes * 10 + (512 << (10 * (u - 1)))) >> (10 * u);
    format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[u])
}

fn n(v: &Value, key: &str) -> u64 {
    v.get(key).and_then(Value::as_u64).unwrap_or_default()
}

// Every call reads its answer as `()` or as JSON: a typed output instantiates its serde
// decoder and one more copy of the call machinery (3–17 KB each in the bundle).

fn unit<T>(op: Op<T>) -> Op<()> {
    op.decode_with(|_| Ok(()))
}

/// The answer's headers: `{"meta": {custom metadata, decoded}, "etag": "…"}`.
fn meta<T>(op: Op<T>) -> Op<Obj> {
    op.decode_with(|resp| {
        let h = resp.headers();
        let mut m = serde_json::Map::new();
        for prefix in ["x-container-meta-", "x-account-meta-"] {
            for (k, v) in metadata_from_headers(h, prefix) {
                m.insert(k, Value::String(v));
            }
        }
        let etag = h
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .trim_matches('"');
        Ok(Obj(serde_json::json!({"meta": m, "etag": etag})))
    })
}

/// A bulk operation's JSON report.
fn report<T>(op: Op<T>) -> Op<Obj> {
    op.decode_body()
}

thread_local! {
    /// The body [`body`] read, until the caller takes it (right after its call).
    static BODY: RefCell<Bytes> = const { RefCell::new(Bytes::new()) };
}

/// The answer's body, kept aside: downloads share `call`'s code (a streamed download
/// adds its own) at the price of holding the object whole, up to the transport's
/// `max_body` (64 MiB).
fn body<T>(op: Op<T>) -> Op<Obj> {
    op.decode_with(|resp| {
        BODY.with(|b| *b.borrow_mut() = resp.into_body());
        Ok(Obj::default())
    })
}

/// The metadata kept out of sight: the temp URL keys are secrets.
fn secret(key: &str) -> bool {
    key.starts_with("temp-url-key")
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// Whether the page is open (region and project switches re-read it).
pub(crate) fn is_open() -> bool {
    with(|s| s.on)
}

/// Leaves the page (another nav entry was chosen).
pub(crate) fn close() {
    with(|s| {
        s.on = false;
        s.container = None;
        s.rest = None;
    });
    if let Some(a) = app::el("nav-objects") {
        let _ = a.remove_attribute("class");
    }
}

/// Shows the list of containers.
pub(crate) fn open() {
    app::mark_nav("objects");
    let listen = with(|s| {
        s.on = true;
        s.container = None;
        s.prefix.clear();
        !std::mem::replace(&mut s.listening, true)
    });
    if listen {
        let d = app::doc();
        for ev in ["dragover", "drop"] {
            let cb = Closure::<dyn FnMut(Event)>::new(on_drag);
            let _ = d.add_event_listener_with_callback(ev, cb.as_ref().unchecked_ref());
            cb.forget();
        }
    }
    show();
}

/// Re-reads what is on screen (after a project or region switch, which redraws the nav).
pub(crate) fn reopen() {
    if let Some(a) = app::el("nav-objects") {
        let _ = a.set_attribute("class", "cur");
    }
    show();
}

/// Renders the current view and starts reading its first page.
fn show() {
    let (container, prefix) = with(|s| (s.container.clone(), s.prefix.clone()));
    let mut h = String::new();
    match &container {
        None => {
            let _ = write!(
                h,
                "<div class=\"bar\"><h2>Object storage</h2>{}</div>\
                 <div id=\"forms\"><form class=\"card form\" data-act=\"o-create\"><h3>Create a container</h3>\
                 <div class=\"grid\">{}</div><button type=\"submit\" class=\"primary\">Create</button></form></div>",
                ui::button("o-refresh", "", "Refresh", "small"),
                ui::input("o_name", "Container name", "text", "")
            );
        }
        Some(c) => {
            h.push_str("<nav class=\"crumbs\" aria-label=\"Breadcrumbs\">");
            h.push_str(&ui::button("o-home", "", "Containers", "link"));
            let _ = write!(h, " / {}", ui::button("o-crumb", "", c, "link"));
            let mut at = String::new();
            for part in prefix.split_terminator('/') {
                at.push_str(part);
                at.push('/');
                let _ = write!(h, " / {}", ui::button("o-crumb", &at, part, "link"));
            }
            let _ = write!(
                h,
                "</nav><div class=\"bar\"><h2>{}</h2>{}</div>\
                 <div id=\"forms\"><div class=\"card form o-drop\" id=\"o-drop\"><h3>Upload</h3>\
                 <label for=\"o-files\">Files (or drop them anywhere on the page)</label>\
                 <input type=\"file\" id=\"o-files\" multiple>\
                 <p class=\"fine\">Files above {} go up as a segmented upload ({} segments).</p>\
                 <div id=\"o-up\"></div></div>\
                 <div class=\"card form\"><h3>Access</h3><div id=\"o-acl\"><p class=\"fine\">Checking…</p></div></div>\
                 <div class=\"card form\"><h3>Metadata</h3><div id=\"o-meta\"><p class=\"fine\">Loading…</p></div>\
                 <form data-act=\"o-madd\"><div class=\"grid\">{}{}</div><button type=\"submit\">Add</button></form></div>\
                 <form class=\"card form\" data-act=\"o-folder\"><h3>Folder</h3><div class=\"grid\">{}</div>\
                 <button type=\"submit\">Open</button></form>\
                 <div id=\"o-share\"></div><div id=\"o-dl\"></div></div>\
                 <div class=\"bar\">{}</div>",
                esc(&format!("{c}/{prefix}")),
                ui::button("o-refresh", "", "Refresh", "small"),
                human(SEGMENTED_ABOVE),
                human(SEGMENT),
                ui::input("o_mk", "Key", "text", ""),
                ui::input("o_mv", "Value", "text", ""),
                ui::input("o_folder", "New folder name", "text", ""),
                ui::button("o-delsel", "", "Delete selected", "small danger"),
            );
        }
    }
    h.push_str("<div id=\"tbl\"><p class=\"fine\">Loading…</p></div>");
    app::set_html("main", &h);
    if let Some(c) = container {
        container_info(c);
    }
    reload();
}

/// Re-reads the first page of the table.
fn reload() {
    let Some((cloud, epoch)) = app::cloud() else {
        return;
    };
    let (container, prefix) = with(|s| (s.container.clone(), s.prefix.clone()));
    let swift = cloud.svc(cloud.client.object_storage());
    let list = Listing(match &container {
        None => containers::list(&containers::ListContainers {
            limit: Some(PAGE),
            ..Default::default()
        })
        .items_as::<Entry>(),
        Some(c) => objects::list(
            c,
            &objects::ListObjects {
                limit: Some(PAGE),
                delimiter: Some('/'),
                prefix: (!prefix.is_empty()).then_some(prefix),
                ..Default::default()
            },
        )
        .items_as::<Entry>(),
    });
    let pages: Pages = crate::api::pages_of(swift, Box::new(list));
    with(|s| {
        s.pages.clear();
        s.at = 0;
        s.rest = Some(pages);
    });
    wasm_bindgen_futures::spawn_local(fetch_next(epoch));
}

async fn fetch_next(epoch: u32) {
    let Some(mut rest) = with(|s| s.rest.take()) else {
        return;
    };
    let page = rest.next().await;
    if app::current_epoch() != epoch || !is_open() {
        return;
    }
    match page {
        Some(Ok((rows, more))) => {
            with(|s| {
                s.pages.push((rows, more));
                s.at = s.pages.len() - 1;
                if more {
                    s.rest = Some(rest);
                }
            });
            render_table();
        }
        Some(Err(e)) => {
            app::set_html("tbl", "");
            app::show_problem(&e);
        }
        None => render_table(),
    }
}

fn turn(by: isize) {
    let fetch = with(|s| {
        let at = s.at as isize + by;
        if at < 0 {
            return None;
        }
        if (at as usize) < s.pages.len() {
            s.at = at as usize;
            Some(false)
        } else {
            Some(s.rest.is_some())
        }
    });
    match fetch {
        Some(true) => wasm_bindgen_futures::spawn_local(fetch_next(app::current_epoch())),
        Some(false) => render_table(),
        None => {}
    }
}

fn render_table() {
    let h = with(|st| {
        let empty = (Vec::new(), false);
        let (rows, more) = st.pages.get(st.at).unwrap_or(&empty);
        let more = *more || st.at + 1 < st.pages.len();
        let in_container = st.container.is_some();
        let cols: &[&str] = if in_container {
            &["Select", "Name", "Size", "Type", "Last modified", "Actions"]
        } else {
            &["Name", "Objects", "Size", "Access", "Actions"]
        };
        let mut h = String::from("<div class=\"scroll\"><table id=\"o-table\"><thead><tr>");
        for c in cols {
            let _ = write!(h, "<th>{c}</th>");
        }
        h.push_str("</tr></thead><tbody>");
        if rows.is_empty() {
            let _ = write!(
                h,
                "<tr><td colspan=\"{}\" class=\"empty\">Nothing here yet.</td></tr>",
                cols.len()
            );
        }
        for (i, r) in rows.iter().enumerate() {
            if !in_container {
                let name = r.id.as_str();
                let _ = write!(
                    h,
                    "<tr data-row=\"{0}\"><td>{1}</td><td>{2}</td><td>{3}</td><td id=\"o-pub-{i}\">…</td><td class=\"acts\">{4}</td></tr>",
                    esc(name),
                    ui::button("o-open", name, name, "link"),
                    num(r, 2),
                    human(num(r, 1)),
                    ui::button("o-delc", name, "Delete", "small danger"),
                );
            } else if cell(r, 0) == "dir" {
                let dir = r.id.as_str();
                let label = dir.strip_prefix(&st.prefix).unwrap_or(dir);
                let _ = write!(
                    h,
                    "<tr data-row=\"{}\"><td></td><td>📁 {}</td><td>—</td><td>folder</td><td></td><td></td></tr>",
                    esc(dir),
                    ui::button("o-crumb", dir, label, "link")
                );
            } else {
                let name = r.id.as_str();
                let label = name.strip_prefix(&st.prefix).unwrap_or(name);
                let slo = cell(r, 0) == "slo";
                let _ = write!(
                    h,
                    "<tr data-row=\"{0}\"><td><input type=\"checkbox\" class=\"o-sel\" value=\"{0}\"{1} aria-label=\"Select {0}\"></td>\
                     <td>{2}</td><td>{3}</td><td>{4}</td><td>{5}</td><td class=\"acts\">{6}{7}{8}</td></tr>",
                    esc(name),
                    if slo { " data-slo=\"1\"" } else { "" },
                    esc(label),
                    human(num(r, 1)),
                    esc(cell(r, 3)),
                    esc(cell(r, 4)),
                    ui::button("o-get", name, "Download", "small"),
                    ui::button("o-share", name, "Share", "small"),
                    ui::button(if slo { "o-delslo" } else { "o-del" }, name, "Delete", "small danger"),
                );
            }
        }
        h.push_str("</tbody></table></div><div class=\"pager\">");
        if st.at > 0 {
            h.push_str(&ui::button("o-prev", "", "← Previous", "small"));
        }
        let _ = write!(h, "<span>page {}</span>", st.at + 1);
        if more {
            h.push_str(&ui::button("o-next", "", "Next →", "small"));
        }
        h.push_str("</div>");
        let names: Vec<String> = if in_container {
            Vec::new()
        } else {
            rows.iter().map(|r| r.id.clone()).collect()
        };
        (h, names)
    });
    app::set_html("tbl", &h.0);
    // The access column: an anonymous request per container (the read ACL is not
    // readable from a browser, see the module's docs).
    let Some((cloud, epoch)) = app::cloud() else {
        return;
    };
    for (i, name) in h.1.into_iter().enumerate() {
        let cloud = cloud.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let public = is_public(&cloud, &name).await;
            if app::current_epoch() == epoch {
                app::set_html(
                    &format!("o-pub-{i}"),
                    match public {
                        Ok(true) => "public",
                        Ok(false) => "private",
                        Err(_) => "?",
                    },
                );
            }
        });
    }
}

/// Whether anyone can list `container`: its `HEAD` sent without credentials, through the
/// client's pipeline. Refused (401/403): private; any other error stays an error.
async fn is_public(cloud: &Cloud<Tx>, container: &str) -> Result<bool, Error> {
    let swift = cloud.svc(cloud.client.object_storage());
    match swift
        .call_anonymous(&unit(containers::get(container)))
        .await
    {
        Ok(()) => Ok(true),
        Err(e) if e.is_unauthorized() || e.is_forbidden() => Ok(false),
        Err(e) => Err(e),
    }
}

/// Fills the access and metadata cards of the open container.
fn container_info(container: String) {
    let Some((cloud, epoch)) = app::cloud() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let swift = cloud.svc(cloud.client.object_storage());
        let info = swift.call(&meta(containers::get(&container))).await;
        let public = is_public(&cloud, &container).await;
        let base = swift.service_client().await;
        if app::current_epoch() != epoch || !is_open() {
            return;
        }
        match info {
            Ok(c) => {
                let mut h = String::from("<dl class=\"fields\" id=\"o-md\">");
                let md = c.0["meta"].as_object().cloned().unwrap_or_default();
                let md: Vec<(String, Value)> = md.into_iter().filter(|(k, _)| !secret(k)).collect();
                for (k, v) in &md {
                    let _ = write!(
                        h,
                        "<dt>{}</dt><dd>{} {}</dd>",
                        esc(k),
                        esc(v.as_str().unwrap_or_default()),
                        ui::button("o-mdel", k, "Remove", "small")
                    );
                }
                if md.is_empty() {
                    h.push_str("<dt>—</dt><dd>no metadata</dd>");
                }
                h.push_str("</dl>");
                app::set_html("o-meta", &h);
            }
            Err(e) => app::show_problem(&e),
        }
        let public = public.unwrap_or(false);
        let url = base
            .ok()
            .and_then(|b| {
                Some(b.url(
                    &ferrocloud::path!("{}", &container).ok()?,
                    &Default::default(),
                ))
            })
            .unwrap_or_default();
        let h = if public {
            format!(
                "<p id=\"o-pubstate\" data-public=\"1\">Public: anyone can read and list it at \
                 <code id=\"o-puburl\">{}</code></p>{}",
                esc(&url),
                ui::button("o-acl", "0", "Make private", "small")
            )
        } else {
            format!(
                "<p id=\"o-pubstate\" data-public=\"0\">Private: only this project reads it.</p>{}",
                ui::button("o-acl", "1", "Make public", "small")
            )
        };
        app::set_html("o-acl", &h);
    });
}

fn current() -> Option<String> {
    with(|s| s.container.clone())
}

/// A click on a `data-act="o-…"` element.
pub(crate) fn click(act: &str, id: &str) {
    let id = id.to_owned();
    match act {
        "o-nav" | "o-home" => open(),
        "o-refresh" => show(),
        "o-next" => turn(1),
        "o-prev" => turn(-1),
        "o-open" => {
            with(|s| {
                s.container = Some(id);
                s.prefix.clear();
            });
            show();
        }
        "o-crumb" => {
            with(|s| s.prefix = id);
            show();
        }
        "o-delc" => delete_container(id),
        "o-del" | "o-delslo" => delete_objects(vec![(id, act == "o-delslo")]),
        "o-delsel" => {
            let mut picked = Vec::new();
            if let Ok(list) = app::doc().query_selector_all("input.o-sel:checked") {
                for i in 0..list.length() {
                    if let Some(b) = list
                        .item(i)
                        .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
                    {
                        picked.push((b.value(), b.has_attribute("data-slo")));
                    }
                }
            }
            if !picked.is_empty() {
                delete_objects(picked);
            }
        }
        "o-get" => download(id),
        "o-share" => {
            let h = format!(
                "<form class=\"card form\" data-act=\"o-link\" data-id=\"{0}\" id=\"o-link-form\"><h3>Share {0}</h3>\
                 <div class=\"grid\">{1}</div><button type=\"submit\" class=\"primary\">Make a temporary link</button>\
                 <div id=\"o-link\"></div></form>",
                esc(&id),
                ui::input("o_hours", "Valid for (hours)", "number", "24"),
            );
            app::set_html("o-share", &h);
        }
        "o-copy" => {
            let url = app::val("o-url");
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&url);
            }
            app::set_html("o-copied", "Copied.");
        }
        "o-mdel" => update_container(
            format!("Remove metadata {id}"),
            containers::UpdateContainer {
                remove_metadata: vec![id],
                ..Default::default()
            },
        ),
        "o-acl" => {
            let public = id == "1";
            update_container(
                format!("Make {}", if public { "public" } else { "private" }),
                containers::UpdateContainer {
                    read_acl: if public {
                        Patch::Set(PUBLIC_ACL.into())
                    } else {
                        Patch::Null
                    },
                    ..Default::default()
                },
            );
        }
        _ => {}
    }
}

/// A submit of a `data-act="o-…"` form.
pub(crate) fn submit(act: &str, form: &Element) {
    match act {
        "o-create" => {
            let name = app::val("o_name");
            app::run(
                format!("Create container {name}"),
                Box::new(move |c, p| {
                    Box::pin(async move {
                        p(1, 2, "creating");
                        let swift = c.svc(c.client.object_storage());
                        let r = swift
                            .call(&unit(containers::create(&name, &Default::default())))
                            .await;
                        reload();
                        r
                    })
                }),
            );
        }
        "o-madd" => {
            let (k, v) = (app::val("o_mk"), app::val("o_mv"));
            update_container(
                format!("Set metadata {k}"),
                containers::UpdateContainer {
                    metadata: [(k, v)].into(),
                    ..Default::default()
                },
            );
        }
        "o-folder" => {
            let name = app::val("o_folder");
            let name = name.trim_matches('/');
            if !name.is_empty() {
                with(|s| s.prefix = format!("{}{name}/", s.prefix));
                show();
            }
        }
        "o-link" => {
            let object = form.get_attribute("data-id").unwrap_or_default();
            temp_link(object, app::val("o_hours").parse::<u64>().unwrap_or(24));
        }
        _ => {}
    }
}

/// The file picker's choice.
pub(crate) fn picked(input: &Element) {
    let Some(i) = input.dyn_ref::<HtmlInputElement>() else {
        return;
    };
    if let Some(list) = i.files() {
        let files = (0..list.length()).filter_map(|k| list.get(k)).collect();
        upload(files);
    }
    i.set_value("");
}

fn on_drag(e: Event) {
    if current().is_none() || !is_open() {
        return;
    }
    e.prevent_default();
    if e.type_() != "drop" {
        return;
    }
    let Some(dt) = e.dyn_ref::<DragEvent>().and_then(DragEvent::data_transfer) else {
        return;
    };
    if let Some(list) = dt.files() {
        let files: Vec<File> = (0..list.length()).filter_map(|k| list.get(k)).collect();
        if !files.is_empty() {
            upload(files);
        }
    }
}

fn update_container(label: String, update: containers::UpdateContainer) {
    let Some(container) = current() else { return };
    app::run(
        label,
        Box::new(move |c, p| {
            Box::pin(async move {
                p(1, 2, "updating");
                let swift = c.svc(c.client.object_storage());
                let r = swift
                    .call(&unit(containers::update(&container, &update)))
                    .await;
                container_info(container);
                r
            })
        }),
    );
}
