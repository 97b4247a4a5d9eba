//! Keystone v3 endpoint filtering (`OS-EP-FILTER`): which endpoints a project's catalog
//! shows. Endpoints are tied to projects one by one, or through endpoint groups (a filter
//! on interface, service and region) tied to projects. A project with no association
//! sees the whole catalog.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::endpoint_filter::{self, CreateEndpointGroup, EndpointGroupFilters};
//! use ferrocloud::Interface;
//! let keystone = client.identity();
//! // One endpoint for one project.
//! keystone.call(&endpoint_filter::add_endpoint("263fd9", "6fedc0")).await?;
//! let seen = keystone.collect_all(endpoint_filter::project_endpoints("263fd9")).await?;
//! // Every public endpoint of a service, for another project.
//! let group = keystone
//!     .call(&endpoint_filter::create_group(&CreateEndpointGroup {
//!         name: "public compute".into(),
//!         filters: EndpointGroupFilters {
//!             interface: Some(Interface::Public),
//!             service_id: Some("1b501a".into()),
//!             ..Default::default()
//!         },
//!         description: None,
//!     }))
//!     .await?;
//! keystone.call(&endpoint_filter::add_group_project(&group.id, "61a1b7")).await?;
//! keystone.call(&endpoint_filter::delete_group(&group.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::endpoints::Endpoint;
use super::projects::Project;
use crate::{path, query, Interface, InvalidInput, List, Op, Paging, Patch};

/// `PUT /v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}` (204): show this
/// endpoint in the project's catalog.
pub fn add_endpoint(project_id: &str, endpoint_id: &str) -> Op<()> {
    Op::put(path!(
        "OS-EP-FILTER/projects/{}/endpoints/{}",
        project_id,
        endpoint_id
    ))
}

/// `HEAD /v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}`: `Ok` when the
/// endpoint is tied to the project directly (404 when not).
pub fn check_endpoint(project_id: &str, endpoint_id: &str) -> Op<()> {
    Op::head(path!(
        "OS-EP-FILTER/projects/{}/endpoints/{}",
        project_id,
        endpoint_id
    ))
}

/// `DELETE /v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}`.
pub fn remove_endpoint(project_id: &str, endpoint_id: &str) -> Op<()> {
    Op::delete(path!(
        "OS-EP-FILTER/projects/{}/endpoints/{}",
        project_id,
        endpoint_id
    ))
}

/// `GET /v3/OS-EP-FILTER/projects/{project_id}/endpoints`: the endpoints the project is
/// tied to, directly or through its endpoint groups.
pub fn project_endpoints(project_id: &str) -> List<Endpoint> {
    List::new(
        path!("OS-EP-FILTER/projects/{}/endpoints", project_id),
        "endpoints",
        Paging::Linked,
    )
}

/// `GET /v3/OS-EP-FILTER/endpoints/{endpoint_id}/projects`: the projects tied to an
/// endpoint directly.
pub fn endpoint_projects(endpoint_id: &str) -> List<Project> {
    List::new(
        path!("OS-EP-FILTER/endpoints/{}/projects", endpoint_id),
        "projects",
        Paging::Linked,
    )
}

/// What an endpoint group selects: endpoints matching every given field.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointGroupFilters {
    /// Endpoints of this interface.
    pub interface: Option<Interface>,
    /// Endpoints of this service.
    pub service_id: Option<String>,
    /// Endpoints in this region.
    pub region_id: Option<String>,
    /// Other filter attributes, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl EndpointGroupFilters {
    fn is_empty(&self) -> bool {
        self.interface.is_none()
            && self.service_id.is_none()
            && self.region_id.is_none()
            && self.extra.is_empty()
    }
}

/// An endpoint group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointGroup {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// What it selects.
    #[serde(default)]
    pub filters: EndpointGroupFilters,
    /// Other fields (`links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create_group`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateEndpointGroup {
    /// Description.
    pub description: Option<String>,
    /// What it selects (at least one field).
    pub filters: EndpointGroupFilters,
    /// Name.
    pub name: String,
}

/// The body of [`update_group`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateEndpointGroup {
    /// New name.
    pub name: Option<String>,
    /// Description (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
    /// New filters (they replace the old ones as a whole).
    pub filters: Option<EndpointGroupFilters>,
}

/// Filters of [`list_groups`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListEndpointGroups {
    /// Groups of this name.
    pub name: Option<String>,
}

impl CreateEndpointGroup {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.name.is_empty(),
            "name",
            "an endpoint group needs a name",
        )
        .and(InvalidInput::require(
            !self.filters.is_empty(),
            "filters",
            "an endpoint group needs at least one filter",
        ))
    }
}

impl UpdateEndpointGroup {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            self.name.as_ref().is_none_or(|n| !n.is_empty()),
            "name",
            "must not be empty (leave it None to keep the name)",
        )
        .and(InvalidInput::require(
            self.filters.as_ref().is_none_or(|f| !f.is_empty()),
            "filters",
            "must select something (leave it None to keep the filters)",
        ))
    }
}

/// `POST /v3/OS-EP-FILTER/endpoint_groups` (201).
pub fn create_group(group: &CreateEndpointGroup) -> Op<EndpointGroup> {
    Op::post(path!("OS-EP-FILTER/endpoint_groups"))
        .check(group.check())
        .json_under("endpoint_group", group)
        .decode_key("endpoint_group")
}

/// `GET /v3/OS-EP-FILTER/endpoint_groups`.
pub fn list_groups(filter: &ListEndpointGroups) -> List<EndpointGroup> {
    List::new(
        path!("OS-EP-FILTER/endpoint_groups"),
        "endpoint_groups",
        Paging::Linked,
    )
    .query(query!(name: filter.name.as_deref()))
}

/// `GET /v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}`.
pub fn get_group(endpoint_group_id: &str) -> Op<EndpointGroup> {
    Op::get(path!("OS-EP-FILTER/endpoint_groups/{}", endpoint_group_id))
        .decode_key("endpoint_group")
}

/// `HEAD /v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}`: `Ok` when it exists.
pub fn check_group(endpoint_group_id: &str) -> Op<()> {
    Op::head(path!("OS-EP-FILTER/endpoint_groups/{}", endpoint_group_id))
}

/// `PATCH /v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}`.
pub fn update_group(endpoint_group_id: &str, update: &UpdateEndpointGroup) -> Op<EndpointGroup> {
    Op::patch(path!("OS-EP-FILTER/endpoint_groups/{}", endpoint_group_id))
        .check(update.check())
        .json_under("endpoint_group", update)
        .decode_key("endpoint_group")
}

/// `DELETE /v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}` (also drops its project
/// associations).
pub fn delete_group(endpoint_group_id: &str) -> Op<()> {
    Op::delete(path!("OS-EP-FILTER/endpoint_groups/{}", endpoint_group_id))
}

/// `GET /v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/endpoints`: the endpoints the
/// group selects now.
pub fn group_endpoints(endpoint_group_id: &str) -> List<Endpoint> {
    List::new(
        path!(
            "OS-EP-FILTER/endpoint_groups/{}/endpoints",
            endpoint_group_id
        ),
        "endpoints",
        Paging::Linked,
    )
}

/// `GET /v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects`: the projects the
/// group is tied to.
pub fn group_projects(endpoint_group_id: &str) -> List<Project> {
    List::new(
        path!(
            "OS-EP-FILTER/endpoint_groups/{}/projects",
            endpoint_group_id
        ),
        "projects",
        Paging::Linked,
    )
}

/// `PUT /v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}` (204):
/// show the group's endpoints in the project's catalog.
pub fn add_group_project(endpoint_group_id: &str, project_id: &str) -> Op<()> {
    Op::put(path!(
        "OS-EP-FILTER/endpoint_groups/{}/projects/{}",
        endpoint_group_id,
        project_id
    ))
}

/// An endpoint group's association with a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupProject {
    /// The endpoint group.
    pub endpoint_group_id: String,
    /// The project.
    pub project_id: String,
    /// Other fields (`links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}`: the
/// association, when the group is tied to the project (404 when not). Keystone answers
/// `{"project_endpoint_group": …}`, not the project its API reference shows.
pub fn get_group_project(endpoint_group_id: &str, project_id: &str) -> Op<GroupProject> {
    Op::get(path!(
        "OS-EP-FILTER/endpoint_groups/{}/projects/{}",
        endpoint_group_id,
        project_id
    ))
    .decode_key("project_endpoint_group")
}

/// `HEAD /v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}`:
/// `Ok` when the group is tied to the project.
pub fn check_group_project(endpoint_group_id: &str, project_id: &str) -> Op<()> {
    Op::head(path!(
        "OS-EP-FILTER/endpoint_groups/{}/projects/{}",
        endpoint_group_id,
        project_id
    ))
}

/// `DELETE /v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}`.
pub fn remove_group_project(endpoint_group_id: &str, project_id: &str) -> Op<()> {
    Op::delete(path!(
        "OS-EP-FILTER/endpoint_groups/{}/projects/{}",
        endpoint_group_id,
        project_id
    ))
}

/// `GET /v3/OS-EP-FILTER/projects/{project_id}/endpoint_groups`: the groups tied to a
/// project.
pub fn project_groups(project_id: &str) -> List<EndpointGroup> {
    List::new(
        path!("OS-EP-FILTER/projects/{}/endpoint_groups", project_id),
        "endpoint_groups",
        Paging::Linked,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    fn keystone() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap()
    }

    #[test]
    fn a_group_must_select_something() {
        let empty = CreateEndpointGroup {
            name: "g".into(),
            ..Default::default()
        };
        assert!(create_group(&empty).request(&keystone()).is_err());
        let clear = UpdateEndpointGroup {
            description: Patch::Null,
            ..Default::default()
        };
        let req = update_group("g1", &clear).request(&keystone()).unwrap();
        assert_eq!(
            req.body().as_ref(),
            br#"{"endpoint_group":{"description":null}}"#
        );
        let nothing = UpdateEndpointGroup {
            filters: Some(EndpointGroupFilters::default()),
            ..Default::default()
        };
        assert!(update_group("g1", &nothing).request(&keystone()).is_err());
    }
}
