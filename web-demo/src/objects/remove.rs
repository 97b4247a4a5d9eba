//! Deleting: objects in bulk (large ones with their segments) and containers with what
//! they hold.

use std::fmt::Write;

use ferrocloud::object_storage::{containers, large_objects, objects};
use ferrocloud::Error;
use futures::StreamExt;

use super::{current, reload, report, s, unit, Entry, Listing};
use crate::api::{Cloud, Obj};
use crate::app::{self, Tx};

/// Deletes objects: plain ones in one bulk delete, large ones with their segments.
pub(super) fn delete_objects(items: Vec<(String, bool)>) {
    let Some(container) = current() else { return };
    app::run(
        format!("Delete {} object(s)", items.len()),
        Box::new(move |c, p| {
            Box::pin(async move {
                let swift = c.svc(c.client.object_storage());
                let total = items.len() as u32 + 1;
                let plain: Vec<&str> = items
                    .iter()
                    .filter(|(_, slo)| !slo)
                    .map(|(n, _)| n.as_str())
                    .collect();
                let mut r = Ok(());
                if plain.len() == 1 {
                    r = swift
                        .call(&unit(objects::delete(&container, plain[0])))
                        .await;
                } else if !plain.is_empty() {
                    r = bulk_check(
                        swift
                            .call(&report(objects::bulk_delete(&container, &plain)))
                            .await,
                    );
                }
                let mut done = plain.len() as u32;
                p(done, total, "deleting");
                for (name, _) in items.iter().filter(|(_, slo)| *slo) {
                    if r.is_ok() {
                        r = bulk_check(
                            swift
                                .call(&report(large_objects::delete_with_segments(
                                    &container, name,
                                )))
                                .await,
                        );
                    }
                    done += 1;
                    p(done, total, name);
                }
                reload();
                r
            })
        }),
    );
}

/// A bulk report as a result: its status must be 2xx with no item failed.
fn bulk_check(r: Result<Obj, Error>) -> Result<(), Error> {
    let report = r?.0;
    let status = s(&report, "Response Status");
    let errors = report["Errors"].as_array().cloned().unwrap_or_default();
    if status.starts_with('2') && errors.is_empty() {
        return Ok(());
    }
    let mut msg = format!("bulk delete: {status} {}", s(&report, "Response Body"));
    for f in errors.iter().take(5) {
        let _ = write!(msg, "; {f}");
    }
    Err(ferrocloud::InvalidInput::field("bulk delete", msg).into())
}

/// Deletes a container; when it holds objects, asks, then deletes them (bulk) and it,
/// and its `_segments` container too.
pub(super) fn delete_container(name: String) {
    app::run(
        format!("Delete container {name}"),
        Box::new(move |c, p| {
            Box::pin(async move {
                let swift = c.svc(c.client.object_storage());
                p(1, 3, "deleting");
                let first = swift.call(&unit(containers::delete(&name))).await;
                let r = match first {
                    Err(Error::Http(h)) if h.status.as_u16() == 409 => {
                        let ok = web_sys::window()
                            .and_then(|w| {
                                w.confirm_with_message(&format!(
                                    "Container {name} is not empty. Delete it with all its objects?"
                                ))
                                .ok()
                            })
                            .unwrap_or(false);
                        if ok {
                            let mut r = empty_container(&c, &name).await;
                            p(2, 3, "emptied");
                            let segs = format!("{name}_segments");
                            if r.is_ok() {
                                r = swift.call(&unit(containers::delete(&name))).await;
                            }
                            if r.is_ok() {
                                r = match empty_container(&c, &segs).await {
                                    Err(Error::Http(h)) if h.status.as_u16() == 404 => Ok(()),
                                    Err(e) => Err(e),
                                    Ok(()) => swift.call(&unit(containers::delete(&segs))).await,
                                };
                            }
                            r
                        } else {
                            Ok(())
                        }
                    }
                    other => other,
                };
                reload();
                r
            })
        }),
    );
}

/// Deletes every object of `container` in bulk deletes of up to 1000 names.
async fn empty_container(c: &Cloud<Tx>, container: &str) -> Result<(), Error> {
    let swift = c.svc(c.client.object_storage());
    let list = Listing(
        objects::list(
            container,
            &objects::ListObjects {
                limit: Some(1000),
                ..Default::default()
            },
        )
        .items_as::<Entry>(),
    );
    // Page by page (the marker is the last name, so deleting as we go is fine).
    let mut pages = crate::api::pages_of(swift.clone(), Box::new(list));
    while let Some(page) = pages.next().await {
        let (rows, _) = page?;
        let names: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        if !names.is_empty() {
            bulk_check(
                swift
                    .call(&report(objects::bulk_delete(container, &names)))
                    .await,
            )?;
        }
    }
    Ok(())
}
