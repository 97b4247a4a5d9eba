//! Waiting for a resource to reach a status.

use std::time::Duration;

/// How long to wait, and how often to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    /// Give up after this long. Default 5 minutes.
    pub timeout: Duration,
    /// Time between polls. Default 2 seconds.
    pub interval: Duration,
}

impl Default for Wait {
    fn default() -> Self {
        Wait {
            timeout: Duration::from_secs(300),
            interval: Duration::from_secs(2),
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
