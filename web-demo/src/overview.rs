//! The Overview page: the project's quota usage per service, one card per service, each
//! quota a small SVG bar with its figures written next to it (so it reads without colour).
//!
//! The three services are asked concurrently ([`load`]); each card is drawn as soon as its
//! service answers, and a service that fails shows its error in its own card only.

use std::fmt::Write;

use ferrocloud::{block_storage, compute, network, Result, Transport};
use serde_json::Value;

use crate::api::{obj, Cloud, Obj};
use crate::ui::{esc, problem};

/// A quota shown: the service's key, its label and its unit.
type Quota = (&'static str, &'static str, &'static str);

/// The cards: slug, title and the quotas shown, in order.
pub const CARDS: [(&str, &str, &[Quota]); 3] = [
    (
        "compute",
        "Compute",
        &[
            ("instances", "Servers", ""),
            ("cores", "vCPUs", ""),
            ("ram", "RAM", " MiB"),
        ],
    ),
    (
        "volume",
        "Block storage",
        &[
            ("volumes", "Volumes", ""),
            ("gigabytes", "Volume storage", " GiB"),
            ("snapshots", "Snapshots", ""),
        ],
    ),
    (
        "network",
        "Network",
        &[
            ("network", "Networks", ""),
            ("port", "Ports", ""),
            ("floatingip", "Floating IPs", ""),
            ("security_group", "Security groups", ""),
        ],
    ),
];

/// The page's frame: the cards, each waiting for its service.
pub fn page() -> String {
    let mut h = format!(
        "<div class=\"bar\"><h2>Overview</h2>{}</div><div id=\"overview\" class=\"quotas\">",
        crate::ui::button("refresh", "", "Refresh", "small")
    );
    for (slug, title, _) in CARDS {
        let _ = write!(
            h,
            "<section class=\"card\" aria-labelledby=\"qh-{slug}\"><h3 id=\"qh-{slug}\">{title}</h3>\
             <div id=\"q-{slug}\" aria-live=\"polite\"><p class=\"fine\">Loading…</p></div></section>"
        );
    }
    h.push_str("</div>");
    h
}

/// The project's quota set with usage from card `i`'s service.
pub async fn fetch<T: Transport + 'static>(c: &Cloud<T>, i: usize, project: &str) -> Result<Obj> {
    match i {
        0 => {
            let op = obj(compute::quota_sets::detail(project, None), "quota_set");
            c.compute().call(&op).await
        }
        1 => {
            let op = obj(block_storage::quota_sets::usage(project), "quota_set");
            c.block_storage().call(&op).await
        }
        _ => {
            let op = obj(network::quotas::details(project), "quota");
            c.network().call(&op).await
        }
    }
}

/// Asks the three services at once and hands each card's HTML to `put(slug, html)` as
/// soon as its service has answered.
pub async fn load<T: Transport + 'static>(
    c: &Cloud<T>,
    project: &str,
    origin: &str,
    put: &dyn Fn(&str, &str),
) {
    let one = |i: usize| async move {
        let r = fetch(c, i, project).await;
        put(CARDS[i].0, &card(i, &r, origin));
    };
    futures::join!(one(0), one(1), one(2));
}

/// The body of card `i`: its quotas, or its service's error.
pub fn card(i: usize, r: &Result<Obj>, origin: &str) -> String {
    match r {
        Ok(o) => {
            let mut h = String::from("<ul class=\"meters\">");
            for &(key, label, unit) in CARDS[i].2 {
                h.push_str(&meter(
                    key,
                    label,
                    unit,
                    o.0.get(key).unwrap_or(&Value::Null),
                ));
            }
            h.push_str("</ul>");
            h
        }
        Err(e) => {
            let p = problem(e, origin);
            format!(
                "<div class=\"problem\" role=\"alert\"><strong>{}</strong><p class=\"msg\">{}</p></div>",
                esc(&p.title),
                esc(&p.message)
            )
        }
    }
}

/// One quota: label, bar and figures. `q` is `{used|in_use, reserved, limit}` (`-1`: no
/// limit). The bar shows used and reserved as shares of the limit; its colour turns to
/// warning at 80 % and to full at the limit.
pub fn meter(key: &str, label: &str, unit: &str, q: &Value) -> String {
    let n = |k: &str| q.get(k).and_then(Value::as_i64);
    let used = n("in_use").or_else(|| n("used")).unwrap_or(0);
    let reserved = n("reserved").unwrap_or(0);
    let limit = n("limit").unwrap_or(-1);
    let taken = used + reserved;
    let pct = |v: i64| {
        if limit > 0 {
            (v * 100 / limit).min(100)
        } else {
            0
        }
    };
    let (u, r) = (pct(used), pct(taken) - pct(used));
    let tone = if limit < 0 {
        "ok"
    } else if taken >= limit {
        "full"
    } else if taken * 5 >= limit * 4 {
        "warn"
    } else {
        "ok"
    };
    let of = if limit < 0 {
        "no limit".to_owned()
    } else {
        format!("of {limit}{unit}")
    };
    format!(
        "<li class=\"{tone}\" data-q=\"{key}\" data-used=\"{used}\" data-limit=\"{limit}\"><span>{label}</span>\
         <svg viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect width=\"100\" height=\"8\"/>\
         <rect class=\"u\" width=\"{u}\" height=\"8\"/><rect class=\"r\" x=\"{u}\" width=\"{r}\" height=\"8\"/></svg>\
         <small>{used}{unit} used, {reserved} reserved, {of}</small></li>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ferrocloud::testing::{MockResponse, MockTransport};
    use ferrocloud::{AuthOptions, Client};
    use http::Method;
    use serde_json::json;

    #[test]
    fn meters_show_figures_tone_and_no_limit() {
        let h = meter(
            "instances",
            "Servers",
            "",
            &json!({"in_use": 8, "reserved": 1, "limit": 10}),
        );
        assert!(h.contains("class=\"warn\""), "{h}");
        assert!(h.contains("8 used, 1 reserved, of 10"), "{h}");
        assert!(h.contains("class=\"u\" width=\"80\"") && h.contains("x=\"80\" width=\"10\""));
        let h = meter(
            "port",
            "Ports",
            "",
            &json!({"used": 3, "reserved": 0, "limit": -1}),
        );
        assert!(h.contains("class=\"ok\"") && h.contains("3 used, 0 reserved, no limit"));
        let h = meter("ram", "RAM", " MiB", &json!({"in_use": 512, "limit": 512}));
        assert!(h.contains("class=\"full\"") && h.contains("512 MiB used, 0 reserved, of 512 MiB"));
    }

    /// A token whose catalog offers compute, block storage and network in two regions.
    fn two_regions() -> MockTransport {
        let ep = |r: &str, host: &str, path: &str| json!({"interface": "public", "region": r, "region_id": r, "url": format!("http://{host}{path}")});
        let svc = |ty: &str, path: &str| json!({"type": ty, "name": ty, "endpoints": [ep("RegionOne", "one", path), ep("RegionTwo", "two", &format!("/two{path}"))]});
        let body = json!({"token": {
            "methods": ["password"], "expires_at": "2099-01-01T00:00:00.000000Z",
            "issued_at": "2026-01-01T00:00:00.000000Z",
            "user": {"id": "u", "name": "demo", "domain": {"id": "default", "name": "Default"}},
            "project": {"id": "p", "name": "demo", "domain": {"id": "default", "name": "Default"}},
            "catalog": [json!({"type": "identity", "name": "keystone", "endpoints": [ep("RegionOne", "keystone", "/v3")]}),
                svc("compute", "/v2.1"), svc("volumev3", "/v3/p"), svc("network", "")]
        }});
        let mock = MockTransport::new();
        mock.on(
            Method::POST,
            "/v3/auth/tokens",
            MockResponse::json(201, body.to_string()).header("x-subject-token", "tok"),
        );
        mock
    }

    #[test]
    fn cards_come_from_the_picked_region_and_a_failure_stays_in_its_card() {
        let mock = two_regions();
        mock.on(
            Method::GET,
            "/two/v2.1/os-quota-sets/p/detail",
            MockResponse::json(
                200,
                r#"{"quota_set": {"instances": {"in_use": 2, "reserved": 0, "limit": 10}}}"#,
            ),
        );
        mock.on(
            Method::GET,
            "/two/v3/p/os-quota-sets/p",
            MockResponse::json(
                200,
                r#"{"quota_set": {"volumes": {"in_use": 1, "reserved": 0, "limit": -1}}}"#,
            ),
        );
        mock.on(
            Method::GET,
            "/two/v2.0/quotas/p/details.json",
            MockResponse::json(
                403,
                r#"{"NeutronError": {"message": "not allowed", "type": "x", "detail": ""}}"#,
            ),
        );
        let auth =
            AuthOptions::password("http://keystone/v3", "demo", "Default", "pw").project_id("p");
        let client = Client::new(mock.clone(), &auth).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let token = rt.block_on(client.token()).unwrap();
        // What the header's region select offers, and the pick the dashboard makes.
        assert_eq!(token.info.catalog.regions(), ["RegionOne", "RegionTwo"]);
        let cloud = Cloud {
            client,
            region: Some("RegionTwo".into()),
        };
        let got = std::cell::RefCell::new(Vec::new());
        rt.block_on(load(&cloud, "p", "http://o", &|slug, h| {
            got.borrow_mut().push((slug.to_owned(), h.to_owned()))
        }));
        let got = got.into_inner();
        assert_eq!(got.len(), 3);
        let find = |s: &str| got.iter().find(|(k, _)| k == s).unwrap().1.clone();
        assert!(find("compute").contains("2 used, 0 reserved, of 10"));
        assert!(find("volume").contains("1 used, 0 reserved, no limit"));
        let net = find("network");
        assert!(
            net.contains("role=\"alert\"") && net.contains("403") && net.contains("not allowed"),
            "{net}"
        );
        // Nothing went to RegionOne's endpoints.
        assert!(mock
            .requests()
            .iter()
            .all(|r| r.method == Method::POST || r.uri.starts_with("http://two/two/")));
    }
}
