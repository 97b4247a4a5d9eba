//! Keystone v3 projects: list (with filters and tags), get (with parents/subtree), create,
//! update, delete, the `/projects/{id}/tags` endpoints, and the projects a token can use
//! (`GET /v3/auth/projects`, see [`available`]).
//!
//! Lists page with `links.next` (Keystone 2025.1 added `limit`/`marker`); [`list`] follows
//! the links and falls back to the last id as the marker.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::projects::{self, CreateProject, ListProjects, UpdateProject};
//! use ferrocloud::Patch;
//! let keystone = client.identity();
//! let p = keystone
//!     .call(&projects::create(&CreateProject {
//!         name: "web".into(),
//!         domain_id: Some("default".into()),
//!         tags: vec!["prod".into()],
//!         ..Default::default()
//!     }))
//!     .await?;
//! keystone
//!     .call(&projects::update(&p.id, &UpdateProject { description: Patch::Set("the web team".into()), ..Default::default() }))
//!     .await?;
//! keystone.call(&projects::TAGS.add(&p.id, "frontend")).await?;
//! let tagged = keystone
//!     .collect_all(projects::list(&ListProjects { tags: vec!["prod".into()], ..Default::default() }))
//!     .await?;
//! let mine = keystone.collect_all(projects::available()).await?;
//! keystone.call(&projects::delete(&p.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::{default_true, join};
use crate::{path, query, Find, InvalidInput, List, Op, Paging, Patch, Tags};

/// A project (or, with `is_domain`, a project acting as a domain).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Id.
    pub id: String,
    /// Name, unique within its domain.
    #[serde(default)]
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Owning domain.
    pub domain_id: Option<String>,
    /// Whether it is enabled.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Whether this project acts as a domain.
    #[serde(default)]
    pub is_domain: bool,
    /// Parent project (the domain id for top-level projects, `None` in some listings).
    pub parent_id: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Resource options (e.g. `immutable`).
    #[serde(default)]
    pub options: Map<String, Value>,
    /// Ancestors, when asked for with [`GetProject`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parents: Option<Hierarchy>,
    /// Descendants, when asked for with [`GetProject`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtree: Option<Hierarchy>,
    /// Other fields (`links`, `limits`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for Project {
    fn default() -> Self {
        Project {
            id: String::new(),
            name: String::new(),
            description: None,
            domain_id: None,
            enabled: true,
            is_domain: false,
            parent_id: None,
            tags: Vec::new(),
            options: Map::new(),
            parents: None,
            subtree: None,
            extra: Map::new(),
        }
    }
}

/// Parents or subtree of a project: full projects (`*_as_list`) or nested ids (`*_as_ids`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Hierarchy {
    /// `[{"project": {…}}, …]`.
    List(Vec<HierarchyEntry>),
    /// `{"<id>": {"<child id>": null | {…}}}`.
    Ids(Map<String, Value>),
}

/// One entry of [`Hierarchy::List`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HierarchyEntry {
    /// The related project.
    pub project: Project,
}

/// Filters of [`list`]. Tags: `tags` = all of them, `tags_any` = at least one,
/// `not_tags` = not all of them, `not_tags_any` = none of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListProjects {
    /// Projects of this domain.
    pub domain_id: Option<String>,
    /// Enabled (or disabled) projects.
    pub enabled: Option<bool>,
    /// Projects acting as domains (`true`) or plain projects (`false`).
    pub is_domain: Option<bool>,
    /// Exact name.
    pub name: Option<String>,
    /// Children of this project.
    pub parent_id: Option<String>,
    /// Projects with all these tags.
    pub tags: Vec<String>,
    /// Projects with any of these tags.
    pub tags_any: Vec<String>,
    /// Projects without all of these tags.
    pub not_tags: Vec<String>,
    /// Projects with none of these tags.
    pub not_tags_any: Vec<String>,
    /// Page size.
    pub limit: Option<u32>,
    /// Start after this project id.
    pub marker: Option<String>,
}

/// Extra data for [`get_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GetProject {
    /// Ancestors as full projects (`parents_as_list`).
    pub parents_as_list: bool,
    /// Descendants as full projects (`subtree_as_list`).
    pub subtree_as_list: bool,
    /// Ancestors as nested ids (`parents_as_ids`).
    pub parents_as_ids: bool,
    /// Descendants as nested ids (`subtree_as_ids`).
    pub subtree_as_ids: bool,
    /// Include the project's limits (`include_limits`).
    pub include_limits: bool,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateProject {
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Owning domain (default: the token's domain).
    pub domain_id: Option<String>,
    /// Enabled (default `true`).
    pub enabled: Option<bool>,
    /// Create a project acting as a domain.
    pub is_domain: Option<bool>,
    /// Parent project.
    pub parent_id: Option<String>,
    /// Tags (each at most 255 characters, without `/` or `,`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Resource options.
    pub options: Option<Map<String, Value>>,
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdateProject {
    /// New name.
    pub name: Option<String>,
    /// New description (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
    /// Enable or disable.
    pub enabled: Option<bool>,
    /// Replace the tags.
    pub tags: Option<Vec<String>>,
    /// Resource options to change.
    pub options: Option<Map<String, Value>>,
}

fn check_tags<'a>(tags: impl IntoIterator<Item = &'a String>) -> Result<(), InvalidInput> {
    tags.into_iter().try_for_each(|t| TAGS.validate(t))
}

/// `GET /v3/projects`.
pub fn list(filter: &ListProjects) -> List<Project> {
    List::new(path!("projects"), "projects", Paging::Linked).query(query!(
        domain_id: filter.domain_id.as_deref(),
        enabled: filter.enabled,
        is_domain: filter.is_domain,
        name: filter.name.as_deref(),
        parent_id: filter.parent_id.as_deref(),
        tags: join(&filter.tags),
        "tags-any": join(&filter.tags_any),
        "not-tags": join(&filter.not_tags),
        "not-tags-any": join(&filter.not_tags_any),
        limit: filter.limit,
        marker: filter.marker.as_deref(),
    ))
}

/// `GET /v3/auth/projects`: the projects the current token may be scoped to.
pub fn available() -> List<Project> {
    List::new(path!("auth/projects"), "projects", Paging::Linked)
}

/// `GET /v3/projects/{project_id}`.
pub fn get(project_id: &str) -> Op<Project> {
    Op::get(path!("projects/{}", project_id)).decode_key("project")
}

/// A project by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Project> {
    Find::new(
        "project",
        name_or_id,
        get(name_or_id),
        list(&ListProjects {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(Project);

/// `GET /v3/projects/{project_id}` with parents, subtree or limits.
pub fn get_with(project_id: &str, with: &GetProject) -> Op<Project> {
    let flag = |b: bool| b.then_some("true");
    get(project_id).query(query!(
        parents_as_list: flag(with.parents_as_list),
        subtree_as_list: flag(with.subtree_as_list),
        parents_as_ids: flag(with.parents_as_ids),
        subtree_as_ids: flag(with.subtree_as_ids),
        include_limits: flag(with.include_limits),
    ))
}

/// `POST /v3/projects`.
pub fn create(project: &CreateProject) -> Op<Project> {
    let check = InvalidInput::require(!project.name.is_empty(), "name", "a project needs a name")
        .and_then(|()| check_tags(&project.tags));
    Op::post(path!("projects"))
        .check(check)
        .json_under("project", project)
        .decode_key("project")
}

/// `PATCH /v3/projects/{project_id}`.
pub fn update(project_id: &str, update: &UpdateProject) -> Op<Project> {
    let check = check_tags(update.tags.iter().flatten());
    Op::patch(path!("projects/{}", project_id))
        .check(check)
        .json_under("project", update)
        .decode_key("project")
}

/// `DELETE /v3/projects/{project_id}`.
pub fn delete(project_id: &str) -> Op<()> {
    Op::delete(path!("projects/{}", project_id))
}

/// The tags API of projects (`/v3/projects/{project_id}/tags`): Keystone refuses tags
/// with `/` or `,`, empty ones and ones over 255 characters, and checks a tag with `HEAD`.
pub const TAGS: Tags = Tags::new("projects")
    .max_len(255)
    .forbid(&['/', ','])
    .check_with_head();

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, Paginated, ServiceEndpoint, ServiceType};

    fn svc() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap()
    }

    #[test]
    fn filters_and_tags() {
        let req = list(&ListProjects {
            tags: vec!["a".into(), "b".into()],
            not_tags_any: vec!["c".into()],
            enabled: Some(false),
            limit: Some(2),
            ..Default::default()
        })
        .first_request(&svc())
        .unwrap();
        assert_eq!(
            req.uri(),
            "http://h/v3/projects?enabled=false&tags=a%2Cb&not-tags-any=c&limit=2"
        );
        for bad in ["", "a/b", "a,b"] {
            assert!(TAGS.add("p", bad).request(&svc()).is_err(), "{bad:?}");
            assert!(TAGS
                .replace("p", &[bad.to_owned()])
                .request(&svc())
                .is_err());
        }
        let no_name = create(&CreateProject::default()).request(&svc());
        assert!(matches!(no_name, Err(crate::Error::InvalidInput(_))));
    }

    #[test]
    fn update_tri_state() {
        let body = |u: &UpdateProject| {
            let r = update("p", u).request(&svc()).unwrap();
            serde_json::from_slice::<Value>(r.body()).unwrap()
        };
        assert_eq!(
            body(&UpdateProject::default()),
            serde_json::json!({"project": {}})
        );
        assert_eq!(
            body(&UpdateProject {
                description: Patch::Null,
                ..Default::default()
            }),
            serde_json::json!({"project": {"description": null}})
        );
    }

    #[test]
    fn hierarchy_forms() {
        let p: Project = serde_json::from_str(
            r#"{"id": "a", "name": "n", "parents": {"b": {"c": null}}, "subtree": [{"project": {"id": "d", "name": "e"}}]}"#,
        )
        .unwrap();
        assert!(matches!(p.parents, Some(Hierarchy::Ids(_))));
        assert!(matches!(p.subtree, Some(Hierarchy::List(ref l)) if l[0].project.id == "d"));
        assert!(p.enabled);
    }
}
