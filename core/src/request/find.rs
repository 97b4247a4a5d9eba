//! Finding one resource by id or by name, as openstacksdk's `find_*` calls do: every
//! resource family with names has a `find(name_or_id)` built from its own `get` and its
//! list filtered by name, and [`Service::find`](crate::Service::find) runs it.

use crate::{FindError, HasId, List, Op};

/// A resource with a name, so a [`Find`] can match it exactly (services filter names
/// loosely: Nova by regular expression, others by prefix on some versions).
///
/// Resource files implement it (and [`HasId`]) with the [`named!`](crate::named) macro.
pub trait Named: HasId {
    /// The resource's name, if it has one.
    fn name(&self) -> Option<&str>;
}

/// One resource by id, or else by exact name: the `get` of `name_or_id` first; when that
/// answers 404, the list filtered by name, of which exactly one item must carry that
/// name. None is a [`FindError::NoMatch`] (`is_not_found()` holds), several are a
/// [`FindError::Ambiguous`] listing their ids.
///
/// ```no_run
/// # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
/// use ferrocloud::compute::{flavors, servers};
/// let nova = client.compute();
/// let flavor = nova.find(flavors::find("m1.small")).await?;
/// let server = nova.find(servers::find("web-1")).await?;
/// println!("{} runs on {}", server.id, flavor.id);
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[must_use = "a Find does nothing until `Service::find` runs it"]
pub struct Find<T> {
    pub(crate) kind: &'static str,
    pub(crate) key: String,
    pub(crate) get: Op<T>,
    pub(crate) by_name: ByName<T>,
}

/// How a [`Find`] lists candidates by name: a paged [`List`], or one call answering a
/// whole array (Nova's server groups and aggregates).
#[derive(Debug)]
pub enum ByName<T> {
    /// A paged list.
    List(List<T>),
    /// One call.
    Call(Op<Vec<T>>),
}

impl<T> From<List<T>> for ByName<T> {
    fn from(list: List<T>) -> Self {
        ByName::List(list)
    }
}

impl<T> From<Op<Vec<T>>> for ByName<T> {
    fn from(op: Op<Vec<T>>) -> Self {
        ByName::Call(op)
    }
}

impl<T: Named> Find<T> {
    /// Finds the `kind` (`"server"`, for messages) called or identified by `name_or_id`
    /// with `get` (the `get` of `name_or_id`) and `by_name` (a list narrowed to that name
    /// as far as the service allows; the match itself is exact and made here).
    pub fn new(
        kind: &'static str,
        name_or_id: &str,
        get: Op<T>,
        by_name: impl Into<ByName<T>>,
    ) -> Self {
        Find {
            kind,
            key: name_or_id.to_owned(),
            get,
            by_name: by_name.into(),
        }
    }
}

/// Implements [`HasId`] and [`Named`] for resource types from their `id` and `name`
/// fields (`String` or `Option<String>`); `Type(uuid)` reads the id from another field,
/// `Type(id, stack_name)` the name too.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Thing { id: String, name: Option<String> }
/// #[derive(serde::Deserialize)]
/// struct Cluster { uuid: String, name: String }
/// #[derive(serde::Deserialize)]
/// struct Stack { id: String, stack_name: String }
/// ferrocloud::named!(Thing, Cluster(uuid), Stack(id, stack_name));
/// ```
#[macro_export]
macro_rules! named {
    ($($ty:ident $(($($field:ident),+))?),+ $(,)?) => {
        $($crate::named!(@one $ty $(, $($field),+)?);)+
    };
    (@one $ty:ident) => {
        $crate::named!(@one $ty, id, name);
    };
    (@one $ty:ident, $id:ident) => {
        $crate::named!(@one $ty, $id, name);
    };
    (@one $ty:ident, $id:ident, $name:ident) => {
        impl $crate::HasId for $ty {
            fn id(&self) -> Option<&str> {
                $crate::OptionalStr::optional_str(&self.$id)
            }
        }
        impl $crate::Named for $ty {
            fn name(&self) -> Option<&str> {
                $crate::OptionalStr::optional_str(&self.$name)
            }
        }
    };
}

/// A `String` or an `Option<String>` field read as `Option<&str>` (for [`named!`](crate::named)).
#[doc(hidden)]
pub trait OptionalStr {
    fn optional_str(&self) -> Option<&str>;
}

impl OptionalStr for String {
    fn optional_str(&self) -> Option<&str> {
        Some(self)
    }
}

impl OptionalStr for Option<String> {
    fn optional_str(&self) -> Option<&str> {
        self.as_deref()
    }
}

/// `name` as a regular expression that matches exactly it (Nova filters names by regex).
#[cfg(feature = "compute")]
pub(crate) fn exact_regex(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    out.push('^');
    for c in name.chars() {
        if "\\.^$|?*+()[]{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('$');
    out
}

/// What a name search found: the one match, or the error.
pub(crate) fn pick<T: Named>(kind: &'static str, key: &str, items: Vec<T>) -> Result<T, FindError> {
    let mut matching: Vec<T> = items
        .into_iter()
        .filter(|t| t.name() == Some(key))
        .collect();
    match matching.len() {
        0 => Err(FindError::NoMatch {
            kind,
            key: key.to_owned(),
        }),
        1 => Ok(matching.remove(0)),
        _ => Err(FindError::Ambiguous {
            kind,
            key: key.to_owned(),
            ids: matching
                .iter()
                .map(|t| t.id().unwrap_or("(no id)").to_owned())
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Thing {
        id: String,
        name: Option<String>,
    }
    crate::named!(Thing);

    fn thing(id: &str, name: &str) -> Thing {
        Thing {
            id: id.into(),
            name: Some(name.into()),
        }
    }

    #[test]
    fn a_name_matches_exactly_once_or_says_why_not() {
        let items = || vec![thing("1", "web"), thing("2", "web-1"), thing("3", "web")];
        assert_eq!(pick("thing", "web-1", items()).unwrap().id, "2");
        let none = pick("thing", "we", items()).unwrap_err();
        assert_eq!(none.to_string(), r#"no thing has the id or name "we""#);
        let two = pick("thing", "web", items()).unwrap_err();
        assert_eq!(
            two.to_string(),
            r#"thing name "web" is ambiguous: ids 1, 3 carry it; use an id"#
        );
    }

    #[test]
    #[cfg(feature = "compute")]
    fn regex_metacharacters_are_escaped() {
        assert_eq!(exact_regex("a.b*(c)"), r"^a\.b\*\(c\)$");
        assert_eq!(exact_regex("plain-name_1"), "^plain-name_1$");
    }
}
