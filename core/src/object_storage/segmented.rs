//! Uploading a large object in segments: the segments of a static large object, then the
//! manifest. Two inputs, one procedure:
//! - [`upload`]: a stream of unknown length, segments cut from it as it is read. Memory
//!   stays bounded whatever the size: each segment streams straight from the input to
//!   Swift (no segment is ever buffered), so at most one input chunk is held at a time.
//! - [`upload_sized`]: bytes of a known size that can be read from any offset (a file, a
//!   browser `Blob`): each segment is read from its own range.
//!
//! Unlike the rest of this module, both perform I/O: they drive a [`Service`] through
//! several calls. Progress is reported after every stored segment. When anything fails,
//! the segments stored (or being stored) are deleted, best effort, before the error is
//! returned, and no manifest is written.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>, data: ferrocloud::ByteStream) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::object_storage::segmented::{self, SegmentedUpload};
//! let swift = client.object_storage();
//! let done = segmented::upload(&swift, "backups", "db.dump", data, &SegmentedUpload::default(), |p| {
//!     println!("{} bytes in {} segments", p.bytes, p.segments);
//! })
//! .await?;
//! println!("{} bytes, ETag {:?}", done.bytes, done.manifest.etag);
//! # Ok(()) }
//! ```

use std::ops::Range;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::UNIX_EPOCH;

use bytes::Bytes;
use futures::{Stream, StreamExt};

use super::large_objects::{self, SloSegment};
use super::objects::{self, UploadObject, Uploaded};
use super::{bulk, containers};
use crate::{byte_stream, ByteStream, InvalidInput, Result, Service, Transport, TransportError};

/// Swift's default `max_manifest_segments`.
const MAX_SEGMENTS: usize = 1000;

/// How [`upload`] cuts and names segments, and the large object's own headers.
#[derive(Debug, Clone)]
pub struct SegmentedUpload {
    /// Bytes per segment (the last one may be shorter). Default 64 MiB.
    pub segment_size: u64,
    /// Where the segments go; default `<container>_segments` (created if missing, as
    /// python-swiftclient does).
    pub segment_container: Option<String>,
    /// Names of the segments are this plus an 8-digit index; default
    /// `<object>/slo/<upload time in ns>/`.
    pub segment_prefix: Option<String>,
    /// Content type, metadata, expiry, … of the large object (its manifest).
    pub object: UploadObject,
}

impl Default for SegmentedUpload {
    fn default() -> Self {
        SegmentedUpload {
            segment_size: 64 << 20,
            segment_container: None,
            segment_prefix: None,
            object: UploadObject::default(),
        }
    }
}

/// Where an upload stands, after each stored segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes stored so far.
    pub bytes: u64,
    /// Segments stored so far.
    pub segments: usize,
}

/// A finished segmented upload.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Segmented {
    /// What the manifest `PUT` answered (for an empty stream: the plain empty object's).
    pub manifest: Uploaded,
    /// The segments, as listed in the manifest (none for an empty stream).
    pub segments: Vec<SloSegment>,
    /// Bytes read from the stream.
    pub bytes: u64,
}

/// The input, shared by the segments cut from it one after the other.
struct Source {
    input: ByteStream,
    /// The rest of a chunk that crossed a segment boundary (or a peeked chunk).
    pending: Option<Bytes>,
    /// Bytes handed to segments so far.
    taken: u64,
    /// The input ended (it is not polled again).
    ended: bool,
}

impl Source {
    /// The next chunk of the input (`None` once it ended, for good).
    fn poll_input(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<std::result::Result<Bytes, TransportError>>> {
        if self.ended {
            return Poll::Ready(None);
        }
        let next = self.input.poll_next_unpin(cx);
        if let Poll::Ready(None) = next {
            self.ended = true;
        }
        next
    }
}

type Shared = Arc<Mutex<Source>>;

fn lock(src: &Shared) -> std::sync::MutexGuard<'_, Source> {
    src.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Waits until `input` knows whether bytes remain.
async fn more(input: &mut impl Input) -> std::result::Result<bool, TransportError> {
    futures::future::poll_fn(|cx| input.poll_more(cx)).await
}

/// One segment: at most `left` bytes from the shared input.
struct Segment {
    src: Shared,
    left: u64,
}

impl Stream for Segment {
    type Item = std::result::Result<Bytes, TransportError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.left == 0 {
            return Poll::Ready(None);
        }
        let mut s = lock(&this.src);
        let mut chunk = match s.pending.take() {
            Some(c) => c,
            None => match s.poll_input(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(c))) => c,
            },
        };
        let take = usize::try_from(this.left)
            .unwrap_or(usize::MAX)
            .min(chunk.len());
        let head = chunk.split_to(take);
        if !chunk.is_empty() {
            s.pending = Some(chunk);
        }
        this.left -= take as u64;
        s.taken += take as u64;
        Poll::Ready(Some(Ok(head)))
    }
}

/// What segments are cut from.
trait Input {
    /// `true` while bytes remain (a stream may wait for its next chunk to know).
    fn poll_more(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<std::result::Result<bool, TransportError>>;
    /// The next segment's bytes: at most `max`.
    fn next_segment(&mut self, max: u64) -> ByteStream;
    /// Bytes handed to segments so far (final once a segment's body has been sent).
    fn taken(&self) -> u64;
}

/// A stream of unknown length, shared by the segments cut from it one after the other.
struct Cut(Shared);

impl Input for Cut {
    fn poll_more(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<std::result::Result<bool, TransportError>> {
        let mut s = lock(&self.0);
        loop {
            if s.pending.as_ref().is_some_and(|p| !p.is_empty()) {
                return Poll::Ready(Ok(true));
            }
            match s.poll_input(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(Ok(false)),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Err(e)),
                Poll::Ready(Some(Ok(chunk))) => s.pending = Some(chunk),
            }
        }
    }

    fn next_segment(&mut self, max: u64) -> ByteStream {
        byte_stream(Segment {
            src: self.0.clone(),
            left: max,
        })
    }

    fn taken(&self) -> u64 {
        lock(&self.0).taken
    }
}

/// `size` bytes read range by range.
struct Ranges<F> {
    size: u64,
    at: u64,
    read: F,
}

impl<F: FnMut(Range<u64>) -> ByteStream> Input for Ranges<F> {
    fn poll_more(
        &mut self,
        _: &mut Context<'_>,
    ) -> Poll<std::result::Result<bool, TransportError>> {
        Poll::Ready(Ok(self.at < self.size))
    }

    fn next_segment(&mut self, max: u64) -> ByteStream {
        let range = self.at..self.at.saturating_add(max).min(self.size);
        self.at = range.end;
        (self.read)(range)
    }

    fn taken(&self) -> u64 {
        self.at
    }
}

/// Uploads `data` to `container`/`name` as a static large object: segments of
/// `opts.segment_size` bytes, then the manifest. `progress` is called after each stored
/// segment. An empty stream gives a plain empty object. A stream that would need more
/// than 1000 segments (Swift's default limit) fails: raise `segment_size`.
// On wasm32 the input stream is not `Send` (browser streams are not) and there are no
// threads: the `Arc<Mutex<_>>` that shares it between segments is only there for native
// transports, which may poll a body on another thread.
#[cfg_attr(target_arch = "wasm32", allow(clippy::arc_with_non_send_sync))]
pub async fn upload<T: Transport>(
    swift: &Service<T>,
    container: &str,
    name: &str,
    data: ByteStream,
    opts: &SegmentedUpload,
    progress: impl FnMut(Progress),
) -> Result<Segmented> {
    let input = Cut(Arc::new(Mutex::new(Source {
        input: data,
        pending: None,
        taken: 0,
        ended: false,
    })));
    store(swift, container, name, input, opts, progress).await
}

/// Uploads `size` bytes to `container`/`name` as a static large object, reading each
/// segment's bytes with `read(range)` (byte offsets, end excluded): a file, a browser
/// `Blob` (`Blob.slice`), anything read from an offset. Segments, progress, clean-up and
/// the empty case are as for [`upload`]; a size that needs more than 1000 segments is
/// refused before any request. Each segment's size in the manifest is its range's
/// length, so a `read` that gives fewer or more bytes makes Swift refuse the manifest
/// (and the segments are deleted).
///
/// ```no_run
/// # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>, file: Vec<u8>) -> Result<(), ferrocloud::Error> {
/// use ferrocloud::object_storage::segmented::{self, SegmentedUpload};
/// let swift = client.object_storage();
/// let file = bytes::Bytes::from(file);
/// let opts = SegmentedUpload { segment_size: 8 << 20, ..Default::default() };
/// segmented::upload_sized(&swift, "backups", "disk.img", file.len() as u64, |r| {
///     let part = file.slice(r.start as usize..r.end as usize);
///     ferrocloud::byte_stream(futures::stream::iter([Ok::<_, ferrocloud::TransportError>(part)]))
/// }, &opts, |_| {})
/// .await?;
/// # Ok(()) }
/// ```
pub async fn upload_sized<T: Transport>(
    swift: &Service<T>,
    container: &str,
    name: &str,
    size: u64,
    read: impl FnMut(Range<u64>) -> ByteStream,
    opts: &SegmentedUpload,
    progress: impl FnMut(Progress),
) -> Result<Segmented> {
    if opts.segment_size > 0 && size.div_ceil(opts.segment_size) > MAX_SEGMENTS as u64 {
        return Err(too_many_segments(opts).into());
    }
    let input = Ranges { size, at: 0, read };
    store(swift, container, name, input, opts, progress).await
}

fn too_many_segments(opts: &SegmentedUpload) -> InvalidInput {
    InvalidInput::field(
        "segment_size",
        format!(
            "the data needs more than {MAX_SEGMENTS} segments of {} bytes: raise segment_size",
            opts.segment_size
        ),
    )
}

/// The one procedure of [`upload`] and [`upload_sized`].
async fn store<T: Transport>(
    swift: &Service<T>,
    container: &str,
    name: &str,
    mut input: impl Input,
    opts: &SegmentedUpload,
    mut progress: impl FnMut(Progress),
) -> Result<Segmented> {
    if opts.segment_size == 0 {
        return Err(InvalidInput::field("segment_size", "must be above 0").into());
    }
    let seg_container = opts
        .segment_container
        .clone()
        .unwrap_or_else(|| format!("{container}_segments"));
    let prefix = match &opts.segment_prefix {
        Some(p) => p.clone(),
        None => {
            // In u64 (good until 2554): formatting a u128 would link its own code.
            let nanos = swift
                .client()
                .transport()
                .now()
                .duration_since(UNIX_EPOCH)
                .map(|d| {
                    d.as_secs()
                        .saturating_mul(1_000_000_000)
                        .saturating_add(d.subsec_nanos().into())
                })
                .unwrap_or_default();
            format!("{name}/slo/{nanos}/")
        }
    };
    if !more(&mut input).await? {
        let manifest = swift
            .call(&objects::create(
                container,
                name,
                &opts.object,
                Bytes::new(),
            ))
            .await?;
        return Ok(Segmented {
            manifest,
            segments: Vec::new(),
            bytes: 0,
        });
    }
    swift
        .call(&containers::create(&seg_container, &Default::default()))
        .await?;
    let mut segments: Vec<SloSegment> = Vec::new();
    // Every segment started, stored or not: a failed upload deletes them all (a segment
    // whose answer was lost may be stored all the same).
    let mut started: Vec<String> = Vec::new();
    let outcome = async {
        loop {
            if segments.len() == MAX_SEGMENTS {
                return Err(too_many_segments(opts).into());
            }
            let seg_name = format!("{prefix}{:08}", segments.len());
            started.push(seg_name.clone());
            let before = input.taken();
            let body = input.next_segment(opts.segment_size);
            let stored = swift
                .upload(
                    &objects::upload(&seg_container, &seg_name, &UploadObject::default()),
                    body,
                )
                .await?;
            let total = input.taken();
            segments.push(SloSegment::new(
                format!("{seg_container}/{seg_name}"),
                stored.etag,
                Some(total - before),
            ));
            progress(Progress {
                bytes: total,
                segments: segments.len(),
            });
            if !more(&mut input).await? {
                break;
            }
        }
        swift
            .call(&large_objects::put_manifest(
                container,
                name,
                &segments,
                &opts.object,
            ))
            .await
    }
    .await;
    match outcome {
        Ok(manifest) => Ok(Segmented {
            manifest,
            segments,
            bytes: input.taken(),
        }),
        Err(e) => {
            // Best effort: the error to report is `e`, not a failed clean-up.
            for chunk in started.chunks(MAX_SEGMENTS) {
                let items: Vec<(&str, Option<&str>)> = chunk
                    .iter()
                    .map(|n| (seg_container.as_str(), Some(n.as_str())))
                    .collect();
                // The report is not read: `IgnoredAny` links no decoder for it.
                let delete = bulk::delete(&items).decode_body::<serde::de::IgnoredAny>();
                let _ = swift.call(&delete).await;
            }
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chunks of `sizes` bytes; like a real transport's stream, it panics when polled
    /// after its end (`unfold` does).
    fn chunks(sizes: &[usize]) -> ByteStream {
        let sizes = sizes.to_vec();
        byte_stream(futures::stream::unfold(0usize, move |i| {
            let next = sizes
                .get(i)
                .map(|n| (Ok(Bytes::from(vec![i as u8; *n])), i + 1));
            async move { next }
        }))
    }

    #[test]
    fn segments_cut_chunks_at_their_boundaries() {
        futures::executor::block_on(async {
            let src: Shared = Arc::new(Mutex::new(Source {
                input: chunks(&[3, 0, 5, 2]),
                pending: None,
                taken: 0,
                ended: false,
            }));
            let mut seen = Vec::new();
            while more(&mut Cut(src.clone())).await.unwrap() {
                let seg: Vec<Bytes> = Segment {
                    src: src.clone(),
                    left: 4,
                }
                .map(|c| c.unwrap())
                .collect()
                .await;
                seen.push(seg.concat());
            }
            assert_eq!(seen, vec![vec![0, 0, 0, 2], vec![2, 2, 2, 2], vec![3, 3]]);
            assert_eq!(lock(&src).taken, 10);
        });
    }
}
