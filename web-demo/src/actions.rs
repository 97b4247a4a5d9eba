//! The everyday actions: volume detach, floating IP associate/disassociate from a server,
//! security group rules, key pairs, console log and remote console, resize with confirm
//! or revert, image from a server and server groups.
//!
//! The cloud work is here for every target; the browser hooks (forms, clicks, the key
//! download) are at the end, on `wasm32` only.

use std::fmt::Write;

use ferrocloud::block_storage::volumes;
use ferrocloud::compute::server_consoles::{self, RemoteConsoleType};
use ferrocloud::compute::{keypairs, server_actions, server_groups, volume_attach};
use ferrocloud::image::images;
use ferrocloud::network::{floating_ips, ports, security_group_rules as rules};
use ferrocloud::{Error, InvalidInput, Result, Transport};
use serde_json::Value;

use crate::api::{obj, rows, wait, Cloud, Obj, Pages, Progress, PAGE};
use crate::ui::{button, esc, Cell, Row};

fn keypair_row(o: &Obj) -> Row {
    let k = &o.0["keypair"];
    let s = |f: &str| k[f].as_str().unwrap_or_default().to_owned();
    Row {
        id: s("name"),
        cells: vec![
            Cell::Text(s("name")),
            Cell::Text(s("type")),
            Cell::Text(s("fingerprint")),
        ],
    }
}

fn cell(r: &Row, i: usize) -> &str {
    match r.cells.get(i) {
        Some(Cell::Text(t)) => t,
        _ => "",
    }
}

fn bad(field: &'static str, msg: &'static str) -> Error {
    InvalidInput::field(field, msg).into()
}

/// A rule preset: protocol and port (`0`: none).
pub fn preset(name: &str) -> Option<(&'static str, u32)> {
    Some(match name {
        "ssh" => ("tcp", 22),
        "http" => ("tcp", 80),
        "https" => ("tcp", 443),
        "icmp" => ("icmp", 0),
        _ => return None,
    })
}

/// The everyday actions' cloud work.
impl<T: Transport + 'static> Cloud<T> {
    /// The key-pair table.
    pub fn keypair_pages(&self) -> Pages {
        let f = keypairs::ListKeypairs {
            limit: Some(PAGE),
            ..Default::default()
        };
        crate::api::paged(self.compute(), rows(keypairs::list(&f), keypair_row))
    }

    /// Pickers beyond the shared ones: `servergroups`, `subnets`, `members:SUBNET`.
    pub async fn extra_choices(&self, what: &str) -> Result<Vec<(String, String)>> {
        if what == "servergroups" {
            let all = self
                .compute()
                .call(&obj(
                    server_groups::list(&Default::default()),
                    "server_groups",
                ))
                .await?;
            let mut out = Vec::new();
            for g in all.0.as_array().into_iter().flatten() {
                let s = |f: &str| g[f].as_str().unwrap_or_default().to_owned();
                // `policy` from 2.64, `policies` before.
                let policy = g["policy"].as_str().or(g["policies"][0].as_str());
                out.push((
                    s("id"),
                    format!("{} ({})", s("name"), policy.unwrap_or("?")),
                ));
            }
            return Ok(out);
        }
        self.lb_choices(what).await
    }

    /// Creates a server group with `policy`.
    pub async fn create_group(&self, name: &str, policy: &str) -> Result<()> {
        crate::api::check_name(name)?;
        let group = server_groups::CreateServerGroup {
            name: name.to_owned(),
            policy: match policy {
                "affinity" => server_groups::Policy::Affinity,
                "soft-affinity" => server_groups::Policy::SoftAffinity,
                "soft-anti-affinity" => server_groups::Policy::SoftAntiAffinity,
                _ => server_groups::Policy::AntiAffinity,
            },
            rules: None,
        };
        self.compute()
            .call(&obj(server_groups::create(&group), "server_group"))
            .await
            .map(|_| ())
    }

    /// Detaches the volume `id` from its server and waits for `available`.
    pub async fn detach_volume(&self, id: &str, progress: Progress<'_>) -> Result<()> {
        let cinder = self.block_storage();
        let op = obj(volumes::get(id), "volume");
        let v = cinder.call(&op).await?;
        let server = v.0["attachments"][0]["server_id"]
            .as_str()
            .ok_or_else(|| bad("volume", "the volume is not attached"))?;
        progress(1, 3, "detaching");
        self.compute()
            .call(&volume_attach::delete(server, id))
            .await?;
        progress(2, 3, "waiting for available");
        self.volume_available(id, progress).await
    }

    /// The ids of the ports of `server`, and every floating IP of the project as rows of
    /// `[address, port id]`.
    async fn ports_and_fips(&self, server: &str) -> Result<(Vec<String>, Vec<Row>)> {
        let neutron = self.network();
        let ports = neutron
            .collect_all(rows(
                ports::list(&ports::ListPorts {
                    device_id: Some(server.to_owned()),
                    ..Default::default()
                }),
                crate::api::obj_choice,
            ))
            .await?;
        if ports.is_empty() {
            return Err(bad(
                "server",
                "the server has no port: boot it on a network first",
            ));
        }
        let fips = neutron
            .collect_all(rows(floating_ips::list(&Default::default()), |o| Row {
                id: o.s("id").to_owned(),
                cells: vec![
                    Cell::Text(o.s("floating_ip_address").to_owned()),
                    Cell::Text(o.s("port_id").to_owned()),
                ],
            }))
            .await?;
        Ok((ports.into_iter().map(|p| p.id).collect(), fips))
    }

    /// Gives `server` a floating IP: a free one of the project, or a new one on the
    /// first external network.
    pub async fn fip_on(&self, server: &str, progress: Progress<'_>) -> Result<()> {
        progress(1, 3, "looking for a free floating IP");
        let (ports, fips) = self.ports_and_fips(server).await?;
        let free = fips.into_iter().find(|f| cell(f, 1).is_empty());
        let (id, address) = match free {
            Some(f) => (f.id.clone(), cell(&f, 0).to_owned()),
            None => {
                progress(2, 3, "allocating one");
                let ext = self.choices("external").await?;
                let net = ext
                    .first()
                    .ok_or_else(|| bad("network", "no external network"))?;
                let f = self.allocate_fip(&net.0).await?;
                (f.s("id").to_owned(), f.s("floating_ip_address").to_owned())
            }
        };
        progress(2, 3, "associating");
        self.network()
            .call(&obj(floating_ips::associate(&id, &ports[0]), "floatingip"))
            .await?;
        progress(3, 3, &address);
        Ok(())
    }

    /// Disassociates every floating IP of `server` (they stay allocated).
    pub async fn fip_off(&self, server: &str, progress: Progress<'_>) -> Result<()> {
        let (ports, fips) = self.ports_and_fips(server).await?;
        let mine: Vec<Row> = fips
            .into_iter()
            .filter(|f| ports.iter().any(|p| p == cell(f, 1)))
            .collect();
        if mine.is_empty() {
            return Err(bad("server", "the server has no floating IP"));
        }
        for f in &mine {
            progress(1, 1, &format!("disassociating {}", cell(f, 0)));
            self.network()
                .call(&obj(floating_ips::disassociate(&f.id), "floatingip"))
                .await?;
        }
        Ok(())
    }

    /// Adds an ingress rule to `group`: `protocol` (`tcp`, `udp`, `icmp`), a port range
    /// (`0`: none) and a remote CIDR (empty: any).
    pub async fn add_rule(
        &self,
        group: &str,
        protocol: &str,
        ports: (u32, u32),
        cidr: &str,
    ) -> Result<()> {
        let mut r = rules::CreateRule::new(group, rules::Direction::Ingress);
        r.protocol = Some(match protocol {
            "udp" => rules::Protocol::Udp,
            "icmp" => rules::Protocol::Icmp,
            _ => rules::Protocol::Tcp,
        });
        if ports.0 > 0 {
            r.port_range_min = Some(ports.0);
            r.port_range_max = Some(ports.1.max(ports.0));
        }
        r.remote_ip_prefix = (!cidr.is_empty()).then(|| cidr.to_owned());
        self.network()
            .call(&obj(rules::create(&r), "security_group_rule"))
            .await
            .map(|_| ())
    }

    /// Removes a security group rule.
    pub async fn delete_rule(&self, id: &str) -> Result<()> {
        self.network().call(&rules::delete(id)).await
    }

    /// Creates a key pair: with `public_key` empty Nova generates it and the answer
    /// carries the private key (returned once, never stored).
    pub async fn create_keypair(&self, name: &str, public_key: &str) -> Result<String> {
        let k = if public_key.is_empty() {
            keypairs::CreateKeypair::generate(name)
        } else {
            keypairs::CreateKeypair::import(name, public_key.trim())
        };
        let o = self
            .compute()
            .call(&obj(keypairs::create(&k), "keypair"))
            .await?;
        Ok(o.s("private_key").to_owned())
    }

    /// Deletes a key pair.
    pub async fn delete_keypair(&self, name: &str) -> Result<()> {
        self.compute().call(&keypairs::delete(name, None)).await
    }

    /// A key pair, for the detail view.
    pub async fn keypair(&self, name: &str) -> Result<Obj> {
        self.compute()
            .call(&obj(keypairs::get(name, None), "keypair"))
            .await
    }

    /// The last `lines` lines of the server's console log.
    pub async fn console_log(&self, server: &str, lines: u32) -> Result<String> {
        // Read as JSON like every answer (one `call` in the bundle for all of them).
        let o = self
            .compute()
            .call(&obj(
                server_consoles::console_output(server, Some(lines)),
                "output",
            ))
            .await?;
        Ok(o.0.as_str().unwrap_or_default().to_owned())
    }

    /// The noVNC URL of the server's console (`remote-consoles`: the dashboard speaks
    /// 2.47, where the older `os-getVNCConsole` action answers 404).
    pub async fn console_url(&self, server: &str) -> Result<String> {
        let c = self
            .compute()
            .call(&obj(
                server_consoles::create_remote_console(
                    server,
                    server_consoles::Protocol::Vnc,
                    RemoteConsoleType::Novnc,
                ),
                "remote_console",
            ))
            .await?;
        Ok(c.s("url").to_owned())
    }

    /// Resizes to `flavor` and waits for `VERIFY_RESIZE`.
    pub async fn resize(&self, server: &str, flavor: &str, progress: Progress<'_>) -> Result<()> {
        if flavor.is_empty() {
            return Err(bad("flavor", "pick a flavor"));
        }
        progress(1, 3, "resizing");
        self.compute()
            .call(&server_actions::resize(server, flavor, None))
            .await?;
        self.server_reaches(server, "VERIFY_RESIZE", progress).await
    }

    /// Confirms (`true`) or reverts a resize and waits for `ACTIVE`.
    pub async fn finish_resize(
        &self,
        server: &str,
        confirm: bool,
        progress: Progress<'_>,
    ) -> Result<()> {
        progress(1, 3, if confirm { "confirming" } else { "reverting" });
        let op = if confirm {
            server_actions::confirm_resize(server)
        } else {
            server_actions::revert_resize(server)
        };
        self.compute().call(&op).await?;
        self.server_reaches(server, "ACTIVE", progress).await
    }

    async fn server_reaches(
        &self,
        server: &str,
        status: &str,
        progress: Progress<'_>,
    ) -> Result<()> {
        progress(2, 3, &format!("waiting for {status}"));
        self.compute()
            .wait_for_status(
                &obj(ferrocloud::compute::servers::get(server), "server"),
                &[status.to_owned()],
                &["ERROR".to_owned()],
                wait(),
            )
            .await?;
        progress(3, 3, status);
        Ok(())
    }

    /// Snapshots the server into image `name` and reports the image's status (drivers
    /// that upload nothing, as the fake one, leave it `queued`).
    pub async fn image_from(&self, server: &str, name: &str, progress: Progress<'_>) -> Result<()> {
        crate::api::check_name(name)?;
        progress(1, 2, "snapshotting");
        // Nova answers `{"image_id": …}` from 2.45 (the dashboard speaks 2.47).
        let id = self
            .compute()
            .call(&obj(
                server_actions::create_image(server, name, &Default::default()),
                "image_id",
            ))
            .await?;
        let id = id.0.as_str().unwrap_or_default();
        let image = self
            .image()
            .call(&images::get(id).decode_body::<Obj>())
            .await?;
        progress(2, 2, &format!("image {}", image.s("status")));
        Ok(())
    }
}

/// The rules of a security group (its `security_group_rules`), with remove buttons, the
/// presets and the custom form.
pub fn rules_html(group: &Value) -> String {
    let mut h = format!(
        "<h4>Rules</h4><table class=\"rules\" id=\"sg-rules\" data-sg=\"{}\"><tr><th>Direction</th><th>Protocol</th><th>Ports</th><th>Remote</th><th></th></tr>",
        esc(group["id"].as_str().unwrap_or_default())
    );
    for r in group["security_group_rules"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let s = |f: &str| match &r[f] {
            Value::Null => "any".to_owned(),
            Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        let ports = if r["port_range_min"].is_null() {
            "any".to_owned()
        } else {
            format!("{}-{}", s("port_range_min"), s("port_range_max"))
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&s("direction")),
            esc(&s("protocol")),
            esc(&ports),
            esc(&s("remote_ip_prefix")),
            button(
                "del-rule",
                r["id"].as_str().unwrap_or_default(),
                "Remove",
                "small danger"
            )
        );
    }
    h.push_str("</table><p>Add: ");
    for (p, label) in [
        ("ssh", "SSH"),
        ("http", "HTTP"),
        ("https", "HTTPS"),
        ("icmp", "ICMP"),
    ] {
        h.push_str(&button("rule-preset", p, label, "small"));
    }
    let protos: Vec<(String, String)> = ["tcp", "udp", "icmp"]
        .iter()
        .map(|p| (p.to_string(), p.to_string()))
        .collect();
    let _ = write!(
        h,
        "</p><form class=\"form\" data-act=\"add-rule\"><div class=\"grid\">{}{}{}{}</div>\
         <button type=\"submit\" class=\"small\">Add rule</button></form>",
        crate::ui::select("rule_proto", "Protocol", &protos, "tcp"),
        crate::ui::input("rule_min", "Port from", "number", ""),
        crate::ui::input("rule_max", "Port to", "number", ""),
        crate::ui::input("rule_cidr", "Remote CIDR", "text", "0.0.0.0/0"),
    );
    h
}

/// The action panel of a server's detail view.
pub fn server_html(server: &Value) -> String {
    let id = server["id"].as_str().unwrap_or_default();
    let mut h = String::from("<h4>Actions</h4><p class=\"acts\">");
    for (act, label) in [
        ("console-log", "Console log"),
        ("console-url", "Remote console"),
        ("fip-on", "Associate floating IP"),
        ("fip-off", "Disassociate floating IP"),
    ] {
        h.push_str(&button(act, id, label, "small"));
    }
    if server["status"] == "VERIFY_RESIZE" {
        h.push_str(&button("resize-confirm", id, "Confirm resize", "small"));
        h.push_str(&button("resize-revert", id, "Revert resize", "small"));
    }
    let loading = [(String::new(), "loading…".to_owned())];
    let _ = write!(
        h,
        "</p><form class=\"form\" data-act=\"resize\" data-id=\"{0}\"><div class=\"grid\">{1}</div>\
         <button type=\"submit\" class=\"small\">Resize</button></form>\
         <form class=\"form\" data-act=\"snapshot\" data-id=\"{0}\"><div class=\"grid\">{2}</div>\
         <button type=\"submit\" class=\"small\">Create image</button></form><div id=\"act-out\" aria-live=\"polite\"></div>",
        esc(id),
        crate::ui::select("rs_flavor", "New flavor", &loading, ""),
        crate::ui::input("snap_name", "Image name", "text", ""),
    );
    h
}

/// The forms of the key-pair page.
pub fn keypair_forms() -> String {
    format!(
        "<form class=\"card form\" data-act=\"create-kp\"><h3>Create a key pair</h3><div class=\"grid\">{}</div>\
         <button type=\"submit\" class=\"primary\">Create and download</button>\
         <p class=\"fine\">The private key is offered once, as a download; it is not kept.</p></form>\
         <form class=\"card form\" data-act=\"import-kp\"><h3>Import a public key</h3><div class=\"grid\">{}{}</div>\
         <button type=\"submit\" class=\"primary\">Import</button></form>",
        crate::ui::input("kp_name", "Name", "text", ""),
        crate::ui::input("kpi_name", "Name", "text", ""),
        crate::ui::input("kpi_key", "Public key", "text", ""),
    )
}

/// The create form of a server group (on the servers page).
pub fn group_form() -> String {
    let policies: Vec<(String, String)> = [
        "anti-affinity",
        "affinity",
        "soft-anti-affinity",
        "soft-affinity",
    ]
    .iter()
    .map(|p| (p.to_string(), p.to_string()))
    .collect();
    format!(
        "<form class=\"card form\" data-act=\"create-group\"><h3>Create a server group</h3><div class=\"grid\">{}{}</div>\
         <button type=\"submit\" class=\"primary\">Create</button></form>",
        crate::ui::input("grp_name", "Name", "text", ""),
        crate::ui::select("grp_policy", "Policy", &policies, "anti-affinity"),
    )
}

#[cfg(target_arch = "wasm32")]
pub(crate) use page::*;

#[cfg(target_arch = "wasm32")]
mod page {
    use std::time::Duration;

    use ferrocloud::Transport;
    use wasm_bindgen::{JsCast, JsValue};

    use crate::app::{el, run, set_html, show_detail, val};
    use crate::ui::esc;

    /// Offers `text` as the download `name` through a Blob URL (revoked soon after).
    fn download(name: &str, text: &str) -> Result<String, JsValue> {
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("application/x-pem-file");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let a = crate::app::doc().create_element("a")?;
        a.set_attribute("href", &url)?;
        a.set_attribute("download", name)?;
        if let Some(a) = a.dyn_ref::<web_sys::HtmlElement>() {
            a.click();
        }
        Ok(url)
    }

    /// Re-shows the detail of `id` once `work` is done.
    fn then_detail(label: String, id: String, work: crate::app::Work) {
        run(
            label,
            Box::new(move |c, p| {
                Box::pin(async move {
                    let r = work(c, p).await;
                    show_detail(&id);
                    r
                })
            }),
        );
    }

    /// Clicks of the everyday actions (and the load balancers' delete).
    pub(crate) fn click(act: &str, id: String) {
        let short: String = id.chars().take(8).collect();
        match act {
            "detach" => run(
                format!("Detach volume {short}"),
                Box::new(move |c, p| Box::pin(async move { c.detach_volume(&id, &p).await })),
            ),
            "more" => show_detail(&id),
            "fip-on" | "fip-off" => {
                let on = act == "fip-on";
                let sid = id.clone();
                then_detail(
                    format!(
                        "{} floating IP {short}",
                        if on { "Associate" } else { "Disassociate" }
                    ),
                    id,
                    Box::new(move |c, p| {
                        Box::pin(async move {
                            if on {
                                c.fip_on(&sid, &p).await
                            } else {
                                c.fip_off(&sid, &p).await
                            }
                        })
                    }),
                )
            }
            "resize-confirm" | "resize-revert" => {
                let yes = act == "resize-confirm";
                let sid = id.clone();
                then_detail(
                    format!("{} resize {short}", if yes { "Confirm" } else { "Revert" }),
                    id,
                    Box::new(move |c, p| {
                        Box::pin(async move { c.finish_resize(&sid, yes, &p).await })
                    }),
                )
            }
            "console-log" | "console-url" => {
                let log = act == "console-log";
                run(
                    format!("Console {short}"),
                    Box::new(move |c, p| {
                        Box::pin(async move {
                            p(1, 1, "reading");
                            let h = if log {
                                let text = c.console_log(&id, 40).await?;
                                format!(
                                    "<pre class=\"console\" id=\"console-log\">{}</pre>",
                                    esc(&text)
                                )
                            } else {
                                let url = c.console_url(&id).await?;
                                format!(
                                    "<p><a id=\"console-url\" target=\"_blank\" rel=\"noopener\" href=\"{0}\">Open the console (noVNC)</a></p>",
                                    esc(&url)
                                )
                            };
                            set_html("act-out", &h);
                            p(1, 1, "shown");
                            Ok(())
                        })
                    }),
                )
            }
            "del-rule" | "rule-preset" => {
                let sg = el("sg-rules")
                    .and_then(|e| e.get_attribute("data-sg"))
                    .unwrap_or_default();
                let preset = super::preset(&id);
                then_detail(
                    format!("{} rule", if preset.is_some() { "Add" } else { "Remove" }),
                    sg.clone(),
                    Box::new(move |c, p| {
                        Box::pin(async move {
                            p(1, 1, "sending");
                            match preset {
                                Some((proto, port)) => {
                                    c.add_rule(&sg, proto, (port, port), "0.0.0.0/0").await
                                }
                                None => c.delete_rule(&id).await,
                            }
                        })
                    }),
                )
            }
            _ => {}
        }
    }

    /// Submits of the everyday actions' forms.
    pub(crate) fn submit(act: &str, id: String) {
        match act {
            "create-lb" => {
                let (name, subnet, proto, algo) = (
                    val("lb_name"),
                    val("lb_subnet"),
                    val("lb_proto"),
                    val("lb_algo"),
                );
                let port = val("lb_port").parse::<u16>().unwrap_or(0);
                let members = selected("lb_members");
                run(
                    format!("Create load balancer {name}"),
                    Box::new(move |c, p| {
                        Box::pin(async move {
                            c.create_lb(&name, &subnet, &proto, port, &algo, &members, &p)
                                .await
                        })
                    }),
                )
            }
            "create-kp" | "import-kp" => {
                let gen = act == "create-kp";
                let (name, key) = if gen {
                    (val("kp_name"), String::new())
                } else {
                    (val("kpi_name"), val("kpi_key"))
                };
                if !gen && key.trim().is_empty() {
                    crate::app::show_problem(&super::bad("public_key", "paste a public key"));
                    return;
                }
                run(
                    format!("{} key pair {name}", if gen { "Create" } else { "Import" }),
                    Box::new(move |c, p| {
                        Box::pin(async move {
                            p(1, 2, "creating");
                            let private = c.create_keypair(&name, &key).await?;
                            if !private.is_empty() {
                                p(2, 2, "downloading the private key");
                                let url =
                                    download(&format!("{name}.pem"), &private).map_err(|_| {
                                        super::bad("download", "the browser refused the download")
                                    })?;
                                drop(private);
                                c.client.transport().sleep(Duration::from_secs(2)).await;
                                let _ = web_sys::Url::revoke_object_url(&url);
                            }
                            Ok(())
                        })
                    }),
                )
            }
            "create-group" => {
                let (name, policy) = (val("grp_name"), val("grp_policy"));
                run(
                    format!("Create server group {name}"),
                    Box::new(move |c, p| {
                        Box::pin(async move {
                            p(1, 1, "creating");
                            c.create_group(&name, &policy).await
                        })
                    }),
                )
            }
            "add-rule" => {
                let sg = el("sg-rules")
                    .and_then(|e| e.get_attribute("data-sg"))
                    .unwrap_or_default();
                let (proto, cidr) = (val("rule_proto"), val("rule_cidr"));
                let lo = val("rule_min").parse().unwrap_or(0);
                let hi = val("rule_max").parse().unwrap_or(lo);
                then_detail(
                    "Add rule".into(),
                    sg.clone(),
                    Box::new(move |c, p| {
                        Box::pin(async move {
                            p(1, 1, "sending");
                            c.add_rule(&sg, &proto, (lo, hi), &cidr).await
                        })
                    }),
                )
            }
            "resize" => {
                let flavor = val("rs_flavor");
                let short: String = id.chars().take(8).collect();
                let sid = id.clone();
                then_detail(
                    format!("Resize {short}"),
                    id,
                    Box::new(move |c, p| {
                        Box::pin(async move { c.resize(&sid, &flavor, &p).await })
                    }),
                )
            }
            "snapshot" => {
                let name = val("snap_name");
                run(
                    format!("Create image {name}"),
                    Box::new(move |c, p| {
                        Box::pin(async move { c.image_from(&id, &name, &p).await })
                    }),
                )
            }
            _ => {}
        }
    }

    /// The values picked in the multiple select `id`.
    fn selected(id: &str) -> Vec<String> {
        let Some(s) = el(id).and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok()) else {
            return Vec::new();
        };
        let opts = s.selected_options();
        (0..opts.length())
            .filter_map(|i| opts.item(i))
            .filter_map(|o| o.get_attribute("value"))
            .collect()
    }

    /// Fills the select `id` with the choices `what` (see `Cloud::extra_choices`).
    pub(crate) fn fill(id: &'static str, what: String) {
        crate::app::fill_one(id, what, false);
    }
}
