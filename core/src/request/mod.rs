//! The sans-IO request layer: what an operation is ([`Op`](crate::Op),
//! [`Operation`](crate::Operation)), the endpoint it is built against
//! ([`ServiceEndpoint`](crate::ServiceEndpoint): base URL, microversion, headers), safe
//! paths and queries (`path!`, `query!`), and pagination ([`List`](crate::List),
//! [`Page`](crate::Page), the shared list parameters). Nothing here does I/O; the
//! driver sends what these build.

pub(crate) mod endpoint;
pub(crate) mod find;
pub(crate) mod link;
// Each service spells the shared list parameters with its own subset of the styles; a
// build without some services leaves the others' unused.
#[cfg_attr(
    not(all(
        feature = "compute",
        feature = "network",
        feature = "image",
        feature = "orchestration",
        feature = "load-balancer",
        feature = "block-storage"
    )),
    allow(dead_code)
)]
pub(crate) mod list;
pub(crate) mod op;
pub(crate) mod paging;
