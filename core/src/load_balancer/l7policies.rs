//! Octavia L7 policies and their rules: CRUD of both.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::load_balancer::l7policies::{self, CompareType, CreateL7Policy, CreateL7Rule, L7Action, RuleType};
//! let octavia = client.load_balancer();
//! let p = octavia
//!     .call(&l7policies::create(&CreateL7Policy {
//!         listener_id: Some("023f2e".into()),
//!         action: L7Action::RedirectToUrl,
//!         redirect_url: Some("https://example.com".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! octavia
//!     .call(&l7policies::create_rule(&p.id, &CreateL7Rule {
//!         kind: RuleType::Path,
//!         compare_type: CompareType::StartsWith,
//!         value: "/old".into(),
//!         ..Default::default()
//!     }))
//!     .await?;
//! octavia.call(&l7policies::delete(&p.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{has_status, status_query, IdRef, OperatingStatus, ProvisioningStatus};
use crate::{path, query, Find, InvalidInput, List, ListCommon, Op, Paging, Patch, Timestamp};

crate::string_enum! {
    /// What an L7 policy does with matching requests.
    pub enum L7Action {
        /// Send to a pool.
        RedirectToPool = "REDIRECT_TO_POOL",
        /// Redirect to a URL.
        RedirectToUrl = "REDIRECT_TO_URL",
        /// Redirect, replacing the scheme and host.
        RedirectPrefix = "REDIRECT_PREFIX",
        /// Refuse.
        Reject = "REJECT",
    }
}

crate::string_enum! {
    /// What an L7 rule looks at.
    pub enum RuleType {
        /// The path.
        Path = "PATH",
        /// A cookie (`key` names it).
        Cookie = "COOKIE",
        /// The file type (extension).
        FileType = "FILE_TYPE",
        /// A header (`key` names it).
        Header = "HEADER",
        /// The host name.
        HostName = "HOST_NAME",
        /// Whether the client sent a certificate.
        SslConnHasCert = "SSL_CONN_HAS_CERT",
        /// The client certificate check result.
        SslVerifyResult = "SSL_VERIFY_RESULT",
        /// A field of the client certificate's DN (`key` names it).
        SslDnField = "SSL_DN_FIELD",
    }
}

crate::string_enum! {
    /// How an L7 rule compares.
    pub enum CompareType {
        /// Regular expression.
        Regex = "REGEX",
        /// Prefix.
        StartsWith = "STARTS_WITH",
        /// Suffix.
        EndsWith = "ENDS_WITH",
        /// Substring.
        Contains = "CONTAINS",
        /// Equality.
        EqualTo = "EQUAL_TO",
    }
}

/// An L7 policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct L7Policy {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Listener.
    pub listener_id: Option<String>,
    /// Action.
    #[serde(default)]
    pub action: L7Action,
    /// Position among the listener's policies (1 first).
    pub position: Option<u32>,
    /// Target pool (`REDIRECT_TO_POOL`).
    pub redirect_pool_id: Option<String>,
    /// Target URL (`REDIRECT_TO_URL`).
    pub redirect_url: Option<String>,
    /// Target prefix (`REDIRECT_PREFIX`).
    pub redirect_prefix: Option<String>,
    /// Redirect status code.
    pub redirect_http_code: Option<u16>,
    /// Rules.
    #[serde(default)]
    pub rules: Vec<IdRef>,
    /// Administrative state.
    #[serde(default)]
    pub admin_state_up: bool,
    /// Owning project.
    pub project_id: Option<String>,
    /// Provisioning status.
    #[serde(default)]
    pub provisioning_status: ProvisioningStatus,
    /// Operating status.
    #[serde(default)]
    pub operating_status: OperatingStatus,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

has_status!(L7Policy: "L7 policy");

/// The body of [`create`] (also a listener's policy inside a graph create).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateL7Policy {
    /// Listener (outside a graph create).
    pub listener_id: Option<String>,
    /// Action.
    pub action: L7Action,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Position.
    pub position: Option<u32>,
    /// Target pool.
    pub redirect_pool_id: Option<String>,
    /// Target URL.
    pub redirect_url: Option<String>,
    /// Target prefix.
    pub redirect_prefix: Option<String>,
    /// Redirect status code (301, 302, 303, 307, 308).
    pub redirect_http_code: Option<u16>,
    /// Rules created with it (graph create).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<CreateL7Rule>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdateL7Policy {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Action.
    pub action: Option<L7Action>,
    /// Position.
    pub position: Option<u32>,
    /// Redirect status code.
    pub redirect_http_code: Option<u16>,
    /// Target pool.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub redirect_pool_id: Patch<String>,
    /// Target URL.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub redirect_url: Patch<String>,
    /// Target prefix.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub redirect_prefix: Patch<String>,
    /// Tags (replaces them).
    pub tags: Option<Vec<String>>,
}

fn check_policy(p: &CreateL7Policy) -> Result<(), InvalidInput> {
    let need = |field: &'static str, v: &Option<String>| match v {
        Some(_) => Ok(()),
        None => Err(InvalidInput::field(
            field,
            format!("{} needs {field}", p.action),
        )),
    };
    match p.action {
        L7Action::RedirectToPool => need("redirect_pool_id", &p.redirect_pool_id),
        L7Action::RedirectToUrl => need("redirect_url", &p.redirect_url),
        L7Action::RedirectPrefix => need("redirect_prefix", &p.redirect_prefix),
        _ => Ok(()),
    }
}

/// Filters of [`list`]: any attribute of an L7 policy, plus [`ListCommon`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListL7Policies {
    /// Id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Project (admin).
    pub project_id: Option<String>,
    /// Provisioning status.
    pub provisioning_status: Option<ProvisioningStatus>,
    /// Operating status.
    pub operating_status: Option<OperatingStatus>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Listener.
    pub listener_id: Option<String>,
    /// Action.
    pub action: Option<L7Action>,
    /// Position.
    pub position: Option<u32>,
    /// Target pool.
    pub redirect_pool_id: Option<String>,
    /// Target URL.
    pub redirect_url: Option<String>,
    /// Target prefix.
    pub redirect_prefix: Option<String>,
    /// Redirect status code.
    pub redirect_http_code: Option<u16>,
    /// Fields, sort, paging, tag filters, other filters.
    pub common: ListCommon,
}

/// `GET lbaas/l7policies`.
pub fn list(filter: &ListL7Policies) -> List<L7Policy> {
    let q = query!(
        id: filter.id.as_deref(),
        name: filter.name.as_deref(),
        description: filter.description.as_deref(),
        project_id: filter.project_id.as_deref(),
        listener_id: filter.listener_id.as_deref(),
        action: filter.action.as_ref().map(|a| a.as_str()),
        position: filter.position,
        redirect_pool_id: filter.redirect_pool_id.as_deref(),
        redirect_url: filter.redirect_url.as_deref(),
        redirect_prefix: filter.redirect_prefix.as_deref(),
        redirect_http_code: filter.redirect_http_code,
    );
    let q = status_query(
        q,
        &filter.provisioning_status,
        &filter.operating_status,
        filter.admin_state_up,
    );
    List::new(path!("lbaas/l7policies"), "l7policies", Paging::Linked)
        .query(filter.common.apply_joined_sort(q))
}

/// `GET lbaas/l7policies/{id}`.
pub fn get(id: &str) -> Op<L7Policy> {
    Op::get(path!("lbaas/l7policies/{}", id)).decode_key("l7policy")
}

/// A L7 policy by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<L7Policy> {
    Find::new(
        "L7 policy",
        name_or_id,
        get(name_or_id),
        list(&ListL7Policies {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(L7Policy);

/// `POST lbaas/l7policies`.
pub fn create(p: &CreateL7Policy) -> Op<L7Policy> {
    let check = InvalidInput::require(
        p.listener_id.is_some(),
        "listener_id",
        "an L7 policy needs a listener",
    )
    .and_then(|()| check_policy(p));
    Op::post(path!("lbaas/l7policies"))
        .check(check)
        .json_under("l7policy", p)
        .decode_key("l7policy")
}

/// `PUT lbaas/l7policies/{id}`.
pub fn update(id: &str, update: &UpdateL7Policy) -> Op<L7Policy> {
    Op::put(path!("lbaas/l7policies/{}", id))
        .json_under("l7policy", update)
        .decode_key("l7policy")
}

/// `DELETE lbaas/l7policies/{id}`.
pub fn delete(id: &str) -> Op<()> {
    Op::delete(path!("lbaas/l7policies/{}", id))
}

/// An L7 rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct L7Rule {
    /// Id.
    pub id: String,
    /// What it looks at.
    #[serde(rename = "type", default)]
    pub kind: RuleType,
    /// How it compares.
    #[serde(default)]
    pub compare_type: CompareType,
    /// Cookie, header or DN field name.
    pub key: Option<String>,
    /// Value compared with.
    #[serde(default)]
    pub value: String,
    /// Negate the match.
    #[serde(default)]
    pub invert: bool,
    /// Administrative state.
    #[serde(default)]
    pub admin_state_up: bool,
    /// Owning project.
    pub project_id: Option<String>,
    /// Provisioning status.
    #[serde(default)]
    pub provisioning_status: ProvisioningStatus,
    /// Operating status.
    #[serde(default)]
    pub operating_status: OperatingStatus,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

has_status!(L7Rule: "L7 rule");

/// The body of [`create_rule`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateL7Rule {
    /// How it compares.
    pub compare_type: CompareType,
    /// Negate.
    pub invert: Option<bool>,
    /// What it looks at.
    #[serde(rename = "type")]
    pub kind: RuleType,
    /// Value.
    pub value: String,
    /// Cookie, header or DN field name.
    pub key: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// The body of [`update_rule`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdateL7Rule {
    /// How it compares.
    pub compare_type: Option<CompareType>,
    /// Negate.
    pub invert: Option<bool>,
    /// What it looks at.
    #[serde(rename = "type")]
    pub kind: Option<RuleType>,
    /// Value.
    pub value: Option<String>,
    /// Key (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub key: Patch<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Tags (replaces them).
    pub tags: Option<Vec<String>>,
}

/// Filters of [`list_rules`]: any attribute of an L7 rule, plus [`ListCommon`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListL7Rules {
    /// Id.
    pub id: Option<String>,
    /// Project (admin).
    pub project_id: Option<String>,
    /// Provisioning status.
    pub provisioning_status: Option<ProvisioningStatus>,
    /// Operating status.
    pub operating_status: Option<OperatingStatus>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// What it looks at.
    pub kind: Option<RuleType>,
    /// How it compares.
    pub compare_type: Option<CompareType>,
    /// Value compared with.
    pub value: Option<String>,
    /// Cookie, header or DN field name.
    pub key: Option<String>,
    /// Negated rules (`Some(true)`) or plain ones.
    pub invert: Option<bool>,
    /// Fields, sort, paging, tag filters, other filters.
    pub common: ListCommon,
}

/// `GET lbaas/l7policies/{policy_id}/rules`.
pub fn list_rules(policy_id: &str, filter: &ListL7Rules) -> List<L7Rule> {
    let q = query!(
        id: filter.id.as_deref(),
        project_id: filter.project_id.as_deref(),
        "type": filter.kind.as_ref().map(|k| k.as_str()),
        compare_type: filter.compare_type.as_ref().map(|c| c.as_str()),
        value: filter.value.as_deref(),
        key: filter.key.as_deref(),
        invert: filter.invert,
    );
    let q = status_query(
        q,
        &filter.provisioning_status,
        &filter.operating_status,
        filter.admin_state_up,
    );
    List::new(
        path!("lbaas/l7policies/{}/rules", policy_id),
        "rules",
        Paging::Linked,
    )
    .query(filter.common.apply_joined_sort(q))
}

/// `GET lbaas/l7policies/{policy_id}/rules/{rule_id}`.
pub fn get_rule(policy_id: &str, rule_id: &str) -> Op<L7Rule> {
    Op::get(path!("lbaas/l7policies/{}/rules/{}", policy_id, rule_id)).decode_key("rule")
}

/// `POST lbaas/l7policies/{policy_id}/rules`.
pub fn create_rule(policy_id: &str, rule: &CreateL7Rule) -> Op<L7Rule> {
    let needs_key = matches!(
        rule.kind,
        RuleType::Cookie | RuleType::Header | RuleType::SslDnField
    );
    let check = InvalidInput::require(!rule.value.is_empty(), "value", "an L7 rule needs a value")
        .and(InvalidInput::require(
            !needs_key || rule.key.is_some(),
            "key",
            format!("{} rules need a key", rule.kind),
        ));
    Op::post(path!("lbaas/l7policies/{}/rules", policy_id))
        .check(check)
        .json_under("rule", rule)
        .decode_key("rule")
}

/// `PUT lbaas/l7policies/{policy_id}/rules/{rule_id}`.
pub fn update_rule(policy_id: &str, rule_id: &str, update: &UpdateL7Rule) -> Op<L7Rule> {
    Op::put(path!("lbaas/l7policies/{}/rules/{}", policy_id, rule_id))
        .json_under("rule", update)
        .decode_key("rule")
}

/// `DELETE lbaas/l7policies/{policy_id}/rules/{rule_id}`.
pub fn delete_rule(policy_id: &str, rule_id: &str) -> Op<()> {
    Op::delete(path!("lbaas/l7policies/{}/rules/{}", policy_id, rule_id))
}
