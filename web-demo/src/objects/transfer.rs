//! Moving bytes: uploads from the browser's `File`s in chunks, with progress bars (a
//! static large object above [`SEGMENTED_ABOVE`](super::SEGMENTED_ABOVE)), and downloads
//! through the token into a Blob.

use std::fmt::Write;
use std::ops::Range;

use bytes::Bytes;
use ferrocloud::object_storage::objects;
use ferrocloud::object_storage::segmented::{self, SegmentedUpload};
use ferrocloud::{byte_stream, ByteStream, TransportError, TransportErrorKind};
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File};

use super::{
    body, current, human, js_err, reload, unit, with, BODY, CHUNK, SEGMENT, SEGMENTED_ABOVE,
};
use crate::app;
use crate::ui::{self, esc};

/// The bytes `range` of a `File` read in chunks of [`CHUNK`] bytes (`Blob.slice`): at
/// most one chunk in wasm memory at a time.
fn file_stream(file: Blob, range: Range<u64>) -> ByteStream {
    byte_stream(futures::stream::try_unfold(range.start, move |at| {
        let file = file.clone();
        async move {
            if at >= range.end {
                return Ok(None);
            }
            let end = (at + CHUNK).min(range.end);
            let read = async {
                let part = file.slice_with_f64_and_f64(at as f64, end as f64)?;
                let buf = JsFuture::from(part.array_buffer()).await?;
                Ok::<_, JsValue>(Bytes::from(Uint8Array::new(&buf).to_vec()))
            };
            let chunk = read.await.map_err(|e| {
                TransportError::new(TransportErrorKind::Io, format!("reading the file: {e:?}"))
            })?;
            Ok(Some((chunk, end)))
        }
    }))
}

fn set_progress(id: &str, value: u64) {
    if let Some(e) = app::el(id) {
        let _ = e.set_attribute("value", &value.to_string());
    }
}

/// Uploads `files` into the open folder, one after the other, with a progress bar each
/// and one for all.
pub(super) fn upload(files: Vec<File>) {
    let Some(container) = current() else { return };
    let prefix = with(|s| s.prefix.clone());
    let batch = with(|s| {
        s.next_upload += 1;
        s.next_upload
    });
    let total: u64 = files.iter().map(|f| f.size() as u64).sum();
    let mut h = format!(
        "<div class=\"o-batch\"><label for=\"o-all-{batch}\">All {} files ({})</label>\
         <progress id=\"o-all-{batch}\" class=\"o-all\" max=\"{total}\" value=\"0\"></progress>",
        files.len(),
        human(total)
    );
    for (i, f) in files.iter().enumerate() {
        let _ = write!(
            h,
            "<label for=\"o-p-{batch}-{i}\">{} ({})</label>\
             <progress id=\"o-p-{batch}-{i}\" data-name=\"{}\" max=\"{}\" value=\"0\"></progress>\
             <small id=\"o-n-{batch}-{i}\"></small>",
            esc(&f.name()),
            human(f.size() as u64),
            esc(&f.name()),
            (f.size() as u64).max(1)
        );
    }
    h.push_str("</div>");
    if let Some(e) = app::el("o-up") {
        let _ = e.insert_adjacent_html("afterbegin", &h);
    }
    let label = format!("Upload {} file(s) to {container}", files.len());
    app::run(
        label,
        Box::new(move |c, p| {
            Box::pin(async move {
                let swift = c.svc(c.client.object_storage());
                // The task's progress counts bytes, or KiB above 4 GiB (it takes u32).
                let shift = if total > u64::from(u32::MAX) { 10 } else { 0 };
                let kib = |b: u64| (b >> shift) as u32;
                let mut before = 0;
                let mut failed = None;
                for (i, f) in files.into_iter().enumerate() {
                    let (bar, note) = (format!("o-p-{batch}-{i}"), format!("o-n-{batch}-{i}"));
                    let size = f.size() as u64;
                    let name = format!("{prefix}{}", f.name());
                    let opts = objects::UploadObject {
                        content_type: Some(f.type_()).filter(|t| !t.is_empty()),
                        ..Default::default()
                    };
                    let at = before;
                    let result = if size > SEGMENTED_ABOVE {
                        app::set_html(&note, "segmented upload");
                        let slo = SegmentedUpload {
                            segment_size: SEGMENT,
                            object: opts,
                            ..Default::default()
                        };
                        let read = |r| file_stream(f.clone().into(), r);
                        segmented::upload_sized(&swift, &container, &name, size, read, &slo, |d| {
                            let (done, segs) = (d.bytes, d.segments);
                            set_progress(&bar, done);
                            set_progress(&format!("o-all-{batch}"), at + done);
                            app::set_html(&note, &format!("{segs} segment(s), {}", human(done)));
                            p(
                                kib(at + done),
                                kib(total),
                                &format!("{name}: {segs} segments"),
                            );
                        })
                        .await
                        .map(drop)
                    } else {
                        swift
                            .upload(
                                &unit(objects::upload(&container, &name, &opts)),
                                file_stream(f.into(), 0..size),
                            )
                            .await
                    };
                    before += size;
                    match result {
                        Ok(()) => {
                            set_progress(&bar, size.max(1));
                            app::set_html(&note, "stored");
                        }
                        Err(e) => {
                            app::set_html(
                                &note,
                                &format!("failed: {}", esc(&ui::problem(&e, "").message)),
                            );
                            failed.get_or_insert(e);
                        }
                    }
                    set_progress(&format!("o-all-{batch}"), before);
                    p(kib(before), kib(total), &name);
                }
                reload();
                failed.map_or(Ok(()), Err)
            })
        }),
    );
}

/// Downloads an object through the token into a Blob and offers a link to save it.
pub(super) fn download(name: String) {
    let Some(container) = current() else { return };
    app::run(
        format!("Download {name}"),
        Box::new(move |c, p| {
            Box::pin(async move {
                let swift = c.svc(c.client.object_storage());
                p(1, 2, "downloading");
                swift
                    .call(&body(objects::download(
                        &container,
                        &name,
                        &Default::default(),
                    )))
                    .await?;
                let data = BODY.with(|b| std::mem::take(&mut *b.borrow_mut()));
                let got = data.len();
                let parts = js_sys::Array::of1(&Uint8Array::from(&data[..]));
                drop(data);
                let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(js_err)?;
                let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_err)?;
                if let Some(old) = with(|s| s.blob_url.replace(url.clone())) {
                    let _ = web_sys::Url::revoke_object_url(&old);
                }
                let file = name.rsplit('/').next().unwrap_or(&name);
                app::set_html(
                    "o-dl",
                    &format!(
                        "<div class=\"card form\"><h3>Downloaded</h3><p><a id=\"o-dl-link\" href=\"{}\" download=\"{}\" data-name=\"{}\">Save {}</a> ({})</p></div>",
                        esc(&url),
                        esc(file),
                        esc(&name),
                        esc(&name),
                        human(got as u64)
                    ),
                );
                Ok(())
            })
        }),
    );
}
