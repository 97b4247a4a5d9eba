//! The load-balancer page (Octavia): the table with provisioning and operating status
//! badges, the status tree of one load balancer as a nested list, and the create task
//! (load balancer, listener, pool, members, each step waiting for `ACTIVE`, since Octavia
//! locks a load balancer while it is `PENDING_*`).

use std::fmt::Write;

use ferrocloud::load_balancer::pools::LbAlgorithm;
use ferrocloud::load_balancer::{listeners, loadbalancers, pools, Protocol};
use ferrocloud::network::{ports, subnets};
use ferrocloud::{Result, Service, Transport};
use serde_json::Value;

use crate::api::{obj, obj_choice, pairs, rows, wait, Cloud, Obj, Pages, Progress, PAGE};
use crate::ui::{badge, esc, Cell, Row};

fn lb_row(o: &Obj) -> Row {
    Row {
        id: o.s("id").to_owned(),
        cells: vec![
            Cell::Text(o.s("name").to_owned()),
            Cell::Status(o.s("provisioning_status").to_owned()),
            Cell::Status(o.s("operating_status").to_owned()),
            Cell::Text(o.s("vip_address").to_owned()),
        ],
    }
}

/// A member picker row: the server's fixed IP (the value) and its server.
fn port_choice(o: &Obj) -> Row {
    let ip = o.0["fixed_ips"][0]["ip_address"]
        .as_str()
        .unwrap_or_default();
    Row {
        id: ip.to_owned(),
        cells: vec![Cell::Text(format!(
            "{ip} ({})",
            &o.s("device_id")[..8.min(o.s("device_id").len())]
        ))],
    }
}

/// One node of the status tree and its children, as nested lists.
fn node(h: &mut String, what: &str, n: &Value) {
    let name = n["name"].as_str().filter(|s| !s.is_empty());
    let name = name
        .or(n["address"].as_str())
        .unwrap_or_else(|| n["id"].as_str().unwrap_or(""));
    let _ = write!(h, "<li><span class=\"lbt\">{what}</span> {}", esc(name));
    for k in ["provisioning_status", "operating_status"] {
        if let Some(s) = n[k].as_str() {
            h.push_str(&badge(s));
        }
    }
    for (key, child) in [
        ("listeners", "listener"),
        ("pools", "pool"),
        ("members", "member"),
    ] {
        if let Some(list) = n[key].as_array().filter(|l| !l.is_empty()) {
            h.push_str("<ul>");
            for c in list {
                node(h, child, c);
            }
            h.push_str("</ul>");
        }
    }
    h.push_str("</li>");
}

/// The status tree (`GET /lbaas/loadbalancers/{id}/status`, its `statuses` object) as
/// nested lists: load balancer, listeners, pools, members, each with its badges.
pub fn tree_html(statuses: &Value) -> String {
    let mut h = String::from("<h4>Status tree</h4><ul class=\"lbtree\" id=\"lbtree\">");
    node(&mut h, "load balancer", &statuses["loadbalancer"]);
    h.push_str("</ul>");
    h
}

/// The load-balancer work of the dashboard.
impl<T: Transport + 'static> Cloud<T> {
    /// Octavia, in the picked region.
    pub fn load_balancer(&self) -> Service<T> {
        match &self.region {
            Some(r) => self.client.load_balancer().region(r.clone()),
            None => self.client.load_balancer(),
        }
    }

    /// The load-balancer table.
    pub fn lb_pages(&self) -> Pages {
        let mut f = loadbalancers::ListLoadBalancers::default();
        f.common.limit = Some(PAGE);
        crate::api::paged(self.load_balancer(), rows(loadbalancers::list(&f), lb_row))
    }

    /// A load balancer with its status tree under `statuses`.
    pub async fn lb_detail(&self, id: &str) -> Result<Obj> {
        let oct = self.load_balancer();
        let mut lb = oct
            .call(&obj(loadbalancers::get(id), "loadbalancer"))
            .await?;
        let tree = oct
            .call(&obj(loadbalancers::status(id), "statuses"))
            .await?;
        lb.0["statuses"] = tree.0;
        Ok(lb)
    }

    /// Pickers of the create form: `subnets`, or `members:SUBNET` (the fixed IPs of the
    /// project's servers on that subnet).
    pub async fn lb_choices(&self, what: &str) -> Result<Vec<(String, String)>> {
        let neutron = self.network();
        let list = match what.strip_prefix("members:") {
            Some(subnet) => rows(
                ports::list(&ports::ListPorts {
                    device_owner: Some("compute:nova".into()),
                    fixed_ips: vec![ports::FixedIp::in_subnet(subnet)],
                    ..Default::default()
                }),
                port_choice,
            ),
            None => rows(subnets::list(&Default::default()), obj_choice),
        };
        Ok(pairs(neutron.collect_all(list).await?))
    }

    /// Waits until load balancer `id` is `ACTIVE` again (it is locked while `PENDING_*`).
    async fn lb_settled(&self, id: &str) -> Result<()> {
        let oct = self.load_balancer();
        let op = obj(loadbalancers::get(id), "loadbalancer");
        self.client
            .wait_for("the load balancer to be ACTIVE", wait(), || async {
                let lb = oct.call(&op).await?;
                match lb.s("provisioning_status") {
                    "ACTIVE" => Ok(Some(())),
                    "ERROR" => Err(ferrocloud::Error::decode_msg(
                        "load balancer",
                        "provisioning went to ERROR",
                    )),
                    _ => Ok(None),
                }
            })
            .await
    }

    /// Creates a load balancer on `subnet` with one listener, one pool and a member per
    /// address, waiting for `ACTIVE` after each step.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_lb(
        &self,
        name: &str,
        subnet: &str,
        protocol: &str,
        port: u16,
        algorithm: &str,
        members: &[String],
        progress: Progress<'_>,
    ) -> Result<()> {
        crate::api::check_name(name)?;
        if subnet.is_empty() || port == 0 {
            return Err(ferrocloud::InvalidInput::field(
                "subnet",
                "pick a subnet and a port from 1 to 65535",
            )
            .into());
        }
        // The form's choices, matched here rather than through the enums' `FromStr` (smaller).
        let protocol = match protocol {
            "TCP" => Protocol::Tcp,
            "HTTPS" => Protocol::Https,
            _ => Protocol::Http,
        };
        let algorithm = match algorithm {
            "LEAST_CONNECTIONS" => LbAlgorithm::LeastConnections,
            "SOURCE_IP" => LbAlgorithm::SourceIp,
            _ => LbAlgorithm::RoundRobin,
        };
        let total = 3 + members.len() as u32;
        let oct = self.load_balancer();
        // One request and one wait per step (a single await site each keeps the code small):
        // the load balancer, its listener, the listener's pool, a member per address.
        let (mut lb, mut parent) = (String::new(), String::new());
        for step in 0..total {
            let (what, op) = match step {
                0 => (
                    "creating the load balancer".to_owned(),
                    obj(
                        loadbalancers::create(&loadbalancers::CreateLoadBalancer {
                            name: Some(name.to_owned()),
                            vip_subnet_id: Some(subnet.to_owned()),
                            ..Default::default()
                        }),
                        "loadbalancer",
                    ),
                ),
                1 => (
                    "adding the listener".to_owned(),
                    obj(
                        listeners::create(&listeners::CreateListener {
                            loadbalancer_id: Some(lb.clone()),
                            name: Some(format!("{name}-listener")),
                            protocol: protocol.clone(),
                            protocol_port: port,
                            ..Default::default()
                        }),
                        "listener",
                    ),
                ),
                2 => (
                    "adding the pool".to_owned(),
                    obj(
                        pools::create(&pools::CreatePool {
                            name: Some(format!("{name}-pool")),
                            listener_id: Some(parent.clone()),
                            protocol: Some(protocol.clone()),
                            lb_algorithm: Some(algorithm.clone()),
                            ..Default::default()
                        }),
                        "pool",
                    ),
                ),
                n => {
                    let address = &members[n as usize - 3];
                    (
                        format!("adding member {address}"),
                        obj(
                            pools::create_member(
                                &parent,
                                &pools::CreateMember {
                                    address: address.clone(),
                                    protocol_port: port,
                                    subnet_id: Some(subnet.to_owned()),
                                    ..Default::default()
                                },
                            ),
                            "member",
                        ),
                    )
                }
            };
            progress(step + 1, total + 1, &what);
            let made = oct.call(&op).await?;
            if step == 0 {
                lb = made.s("id").to_owned();
            } else if step < 3 {
                parent = made.s("id").to_owned();
            }
            self.lb_settled(&lb).await?;
        }
        progress(total + 1, total + 1, "ACTIVE");
        Ok(())
    }

    /// Deletes a load balancer with everything in it, and waits until it is gone.
    pub async fn delete_lb(&self, id: &str, progress: Progress<'_>) -> Result<()> {
        let oct = self.load_balancer();
        progress(1, 2, "deleting (cascade)");
        oct.call(&loadbalancers::delete(id, true)).await?;
        oct.wait_for_deleted(&obj(loadbalancers::get(id), "loadbalancer"), wait())
            .await?;
        progress(2, 2, "deleted");
        Ok(())
    }
}

/// The create form of the load-balancer page.
pub fn form() -> String {
    let loading = [(String::new(), "loading…".to_owned())];
    let opts = |v: &[&str]| -> Vec<(String, String)> {
        v.iter().map(|s| (s.to_string(), s.to_string())).collect()
    };
    format!(
        "<form class=\"card form\" data-act=\"create-lb\"><h3>Create a load balancer</h3><div class=\"grid\">{}{}{}{}{}\
         <label for=\"lb_members\">Members<select id=\"lb_members\" multiple size=\"3\"></select></label></div>\
         <button type=\"submit\" class=\"primary\">Create</button></form>",
        crate::ui::input("lb_name", "Name", "text", ""),
        crate::ui::select("lb_subnet", "Subnet", &loading, ""),
        crate::ui::select("lb_proto", "Protocol", &opts(&["HTTP", "TCP", "HTTPS"]), "HTTP"),
        crate::ui::input("lb_port", "Port", "number", "80"),
        crate::ui::select(
            "lb_algo",
            "Algorithm",
            &opts(&["ROUND_ROBIN", "LEAST_CONNECTIONS", "SOURCE_IP"]),
            "ROUND_ROBIN"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_tree_nests_listeners_pools_and_members() {
        let h = tree_html(&json!({"loadbalancer": {"id": "lb1", "name": "web",
            "provisioning_status": "ACTIVE", "operating_status": "ONLINE",
            "listeners": [{"id": "l1", "name": "http", "provisioning_status": "ACTIVE",
              "pools": [{"id": "p1", "provisioning_status": "ACTIVE",
                "members": [{"id": "m1", "address": "10.0.0.5", "provisioning_status": "ACTIVE",
                  "operating_status": "NO_MONITOR"}]}]}]}}));
        assert!(h.contains("load balancer</span> web"));
        assert!(h.contains("member</span> 10.0.0.5"));
        assert_eq!(h.matches("<ul").count(), 4);
    }
}
