//! A bounded YAML reader for clouds.yaml, secure.yaml and clouds-public.yaml.
//!
//! Built on `saphyr-parser`'s event stream, so that:
//! - **scalars keep their text exactly as written**: `password: 1.10`, `0x1F`, `1e3`,
//!   `0o17`, `+12`, `.inf` or `True` reach the configuration as those characters (only a
//!   plain `~`, `null`, `Null`, `NULL` or nothing reads as null); every setting of a cloud
//!   is text, and none is ever rewritten as a number;
//! - **the cost is bounded before anything large is built**: the input size
//!   ([`MAX_FILE_LEN`]), the nesting depth ([`MAX_DEPTH`], checked as each collection opens,
//!   so a deep `[[[[…` stops at once) and what anchors and aliases may copy
//!   ([`MAX_ALIAS_NODES`]) are checked as the events arrive;
//! - YAML merge keys (`<<: *defaults`) work as in PyYAML, which openstacksdk uses.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use serde_json::{Map, Value};

use crate::Error;

/// The largest clouds.yaml, secure.yaml or clouds-public.yaml read, in bytes (1 MiB).
///
/// Real files hold a few clouds in a few KiB; a megabyte is hundreds of clouds.
pub const MAX_FILE_LEN: usize = 1 << 20;

/// The deepest nesting of maps and lists in one file. A cloud's settings are at most five
/// levels deep (`clouds` → cloud → `auth` → …).
pub const MAX_DEPTH: usize = 32;

/// What anchors and aliases may copy in one file, in nodes: each alias copies the node it
/// names, and each anchored node is kept for its aliases. A scalar counts as one node plus
/// one per 64 bytes of its text, so the memory an alias bomb can claim stays in the
/// megabytes (a shared `&defaults` block used by a hundred clouds costs a few thousand).
pub const MAX_ALIAS_NODES: usize = 100_000;

/// Text bytes that count as one node in the alias budget.
const BYTES_PER_NODE: usize = 64;

/// A node being built: its value and its size in budget units.
struct Built {
    value: Value,
    weight: usize,
    /// The scalar's text (keys are read from it, as written).
    key: Option<String>,
}

enum Frame {
    Seq {
        items: Vec<Value>,
        weight: usize,
        anchor: usize,
    },
    Map {
        entries: Map<String, Value>,
        /// Maps merged in with `<<`, in order (earlier ones win, explicit keys win over all).
        merged: Vec<Map<String, Value>>,
        /// The key read, waiting for its value (`Some("<<")` for a merge key).
        key: Option<(String, bool)>,
        weight: usize,
        anchor: usize,
    },
}

fn at(span: &Span) -> String {
    format!("line {} column {}", span.start.line(), span.start.col() + 1)
}

/// Parses one YAML document into JSON values whose scalars are all strings (or null),
/// within the bounds above. `what` names the file in errors. An empty (or comment-only)
/// document reads as null.
pub(crate) fn parse(what: &str, text: &str) -> Result<Value, Error> {
    let err = |msg: String| Error::decode_msg(what, msg);
    if text.len() > MAX_FILE_LEN {
        return Err(err(format!(
            "the file is {} bytes; the limit is {MAX_FILE_LEN} (1 MiB)",
            text.len()
        )));
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, (Value, usize)> = HashMap::new();
    let mut copied = 0usize;
    let mut root: Option<Value> = None;
    let mut documents = 0;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            if e.info().contains("recursion limit") {
                // The scanner's own bound on `[`/`{` nesting, met while it looks ahead.
                let m = e.marker();
                err(format!(
                    "nested more than {MAX_DEPTH} levels deep at line {} column {}",
                    m.line(),
                    m.col() + 1
                ))
            } else {
                err(e.to_string())
            }
        })?;
        let done = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => None,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(err(format!(
                        "a second YAML document starts at {}: the file must hold one",
                        at(&span)
                    )));
                }
                None
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(err(format!(
                        "nested more than {MAX_DEPTH} levels deep at {}",
                        at(&span)
                    )));
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq {
                        items: Vec::new(),
                        weight: 1,
                        anchor,
                    }
                } else {
                    Frame::Map {
                        entries: Map::new(),
                        merged: Vec::new(),
                        key: None,
                        weight: 1,
                        anchor,
                    }
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (value, weight, anchor) = match stack.pop() {
                    Some(Frame::Seq {
                        items,
                        weight,
                        anchor,
                    }) => (Value::Array(items), weight, anchor),
                    Some(Frame::Map {
                        mut entries,
                        merged,
                        weight,
                        anchor,
                        ..
                    }) => {
                        for m in merged {
                            for (k, v) in m {
                                entries.entry(k).or_insert(v);
                            }
                        }
                        (Value::Object(entries), weight, anchor)
                    }
                    None => return Err(err(format!("unbalanced collection at {}", at(&span)))),
                };
                Some((
                    Built {
                        value,
                        weight,
                        key: None,
                    },
                    anchor,
                ))
            }
            Event::Scalar(text, style, anchor, tag) => {
                let null = style == ScalarStyle::Plain
                    && matches!(&*text, "" | "~" | "null" | "Null" | "NULL")
                    && tag.is_none();
                let weight = 1 + text.len() / BYTES_PER_NODE;
                let value = if null {
                    Value::Null
                } else {
                    Value::String(text.to_string())
                };
                Some((
                    Built {
                        value,
                        weight,
                        key: Some(text.into_owned()),
                    },
                    anchor,
                ))
            }
            Event::Alias(id) => {
                let (value, weight) = anchors.get(&id).cloned().ok_or_else(|| {
                    err(format!("alias at {} names no earlier anchor", at(&span)))
                })?;
                copied = charge(what, copied, weight, &span)?;
                let key = value.as_str().map(str::to_owned);
                Some((Built { value, weight, key }, 0))
            }
        };
        let Some((built, anchor)) = done else {
            continue;
        };
        if anchor > 0 {
            copied = charge(what, copied, built.weight, &span)?;
            anchors.insert(anchor, (built.value.clone(), built.weight));
        }
        match stack.last_mut() {
            None => root = Some(built.value),
            Some(Frame::Seq { items, weight, .. }) => {
                *weight = weight.saturating_add(built.weight);
                items.push(built.value);
            }
            Some(Frame::Map {
                entries,
                merged,
                key,
                weight,
                ..
            }) => {
                *weight = weight.saturating_add(built.weight);
                match key.take() {
                    None => {
                        let Some(k) = built.key else {
                            return Err(err(format!(
                                "a key at {} is a map or a list; keys must be plain text",
                                at(&span)
                            )));
                        };
                        let merge = k == "<<" && built.value.is_string();
                        if !merge && entries.contains_key(&k) {
                            return Err(err(format!(
                                "duplicate key {:?} at {}",
                                crate::error::fault::inert(&k, 100),
                                at(&span)
                            )));
                        }
                        *key = Some((k, merge));
                    }
                    Some((_, true)) => match built.value {
                        Value::Object(m) => merged.push(m),
                        Value::Array(list) if list.iter().all(Value::is_object) => {
                            merged.extend(list.into_iter().filter_map(|v| match v {
                                Value::Object(m) => Some(m),
                                _ => None,
                            }));
                        }
                        _ => {
                            return Err(err(format!(
                                "the merge key `<<` at {} needs a map or a list of maps",
                                at(&span)
                            )))
                        }
                    },
                    Some((k, false)) => {
                        entries.insert(k, built.value);
                    }
                }
            }
        }
    }
    Ok(root.unwrap_or(Value::Null))
}

/// Adds `weight` to what anchors and aliases have copied, failing past the budget.
fn charge(what: &str, copied: usize, weight: usize, span: &Span) -> Result<usize, Error> {
    let total = copied.saturating_add(weight);
    if total > MAX_ALIAS_NODES {
        return Err(Error::decode_msg(
            what,
            format!(
                "anchors and aliases expand to more than {MAX_ALIAS_NODES} nodes (at {})",
                at(span)
            ),
        ));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok(text: &str) -> Value {
        parse("test.yaml", text).unwrap()
    }

    fn fails(text: &str) -> String {
        parse("test.yaml", text).unwrap_err().to_string()
    }

    #[test]
    fn scalars_keep_their_text_exactly_as_written() {
        let v = ok("a: 1.10\nb: 0x1F\nc: 1e3\nd: 0o17\ne: +12\nf: .inf\ng: True\nh: 007\ni: -.0\nj: '1.10'\nk: \"x\"\nl: no\nm: 12:30\n");
        assert_eq!(
            v,
            json!({"a": "1.10", "b": "0x1F", "c": "1e3", "d": "0o17", "e": "+12", "f": ".inf",
                   "g": "True", "h": "007", "i": "-.0", "j": "1.10", "k": "x", "l": "no", "m": "12:30"})
        );
        assert_eq!(
            ok("a: ~\nb:\nc: null\nd: 'null'"),
            json!({"a": null, "b": null, "c": null, "d": "null"})
        );
        assert_eq!(ok("3: x"), json!({"3": "x"}));
    }

    #[test]
    fn empty_and_comment_only_documents_read_as_null() {
        assert_eq!(ok(""), Value::Null);
        assert_eq!(ok("# only a comment\n\n"), Value::Null);
        assert_eq!(ok("---\n"), Value::Null);
    }

    #[test]
    fn merge_keys_and_aliases_work_like_pyyaml() {
        let v = ok("d: &d {region_name: R1, auth: {auth_url: 'http://k'}}\nc:\n  <<: *d\n  region_name: R2\nl: [*d]\n");
        assert_eq!(v["c"]["region_name"], "R2");
        assert_eq!(v["c"]["auth"]["auth_url"], "http://k");
        assert_eq!(v["l"][0]["region_name"], "R1");
    }

    #[test]
    fn structural_mistakes_are_errors_with_a_location() {
        assert!(fails("a: 1\na: 2").contains("duplicate key \"a\""));
        assert!(fails("? [1]\n: x").contains("keys must be plain text"));
        assert!(fails("a: *nope").contains("test.yaml"));
        assert!(fails("a: 1\n---\nb: 2").contains("second YAML document"));
        assert!(fails("a: [1").contains("line"));
    }

    #[test]
    fn an_oversized_file_is_refused_before_parsing() {
        let big = format!("a: '{}'", "x".repeat(MAX_FILE_LEN));
        let e = fails(&big);
        assert!(e.contains("limit is 1048576"), "{e}");
    }

    #[test]
    fn deep_nesting_stops_at_the_depth_limit_at_once() {
        let deep = format!("a: {}", "[".repeat(78 * 1024));
        let t = std::time::Instant::now();
        let e = fails(&deep);
        assert!(e.contains(&format!("more than {MAX_DEPTH} levels")), "{e}");
        assert!(
            t.elapsed() < std::time::Duration::from_secs(1),
            "{:?}",
            t.elapsed()
        );
        let ok_depth = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse("t", &ok_depth).is_ok());
        let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(fails(&too_deep).contains("levels deep"));
        // Block nesting too.
        let mut block = String::new();
        for i in 0..200 {
            block.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        assert!(fails(&block).contains("levels deep"));
    }

    #[test]
    fn alias_bombs_hit_the_expansion_budget() {
        // Exponential: each level doubles.
        let mut bomb = String::from("l0: &l0 [xxxxxxxxxxxxxxxx, xxxxxxxxxxxxxxxx]\n");
        for i in 1..40 {
            bomb.push_str(&format!("l{i}: &l{i} [*l{}, *l{}]\n", i - 1, i - 1));
        }
        assert!(fails(&bomb).contains("anchors and aliases expand"));
        // Flat: one anchored list, aliased a hundred thousand times.
        let items = vec!["xxxxxxxx"; 100].join(",");
        let flat = format!(
            "big: &b [{items}]\nrefs: [{}]\n",
            vec!["*b"; 100_000].join(",")
        );
        assert!(flat.len() < MAX_FILE_LEN);
        let t = std::time::Instant::now();
        assert!(fails(&flat).contains("anchors and aliases expand"));
        assert!(
            t.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            t.elapsed()
        );
        // Long strings count by their size.
        let long = format!(
            "s: &s '{}'\nr: [{}]\n",
            "x".repeat(64 * 1024),
            vec!["*s"; 200].join(",")
        );
        assert!(fails(&long).contains("anchors and aliases expand"));
    }
}
