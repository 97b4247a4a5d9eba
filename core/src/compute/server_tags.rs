//! Server tags (`/servers/{server_id}/tags`, 2.26+): list, replace all, delete all, and
//! check, add or delete one tag.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::server_tags;
//! let nova = client.compute().microversion("2.26");
//! nova.call(&server_tags::add("3f6a", "blue")).await?;
//! let tags = nova.call(&server_tags::list("3f6a")).await?;
//! # Ok(()) }
//! ```

use serde::Serialize;

use crate::error::InvalidInput;
use crate::op::Op;
use crate::path;

/// `GET /servers/{server_id}/tags`.
pub fn list(server_id: &str) -> Op<Vec<String>> {
    Op::get(path!("servers/{}/tags", server_id)).decode_key("tags")
}

/// `PUT /servers/{server_id}/tags`: replaces every tag; answers the new tags.
pub fn replace(server_id: &str, tags: &[String]) -> Op<Vec<String>> {
    #[derive(Serialize)]
    struct Body<'a> {
        tags: &'a [String],
    }
    let op = Op::put(path!("servers/{}/tags", server_id));
    let op = match tags
        .iter()
        .find(|t| t.is_empty() || t.contains(',') || t.contains('/'))
    {
        Some(bad) => op.check(Err(InvalidInput::field(
            "tags",
            format!("{bad:?}: a tag is non-empty and has no ',' or '/'"),
        ))),
        None => op.json(&Body { tags }),
    };
    op.decode_key("tags")
}

/// `DELETE /servers/{server_id}/tags`.
pub fn delete_all(server_id: &str) -> Op<()> {
    Op::delete(path!("servers/{}/tags", server_id))
}

/// `GET /servers/{server_id}/tags/{tag}`: `Ok` when the server has the tag, a 404 error
/// otherwise.
pub fn check(server_id: &str, tag: &str) -> Op<()> {
    Op::get(path!("servers/{}/tags/{}", server_id, tag))
}

/// `PUT /servers/{server_id}/tags/{tag}`.
pub fn add(server_id: &str, tag: &str) -> Op<()> {
    Op::put(path!("servers/{}/tags/{}", server_id, tag))
}

/// `DELETE /servers/{server_id}/tags/{tag}`.
pub fn delete(server_id: &str, tag: &str) -> Op<()> {
    Op::delete(path!("servers/{}/tags/{}", server_id, tag))
}
