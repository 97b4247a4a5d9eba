//! [`Session`]: the token state, and the decision of when to authenticate.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::token::Token;

/// What a caller should do to get a token, as [`Session::decide`] says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Use this token (and remember its generation, so that a 401 drops only it).
    Use(Arc<Token>, u64),
    /// Authenticate: there is no token yet, or it expired or was refused.
    Authenticate,
    /// Authenticate ahead of time: the token still works but is due for its proactive
    /// refresh.
    Refresh,
    /// There is no usable token and these credentials cannot get another one.
    CannotReauthenticate,
}

/// Holds the current token and decides, given the time, whether to use it, refresh it,
/// authenticate, or give up.
///
/// It is pure state: the caller passes the clock in. Deadlines are kept on the local
/// clock, from the moment the token arrived and the lifetime the server gave it
/// (`expires_at - issued_at`), so a client clock that is off by hours neither rejects a
/// fresh token nor keeps an old one. A token whose lifetime is shorter than the refresh
/// margin is refreshed halfway through its life instead (and a warning is logged): it is
/// never rejected as soon as it arrives.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use ferrocloud::auth::{Decision, Session};
/// let s = Session::new(Duration::from_secs(60));
/// assert!(s.usable(SystemTime::now()).is_none());
/// assert_eq!(s.decide(SystemTime::now(), false), Decision::Authenticate);
/// ```
#[derive(Debug, Clone)]
pub struct Session {
    token: Option<Arc<Token>>,
    /// The token was refused (a 401): never used again, but kept so that callers can
    /// tell "refused" from "never had one".
    refused: bool,
    /// The token was issued because the one before it was refused.
    reissued: bool,
    /// Until then, a refused token is not replaced: a token issued to replace a refused
    /// one was refused too, so the service refuses every token and authenticating again
    /// would only storm Keystone.
    pause_until: SystemTime,
    generation: u64,
    refresh_margin: Duration,
    /// Local time from which the token is refreshed.
    refresh_at: SystemTime,
    /// Local time at which the token expires.
    expires_at: SystemTime,
}

impl Session {
    /// An empty session that refreshes tokens `refresh_margin` before they expire.
    pub fn new(refresh_margin: Duration) -> Self {
        Session {
            token: None,
            refused: false,
            reissued: false,
            pause_until: SystemTime::UNIX_EPOCH,
            generation: 0,
            refresh_margin,
            refresh_at: SystemTime::UNIX_EPOCH,
            expires_at: SystemTime::UNIX_EPOCH,
        }
    }

    /// What to do at `now`: use the token, (re)authenticate, or give up.
    /// `can_reauthenticate` says whether the credentials can get a new token (a password
    /// can, a bare token cannot); a token past its refresh point but not yet expired is
    /// still used when it cannot be replaced.
    pub fn decide(&self, now: SystemTime, can_reauthenticate: bool) -> Decision {
        if let Some(t) = self
            .token
            .as_ref()
            .filter(|_| self.refused && self.paused(now))
        {
            return Decision::Use(t.clone(), self.generation);
        }
        match self.token.as_ref().filter(|_| !self.refused) {
            Some(t) if now < self.refresh_at => Decision::Use(t.clone(), self.generation),
            Some(t) if now < self.expires_at && !can_reauthenticate => {
                Decision::Use(t.clone(), self.generation)
            }
            Some(_) if now < self.expires_at => Decision::Refresh,
            _ if self.generation == 0 || can_reauthenticate => Decision::Authenticate,
            _ => Decision::CannotReauthenticate,
        }
    }

    /// The token, if it is still good at `now` (before its refresh point).
    pub fn usable(&self, now: SystemTime) -> Option<&Arc<Token>> {
        self.token
            .as_ref()
            .filter(|_| !self.refused && now < self.refresh_at)
    }

    /// The latest token, good or not, with its generation and whether a server refused
    /// it.
    pub fn latest(&self) -> Option<(&Arc<Token>, u64, bool)> {
        self.token
            .as_ref()
            .map(|t| (t, self.generation, self.refused))
    }

    /// Whether replacing refused tokens is paused at `now` (see [`Session::invalidate`]).
    pub fn paused(&self, now: SystemTime) -> bool {
        now < self.pause_until
    }

    /// Stores a token that arrived at `now`; returns its generation. `replaces_refused`
    /// says it was obtained because the previous one was refused (a 401).
    pub fn set(&mut self, token: Arc<Token>, now: SystemTime, replaces_refused: bool) -> u64 {
        self.reissued = replaces_refused;
        let expires = token.info.expires_at.to_system_time();
        // The lifetime the server gave it, on the server's own clock: immune to skew.
        let lifetime = match token.info.issued_at {
            Some(issued) => expires.duration_since(issued.to_system_time()).ok(),
            None => expires.duration_since(now).ok(),
        };
        match lifetime.filter(|l| !l.is_zero()) {
            Some(lifetime) => {
                let margin = if lifetime <= self.refresh_margin {
                    tracing::warn!(
                        ?lifetime,
                        refresh_margin = ?self.refresh_margin,
                        "the token lives no longer than the refresh margin; refreshing it halfway through its life instead (lower ClientOptions::refresh_margin, or check the clocks)"
                    );
                    lifetime / 2
                } else {
                    self.refresh_margin
                };
                self.expires_at = now + lifetime;
                self.refresh_at = self.expires_at - margin;
            }
            None => {
                // No issued_at, and the local clock says it has expired already: the
                // clocks disagree. Use it until the server rejects it (one reauth then).
                tracing::warn!(
                    expires_at = %token.info.expires_at,
                    "the token looks expired on arrival by this machine's clock; using it until the server rejects it (check the clocks)"
                );
                self.expires_at = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::MAX >> 2);
                self.refresh_at = self.expires_at;
            }
        }
        self.token = Some(token);
        self.refused = false;
        self.generation += 1;
        self.generation
    }

    /// Increments each time a token is stored; a request remembers the generation it used,
    /// so a 401 invalidates only the token that failed, not a newer one.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Marks the token refused at `now` if it is still generation `generation` (a newer
    /// token is kept). When the refused token had itself replaced a refused one, the
    /// service refuses every token: for [`Session::REFUSAL_PAUSE`] the refused token is
    /// used as it is rather than replaced, so each 401 costs no new authentication.
    pub fn invalidate(&mut self, generation: u64, now: SystemTime) {
        if self.generation == generation && !self.refused {
            self.refused = true;
            if self.reissued {
                tracing::warn!(
                    pause = ?Self::REFUSAL_PAUSE,
                    "a freshly issued token was refused too; not authenticating again for a while"
                );
                self.pause_until = now + Self::REFUSAL_PAUSE;
            }
        }
    }

    /// How long refused tokens are not replaced once a replacement was refused too.
    pub const REFUSAL_PAUSE: Duration = Duration::from_secs(30);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::TokenInfo;
    use crate::{Secret, Timestamp};

    fn token(issued: Option<SystemTime>, expires: SystemTime) -> Arc<Token> {
        Arc::new(Token {
            id: Secret::new("t"),
            info: TokenInfo {
                issued_at: issued.map(Timestamp::from_system_time),
                expires_at: Timestamp::from_system_time(expires),
                ..TokenInfo::default()
            },
        })
    }

    const MIN: Duration = Duration::from_secs(60);

    trait SetAt {
        fn set_at(&mut self, t: Arc<Token>, now: SystemTime) -> u64;
    }
    impl SetAt for Session {
        fn set_at(&mut self, t: Arc<Token>, now: SystemTime) -> u64 {
            self.set(t, now, false)
        }
    }

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000 + secs)
    }

    #[test]
    fn an_hour_token_is_refreshed_inside_the_margin() {
        let mut s = Session::new(2 * MIN);
        let g = s.set_at(token(Some(at(0)), at(3600)), at(0));
        assert_eq!(
            s.decide(at(3479), true),
            Decision::Use(s.latest().unwrap().0.clone(), g)
        );
        assert_eq!(s.decide(at(3480), true), Decision::Refresh);
        assert_eq!(s.decide(at(3600), true), Decision::Authenticate);
    }

    #[test]
    fn a_token_shorter_than_the_margin_is_used_for_half_its_life() {
        let mut s = Session::new(2 * MIN);
        s.set_at(token(Some(at(0)), at(60)), at(0));
        assert!(s.usable(at(0)).is_some(), "used at once, not rejected");
        assert!(s.usable(at(29)).is_some());
        assert!(s.usable(at(30)).is_none());
    }

    #[test]
    fn clock_skew_does_not_reject_a_fresh_token() {
        // The server's clock is two hours behind this machine's: by the local clock the
        // token expired an hour ago, but it was issued with an hour to live.
        let mut s = Session::new(2 * MIN);
        let local_now = at(7200);
        s.set_at(token(Some(at(0)), at(3600)), local_now);
        assert!(s.usable(local_now).is_some());
        assert!(s.usable(at(7200 + 3479)).is_some());
        assert!(s.usable(at(7200 + 3480)).is_none());
        // And a server clock ahead of ours does not keep a token past its life.
        let mut s = Session::new(2 * MIN);
        s.set_at(token(Some(at(9000)), at(9000 + 3600)), at(0));
        assert!(s.usable(at(3480)).is_none());
    }

    #[test]
    fn a_token_without_issued_at_that_looks_expired_is_used_until_rejected() {
        let mut s = Session::new(2 * MIN);
        let g = s.set_at(token(None, at(0)), at(100));
        assert!(s.usable(at(100_000)).is_some());
        s.invalidate(g, at(0));
        assert_eq!(s.decide(at(100_000), true), Decision::Authenticate);
    }

    #[test]
    fn without_reauthentication_a_token_is_used_until_it_expires_then_refused() {
        let mut s = Session::new(2 * MIN);
        assert_eq!(
            s.decide(at(0), false),
            Decision::Authenticate,
            "the first auth"
        );
        let g = s.set_at(token(Some(at(0)), at(3600)), at(0));
        assert!(matches!(s.decide(at(3500), false), Decision::Use(_, n) if n == g));
        assert_eq!(s.decide(at(3600), false), Decision::CannotReauthenticate);
        s.invalidate(g, at(0));
        assert_eq!(s.decide(at(10), false), Decision::CannotReauthenticate);
    }

    #[test]
    fn a_refused_replacement_pauses_reauthentication() {
        let mut s = Session::new(2 * MIN);
        let first = s.set(token(Some(at(0)), at(3600)), at(0), false);
        s.invalidate(first, at(1));
        assert_eq!(s.decide(at(1), true), Decision::Authenticate);
        let second = s.set(token(Some(at(1)), at(3601)), at(1), true);
        s.invalidate(second, at(2));
        assert!(s.paused(at(2)));
        assert!(matches!(s.decide(at(2), true), Decision::Use(_, g) if g == second));
        assert_eq!(s.decide(at(32), true), Decision::Authenticate);
    }

    #[test]
    fn invalidating_an_old_generation_keeps_the_new_token() {
        let mut s = Session::new(2 * MIN);
        let old = s.set_at(token(Some(at(0)), at(3600)), at(0));
        let new = s.set_at(token(Some(at(1)), at(3601)), at(1));
        s.invalidate(old, at(2));
        assert!(s.usable(at(2)).is_some());
        s.invalidate(new, at(2));
        assert!(s.usable(at(2)).is_none());
    }
}
