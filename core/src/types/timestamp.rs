//! [`Timestamp`]: every timestamp format OpenStack services send, as one type.

use std::fmt;
use std::time::SystemTime;

use time::{OffsetDateTime, UtcOffset};

/// A point in time read from (or written to) an OpenStack API.
///
/// Accepts RFC 3339 (`2013-02-27T18:30:59.999999Z`, `2012-08-20T21:11:09+00:00`) and the
/// zone-less forms nova, cinder and heat send (`2011-01-21T11:09:21.000000`,
/// `2014-03-04T12:06:16`, `2015-08-27 09:49:58`), which are UTC.
/// Serializes as RFC 3339 in UTC with microseconds, as Keystone writes it.
///
/// ```
/// use ferrocloud::Timestamp;
/// let t: Timestamp = "2013-02-27T18:30:59.999999Z".parse().unwrap();
/// let u: Timestamp = "2013-02-27T18:30:59.999999".parse().unwrap();
/// assert_eq!(t, u);
/// assert_eq!(t.to_string(), "2013-02-27T18:30:59.999999Z");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// The underlying `time::OffsetDateTime`.
    pub fn as_offset_date_time(&self) -> OffsetDateTime {
        self.0
    }

    /// As a `SystemTime`.
    pub fn to_system_time(&self) -> SystemTime {
        SystemTime::from(self.0)
    }

    /// From a `SystemTime`, clamped to the years 1 to 9999 (what a timestamp can spell;
    /// a value beyond them, from a server or a far-off deadline, never panics).
    pub fn from_system_time(t: SystemTime) -> Self {
        let (since, later) = match t.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(d) => (d, true),
            Err(before) => (before.duration(), false),
        };
        let offset = time::Duration::try_from(since).ok();
        let moved = offset.and_then(|d| {
            if later {
                OffsetDateTime::UNIX_EPOCH.checked_add(d)
            } else {
                OffsetDateTime::UNIX_EPOCH.checked_sub(d)
            }
        });
        Timestamp(moved.unwrap_or(if later {
            time::PrimitiveDateTime::MAX.assume_utc()
        } else {
            time::PrimitiveDateTime::MIN.assume_utc()
        }))
    }
}

/// The Unix epoch.
impl Default for Timestamp {
    fn default() -> Self {
        Timestamp(OffsetDateTime::UNIX_EPOCH)
    }
}

impl From<OffsetDateTime> for Timestamp {
    fn from(t: OffsetDateTime) -> Self {
        Timestamp(t)
    }
}

/// A string that is not an OpenStack timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a timestamp: {0:?}")]
pub struct ParseTimestampError(String);

impl std::str::FromStr for Timestamp {
    type Err = ParseTimestampError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        parse(s.as_bytes()).ok_or_else(|| ParseTimestampError(s.to_owned()))
    }
}

/// `digits` ASCII digits at the start of `b`, as a number.
fn num(b: &[u8], digits: usize) -> Option<u32> {
    let d = b.get(..digits)?;
    d.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// A hand-written parser (the `time` crate's parsers cost a browser build ~20 KB):
/// `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]][Z|z|±HH:MM|±HHMM]`; no offset means UTC.
fn parse(b: &[u8]) -> Option<Timestamp> {
    use time::{Date, Month, Time};
    let year = num(b, 4)?;
    let (month, day) = match b.get(4..) {
        Some([b'-', rest @ ..]) if rest.get(2) == Some(&b'-') => {
            (num(rest, 2)?, num(&rest[3..], 2)?)
        }
        _ => return None,
    };
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || b.get(13) != Some(&b':') {
        return None;
    }
    let (hour, minute) = (num(&b[11..], 2)?, num(&b[14..], 2)?);
    let mut rest = b.get(16..)?;
    let (mut second, mut nanos) = (0, 0);
    if let [b':', tail @ ..] = rest {
        second = num(tail, 2)?;
        rest = &tail[2..];
        if let [b'.', tail @ ..] = rest {
            let n = tail.iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return None;
            }
            // Nanoseconds from the first nine digits; finer digits are dropped.
            nanos = num(tail, n.min(9))? * 10u32.pow(9 - n.min(9) as u32);
            rest = &tail[n..];
        }
    }
    let offset_secs: i32 = match rest {
        [] | [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), tail @ ..] => {
            let (h, m) = match tail {
                [_, _, b':', _, _] => (num(tail, 2)?, num(&tail[3..], 2)?),
                [_, _, _, _] => (num(tail, 2)?, num(&tail[2..], 2)?),
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            let secs = (h * 3600 + m * 60) as i32;
            if *sign == b'-' {
                -secs
            } else {
                secs
            }
        }
        _ => return None,
    };
    // RFC 3339 allows a leap second; keep the instant just before it.
    let (second, nanos) = if second == 60 {
        (59, 999_999_999)
    } else {
        (second, nanos)
    };
    let date = Date::from_calendar_date(
        i32::try_from(year).ok()?,
        Month::try_from(u8::try_from(month).ok()?).ok()?,
        u8::try_from(day).ok()?,
    )
    .ok()?;
    let time = Time::from_hms_nano(
        u8::try_from(hour).ok()?,
        u8::try_from(minute).ok()?,
        u8::try_from(second).ok()?,
        nanos,
    )
    .ok()?;
    let local = date.with_time(time).assume_utc();
    Some(Timestamp(
        local - time::Duration::seconds(i64::from(offset_secs)),
    ))
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0.to_offset(UtcOffset::UTC);
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            t.microsecond()
        )
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::parse_str(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_openstack_format() {
        let want: Timestamp = "2015-08-27T09:49:58Z".parse().unwrap();
        for s in [
            "2015-08-27T09:49:58Z",
            "2015-08-27T09:49:58.000000Z",
            "2015-08-27T09:49:58+00:00",
            "2015-08-27T11:49:58+02:00",
            "2015-08-27T09:49:58.000000",
            "2015-08-27T09:49:58",
            "2015-08-27 09:49:58",
            "2015-08-27T09:49:58-0000",
            "2015-08-27T09:49:58+0000",
            "2015-08-27T09:49:58.000000z",
        ] {
            assert_eq!(s.parse::<Timestamp>(), Ok(want), "{s}");
        }
        for bad in [
            "yesterday",
            "2015-08-27",
            "2015-08-27T09",
            "2015-13-27T09:49:58Z",
            "2015-02-30T09:49:58Z",
            "2015-08-27T25:49:58Z",
            "2015-08-27T09:49:58.Z",
            "2015-08-27T09:49:58+2",
            "2015-08-27T09:49:58 UTC",
            "２015-08-27T09:49:58Z",
        ] {
            assert!(bad.parse::<Timestamp>().is_err(), "{bad}");
        }
        let t: Timestamp = "2015-08-27T09:49:58.123456789123Z".parse().unwrap();
        assert_eq!(t.as_offset_date_time().nanosecond(), 123_456_789);
        let t: Timestamp = "2015-08-27T09:49".parse().unwrap();
        assert_eq!(t.to_string(), "2015-08-27T09:49:00.000000Z");
        let t: Timestamp = "2016-12-31T23:59:60Z".parse().unwrap();
        assert_eq!(t.to_string(), "2016-12-31T23:59:59.999999Z");
        let t: Timestamp = "2015-08-27T09:49:58.5-03:30".parse().unwrap();
        assert_eq!(t.to_string(), "2015-08-27T13:19:58.500000Z");
        assert_eq!(
            Timestamp::default().to_string(),
            "1970-01-01T00:00:00.000000Z"
        );
        assert!("".parse::<Timestamp>().is_err());
        // Multibyte input where an ASCII offset is expected: an error, never a panic
        // (found by fuzzing: an earlier parser sliced the offset at a byte index).
        for s in [
            "2015-08-27T09:49:58+a€",
            "2015-08-27T09:49:58-€0",
            "T+é€",
            "Tz€€+0€",
            "2015-08-27T09:4€",
        ] {
            assert!(s.parse::<Timestamp>().is_err(), "{s}");
        }
    }

    #[test]
    fn serde_round_trip() {
        let t: Timestamp = serde_json::from_str("\"2013-02-27T18:30:59.999999Z\"").unwrap();
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"2013-02-27T18:30:59.999999Z\""
        );
        assert!(serde_json::from_str::<Timestamp>("42").is_err());
    }

    #[test]
    fn system_times_beyond_year_9999_clamp_instead_of_panicking() {
        use std::time::Duration;
        let far = SystemTime::UNIX_EPOCH + Duration::from_secs(400_000_000_000);
        assert_eq!(
            Timestamp::from_system_time(far)
                .as_offset_date_time()
                .year(),
            9999
        );
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(Timestamp::from_system_time(t).to_system_time(), t);
    }
}
