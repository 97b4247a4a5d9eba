//! [`Timestamp`]: every timestamp format OpenStack services send, as one type.

use std::fmt;
use std::time::SystemTime;

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

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

    /// From a `SystemTime`.
    pub fn from_system_time(t: SystemTime) -> Self {
        Timestamp(OffsetDateTime::from(t))
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
        if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
            return Ok(Timestamp(t));
        }
        let zoneless = format_description!(
            version = 2,
            "[year]-[month]-[day][first [T][ ]][hour]:[minute][optional [:[second][optional [.[subsecond]]]]]"
        );
        if let Ok(t) = PrimitiveDateTime::parse(s, zoneless) {
            return Ok(Timestamp(t.assume_offset(UtcOffset::UTC)));
        }
        // "+0000" style offsets (no colon) and a lower-case "z".
        if let Some((head, tail)) = s
            .rsplit_once(['+', '-'])
            .filter(|(h, t)| h.contains('T') && t.len() == 4 && t.is_ascii())
        {
            let sign = &s[head.len()..=head.len()];
            let fixed = format!("{head}{sign}{}:{}", &tail[..2], &tail[2..]);
            if let Ok(t) = OffsetDateTime::parse(&fixed, &Rfc3339) {
                return Ok(Timestamp(t));
            }
        }
        if let Some(head) = s.strip_suffix('z') {
            return head
                .parse::<Timestamp>()
                .map_err(|_| ParseTimestampError(s.to_owned()));
        }
        Err(ParseTimestampError(s.to_owned()))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let utc = self.0.to_offset(UtcOffset::UTC);
        let fd = format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
        );
        match utc.format(fd) {
            Ok(s) => f.write_str(&s),
            Err(_) => write!(f, "{utc}"),
        }
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
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an OpenStack timestamp")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(V)
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
        assert!("yesterday".parse::<Timestamp>().is_err());
        // Multibyte input where an ASCII offset is expected: an error, never a panic
        // (found by fuzzing: the offset was sliced at a byte index).
        for s in [
            "2015-08-27T09:49:58+a€",
            "2015-08-27T09:49:58-€0",
            "T+é€",
            "Tz€€+0€",
        ] {
            assert!(s.parse::<Timestamp>().is_err(), "{s}");
        }
        assert!("".parse::<Timestamp>().is_err());
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
}
