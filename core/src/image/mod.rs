//! Image (Glance v2): [`images`] (CRUD, JSON Patch updates, (de)activation, tags,
//! streamed data, import), [`members`] and [`tasks`].
//!
//! Image data streams: [`Service::upload`](crate::Service::upload) sends a
//! [`ByteStream`](crate::ByteStream) chunk by chunk and
//! [`Service::download`](crate::Service::download) returns one, so an image never sits
//! in memory whole (given a transport that streams; `ferrocloud-native` does, see
//! `HyperTransport` for a `tokio::fs::File` example).
//!
//! In the browser (`ferrocloud-wasm`), turn a `File` or `Blob` from an
//! `<input type="file">` into a stream with `blob.stream()` (a `ReadableStream`), adapt
//! it with `wasm_streams::ReadableStream::from_raw(..).into_stream()`, map each
//! `Uint8Array` chunk to `bytes::Bytes` (`js_sys::Uint8Array::to_vec`) and its errors to
//! `TransportError`, and box it with [`byte_stream`](crate::byte_stream); then call
//! `glance.upload(&images::upload(id), stream)`. A download's stream can be written to
//! a `Blob` or piped to a `WritableStream` the same way, chunk by chunk.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use futures::TryStreamExt;
//! use ferrocloud::image::images::{self, CreateImage, ImageUpdate};
//! use ferrocloud::{byte_stream, Wait};
//! let glance = client.image();
//! let image = glance
//!     .call(&images::create(&CreateImage {
//!         name: Some("blank".into()),
//!         disk_format: Some("raw".into()),
//!         container_format: Some("bare".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! // 16 chunks of 1 MiB, generated as they are sent.
//! let chunks = futures::stream::iter((0..16).map(|_| Ok::<_, ferrocloud::TransportError>(bytes::Bytes::from(vec![0u8; 1 << 20]))));
//! glance.upload(&images::upload(&image.id), byte_stream(chunks)).await?;
//! glance
//!     .wait_for_status(&images::get(&image.id), &[images::ImageStatus::Active], &[images::ImageStatus::Killed], Wait::default())
//!     .await?;
//! glance
//!     .call(&images::update(&image.id, &[ImageUpdate::Name("renamed".into())]))
//!     .await?;
//! let mut data = glance.download(&images::download(&image.id)).await?;
//! while let Some(chunk) = data.try_next().await? {
//!     let _ = chunk.len();
//! }
//! glance.call(&images::delete(&image.id)).await?;
//! # Ok(()) }
//! ```

pub mod images;
pub mod members;
pub mod tasks;
