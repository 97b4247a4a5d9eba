//! Moving bytes: uploads from the browser's `File`s in chunks, with progress bars (a
//! static large object above [`SEGMENTED_ABOVE`](super::SEGMENTED_ABOVE)), and downloads
//! through the token into a Blob.

use std::fmt::Write;

use bytes::Bytes;
use ferrocloud::object_storage::large_objects::{self, SloSegment};
use ferrocloud::object_storage::{containers, objects};
use ferrocloud::{byte_stream, ByteStream, Error, Service, TransportError, TransportErrorKind};
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File};

use super::{
    body, current, human, js_err, meta, reload, report, unit, with, BODY, CHUNK, SEGMENT,
    SEGMENTED_ABOVE,
};
use crate::app::{self, Tx};
use crate::ui::{self, esc};

/// A `File` read in chunks of [`CHUNK`] bytes (`Blob.slice`): at most one chunk in wasm
/// memory at a time.
fn file_stream(file: Blob) -> ByteStream {
    let size = file.size() as u64;
    byte_stream(futures::stream::try_unfold(0u64, move |at| {
        let file = file.clone();
        async move {
            if at >= size {
                return Ok(None);
            }
            let end = (at + CHUNK).min(size);
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

/// Uploads `file` as a static large object: segments of [`SEGMENT`] bytes (each read from
/// its own `Blob.slice`) into `<container>_segments`, then the manifest. `progress` gets
/// the bytes and segments stored after each segment. On failure the segments stored (or
/// started) are deleted, and no manifest is written.
async fn upload_segmented(
    swift: &Service<Tx>,
    container: &str,
    name: &str,
    file: &File,
    object: &objects::UploadObject,
    mut progress: impl FnMut(u64, usize),
) -> Result<(), Error> {
    let seg_c = format!("{container}_segments");
    let prefix = format!("{name}/slo/{}/", js_sys::Date::now() as u64);
    swift
        .call(&unit(containers::create(&seg_c, &Default::default())))
        .await?;
    let size = file.size() as u64;
    let mut segments = Vec::new();
    let mut names = Vec::new();
    let stored = async {
        let mut at = 0;
        while at < size {
            let end = (at + SEGMENT).min(size);
            let seg = format!("{prefix}{:08}", names.len());
            names.push(seg.clone());
            let part = file
                .slice_with_f64_and_f64(at as f64, end as f64)
                .map_err(js_err)?;
            let up = swift
                .upload(
                    &meta(objects::upload(&seg_c, &seg, &Default::default())),
                    file_stream(part),
                )
                .await?;
            let etag = up.0["etag"]
                .as_str()
                .filter(|e| !e.is_empty())
                .map(str::to_owned);
            segments.push(SloSegment::new(
                format!("{seg_c}/{seg}"),
                etag,
                Some(end - at),
            ));
            at = end;
            progress(at, segments.len());
        }
        swift
            .call(&unit(large_objects::put_manifest(
                container, name, &segments, object,
            )))
            .await
    }
    .await;
    if stored.is_err() && !names.is_empty() {
        let _ = swift
            .call(&report(objects::bulk_delete(&seg_c, &names)))
            .await;
    }
    stored
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
                        upload_segmented(&swift, &container, &name, &f, &opts, |done, segs| {
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
                    } else {
                        swift
                            .upload(
                                &unit(objects::upload(&container, &name, &opts)),
                                file_stream(f.into()),
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
