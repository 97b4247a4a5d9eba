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
use ferrocloud::object_storage::large_objects::{self, SloSegment};
use ferrocloud::object_storage::{accounts, containers, metadata_from_headers, objects, temp_url};
use ferrocloud::{
    byte_stream, ByteStream, Error, HasId, List, Op, Page, Paginated, Patch, Secret, Service,
    ServiceEndpoint, TransportError, TransportErrorKind,
};
use futures::StreamExt;
use js_sys::Uint8Array;
use serde::Deserialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DragEvent, Element, Event, File, HtmlInputElement};

use crate::api::{Cloud, Obj, Pages, PAGE};
use crate::app::{self, Tx};
use crate::ui::{self, esc, Cell, Row};

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

/// A `File` read in chunks of [`CHUNK`] bytes (`Blob.slice`): at most one chunk in wasm
/// memory at a time.
fn file_stream(file: Blob) -> ByteStream {
    let size = file.size() as u64;
    byte_stream(futures::stream::try_unfold(0u64, move |at| {
        let file = file.clone();
        async move {
            if at >= size {
                return Ok(None);
            }
            let end = (at + CHUNK).min(size);
            let read = async {
                let part = file.slice_with_f64_and_f64(at as f64, end as f64)?;
                let buf = JsFuture::from(part.array_buffer()).await?;
                Ok::<_, JsValue>(Bytes::from(Uint8Array::new(&buf).to_vec()))
            };
            let chunk = read.await.map_err(|e| {
                TransportError::new(TransportErrorKind::Io, format!("reading the file: {e:?}"))
            })?;
            Ok(Some((chunk, end)))
        }
    }))
}

fn set_progress(id: &str, value: u64) {
    if let Some(e) = app::el(id) {
        let _ = e.set_attribute("value", &value.to_string());
    }
}

/// Uploads `file` as a static large object: segments of [`SEGMENT`] bytes (each read from
/// its own `Blob.slice`) into `<container>_segments`, then the manifest. `progress` gets
/// the bytes and segments stored after each segment. On failure the segments stored (or
/// started) are deleted, and no manifest is written.
async fn upload_segmented(
    swift: &Service<Tx>,
    container: &str,
    name: &str,
    file: &File,
    object: &objects::UploadObject,
    mut progress: impl FnMut(u64, usize),
) -> Result<(), Error> {
    let seg_c = format!("{container}_segments");
    let prefix = format!("{name}/slo/{}/", js_sys::Date::now() as u64);
    swift
        .call(&unit(containers::create(&seg_c, &Default::default())))
        .await?;
    let size = file.size() as u64;
    let mut segments = Vec::new();
    let mut names = Vec::new();
    let stored = async {
        let mut at = 0;
        while at < size {
            let end = (at + SEGMENT).min(size);
            let seg = format!("{prefix}{:08}", names.len());
            names.push(seg.clone());
            let part = file
                .slice_with_f64_and_f64(at as f64, end as f64)
                .map_err(js_err)?;
            let up = swift
                .upload(
                    &meta(objects::upload(&seg_c, &seg, &Default::default())),
                    file_stream(part),
                )
                .await?;
            let etag = up.0["etag"]
                .as_str()
                .filter(|e| !e.is_empty())
                .map(str::to_owned);
            segments.push(SloSegment::new(
                format!("{seg_c}/{seg}"),
                etag,
                Some(end - at),
            ));
            at = end;
            progress(at, segments.len());
        }
        swift
            .call(&unit(large_objects::put_manifest(
                container, name, &segments, object,
            )))
            .await
    }
    .await;
    if stored.is_err() && !names.is_empty() {
        let _ = swift
            .call(&report(objects::bulk_delete(&seg_c, &names)))
            .await;
    }
    stored
}

/// Uploads `files` into the open folder, one after the other, with a progress bar each
/// and one for all.
fn upload(files: Vec<File>) {
    let Some(container) = current() else { return };
    let prefix = with(|s| s.prefix.clone());
    let batch = with(|s| {
        s.next_upload += 1;
        s.next_upload
    });
    let total: u64 = files.iter().map(|f| f.size() as u64).sum();
    let mut h = format!(
        "<div class=\"o-batch\"><label for=\"o-all-{batch}\">All {} files ({})</label>\
         <progress id=\"o-all-{batch}\" class=\"o-all\" max=\"{total}\" value=\"0\"></progress>",
        files.len(),
        human(total)
    );
    for (i, f) in files.iter().enumerate() {
        let _ = write!(
            h,
            "<label for=\"o-p-{batch}-{i}\">{} ({})</label>\
             <progress id=\"o-p-{batch}-{i}\" data-name=\"{}\" max=\"{}\" value=\"0\"></progress>\
             <small id=\"o-n-{batch}-{i}\"></small>",
            esc(&f.name()),
            human(f.size() as u64),
            esc(&f.name()),
            (f.size() as u64).max(1)
        );
    }
    h.push_str("</div>");
    if let Some(e) = app::el("o-up") {
        let _ = e.insert_adjacent_html("afterbegin", &h);
    }
    let label = format!("Upload {} file(s) to {container}", files.len());
    app::run(
        label,
        Box::new(move |c, p| {
            Box::pin(async move {
                let swift = c.svc(c.client.object_storage());
                // The task's progress counts bytes, or KiB above 4 GiB (it takes u32).
                let shift = if total > u64::from(u32::MAX) { 10 } else { 0 };
                let kib = |b: u64| (b >> shift) as u32;
                let mut before = 0;
                let mut failed = None;
                for (i, f) in files.into_iter().enumerate() {
                    let (bar, note) = (format!("o-p-{batch}-{i}"), format!("o-n-{batch}-{i}"));
                    let size = f.size() as u64;
                    let name = format!("{prefix}{}", f.name());
                    let opts = objects::UploadObject {
                        content_type: Some(f.type_()).filter(|t| !t.is_empty()),
                        ..Default::default()
                    };
                    let at = before;
                    let result = if size > SEGMENTED_ABOVE {
                        app::set_html(&note, "segmented upload");
                        upload_segmented(&swift, &container, &name, &f, &opts, |done, segs| {
                            set_progress(&bar, done);
                            set_progress(&format!("o-all-{batch}"), at + done);
                            app::set_html(&note, &format!("{segs} segment(s), {}", human(done)));
                            p(
                                kib(at + done),
                                kib(total),
                                &format!("{name}: {segs} segments"),
                            );
                        })
                        .await
                    } else {
                        swift
                            .upload(
                                &unit(objects::upload(&container, &name, &opts)),
                                file_stream(f.into()),
                            )
                            .await
                    };
                    before += size;
                    match result {
                        Ok(()) => {
                            set_progress(&bar, size.max(1));
                            app::set_html(&note, "stored");
                        }
                        Err(e) => {
                            app::set_html(
                                &note,
                                &format!("failed: {}", esc(&ui::problem(&e, "").message)),
                            );
                            failed.get_or_insert(e);
                        }
                    }
                    set_progress(&format!("o-all-{batch}"), before);
                    p(kib(before), kib(total), &name);
                }
                reload();
                failed.map_or(Ok(()), Err)
            })
        }),
    );
}

/// Downloads an object through the token into a Blob and offers a link to save it.
fn download(name: String) {
    let Some(container) = current() else { return };
    app::run(
        format!("Download {name}"),
        Box::new(move |c, p| {
            Box::pin(async move {
                let swift = c.svc(c.client.object_storage());
                p(1, 2, "downloading");
                swift
                    .call(&body(objects::download(
                        &container,
                        &name,
                        &Default::default(),
                    )))
                    .await?;
                let data = BODY.with(|b| std::mem::take(&mut *b.borrow_mut()));
                let got = data.len();
                let parts = js_sys::Array::of1(&Uint8Array::from(&data[..]));
                drop(data);
                let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(js_err)?;
                let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_err)?;
                if let Some(old) = with(|s| s.blob_url.replace(url.clone())) {
                    let _ = web_sys::Url::revoke_object_url(&old);
                }
                let file = name.rsplit('/').next().unwrap_or(&name);
                app::set_html(
                    "o-dl",
                    &format!(
                        "<div class=\"card form\"><h3>Downloaded</h3><p><a id=\"o-dl-link\" href=\"{}\" download=\"{}\" data-name=\"{}\">Save {}</a> ({})</p></div>",
                        esc(&url),
                        esc(file),
                        esc(&name),
                        esc(&name),
                        human(got as u64)
                    ),
                );
                Ok(())
            })
        }),
    );
}

/// Deletes objects: plain ones in one bulk delete, large ones with their segments.
fn delete_objects(items: Vec<(String, bool)>) {
    let Some(container) = current() else { return };
    app::run(
        format!("Delete {} object(s)", items.len()),
        Box::new(move |c, p| {
            Box::pin(async move {
                let swift = c.svc(c.client.object_storage());
                let total = items.len() as u32 + 1;
                let plain: Vec<&str> = items
                    .iter()
                    .filter(|(_, slo)| !slo)
                    .map(|(n, _)| n.as_str())
                    .collect();
                let mut r = Ok(());
                if plain.len() == 1 {
                    r = swift
                        .call(&unit(objects::delete(&container, plain[0])))
                        .await;
                } else if !plain.is_empty() {
                    r = bulk_check(
                        swift
                            .call(&report(objects::bulk_delete(&container, &plain)))
                            .await,
                    );
                }
                let mut done = plain.len() as u32;
                p(done, total, "deleting");
                for (name, _) in items.iter().filter(|(_, slo)| *slo) {
                    if r.is_ok() {
                        r = bulk_check(
                            swift
                                .call(&report(large_objects::delete_with_segments(
                                    &container, name,
                                )))
                                .await,
                        );
                    }
                    done += 1;
                    p(done, total, name);
                }
                reload();
                r
            })
        }),
    );
}

/// A bulk report as a result: its status must be 2xx with no item failed.
fn bulk_check(r: Result<Obj, Error>) -> Result<(), Error> {
    let report = r?.0;
    let status = s(&report, "Response Status");
    let errors = report["Errors"].as_array().cloned().unwrap_or_default();
    if status.starts_with('2') && errors.is_empty() {
        return Ok(());
    }
    let mut msg = format!("bulk delete: {status} {}", s(&report, "Response Body"));
    for f in errors.iter().take(5) {
        let _ = write!(msg, "; {f}");
    }
    Err(ferrocloud::InvalidInput::field("bulk delete", msg).into())
}

/// Deletes a container; when it holds objects, asks, then deletes them (bulk) and it,
/// and its `_segments` container too.
fn delete_container(name: String) {
    app::run(
        format!("Delete container {name}"),
        Box::new(move |c, p| {
            Box::pin(async move {
                let swift = c.svc(c.client.object_storage());
                p(1, 3, "deleting");
                let first = swift.call(&unit(containers::delete(&name))).await;
                let r = match first {
                    Err(Error::Http(h)) if h.status.as_u16() == 409 => {
                        let ok = web_sys::window()
                            .and_then(|w| {
                                w.confirm_with_message(&format!(
                                    "Container {name} is not empty. Delete it with all its objects?"
                                ))
                                .ok()
                            })
                            .unwrap_or(false);
                        if ok {
                            let mut r = empty_container(&c, &name).await;
                            p(2, 3, "emptied");
                            let segs = format!("{name}_segments");
                            if r.is_ok() {
                                r = swift.call(&unit(containers::delete(&name))).await;
                            }
                            if r.is_ok() {
                                r = match empty_container(&c, &segs).await {
                                    Err(Error::Http(h)) if h.status.as_u16() == 404 => Ok(()),
                                    Err(e) => Err(e),
                                    Ok(()) => swift.call(&unit(containers::delete(&segs))).await,
                                };
                            }
                            r
                        } else {
                            Ok(())
                        }
                    }
                    other => other,
                };
                reload();
                r
            })
        }),
    );
}

/// Deletes every object of `container` in bulk deletes of up to 1000 names.
async fn empty_container(c: &Cloud<Tx>, container: &str) -> Result<(), Error> {
    let swift = c.svc(c.client.object_storage());
    let list = Listing(
        objects::list(
            container,
            &objects::ListObjects {
                limit: Some(1000),
                ..Default::default()
            },
        )
        .items_as::<Entry>(),
    );
    // Page by page (the marker is the last name, so deleting as we go is fine).
    let mut pages = crate::api::pages_of(swift.clone(), Box::new(list));
    while let Some(page) = pages.next().await {
        let (rows, _) = page?;
        let names: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        if !names.is_empty() {
            bulk_check(
                swift
                    .call(&report(objects::bulk_delete(container, &names)))
                    .await,
            )?;
        }
    }
    Ok(())
}

/// A fresh random temp URL key (32 hex digits from the browser's CSPRNG).
fn random_key() -> Result<String, Error> {
    let mut raw = [0u8; 16];
    web_sys::window()
        .ok_or_else(|| js_err(JsValue::from_str("no window")))?
        .crypto()
        .map_err(js_err)?
        .get_random_values_with_u8_array(&mut raw)
        .map_err(js_err)?;
    Ok(hex(&raw))
}

/// `bytes` in lowercase hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// `HMAC-SHA256(key, message)` in hex, by the browser's WebCrypto (a secure context:
/// https, or http on localhost).
async fn hmac_sha256_hex(key: &str, message: &str) -> Result<String, Error> {
    let window = web_sys::window().ok_or_else(|| js_err(JsValue::from_str("no window")))?;
    if !window.is_secure_context() {
        return Err(ferrocloud::InvalidInput::field(
            "page",
            "temporary links are signed with the browser's WebCrypto, which only https:// \
             and localhost pages have: open the dashboard over https",
        )
        .into());
    }
    let subtle = window.crypto().map_err(js_err)?.subtle();
    let algorithm = js_sys::Object::new();
    for (k, v) in [("name", "HMAC"), ("hash", "SHA-256")] {
        js_sys::Reflect::set(&algorithm, &k.into(), &v.into()).map_err(js_err)?;
    }
    let usages = js_sys::Array::of1(&"sign".into());
    let raw = Uint8Array::from(key.as_bytes());
    let key = subtle
        .import_key_with_object("raw", &raw, &algorithm, false, &usages)
        .map_err(js_err)?;
    let key: web_sys::CryptoKey = JsFuture::from(key).await.map_err(js_err)?.unchecked_into();
    let sig = subtle
        .sign_with_str_and_u8_array("HMAC", &key, message.as_bytes())
        .map_err(js_err)?;
    Ok(hex(&Uint8Array::new(
        &JsFuture::from(sig).await.map_err(js_err)?,
    )
    .to_vec()))
}

/// Makes a temporary `GET` link to `object` valid for `hours`.
fn temp_link(object: String, hours: u64) {
    let Some(container) = current() else { return };
    app::run(
        format!("Temporary link to {object}"),
        Box::new(move |c, p| {
            Box::pin(async move {
                let swift = c.svc(c.client.object_storage());
                p(1, 3, "reading the keys");
                let account = swift.call(&meta(accounts::get())).await?;
                let key_of = |v: &Obj| v.0["meta"]["temp-url-key"].as_str().map(str::to_owned);
                let (key, whose) = match key_of(&account) {
                    Some(k) => (k, "the account's temp URL key".to_owned()),
                    None => {
                        let info = swift.call(&meta(containers::get(&container))).await?;
                        match key_of(&info) {
                            Some(k) => (k, format!("container {container}'s temp URL key")),
                            None => {
                                let key = random_key()?;
                                swift
                                    .call(&unit(containers::update(
                                        &container,
                                        &containers::UpdateContainer {
                                            temp_url_key: Patch::Set(Secret::new(key.clone())),
                                            ..Default::default()
                                        },
                                    )))
                                    .await?;
                                (
                                    key,
                                    format!(
                                        "a new temp URL key, just set on container {container} \
                                         (the account's key is not readable from a browser here)"
                                    ),
                                )
                            }
                        }
                    }
                };
                p(2, 3, "signing");
                let svc = swift.service_client().await?;
                let now = (js_sys::Date::now() / 1000.0) as u64;
                let expires = now + hours * 3600;
                let unsigned = temp_url::prepare(
                    &svc,
                    &container,
                    &object,
                    &temp_url::TempUrl {
                        expires,
                        ..temp_url::TempUrl::get(temp_url::Digest::Sha256)
                    },
                )?;
                let url = unsigned.signed(&hmac_sha256_hex(&key, unsigned.message()).await?)?;
                let expiry =
                    js_sys::Date::new(&JsValue::from_f64(expires as f64 * 1000.0)).to_iso_string();
                app::set_html(
                    "o-link",
                    &format!(
                        "<p class=\"fine\" id=\"o-keynote\">Signed with {}; valid until {}.</p>\
                         <label for=\"o-url\">Temporary URL</label><input id=\"o-url\" readonly value=\"{}\">{}<span id=\"o-copied\" class=\"fine\"></span>",
                        esc(&whose),
                        String::from(expiry),
                        esc(&url),
                        ui::button("o-copy", "", "Copy", "small")
                    ),
                );
                Ok(())
            })
        }),
    );
}
