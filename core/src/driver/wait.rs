//! Waiting for a resource to reach a status.

use std::time::Duration;

/// How long to wait, and how often to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    /// Give up after this long. Default 5 minutes.
    pub timeout: Duration,
    /// Time between polls. Default 2 seconds.
    pub interval: Duration,
    /// For this long after the wait starts, an error answer from the service (any HTTP
    /// status, a 404 most often) means "not there yet" and polling goes on. Default zero:
    /// every error ends the wait. See [`Wait::grace`].
    pub grace: Duration,
}

impl Default for Wait {
    fn default() -> Self {
        Wait {
            timeout: Duration::from_secs(300),
            interval: Duration::from_secs(2),
            grace: Duration::ZERO,
        }
    }
}

impl Wait {
    /// Waits at most `timeout`, polling every 2 seconds.
    pub fn timeout(timeout: Duration) -> Self {
        Wait {
            timeout,
            ..Wait::default()
        }
    }

    /// Polls every `interval`.
    pub fn every(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// Reads error answers in the first `grace` of the wait as "not there yet".
    ///
    /// For services that create asynchronously: Magnum answers a cluster create with 202
    /// before the conductor has written the cluster, so a `GET` right after it can answer
    /// 404, and for a moment 400 (while the cluster's node groups are still unwritten, its
    /// `master_count` reads 0, which Magnum's own API refuses to render). Errors that are
    /// not HTTP answers (the network, a body that does not parse) still end the wait at
    /// once; after the grace every error does. When the grace outlasts the timeout, the
    /// wait ends with the last error seen.
    ///
    /// ```
    /// # use std::time::Duration;
    /// use ferrocloud::Wait;
    /// let wait = Wait::timeout(Duration::from_secs(600)).grace(Duration::from_secs(30));
    /// assert_eq!(wait.grace, Duration::from_secs(30));
    /// ```
    pub fn grace(mut self, grace: Duration) -> Self {
        self.grace = grace;
        self
    }
}

/// Resources with a status (servers, volumes, stacks, load balancers, …), so that
/// [`Service::wait_for_status`](super::Service::wait_for_status) can wait on them and say
/// what it waited for.
///
/// The status is typed (a `string_enum!` of the values the service documents), so a wait
/// names `ServerStatus::Active`, not a string a typo could turn into a five-minute wait.
pub trait HasStatus {
    /// What kind of resource this is, for messages (`server`, `volume`, `stack`).
    const KIND: &'static str;
    /// The status type (`ServerStatus`, `VolumeStatus`, `StackStatus`, …). It displays as
    /// the API spells it.
    type Status: PartialEq + std::fmt::Display;
    /// The resource's id.
    fn id(&self) -> Option<&str>;
    /// The status (`ACTIVE`, `available`, `CREATE_COMPLETE`, …), if the answer has one.
    fn status(&self) -> Option<Self::Status>;
    /// Why the resource failed, where the service says (Nova `fault.message`, Heat
    /// `stack_status_reason`, Magnum `status_reason`, Glance task `message`).
    fn fault(&self) -> Option<&str> {
        None
    }
}
