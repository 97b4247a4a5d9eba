//! Lenient readers for values services send in more than one JSON shape: every such
//! `deserialize_with` helper lives here.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

#[cfg(any(feature = "block-storage", feature = "compute"))]
use crate::Metadata;

/// Reads a boolean a service may send as `true`, `"true"`, `"True"` or `"false"`
/// (Cinder's flags, Neutron's `pvlan`); `null` or absence reads as `None`.
#[cfg(any(feature = "block-storage", feature = "network"))]
pub(crate) fn flex_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(b)),
        Some(Value::String(s)) => match s.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok(Some(true)),
            "false" | "0" | "no" | "off" | "" => Ok(Some(false)),
            _ => Err(serde::de::Error::custom(format_args!(
                "{s:?} is not a boolean"
            ))),
        },
        Some(other) => Err(serde::de::Error::custom(format_args!(
            "{other} is not a boolean"
        ))),
    }
}

#[cfg(any(feature = "block-storage", feature = "compute"))]
/// Metadata values are strings; older releases and extensions may send other
/// scalars, which are kept as their JSON text.
pub(crate) fn flex_metadata<'de, D: Deserializer<'de>>(d: D) -> Result<Metadata, D::Error> {
    let raw = Option::<serde_json::Map<String, Value>>::deserialize(d)?.unwrap_or_default();
    Ok(raw
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                Value::String(s) => s,
                Value::Null => String::new(),
                other => other.to_string(),
            };
            (k, v)
        })
        .collect())
}

/// Reads an id a service sends as a number in older microversions and as a string (a
/// UUID) in newer ones (Nova hypervisors and services before and after 2.53).
#[cfg(feature = "compute")]
pub(crate) fn flex_id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format_args!(
            "{other} is not an id"
        ))),
    }
}

/// Reads a number a service sends as a JSON number or as a numeric string
/// (neutron-dynamic-routing's AS numbers: `"remote_as": "1001"` next to `"local_as": 1001`;
/// Cinder's `os-hosts` counts).
#[cfg(any(feature = "network", feature = "block-storage"))]
pub(crate) fn flex_u32<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    match Value::deserialize(d)? {
        Value::Number(n) => n
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| serde::de::Error::custom(format_args!("{n} is not a u32"))),
        Value::String(s) => s
            .trim()
            .parse()
            .map_err(|_| serde::de::Error::custom(format_args!("{s:?} is not a u32"))),
        other => Err(serde::de::Error::custom(format_args!(
            "{other} is not a number"
        ))),
    }
}

/// Reads a list of strings a service sends as a list, as one string or as `null`
/// (FWaaS v2 `firewall_policy_id`: a list of policy ids, shown as one id or `null` in
/// the API reference's samples).
#[cfg(feature = "network")]
pub(crate) fn flex_string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![s]),
        Some(v @ Value::Array(_)) => {
            Vec::<String>::deserialize(v).map_err(serde::de::Error::custom)
        }
        Some(other) => Err(serde::de::Error::custom(format_args!(
            "{other} is not a list of strings"
        ))),
    }
}

#[cfg(feature = "network")]
/// Reads a prefix length Neutron sends as a number or (in show and list answers) as a
/// string (`"64"`).
pub(crate) fn flex_prefix_len<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|n| u8::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format_args!("{n} is not a prefix length"))),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format_args!("{s:?} is not a prefix length"))),
        Some(other) => Err(serde::de::Error::custom(format_args!(
            "{other} is not a prefix length"
        ))),
    }
}

#[cfg(feature = "network")]
/// Reads an address count: a JSON integer, or (above `u64`) the double it became.
pub(crate) fn flex_count<'de, D: Deserializer<'de>>(d: D) -> Result<u128, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(0),
        Some(Value::Number(n)) => {
            if let Some(u) = n.as_u64() {
                Ok(u128::from(u))
            } else {
                match n.as_f64() {
                    // `as` saturates; the value is a non-negative integer in a double.
                    Some(f) if f >= 0.0 => Ok(f as u128),
                    _ => Err(serde::de::Error::custom(format_args!(
                        "{n} is not an address count"
                    ))),
                }
            }
        }
        Some(other) => Err(serde::de::Error::custom(format_args!(
            "{other} is not an address count"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flexible_booleans() {
        #[derive(Deserialize)]
        struct B {
            #[serde(default, deserialize_with = "flex_bool")]
            b: Option<bool>,
        }
        for (s, want) in [
            (r#"{"b": "True"}"#, Some(true)),
            (r#"{"b": "false"}"#, Some(false)),
            (r#"{"b": true}"#, Some(true)),
            (r#"{"b": null}"#, None),
            ("{}", None),
        ] {
            assert_eq!(serde_json::from_str::<B>(s).unwrap().b, want, "{s}");
        }
        assert!(serde_json::from_str::<B>(r#"{"b": "maybe"}"#).is_err());
        assert!(serde_json::from_str::<B>(r#"{"b": [1]}"#).is_err());
    }
}
