//! [`Session`]: the token state, and the decision of when to authenticate.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::token::Token;

/// Holds the current token and decides, given the time, whether it can be used.
///
/// It is pure state: the caller passes the clock in.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use ferrocloud::auth::Session;
/// let s = Session::new(Duration::from_secs(60));
/// assert!(s.usable(SystemTime::now()).is_none());
/// ```
#[derive(Debug, Clone)]
pub struct Session {
    token: Option<Arc<Token>>,
    generation: u64,
    refresh_margin: Duration,
}

impl Session {
    /// An empty session that refreshes tokens `refresh_margin` before they expire.
    pub fn new(refresh_margin: Duration) -> Self {
        Session {
            token: None,
            generation: 0,
            refresh_margin,
        }
    }

    /// The token, if it is still good at `now` (expiry minus the margin).
    pub fn usable(&self, now: SystemTime) -> Option<&Arc<Token>> {
        self.token.as_ref().filter(|t| {
            t.info
                .expires_at
                .to_system_time()
                .checked_sub(self.refresh_margin)
                .is_some_and(|deadline| now < deadline)
        })
    }

    /// The current token, good or not.
    pub fn token(&self) -> Option<&Arc<Token>> {
        self.token.as_ref()
    }

    /// Stores a new token; returns its generation.
    pub fn set(&mut self, token: Arc<Token>) -> u64 {
        self.token = Some(token);
        self.generation += 1;
        self.generation
    }

    /// Increments each time a token is stored; a request remembers the generation it used,
    /// so a 401 invalidates only the token that failed, not a newer one.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Forgets the token if it is still generation `generation`.
    pub fn invalidate(&mut self, generation: u64) {
        if self.generation == generation {
            self.token = None;
        }
    }
}
