//! Heat templates: validate (`POST /validate`), template versions and their functions.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::orchestration::templates::{self, ValidateTemplate};
//! use ferrocloud::orchestration::Template;
//! let heat = client.orchestration();
//! let v = heat
//!     .call(&templates::validate(&ValidateTemplate {
//!         template: Template::Url("https://example.com/web.yaml".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! println!("{:?}", v.parameters.keys().collect::<Vec<_>>());
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Environment, Files, Template};
use crate::{path, query, Op};

/// The body of [`validate`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ValidateTemplate {
    /// The template.
    #[serde(flatten)]
    pub template: Template,
    /// Files it refers to.
    pub files: Option<Files>,
    /// Environment.
    pub environment: Option<Value>,
    /// Environment files, by name in `files`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub environment_files: Vec<String>,
    /// Parameter values to validate against.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, Value>,
    /// Ignore these errors (comma-separated codes, a query parameter).
    #[serde(skip)]
    pub ignore_errors: Option<String>,
    /// Show nested templates' parameters too (a query parameter).
    #[serde(skip)]
    pub show_nested: bool,
}

/// What [`validate`] answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ValidatedTemplate {
    /// The template's description.
    #[serde(rename = "Description")]
    pub description: Option<String>,
    /// Its parameters by name.
    #[serde(rename = "Parameters")]
    pub parameters: Map<String, Value>,
    /// Parameter groups.
    #[serde(rename = "ParameterGroups")]
    pub parameter_groups: Vec<Value>,
    /// The merged environment.
    #[serde(rename = "Environment")]
    pub environment: Option<Environment>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `POST /validate`.
pub fn validate(v: &ValidateTemplate) -> Op<ValidatedTemplate> {
    Op::post(path!("validate"))
        .check(v.template.check())
        .query(query!(
            ignore_errors: v.ignore_errors.as_deref(),
            show_nested: v.show_nested.then_some("true"),
        ))
        .json(v)
        .decode_body()
}

/// A template version Heat understands.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TemplateVersion {
    /// E.g. `heat_template_version.2018-08-31`.
    pub version: String,
    /// `hot` or `cfn`.
    #[serde(default, rename = "type")]
    pub kind: String,
    /// Other names (`heat_template_version.rocky`).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// `GET /template_versions`.
pub fn versions() -> Op<Vec<TemplateVersion>> {
    Op::get(path!("template_versions")).decode_key("template_versions")
}

/// A template function.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TemplateFunction {
    /// Its name (`get_param`, …).
    pub functions: String,
    /// Description.
    pub description: Option<String>,
}

/// `GET /template_versions/{version}/functions`.
pub fn functions(version: &str) -> Op<Vec<TemplateFunction>> {
    Op::get(path!("template_versions/{}/functions", version)).decode_key("template_functions")
}
