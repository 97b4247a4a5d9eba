//! The page: state, rendering into the DOM, and event delegation (wasm32 only).

use std::cell::RefCell;
use std::fmt::Write;
use std::future::Future;
use std::pin::Pin;

use ferrocloud::identity::v3::projects;
use ferrocloud::{AuthOptions, Client, Error, Secret};
use ferrocloud_wasm::FetchTransport;
use futures::StreamExt;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlInputElement, HtmlSelectElement};

use crate::api::{Cloud, Kind, Pages};
use crate::ui::{self, esc, Row};

/// The local cloud of `scripts/demo.sh`: the login form's default.
const DEFAULT_AUTH_URL: &str = "http://127.0.0.1:5000/v3";

pub(crate) type Tx = FetchTransport;

/// The table on screen: pages fetched so far, the one shown, and the rest to come.
struct Table {
    kind: Kind,
    pages: Vec<(Vec<Row>, bool)>,
    at: usize,
    rest: Option<Pages>,
    /// Which table this is (see `State::tables`): a page fetched for an earlier one is
    /// dropped.
    gen: u32,
}

/// One long-running piece of work in the side panel.
struct Task {
    id: u32,
    label: String,
    done: u32,
    total: u32,
    note: String,
    state: &'static str,
}

#[derive(Default)]
struct State {
    cloud: Option<Cloud<Tx>>,
    auth_url: String,
    /// Every token this session obtained: revoked at logout.
    tokens: Vec<Secret>,
    /// Application-credential tokens cannot be rescoped to another project.
    can_rescope: bool,
    user: String,
    project: String,
    projects: Vec<(String, String)>,
    regions: Vec<String>,
    kind: Option<Kind>,
    table: Option<Table>,
    tasks: Vec<Task>,
    next_task: u32,
    /// Tables opened so far.
    tables: u32,
    /// Bumped at logout and at every project or region switch: late answers of the
    /// previous session are dropped.
    epoch: u32,
}

thread_local! {
    static S: RefCell<State> = RefCell::new(State::default());
}

fn with<R>(f: impl FnOnce(&mut State) -> R) -> R {
    S.with(|s| f(&mut s.borrow_mut()))
}

pub(crate) fn doc() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect_throw("no document")
}

pub(crate) fn el(id: &str) -> Option<Element> {
    doc().get_element_by_id(id)
}

pub(crate) fn set_html(id: &str, html: &str) {
    if let Some(e) = el(id) {
        e.set_inner_html(html);
    }
}

/// The value of the input or select `id` (`""` when absent).
pub(crate) fn val(id: &str) -> String {
    let Some(e) = el(id) else {
        return String::new();
    };
    if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

pub(crate) fn show_problem(err: &Error) {
    let p = ui::problem(err, &origin());
    set_html("problem", &ui::problem_html(&p));
}

fn clear_problem() {
    set_html("problem", "");
}

/// The cloud handle and the current epoch, or `None` when logged out.
pub(crate) fn cloud() -> Option<(Cloud<Tx>, u32)> {
    with(|s| s.cloud.clone().map(|c| (c, s.epoch)))
}

pub(crate) fn current_epoch() -> u32 {
    with(|s| s.epoch)
}

#[wasm_bindgen(start)]
pub fn start() {
    let d = doc();
    listen(&d, "click", on_click);
    listen(&d, "submit", on_submit);
    listen(&d, "change", on_change);
    listen(&d, "keydown", on_key);
    render_login();
}

fn listen(d: &Document, event: &str, f: fn(Event)) {
    let cb = Closure::<dyn FnMut(Event)>::new(f);
    let _ = d.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
    cb.forget();
}

/// The element matching `selector` (one with `data-act`) the event came from, with its
/// action and id.
fn target(e: &Event, selector: &str) -> Option<(Element, String, String)> {
    let t = e.target()?.dyn_into::<Element>().ok()?;
    let a = t.closest(selector).ok()??;
    let act = a.get_attribute("data-act")?;
    let id = a.get_attribute("data-id").unwrap_or_default();
    Some((a, act, id))
}

fn render_login() {
    let url = with(|s| {
        if s.auth_url.is_empty() {
            DEFAULT_AUTH_URL.to_owned()
        } else {
            s.auth_url.clone()
        }
    });
    let methods = [
        ("password".to_owned(), "Password".to_owned()),
        ("appcred".to_owned(), "Application credential".to_owned()),
    ];
    let mut h = String::from(
        "<main class=\"login\"><form class=\"card\" data-act=\"login\"><h1>ferrocloud</h1>\
         <p class=\"sub\">OpenStack in your browser — Rust, wasm and nothing else.</p>",
    );
    h.push_str(&ui::input("auth_url", "Auth URL", "url", &url));
    h.push_str(&ui::select("method", "Method", &methods, "password"));
    h.push_str("<div id=\"pw\">");
    h.push_str(&ui::input("username", "User", "text", "demo"));
    h.push_str(&ui::input("user_domain", "User domain", "text", "Default"));
    h.push_str(&ui::input("password", "Password", "password", ""));
    h.push_str(&ui::input("project", "Project", "text", "demo"));
    h.push_str(&ui::input(
        "project_domain",
        "Project domain",
        "text",
        "Default",
    ));
    h.push_str("</div><div id=\"ac\" hidden>");
    h.push_str(&ui::input("ac_id", "Application credential id", "text", ""));
    h.push_str(&ui::input("ac_secret", "Secret", "password", ""));
    h.push_str(
        "</div><button type=\"submit\" class=\"primary\" id=\"login-btn\">Log in</button>\
         <p class=\"fine\">Nothing is stored: the password is used for this tab's session only.</p>\
         <div id=\"problem\"></div></form></main>",
    );
    set_html("app", &h);
}

fn render_shell() {
    let h = with(|s| {
        let mut h = String::from("<header><h1 class=\"brand\">ferrocloud</h1>");
        let projects = if s.projects.is_empty() {
            vec![(s.project.clone(), s.project.clone())]
        } else {
            s.projects.clone()
        };
        h.push_str(&ui::select(
            "project-pick",
            "Project",
            &projects,
            &s.project,
        ));
        let regions: Vec<(String, String)> =
            s.regions.iter().map(|r| (r.clone(), r.clone())).collect();
        let region = s
            .cloud
            .as_ref()
            .and_then(|c| c.region.clone())
            .unwrap_or_default();
        h.push_str(&ui::select("region-pick", "Region", &regions, &region));
        let _ = write!(
            h,
            "<span class=\"user\">{}</span>{}</header><nav>",
            esc(&s.user),
            ui::button("logout", "", "Log out", "small")
        );
        h.push_str("<a href=\"#overview\" id=\"nav-overview\" data-act=\"nav\" data-id=\"overview\">Overview</a>");
        for k in Kind::ALL {
            let cur = if s.kind == Some(k) {
                " class=\"cur\""
            } else {
                ""
            };
            let _ = write!(
                h,
                "<a href=\"#{0}\" id=\"nav-{0}\"{cur} data-act=\"nav\" data-id=\"{0}\">{1}</a>",
                k.slug(),
                k.title()
            );
        }
        // Object storage (issue 25, objects part): its own page, see `objects`.
        h.push_str(
            "<a href=\"#objects\" id=\"nav-objects\" data-act=\"o-nav\" data-id=\"objects\">Object storage</a>",
        );
        h.push_str(
            "</nav><div id=\"problem\"></div><div class=\"layout\"><main id=\"main\"></main>\
             <aside><h3>Activity</h3><div id=\"tasks\"><p class=\"fine\">Nothing running.</p></div>\
             <div id=\"detail\"></div></aside></div>",
        );
        h
    });
    set_html("app", &h);
}

fn on_change(e: Event) {
    let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    match t.id().as_str() {
        "method" => {
            let pw = val("method") == "password";
            if let (Some(a), Some(b)) = (el("pw"), el("ac")) {
                let _ = if pw {
                    a.remove_attribute("hidden")
                } else {
                    a.set_attribute("hidden", "")
                };
                let _ = if pw {
                    b.set_attribute("hidden", "")
                } else {
                    b.remove_attribute("hidden")
                };
            }
        }
        "project-pick" => switch_project(val("project-pick")),
        "o-files" => crate::objects::picked(&t),
        "lb_subnet" => crate::actions::fill("lb_members", format!("members:{}", val("lb_subnet"))),
        "region-pick" => {
            let region = val("region-pick");
            with(|s| {
                s.epoch += 1;
                if let Some(c) = s.cloud.as_mut() {
                    c.region = Some(region);
                }
            });
            reopen();
        }
        _ => {}
    }
}

fn on_click(e: Event) {
    // Forms carry `data-act` too; their buttons submit them (see `on_submit`).
    let Some((_, act, id)) = target(&e, "[data-act]:not(form)") else {
        return;
    };
    e.prevent_default();
    let kind = with(|s| s.kind);
    match act.as_str() {
        "nav" => match Kind::from_slug(&id) {
            Some(k) => open(k),
            None => open_overview(),
        },
        "logout" => logout(),
        "dismiss" => clear_problem(),
        "close-detail" => set_html("detail", ""),
        "o-nav" => {
            with(|s| {
                s.kind = None;
                s.table = None;
            });
            crate::objects::open();
        }
        o if o.starts_with("o-") => crate::objects::click(o, &id),
        "refresh" => reopen(),
        "detail" => show_detail(&id),
        "next" => turn(1),
        "prev" => turn(-1),
        "start" | "stop" | "reboot" | "delete" => {
            if let Some(k) = kind {
                row_action(k, act, id);
            }
        }
        other => crate::actions::click(other, id),
    }
}

fn on_submit(e: Event) {
    let Some((form, act, id)) = target(&e, "form[data-act]") else {
        return;
    };
    e.prevent_default();
    match act.as_str() {
        "login" => login(),
        o if o.starts_with("o-") => crate::objects::submit(o, &form),
        "create-server" => {
            let (name, flavor, image, net, kp, group) = (
                val("srv_name"),
                val("srv_flavor"),
                val("srv_image"),
                val("srv_net"),
                val("srv_key"),
                val("srv_group"),
            );
            run(
                format!("Launch server {name}"),
                Box::new(move |c, p| {
                    Box::pin(async move {
                        c.create_server(&name, &flavor, &image, &net, &kp, &group, &p)
                            .await
                            .map(|_| ())
                    })
                }),
            );
        }
        "create-volume" => {
            let name = val("vol_name");
            let size = val("vol_size").parse::<u64>().unwrap_or(0);
            run(
                format!("Create volume {name}"),
                Box::new(move |c, p| {
                    Box::pin(async move {
                        if size == 0 {
                            return Err(ferrocloud::InvalidInput::field(
                                "size",
                                "give a size of at least 1 GiB",
                            )
                            .into());
                        }
                        c.create_volume(&name, size, &p).await
                    })
                }),
            );
        }
        "attach-volume" => {
            let (vol, srv) = (val("att_vol"), val("att_srv"));
            run(
                "Attach volume".into(),
                Box::new(move |c, p| {
                    Box::pin(async move { c.attach_volume(&srv, &vol, &p).await })
                }),
            );
        }
        "create-network" => {
            let (name, cidr) = (val("net_name"), val("net_cidr"));
            run(
                format!("Create network {name}"),
                Box::new(move |c, p| {
                    Box::pin(async move { c.create_network(&name, &cidr, &p).await })
                }),
            );
        }
        "allocate-fip" => {
            let net = val("fip_net");
            run(
                "Allocate floating IP".into(),
                Box::new(move |c, p| {
                    Box::pin(async move {
                        p(1, 1, "allocating");
                        c.allocate_fip(&net).await.map(|_| ())
                    })
                }),
            );
        }
        "associate-fip" => {
            let (fip, srv) = (val("as_fip"), val("as_srv"));
            run(
                "Associate floating IP".into(),
                Box::new(move |c, p| {
                    Box::pin(async move {
                        p(1, 1, "associating");
                        c.associate_fip(&fip, &srv).await
                    })
                }),
            );
        }
        other => crate::actions::submit(other, id),
    }
}

fn login() {
    let url = val("auth_url");
    let auth = if val("method") == "password" {
        AuthOptions::password(
            &url,
            &val("username"),
            &val("user_domain"),
            &val("password"),
        )
        .project_name(&val("project"), &val("project_domain"))
    } else {
        AuthOptions::application_credential(&url, &val("ac_id"), Secret::new(val("ac_secret")))
    };
    // The password lives only in this client (for reauthentication) and leaves the form now.
    for id in ["password", "ac_secret"] {
        if let Some(i) = el(id).and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
            i.set_value("");
        }
    }
    let can_rescope = val("method") == "password";
    set_html("problem", "<p class=\"fine\">Signing in…</p>");
    wasm_bindgen_futures::spawn_local(async move {
        match start_session(url, &auth, can_rescope).await {
            Ok(()) => {
                render_shell();
                open_overview();
            }
            Err(e) => show_problem(&e),
        }
    });
}

async fn start_session(url: String, auth: &AuthOptions, can_rescope: bool) -> Result<(), Error> {
    let client = Client::new(FetchTransport::new(), auth)?;
    let token = client.token().await?;
    let projects = client
        .identity()
        .collect_all(crate::api::rows(
            projects::available(),
            crate::api::obj_choice,
        ))
        .await
        .map(crate::api::pairs)
        .unwrap_or_default();
    with(|s| {
        s.epoch += 1;
        s.auth_url = url;
        s.tokens.push(token.id.clone());
        s.can_rescope = can_rescope;
        s.user = token
            .info
            .user
            .as_ref()
            .and_then(|u| u.name.clone())
            .unwrap_or_default();
        s.project = token
            .info
            .project
            .as_ref()
            .map(|p| p.id.clone())
            .unwrap_or_default();
        s.projects = projects;
        s.regions = token
            .info
            .catalog
            .regions()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let region = s.regions.first().cloned();
        s.cloud = Some(Cloud { client, region });
    });
    Ok(())
}

fn switch_project(project: String) {
    let Some((c, _)) = cloud() else { return };
    let (url, can) = with(|s| (s.auth_url.clone(), s.can_rescope));
    if !can {
        show_problem(&Error::from(ferrocloud::InvalidInput::field(
            "project",
            "an application credential is bound to its project",
        )));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let result = async {
            let token = c.client.token().await?;
            let auth = AuthOptions::token(&url, token.id.clone()).project_id(&project);
            let client = Client::new(FetchTransport::new(), &auth)?;
            let scoped = client.token().await?;
            Ok::<_, Error>((client, scoped))
        }
        .await;
        match result {
            Ok((client, scoped)) => {
                with(|s| {
                    s.epoch += 1;
                    s.tokens.push(scoped.id.clone());
                    s.project = project;
                    let region = s.cloud.as_ref().and_then(|c| c.region.clone());
                    s.cloud = Some(Cloud { client, region });
                });
                render_shell();
                reopen();
            }
            Err(e) => show_problem(&e),
        }
    });
}

fn logout() {
    let (cloud, tokens) = with(|s| {
        s.epoch += 1;
        s.table = None;
        s.tasks.clear();
        (s.cloud.take(), std::mem::take(&mut s.tokens))
    });
    render_login();
    if let Some(c) = cloud {
        set_html(
            "problem",
            "<p class=\"fine\">Signed out; revoking the session's tokens…</p>",
        );
        wasm_bindgen_futures::spawn_local(async move {
            let failed = crate::api::revoke_all(&c.client, &tokens).await.err();
            match failed {
                Some(e) => show_problem(&e),
                None => set_html(
                    "problem",
                    "<p class=\"fine\" id=\"revoked\">Signed out: the session's tokens were revoked.</p>",
                ),
            }
        });
    }
}

/// Shows `kind`: its forms and the first page of its table.
fn open(kind: Kind) {
    crate::objects::close();
    with(|s| {
        s.kind = Some(kind);
        s.table = None;
    });
    mark_nav(kind.slug());
    let mut h = format!(
        "<div class=\"bar\"><h2>{}</h2>{}</div><div id=\"forms\">{}</div><div id=\"tbl\"><p class=\"fine\">Loading…</p></div>",
        kind.title(),
        ui::button("refresh", "", "Refresh", "small"),
        forms(kind)
    );
    if kind == Kind::Networks {
        h.push_str("<p class=\"fine\">Subnets are listed under Subnets.</p>");
    }
    set_html("main", &h);
    fill_pickers(kind);
    let Some((c, epoch)) = cloud() else { return };
    load_table(&c, epoch, kind);
}

/// Marks the nav entry `slug` as the current page (and no other).
pub(crate) fn mark_nav(slug: &str) {
    let current = format!("nav-{slug}");
    let Ok(links) = doc().query_selector_all("nav a") else {
        return;
    };
    for i in 0..links.length() {
        let Some(a) = links.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let _ = if a.id() == current {
            a.set_attribute("class", "cur")
                .and(a.set_attribute("aria-current", "page"))
        } else {
            a.remove_attribute("class")
                .and(a.remove_attribute("aria-current"))
        };
    }
}

thread_local! {
    /// Bumped at every drawing of the overview: a late answer of an earlier one is dropped.
    static OVERVIEW: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Shows the overview (the landing page): quota cards, each drawn when its service
/// answers; `#overview[data-ready]` once all three have.
fn open_overview() {
    with(|s| {
        s.kind = None;
        s.table = None;
    });
    crate::objects::close();
    mark_nav("overview");
    set_html("main", &crate::overview::page());
    let Some((c, epoch)) = cloud() else { return };
    let project = with(|s| s.project.clone());
    let gen = OVERVIEW.with(|g| g.get() + 1);
    OVERVIEW.with(|g| g.set(gen));
    let live = move || current_epoch() == epoch && OVERVIEW.with(|g| g.get()) == gen;
    wasm_bindgen_futures::spawn_local(async move {
        let put = |slug: &str, h: &str| {
            if live() {
                set_html(&format!("q-{slug}"), h);
            }
        };
        crate::overview::load(&c, &project, &origin(), &put).await;
        if let Some(o) = el("overview").filter(|_| live()) {
            let _ = o.set_attribute("data-ready", "");
        }
    });
}

/// Re-reads the current view (after an action, a region or project switch).
fn reopen() {
    if let Some(k) = with(|s| s.kind) {
        open(k);
    } else if crate::objects::is_open() {
        crate::objects::reopen();
    } else {
        open_overview();
    }
}

/// Escape closes the detail panel.
fn on_key(e: Event) {
    let key = js_sys::Reflect::get(&e, &"key".into()).ok();
    if key.and_then(|k| k.as_string()).as_deref() == Some("Escape") {
        set_html("detail", "");
    }
}

/// Fetches the next page of the table on screen and shows it.
async fn fetch_next(epoch: u32) {
    let Some((mut rest, gen)) =
        with(|s| s.table.as_mut().and_then(|t| Some((t.rest.take()?, t.gen))))
    else {
        return;
    };
    let page = rest.next().await;
    // Another table (a click on another page, a reload) replaced this one meanwhile.
    if current_epoch() != epoch || with(|s| s.table.as_ref().map(|t| t.gen)) != Some(gen) {
        return;
    }
    match page {
        Some(Ok((rows, more))) => {
            with(|s| {
                if let Some(t) = s.table.as_mut() {
                    t.pages.push((rows, more));
                    t.at = t.pages.len() - 1;
                    if more {
                        t.rest = Some(rest);
                    }
                }
            });
            render_table();
        }
        Some(Err(e)) => {
            set_html("tbl", "");
            show_problem(&e);
        }
        None => render_table(),
    }
}

fn render_table() {
    let h = with(|s| {
        let t = s.table.as_ref()?;
        let empty = (Vec::new(), false);
        let (rows, more) = t.pages.get(t.at).unwrap_or(&empty);
        let more = *more || t.at + 1 < t.pages.len();
        Some(ui::table(
            t.kind.slug(),
            t.kind.columns(),
            rows,
            t.kind.actions(),
            t.at,
            more,
        ))
    });
    if let Some(h) = h {
        set_html("tbl", &h);
    }
}

fn turn(by: isize) {
    let fetch = with(|s| {
        let t = s.table.as_mut()?;
        let at = t.at as isize + by;
        if at < 0 {
            return None;
        }
        if (at as usize) < t.pages.len() {
            t.at = at as usize;
            Some(false)
        } else {
            Some(t.rest.is_some())
        }
    });
    match fetch {
        Some(true) => {
            let epoch = current_epoch();
            wasm_bindgen_futures::spawn_local(fetch_next(epoch));
        }
        Some(false) => render_table(),
        None => {}
    }
}

pub(crate) fn show_detail(id: &str) {
    let Some((c, epoch)) = cloud() else { return };
    let Some(kind) = with(|s| s.kind) else { return };
    set_html("detail", "<p class=\"fine\">Loading…</p>");
    let id = id.to_owned();
    wasm_bindgen_futures::spawn_local(async move {
        let found = c.detail(kind, &id).await;
        if current_epoch() != epoch {
            return;
        }
        match found {
            Ok(mut o) => {
                let extra = match kind {
                    Kind::LoadBalancers => crate::lbs::tree_html(&o.0["statuses"].take()),
                    Kind::SecurityGroups => crate::actions::rules_html(&o.0),
                    Kind::Servers => crate::actions::server_html(&o.0),
                    _ => String::new(),
                };
                set_html(
                    "detail",
                    &format!(
                        "<div class=\"card detail\" id=\"detail-card\" tabindex=\"-1\" role=\"region\" aria-label=\"Details\">\
                         <div class=\"bar\"><h3>{}</h3>{}</div>{extra}{}</div>",
                        esc(o.s("name")),
                        ui::button("close-detail", "", "Close", "small"),
                        ui::fields(&o.0)
                    ),
                );
                if kind == Kind::Servers {
                    crate::actions::fill("rs_flavor", "flavors".into());
                }
                if let Some(d) =
                    el("detail-card").and_then(|d| d.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = d.focus();
                }
            }
            Err(e) => {
                set_html("detail", "");
                show_problem(&e);
            }
        }
    });
}

fn forms(kind: Kind) -> String {
    let loading = [(String::new(), "loading…".to_owned())];
    let sel = |id: &str, label: &str| ui::select(id, label, &loading, "");
    let form = |act: &str, title: &str, body: String, submit: &str| {
        format!(
            "<form class=\"card form\" data-act=\"{act}\"><h3>{title}</h3><div class=\"grid\">{body}</div>\
             <button type=\"submit\" class=\"primary\">{submit}</button></form>"
        )
    };
    match kind {
        Kind::Servers => {
            form(
                "create-server",
                "Launch a server",
                [
                    ui::input("srv_name", "Name", "text", ""),
                    sel("srv_flavor", "Flavor"),
                    sel("srv_image", "Image"),
                    sel("srv_net", "Network"),
                    sel("srv_key", "Key pair"),
                    sel("srv_group", "Server group"),
                ]
                .concat(),
                "Launch",
            ) + &crate::actions::group_form()
        }
        Kind::LoadBalancers => crate::lbs::form(),
        Kind::KeyPairs => crate::actions::keypair_forms(),
        Kind::Volumes => [
            form(
                "create-volume",
                "Create a volume",
                [
                    ui::input("vol_name", "Name", "text", ""),
                    ui::input("vol_size", "Size (GiB)", "number", "1"),
                ]
                .concat(),
                "Create",
            ),
            form(
                "attach-volume",
                "Attach a volume",
                [sel("att_vol", "Volume"), sel("att_srv", "Server")].concat(),
                "Attach",
            ),
        ]
        .concat(),
        Kind::Networks => form(
            "create-network",
            "Create a network with a subnet",
            [
                ui::input("net_name", "Name", "text", ""),
                ui::input("net_cidr", "Subnet CIDR", "text", "10.20.0.0/24"),
            ]
            .concat(),
            "Create",
        ),
        Kind::FloatingIps => [
            form(
                "allocate-fip",
                "Allocate a floating IP",
                sel("fip_net", "External network"),
                "Allocate",
            ),
            form(
                "associate-fip",
                "Associate a floating IP",
                [sel("as_fip", "Floating IP"), sel("as_srv", "Server")].concat(),
                "Associate",
            ),
        ]
        .concat(),
        _ => String::new(),
    }
}

/// Fills the form pickers of `kind` from the cloud.
fn fill_pickers(kind: Kind) {
    let pickers: &[(&str, &str, bool)] = match kind {
        Kind::Servers => &[
            ("srv_flavor", "flavors", false),
            ("srv_image", "images", false),
            ("srv_net", "networks", true),
            ("srv_key", "keypairs", true),
            ("srv_group", "servergroups", true),
        ],
        Kind::LoadBalancers => &[("lb_subnet", "subnets", false)],
        Kind::Volumes => &[("att_vol", "volumes", false), ("att_srv", "servers", false)],
        Kind::FloatingIps => &[
            ("fip_net", "external", false),
            ("as_fip", "floatingips", false),
            ("as_srv", "servers", false),
        ],
        _ => &[],
    };
    for &(id, what, optional) in pickers {
        fill_one(id, what.to_owned(), optional);
    }
}

/// Fills the select `id` with the choices `what` (see `Cloud::choices`).
pub(crate) fn fill_one(id: &'static str, what: String, optional: bool) {
    let Some((c, epoch)) = cloud() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let result = c.choices(&what).await;
        if current_epoch() != epoch {
            return;
        }
        match result {
            Ok(mut options) => {
                if optional {
                    options.insert(0, (String::new(), "(none)".to_owned()));
                }
                let mut h = String::new();
                for (v, t) in &options {
                    let _ = write!(h, "<option value=\"{}\">{}</option>", esc(v), esc(t));
                }
                if let Some(s) = el(id) {
                    // A refill (after every task) keeps what the user had picked.
                    let picked: Vec<String> =
                        options_where(&s, |o| prop(o, "selected").as_bool() == Some(true))
                            .iter()
                            .filter_map(|o| prop(o, "value").as_string())
                            .collect();
                    s.set_inner_html(&h);
                    for o in options_where(&s, |o| {
                        prop(o, "value")
                            .as_string()
                            .is_some_and(|v| picked.contains(&v))
                    }) {
                        let _ = js_sys::Reflect::set(&o, &"selected".into(), &true.into());
                    }
                }
                if id == "lb_subnet" {
                    crate::actions::fill("lb_members", format!("members:{}", val(id)));
                }
            }
            Err(e) => show_problem(&e),
        }
    });
}

/// A DOM property of `node` (`undefined` when it has none).
fn prop(node: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(node, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The `<option>`s of the select `s` for which `keep` holds.
fn options_where(s: &Element, keep: impl Fn(&JsValue) -> bool) -> Vec<JsValue> {
    let mut out = Vec::new();
    if let Ok(list) = s.query_selector_all("option") {
        for i in 0..list.length() {
            if let Some(o) = list.item(i).map(JsValue::from).filter(|o| keep(o)) {
                out.push(o);
            }
        }
    }
    out
}

fn row_action(kind: Kind, act: String, id: String) {
    let label = format!(
        "{} {} {}",
        act,
        kind.title().to_ascii_lowercase(),
        &id[..id.len().min(8)]
    );
    run(
        label,
        Box::new(move |c, p| {
            Box::pin(async move {
                match (kind, act.as_str()) {
                    (Kind::Servers, _) => c.server_action(&id, &act, &p).await,
                    (Kind::Volumes, "delete") => c.delete_volume(&id, &p).await,
                    (Kind::Snapshots, "delete") => c.delete_snapshot(&id, &p).await,
                    (Kind::Networks, "delete") => {
                        p(1, 1, "deleting");
                        c.delete_network(&id).await
                    }
                    (Kind::FloatingIps, "delete") => {
                        p(1, 1, "releasing");
                        c.release_fip(&id).await
                    }
                    (Kind::LoadBalancers, "delete") => c.delete_lb(&id, &p).await,
                    (Kind::KeyPairs, "delete") => c.delete_keypair(&id).await,
                    _ => Ok(()),
                }
            })
        }),
    );
}

/// A piece of work for [`run`]: boxed, so every action shares one copy of `run`.
pub(crate) type Work =
    Box<dyn FnOnce(Cloud<Tx>, Progress) -> Pin<Box<dyn Future<Output = Result<(), Error>>>>>;

/// The progress callback handed to work: `(done, total, note)`.
pub(crate) type Progress = Box<dyn Fn(u32, u32, &str)>;

/// Runs `work` as a task with progress in the side panel; the table is re-read when the
/// request was accepted and again when the work ends, so statuses change live.
pub(crate) fn run(label: String, work: Work) {
    let Some((c, epoch)) = cloud() else { return };
    clear_problem();
    let id = with(|s| {
        s.next_task += 1;
        let id = s.next_task;
        s.tasks.insert(
            0,
            Task {
                id,
                label,
                done: 0,
                total: 1,
                note: "starting".into(),
                state: "busy",
            },
        );
        s.tasks.truncate(8);
        id
    });
    render_tasks();
    let progress: Progress = Box::new(move |done: u32, total: u32, note: &str| {
        update_task(id, |t| {
            t.done = done;
            t.total = total;
            t.note = note.to_owned();
        });
        // The request was accepted: show the new state now, while the waiter polls.
        if done == 2 && current_epoch() == epoch {
            reload_page();
        }
    });
    wasm_bindgen_futures::spawn_local(async move {
        let result = work(c, progress).await;
        if current_epoch() != epoch {
            return;
        }
        match result {
            Ok(()) => update_task(id, |t| {
                t.done = t.total;
                t.state = "good";
                if t.note.is_empty() {
                    t.note = "done".into();
                }
            }),
            Err(e) => {
                update_task(id, |t| {
                    t.state = "bad";
                    t.note = "failed".into();
                });
                show_problem(&e);
            }
        }
        reopen_keep_forms();
    });
}

fn update_task(id: u32, f: impl FnOnce(&mut Task)) {
    with(|s| {
        if let Some(t) = s.tasks.iter_mut().find(|t| t.id == id) {
            f(t);
        }
    });
    render_tasks();
}

fn render_tasks() {
    let h = with(|s| {
        let mut h = String::new();
        for t in &s.tasks {
            let _ = write!(
                h,
                "<div class=\"task {}\"><span>{}</span><progress value=\"{}\" max=\"{}\"></progress><small>{}</small></div>",
                t.state,
                esc(&t.label),
                t.done,
                t.total.max(1),
                esc(&t.note)
            );
        }
        h
    });
    set_html("tasks", &h);
}

/// Starts `kind`'s table over from its first page.
fn load_table(c: &Cloud<Tx>, epoch: u32, kind: Kind) {
    let pages = c.pages(kind);
    with(|s| {
        s.tables += 1;
        s.table = Some(Table {
            kind,
            pages: Vec::new(),
            at: 0,
            rest: Some(pages),
            gen: s.tables,
        })
    });
    wasm_bindgen_futures::spawn_local(fetch_next(epoch));
}

/// Re-reads the first page of the table on screen, keeping the forms as typed.
fn reload_page() {
    let Some((c, epoch)) = cloud() else { return };
    let Some(kind) = with(|s| s.kind) else { return };
    load_table(&c, epoch, kind);
}

fn reopen_keep_forms() {
    if with(|s| s.kind.is_none()) {
        // The object storage page re-reads itself after its own tasks; otherwise the
        // page without a table is the overview.
        if !crate::objects::is_open() {
            open_overview();
        }
        return;
    }
    reload_page();
    if let Some(k) = with(|s| s.kind) {
        fill_pickers(k);
    }
}
