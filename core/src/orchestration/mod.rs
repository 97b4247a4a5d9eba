//! Orchestration (Heat) v1: [`stacks`] (create, preview, update, actions, abandon/adopt,
//! outputs, template, environment), stack [`resources`] and resource types, [`events`],
//! [`templates`] (validate, versions, functions) and the services' [`build_info`].
//!
//! Heat's catalog endpoint carries the project (`http://heat:8004/v1/{project_id}`), so
//! every path here is relative to it. A stack is addressed by name and id
//! (`stacks/{stack_name}/{stack_id}`); `GET stacks/{name_or_id}` answers a 302 to that
//! address, which the driver follows ([`stacks::get`], [`stacks::find`]).

pub mod build_info;
pub mod events;
pub mod resources;
pub mod stacks;
pub mod templates;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{InvalidInput, Link};

/// Where a template comes from: inline (a JSON object, or YAML/JSON text) or a URL Heat
/// fetches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Template {
    /// `"template": …`: a JSON object, or the template's text (YAML or JSON).
    #[serde(rename = "template")]
    Inline(Value),
    /// `"template_url": …`.
    #[serde(rename = "template_url")]
    Url(String),
}

impl Default for Template {
    fn default() -> Self {
        Template::Inline(Value::Null)
    }
}

impl Template {
    /// An inline template given as YAML or JSON text.
    pub fn text(body: impl Into<String>) -> Self {
        Template::Inline(Value::String(body.into()))
    }

    /// Refuses an empty template before any I/O.
    pub(crate) fn check(&self) -> Result<(), InvalidInput> {
        match self {
            Template::Inline(Value::Null) => Err(InvalidInput::field(
                "template",
                "give a template (inline or by URL)",
            )),
            Template::Inline(Value::String(s)) if s.trim().is_empty() => Err(InvalidInput::field(
                "template",
                "the template text is empty",
            )),
            Template::Url(u) if u.is_empty() => {
                Err(InvalidInput::field("template_url", "the URL is empty"))
            }
            _ => Ok(()),
        }
    }
}

/// Files a template refers to (`get_file`, nested templates): name → content.
pub type Files = BTreeMap<String, String>;

/// A stack's environment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Environment {
    /// Parameter values.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub parameters: Map<String, Value>,
    /// Defaults for parameters of nested templates too.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub parameter_defaults: Map<String, Value>,
    /// Resource type mappings.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub resource_registry: Map<String, Value>,
    /// Parameters Heat stores encrypted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub encrypted_param_names: Vec<String>,
    /// Event sinks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub event_sinks: Vec<Value>,
    /// Other sections.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
