//! [`Patch`]: the tri-state of an update field — leave as is, set to null, or set.

use serde::{Serialize, Serializer};

/// One field of an update request.
///
/// Use it with `#[serde(default, skip_serializing_if = "Patch::is_keep")]`, so `Keep`
/// sends nothing, `Null` sends `null` (clear it) and `Set(v)` sends `v`.
///
/// ```
/// use ferrocloud::Patch;
/// #[derive(serde::Serialize, Default)]
/// struct UpdatePort {
///     #[serde(skip_serializing_if = "Patch::is_keep")]
///     name: Patch<String>,
///     #[serde(skip_serializing_if = "Patch::is_keep")]
///     device_id: Patch<String>,
/// }
/// let body = UpdatePort { name: Patch::Set("web".into()), device_id: Patch::Null };
/// assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"name":"web","device_id":null}"#);
/// assert_eq!(serde_json::to_string(&UpdatePort::default()).unwrap(), "{}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Patch<T> {
    /// Leave the field as it is (not sent).
    #[default]
    Keep,
    /// Set the field to `null`.
    Null,
    /// Set the field to a value.
    Set(T),
}

impl<T> Patch<T> {
    /// `true` for [`Patch::Keep`].
    pub fn is_keep(&self) -> bool {
        matches!(self, Patch::Keep)
    }
}

impl<T> From<T> for Patch<T> {
    fn from(v: T) -> Self {
        Patch::Set(v)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Keep | Patch::Null => s.serialize_none(),
            Patch::Set(v) => v.serialize(s),
        }
    }
}
