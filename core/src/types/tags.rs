//! One tags API for every service that keeps string tags under
//! `/{resource}/{id}/tags`: Nova servers, Neutron resources, Keystone projects and Glance
//! images (which has only [`Tags::add`] and [`Tags::remove`]). Each resource module has
//! one as `TAGS`, with that service's rules for a valid tag.
//!
//! ```
//! use ferrocloud::compute::servers;
//! use ferrocloud::network::networks;
//! use ferrocloud::{Operation, ServiceEndpoint, ServiceType};
//! let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
//! let req = networks::TAGS.add("n1", "blue").request(&neutron).unwrap();
//! assert_eq!((req.method().as_str(), req.uri().path()), ("PUT", "/v2.0/networks/n1/tags/blue"));
//! assert!(networks::TAGS.add("n1", "").request(&neutron).is_err());
//! let nova = ServiceEndpoint::new(ServiceType::COMPUTE, "http://h:8774/v2.1").unwrap();
//! let req = servers::TAGS.replace("s1", &["a".into()]).request(&nova).unwrap();
//! assert_eq!(req.uri().path(), "/v2.1/servers/s1/tags");
//! ```

use serde::Serialize;

use crate::{path, InvalidInput, Op};

/// The tags API of one resource type, and the rules its service sets for a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tags {
    resource: &'static str,
    max_len: Option<usize>,
    forbidden: &'static [char],
    forbidden_in_path: &'static [char],
    check_with_head: bool,
}

#[derive(Serialize)]
struct TagsBody<'a> {
    tags: &'a [String],
}

impl Tags {
    /// The tags of `resource` (the collection's URL segment, e.g. `servers`,
    /// `security-groups`), with no rule but "not empty".
    pub const fn new(resource: &'static str) -> Self {
        Tags {
            resource,
            max_len: None,
            forbidden: &[],
            forbidden_in_path: &[],
            check_with_head: false,
        }
    }

    /// Refuses tags longer than `chars` characters.
    pub const fn max_len(mut self, chars: usize) -> Self {
        self.max_len = Some(chars);
        self
    }

    /// Refuses tags holding any of `chars`.
    pub const fn forbid(mut self, chars: &'static [char]) -> Self {
        self.forbidden = chars;
        self
    }

    /// Refuses these characters in a tag sent as a path segment only (Neutron's router
    /// splits on `%2F`, so such a tag can only be set with a body).
    pub const fn forbid_in_path(mut self, chars: &'static [char]) -> Self {
        self.forbidden_in_path = chars;
        self
    }

    /// [`Tags::check`] sends `HEAD` instead of `GET` (Keystone).
    pub const fn check_with_head(mut self) -> Self {
        self.check_with_head = true;
        self
    }

    /// The collection's URL segment.
    pub fn resource(&self) -> &'static str {
        self.resource
    }

    /// Whether `tag` may be sent in a body.
    pub fn validate(&self, tag: &str) -> Result<(), InvalidInput> {
        let too_long = self.max_len.is_some_and(|max| tag.chars().count() > max);
        if tag.is_empty() || too_long || tag.contains(self.forbidden) {
            let mut rule = match self.max_len {
                Some(max) => format!("a tag has 1 to {max} characters"),
                None => "a tag is not empty".to_owned(),
            };
            if !self.forbidden.is_empty() {
                rule += &format!(" and has no {}", quoted(self.forbidden));
            }
            return Err(InvalidInput::field("tags", format!("{tag:?}: {rule}")));
        }
        Ok(())
    }

    fn validate_all(&self, tags: &[String]) -> Result<(), InvalidInput> {
        tags.iter().try_for_each(|t| self.validate(t))
    }

    fn validate_in_path(&self, tag: &str) -> Result<(), InvalidInput> {
        self.validate(tag)?;
        InvalidInput::require(
            !tag.contains(self.forbidden_in_path),
            "tag",
            format!(
                "{tag:?}: a tag with {} can only be set with `add_all` or `replace`",
                quoted(self.forbidden_in_path)
            ),
        )
    }

    /// `GET /{resource}/{id}/tags`.
    pub fn list(&self, id: &str) -> Op<Vec<String>> {
        Op::get(path!("{}/{}/tags", self.resource, id)).decode_key("tags")
    }

    /// `GET` (Keystone: `HEAD`) `/{resource}/{id}/tags/{tag}`: `Ok` when the tag is there,
    /// a 404 [`Error`](crate::Error) when not.
    pub fn check(&self, id: &str, tag: &str) -> Op<()> {
        let path = path!("{}/{}/tags/{}", self.resource, id, tag);
        if self.check_with_head {
            Op::head(path)
        } else {
            Op::get(path)
        }
    }

    /// `PUT /{resource}/{id}/tags/{tag}`: adds one tag.
    pub fn add(&self, id: &str, tag: &str) -> Op<()> {
        Op::put(path!("{}/{}/tags/{}", self.resource, id, tag)).check(self.validate_in_path(tag))
    }

    /// `POST /{resource}/{id}/tags`: adds these tags, keeping the others (Neutron). Neutron
    /// answers with the tags sent, not the whole set (use [`Tags::list`] for that).
    pub fn add_all(&self, id: &str, tags: &[String]) -> Op<Vec<String>> {
        Op::post(path!("{}/{}/tags", self.resource, id))
            .check(self.validate_all(tags))
            .json(&TagsBody { tags })
            .decode_key("tags")
    }

    /// `PUT /{resource}/{id}/tags`: replaces every tag with `tags`; answers the new tags.
    pub fn replace(&self, id: &str, tags: &[String]) -> Op<Vec<String>> {
        Op::put(path!("{}/{}/tags", self.resource, id))
            .check(self.validate_all(tags))
            .json(&TagsBody { tags })
            .decode_key("tags")
    }

    /// `DELETE /{resource}/{id}/tags/{tag}`: removes one tag (404 when absent).
    pub fn remove(&self, id: &str, tag: &str) -> Op<()> {
        Op::delete(path!("{}/{}/tags/{}", self.resource, id, tag))
    }

    /// `DELETE /{resource}/{id}/tags`: removes every tag.
    pub fn clear(&self, id: &str) -> Op<()> {
        Op::delete(path!("{}/{}/tags", self.resource, id))
    }
}

/// `'/' or ','`.
fn quoted(chars: &[char]) -> String {
    let quoted: Vec<String> = chars.iter().map(|c| format!("{c:?}")).collect();
    quoted.join(" or ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    fn neutron() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap()
    }

    #[test]
    fn tag_requests() {
        let t = Tags::new("security-groups")
            .max_len(255)
            .forbid_in_path(&['/']);
        let req = t
            .replace("s1", &["a".into(), "b".into()])
            .request(&neutron())
            .unwrap();
        assert_eq!(req.method(), http::Method::PUT);
        assert_eq!(req.uri().path(), "/v2.0/security-groups/s1/tags");
        assert_eq!(req.body().as_ref(), br#"{"tags":["a","b"]}"#);
        let req = t.clear("s1").request(&neutron()).unwrap();
        assert_eq!(req.method(), http::Method::DELETE);
        let req = t.remove("s1", "x y").request(&neutron()).unwrap();
        assert_eq!(req.uri().path(), "/v2.0/security-groups/s1/tags/x%20y");
        for bad in ["", "a/b"] {
            assert!(t.add("s1", bad).request(&neutron()).is_err(), "{bad:?}");
        }
        let err = t
            .add("s1", "a/b")
            .request(&neutron())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("a tag with '/' can only be set with `add_all`"),
            "{err}"
        );
        assert!(t.add_all("s1", &["a/b".into()]).request(&neutron()).is_ok());
        let long = "x".repeat(256);
        assert!(t.add_all("s1", &[long]).request(&neutron()).is_err());
        assert!(t.add_all("s1", &["ok".into()]).request(&neutron()).is_ok());
        let keystone = Tags::new("projects").forbid(&['/', ',']).check_with_head();
        assert_eq!(keystone.check("p", "t").method(), http::Method::HEAD);
        let err = keystone.validate("a,b").unwrap_err().to_string();
        assert!(err.contains("'/' or ','"), "{err}");
    }
}
