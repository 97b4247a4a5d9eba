//! The sans-IO request layer: what an operation is ([`Op`](crate::Op),
//! [`Operation`](crate::Operation)), the endpoint it is built against
//! ([`ServiceEndpoint`](crate::ServiceEndpoint): base URL, microversion, headers), safe
//! paths and queries (`path!`, `query!`), and pagination ([`List`](crate::List),
//! [`Page`](crate::Page), the shared list parameters). Nothing here does I/O; the
//! driver sends what these build.

pub(crate) mod endpoint;
pub(crate) mod link;
pub(crate) mod list;
pub(crate) mod op;
pub(crate) mod paging;
