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

/// Resources with a status (servers, volumes, stacks, load balancers, …).
pub trait HasStatus {
    /// The status as the API spells it (`ACTIVE`, `available`, `CREATE_COMPLETE`, …).
    fn status(&self) -> Option<&str>;
}
