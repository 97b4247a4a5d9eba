//! [`RetryPolicy`]: bounded retries on 429 and 503, honouring `Retry-After`.

use std::time::{Duration, SystemTime};

use http::{Method, StatusCode};

/// When and how long to retry a rate-limited or unavailable answer.
///
/// ```
/// use std::time::Duration;
/// use ferrocloud::RetryPolicy;
/// let p = RetryPolicy { max_retries: 5, ..RetryPolicy::default() };
/// assert_eq!(p.max_delay, Duration::from_secs(60));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 turns retrying off). Default 3.
    pub max_retries: u32,
    /// The statuses retried. Default 429 and 503.
    pub statuses: Vec<StatusCode>,
    /// Wait before the first retry when the server sends no `Retry-After`; doubles each
    /// retry. Default 1 s.
    pub base_delay: Duration,
    /// Upper bound on any single wait, `Retry-After` included. Default 60 s.
    pub max_delay: Duration,
    /// Retry POST and PATCH too. Off by default: they are not idempotent.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            statuses: vec![
                StatusCode::TOO_MANY_REQUESTS,
                StatusCode::SERVICE_UNAVAILABLE,
            ],
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// The wait before retry number `attempt` (0-based) of a `method` request that got
    /// `status` with `retry_after`, or `None` to stop. `always` marks requests that are
    /// safe to repeat whatever their method (token requests).
    pub fn delay(
        &self,
        method: &Method,
        always: bool,
        status: StatusCode,
        retry_after: Option<&str>,
        attempt: u32,
        now: SystemTime,
    ) -> Option<Duration> {
        if attempt >= self.max_retries || !self.statuses.contains(&status) {
            return None;
        }
        let idempotent = super::is_idempotent(method);
        if !(idempotent || always || self.retry_non_idempotent) {
            return None;
        }
        let fallback = self.base_delay.saturating_mul(1u32 << attempt.min(16));
        let wait = retry_after
            .and_then(|h| parse_retry_after(h, now))
            .unwrap_or(fallback);
        Some(wait.min(self.max_delay))
    }
}

/// Reads `Retry-After`: delay seconds (`120`) or an HTTP date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`), relative to `now`. A date in the past is zero.
/// `"7"` is seven seconds; `"soon"` is `None` (the unit tests below pin both forms).
#[allow(unreachable_pub)] // public as `ferrocloud::fuzzing::parse_retry_after`
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    if let Some(delay) = decimal_seconds(v) {
        return Some(delay);
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// `"1.5"`, `".5"`, `"2."`: seconds with a decimal fraction, to the nanosecond (further
/// digits are dropped), at most 10^9 s. Read with integers: a float parser would add its
/// code and tables (about 10 KB) to every browser bundle for a form servers rarely send.
fn decimal_seconds(v: &str) -> Option<Duration> {
    const CAP: u64 = 1_000_000_000;
    let (int, frac) = v.split_once('.')?;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.len() + frac.len() == 0 || !digits(int) || !digits(frac) {
        return None;
    }
    // All digits: parsing fails only when empty (zero seconds) or too long (the cap).
    let secs = int
        .parse::<u64>()
        .unwrap_or(if int.is_empty() { 0 } else { CAP });
    if secs >= CAP {
        return Some(Duration::from_secs(CAP));
    }
    let nanos = frac
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(9)
        .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    Some(Duration::new(secs, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_and_method_aware() {
        let p = RetryPolicy::default();
        let now = SystemTime::UNIX_EPOCH;
        let s503 = StatusCode::SERVICE_UNAVAILABLE;
        assert_eq!(
            p.delay(&Method::GET, false, s503, None, 0, now),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            p.delay(&Method::GET, false, s503, None, 2, now),
            Some(Duration::from_secs(4))
        );
        assert_eq!(p.delay(&Method::GET, false, s503, None, 3, now), None);
        assert_eq!(
            p.delay(
                &Method::GET,
                false,
                StatusCode::INTERNAL_SERVER_ERROR,
                None,
                0,
                now
            ),
            None
        );
        assert_eq!(p.delay(&Method::POST, false, s503, None, 0, now), None);
        assert_eq!(
            p.delay(&Method::POST, true, s503, None, 0, now),
            Some(Duration::from_secs(1))
        );
        let opt_in = RetryPolicy {
            retry_non_idempotent: true,
            ..RetryPolicy::default()
        };
        assert!(opt_in
            .delay(&Method::POST, false, s503, None, 0, now)
            .is_some());
        assert_eq!(
            p.delay(
                &Method::GET,
                false,
                StatusCode::TOO_MANY_REQUESTS,
                Some("3600"),
                0,
                now
            ),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            p.delay(
                &Method::DELETE,
                false,
                StatusCode::TOO_MANY_REQUESTS,
                Some("2"),
                1,
                now
            ),
            Some(Duration::from_secs(2))
        );
    }

    #[test]
    fn retry_after_forms() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(parse_retry_after(" 5 ", now), Some(Duration::from_secs(5)));
        for (fraction, nanos) in [
            ("1.5", 1_500_000_000),
            (".25", 250_000_000),
            ("2.", 2_000_000_000),
            ("0.1234567891", 123_456_789),
            ("99999999999999999999999.5", 1_000_000_000 * 1_000_000_000),
        ] {
            let want = Some(Duration::from_nanos(nanos));
            assert_eq!(parse_retry_after(fraction, now), want, "{fraction}");
        }
        for bad in [
            ".", "-1.5", "1.5.5", "1e3", "inf", "NaN", "1,5", "+1.5", "1. 5",
        ] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:50:37 GMT", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("NaN", now), None);
        assert_eq!(parse_retry_after("", now), None);
    }
}
