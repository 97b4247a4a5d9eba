//! Keystone v3 roles and role assignments: role CRUD, `GET /v3/role_assignments` with every
//! filter, and granting, checking and revoking a role of a user or group on a project, a
//! domain or the system (also inherited to a domain's or project's subtree, `OS-INHERIT`).
//! Implied roles (`/v3/roles/{prior}/implies/{implied}`, `/v3/role_inferences`) are here
//! too. [`available_system`] reads `GET /v3/auth/system`.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::roles::{self, Actor, CreateRole, ListRoleAssignments, Target};
//! let keystone = client.identity();
//! let role = keystone.call(&roles::create(&CreateRole { name: "auditor".into(), ..Default::default() })).await?;
//! let (on, who) = (Target::Project("p1".into()), Actor::User("u1".into()));
//! keystone.call(&roles::assign(&on, &who, &role.id)).await?;
//! keystone.call(&roles::check(&on, &who, &role.id)).await?; // Ok: granted
//! let effective = keystone
//!     .collect_all(roles::list_assignments(&ListRoleAssignments {
//!         user_id: Some("u1".into()),
//!         effective: true,
//!         include_names: true,
//!         ..Default::default()
//!     }))
//!     .await?;
//! keystone.call(&roles::revoke(&on, &who, &role.id)).await?;
//! keystone.call(&roles::delete(&role.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::Ref;
use crate::{path, query, Find, InvalidInput, List, Op, Paging, Patch};

/// A role.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Domain of a domain-specific role (`None`: global).
    pub domain_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Resource options (e.g. `immutable`).
    #[serde(default)]
    pub options: Map<String, Value>,
    /// Other fields (`links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRoles {
    /// Exact name.
    pub name: Option<String>,
    /// Roles specific to this domain.
    pub domain_id: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
    /// Start after this role id.
    pub marker: Option<String>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateRole {
    /// Name.
    pub name: String,
    /// Make it specific to this domain.
    pub domain_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Resource options.
    pub options: Option<Map<String, Value>>,
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdateRole {
    /// New name.
    pub name: Option<String>,
    /// Description (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
    /// Resource options to change.
    pub options: Option<Map<String, Value>>,
}

/// `GET /v3/roles`.
pub fn list(filter: &ListRoles) -> List<Role> {
    List::new(path!("roles"), "roles", Paging::Linked).query(query!(
        name: filter.name.as_deref(),
        domain_id: filter.domain_id.as_deref(),
        limit: filter.limit,
        marker: filter.marker.as_deref(),
    ))
}

/// `GET /v3/roles/{role_id}`.
pub fn get(role_id: &str) -> Op<Role> {
    Op::get(path!("roles/{}", role_id)).decode_key("role")
}

/// A role by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Role> {
    Find::new(
        "role",
        name_or_id,
        get(name_or_id),
        list(&ListRoles {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(Role);

/// `POST /v3/roles`.
pub fn create(role: &CreateRole) -> Op<Role> {
    let check = InvalidInput::require(!role.name.is_empty(), "name", "a role needs a name");
    Op::post(path!("roles"))
        .check(check)
        .json_under("role", role)
        .decode_key("role")
}

/// `PATCH /v3/roles/{role_id}`.
pub fn update(role_id: &str, update: &UpdateRole) -> Op<Role> {
    Op::patch(path!("roles/{}", role_id))
        .json_under("role", update)
        .decode_key("role")
}

/// `DELETE /v3/roles/{role_id}` (also removes its assignments).
pub fn delete(role_id: &str) -> Op<()> {
    Op::delete(path!("roles/{}", role_id))
}

/// Who holds a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A user, by id.
    User(String),
    /// A group, by id.
    Group(String),
}

/// Where a role applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A project, by id.
    Project(String),
    /// A domain, by id.
    Domain(String),
    /// The whole deployment (`/v3/system/...`, scope `all`).
    System,
    /// Every project of a domain, inherited (`OS-INHERIT/domains/{id}/…/inherited_to_projects`).
    DomainSubtree(String),
    /// Every project below a project, inherited (`OS-INHERIT/projects/{id}/…/inherited_to_projects`).
    ProjectSubtree(String),
}

/// `(prefix, suffix)` of the grant path: `<prefix>/roles[/{role}]<suffix>`.
fn grant_base(on: &Target, who: &Actor) -> Result<(String, &'static str), InvalidInput> {
    let (kind, actor) = match who {
        Actor::User(id) => ("users", id.as_str()),
        Actor::Group(id) => ("groups", id.as_str()),
    };
    let inherited = "/inherited_to_projects";
    Ok(match on {
        Target::Project(p) => (path!("projects/{}/{}/{}", p, kind, actor)?, ""),
        Target::Domain(d) => (path!("domains/{}/{}/{}", d, kind, actor)?, ""),
        Target::System => (path!("system/{}/{}", kind, actor)?, ""),
        Target::DomainSubtree(d) => (
            path!("OS-INHERIT/domains/{}/{}/{}", d, kind, actor)?,
            inherited,
        ),
        Target::ProjectSubtree(p) => (
            path!("OS-INHERIT/projects/{}/{}/{}", p, kind, actor)?,
            inherited,
        ),
    })
}

fn grant_path(on: &Target, who: &Actor, role_id: &str) -> Result<String, InvalidInput> {
    let (base, suffix) = grant_base(on, who)?;
    Ok(format!(
        "{base}/roles/{}{suffix}",
        crate::request::endpoint::segment(role_id)?
    ))
}

/// `PUT …/roles/{role_id}`: grants `role_id` to `who` on `on` (204).
pub fn assign(on: &Target, who: &Actor, role_id: &str) -> Op<()> {
    Op::put(grant_path(on, who, role_id))
}

/// `HEAD …/roles/{role_id}`: `Ok` when the grant exists (404 otherwise).
pub fn check(on: &Target, who: &Actor, role_id: &str) -> Op<()> {
    Op::head(grant_path(on, who, role_id))
}

/// `DELETE …/roles/{role_id}`: revokes the grant.
pub fn revoke(on: &Target, who: &Actor, role_id: &str) -> Op<()> {
    Op::delete(grant_path(on, who, role_id))
}

/// `GET …/roles`: the roles `who` holds directly on `on`. For inherited targets this is
/// `GET /v3/OS-INHERIT/{domains|projects}/{id}/{users|groups}/{id}/roles/inherited_to_projects`.
pub fn list_granted(on: &Target, who: &Actor) -> List<Role> {
    let path = grant_base(on, who).map(|(base, suffix)| format!("{base}/roles{suffix}"));
    List::new(path, "roles", Paging::Linked)
}

/// `GET /v3/auth/system`: the system scopes the current token may use
/// (`[{"all": true}]` or empty).
pub fn available_system() -> Op<Vec<Map<String, Value>>> {
    Op::get(path!("auth/system")).decode_key("system")
}

/// A role assignment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoleAssignment {
    /// The role (with its name when listed with `include_names`).
    pub role: Ref,
    /// The user holding it (or `None` for a group assignment).
    pub user: Option<Ref>,
    /// The group holding it (or `None` for a user assignment).
    pub group: Option<Ref>,
    /// Where it applies.
    pub scope: AssignmentScope,
    /// Other fields (`links.assignment`, `links.membership`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The scope of a [`RoleAssignment`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssignmentScope {
    /// A project.
    pub project: Option<Ref>,
    /// A domain.
    pub domain: Option<Ref>,
    /// The system (`{"all": true}`).
    pub system: Option<Map<String, Value>>,
    /// `projects` for an inherited assignment.
    #[serde(rename = "OS-INHERIT:inherited_to")]
    pub inherited_to: Option<String>,
}

/// Filters of [`list_assignments`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRoleAssignments {
    /// `user.id`.
    pub user_id: Option<String>,
    /// `group.id`.
    pub group_id: Option<String>,
    /// `role.id`.
    pub role_id: Option<String>,
    /// `scope.project.id`.
    pub project_id: Option<String>,
    /// `scope.domain.id`.
    pub domain_id: Option<String>,
    /// `scope.system` (`all`).
    pub system: Option<String>,
    /// `scope.OS-INHERIT:inherited_to` (`projects`): inherited assignments only.
    pub inherited_to: Option<String>,
    /// `effective`: expand group memberships and inheritance into user assignments.
    pub effective: bool,
    /// `include_names`: add names to roles, users, groups, projects and domains.
    pub include_names: bool,
    /// `include_subtree`: with `project_id`, also the projects below it.
    pub include_subtree: bool,
}

/// `GET /v3/role_assignments`.
pub fn list_assignments(filter: &ListRoleAssignments) -> List<RoleAssignment> {
    if filter.include_subtree && filter.project_id.is_none() {
        return List::new(
            Err(InvalidInput::field(
                "include_subtree",
                "Keystone needs project_id with include_subtree",
            )),
            "role_assignments",
            Paging::Linked,
        );
    }
    let flag = |b: bool| b.then_some("true");
    List::new(
        path!("role_assignments"),
        "role_assignments",
        Paging::Linked,
    )
    .query(query!(
        "user.id": filter.user_id.as_deref(),
        "group.id": filter.group_id.as_deref(),
        "role.id": filter.role_id.as_deref(),
        "scope.project.id": filter.project_id.as_deref(),
        "scope.domain.id": filter.domain_id.as_deref(),
        "scope.system": filter.system.as_deref(),
        "scope.OS-INHERIT:inherited_to": filter.inherited_to.as_deref(),
        effective: flag(filter.effective),
        include_names: flag(filter.include_names),
        include_subtree: flag(filter.include_subtree),
    ))
}

/// A prior role and the roles it implies.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RoleInference<I> {
    /// The role that implies.
    pub prior_role: Ref,
    /// The implied role (one) or roles (a list).
    pub implies: I,
}

/// `PUT /v3/roles/{prior_role_id}/implies/{implied_role_id}`: `prior` now implies `implied`.
pub fn create_implied(prior_role_id: &str, implied_role_id: &str) -> Op<RoleInference<Ref>> {
    Op::put(path!("roles/{}/implies/{}", prior_role_id, implied_role_id))
        .decode_key("role_inference")
}

/// `GET /v3/roles/{prior_role_id}/implies/{implied_role_id}`.
pub fn get_implied(prior_role_id: &str, implied_role_id: &str) -> Op<RoleInference<Ref>> {
    Op::get(path!("roles/{}/implies/{}", prior_role_id, implied_role_id))
        .decode_key("role_inference")
}

/// `HEAD /v3/roles/{prior_role_id}/implies/{implied_role_id}`: `Ok` when the rule exists.
pub fn check_implied(prior_role_id: &str, implied_role_id: &str) -> Op<()> {
    Op::head(path!("roles/{}/implies/{}", prior_role_id, implied_role_id))
}

/// `DELETE /v3/roles/{prior_role_id}/implies/{implied_role_id}`.
pub fn delete_implied(prior_role_id: &str, implied_role_id: &str) -> Op<()> {
    Op::delete(path!("roles/{}/implies/{}", prior_role_id, implied_role_id))
}

/// `GET /v3/roles/{prior_role_id}/implies`: the roles one role implies.
pub fn list_implied(prior_role_id: &str) -> Op<RoleInference<Vec<Ref>>> {
    Op::get(path!("roles/{}/implies", prior_role_id)).decode_key("role_inference")
}

/// `GET /v3/role_inferences`: every implication rule.
pub fn list_inferences() -> Op<Vec<RoleInference<Vec<Ref>>>> {
    Op::get(path!("role_inferences")).decode_key("role_inferences")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, Paginated, ServiceEndpoint, ServiceType};

    fn svc() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap()
    }

    #[test]
    fn grant_paths() {
        let u = Actor::User("u 1".into());
        let g = Actor::Group("g".into());
        let cases = [
            (
                assign(&Target::Project("p".into()), &u, "r"),
                "PUT",
                "/v3/projects/p/users/u%201/roles/r",
            ),
            (
                check(&Target::Domain("d".into()), &g, "r"),
                "HEAD",
                "/v3/domains/d/groups/g/roles/r",
            ),
            (
                revoke(&Target::System, &u, "r"),
                "DELETE",
                "/v3/system/users/u%201/roles/r",
            ),
            (
                assign(&Target::DomainSubtree("d".into()), &g, "r"),
                "PUT",
                "/v3/OS-INHERIT/domains/d/groups/g/roles/r/inherited_to_projects",
            ),
        ];
        for (op, method, path) in cases {
            let req = op.request(&svc()).unwrap();
            assert_eq!((req.method().as_str(), req.uri().path()), (method, path));
        }
        assert!(assign(&Target::Project("..".into()), &u, "r")
            .request(&svc())
            .is_err());
        assert!(assign(&Target::System, &u, "").request(&svc()).is_err());
        let req = list_granted(&Target::ProjectSubtree("p".into()), &u)
            .first_request(&svc())
            .unwrap();
        assert_eq!(
            req.uri().path(),
            "/v3/OS-INHERIT/projects/p/users/u%201/roles/inherited_to_projects"
        );
    }

    #[test]
    fn assignment_filters() {
        let req = list_assignments(&ListRoleAssignments {
            user_id: Some("u".into()),
            project_id: Some("p".into()),
            system: Some("all".into()),
            role_id: Some("r".into()),
            effective: true,
            include_names: true,
            include_subtree: true,
            ..Default::default()
        })
        .first_request(&svc())
        .unwrap();
        assert_eq!(
            req.uri().query(),
            Some("user.id=u&role.id=r&scope.project.id=p&scope.system=all&effective=true&include_names=true&include_subtree=true")
        );
        let bad = list_assignments(&ListRoleAssignments {
            include_subtree: true,
            ..Default::default()
        });
        assert!(matches!(
            bad.first_request(&svc()),
            Err(crate::Error::InvalidInput(_))
        ));
    }
}
