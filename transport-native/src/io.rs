//! Streamed bodies as tokio I/O: upload from any [`AsyncRead`], download as an
//! [`AsyncRead`] (for `tokio::io::copy`), or straight to a file with progress.

use std::future::Future;
use std::path::Path;

use bytes::Bytes;
use ferrocloud::{
    ByteStream, Error, IntoByteStream, Operation, Result, Service, TransportError,
    TransportErrorKind,
};
use futures::TryStreamExt;
use tokio::io::{AsyncRead, AsyncWriteExt};
use tokio_util::io::{ReaderStream, StreamReader};

use crate::HyperTransport;

/// Bytes read from an [`AsyncRead`] per chunk sent.
const CHUNK: usize = 64 * 1024;

/// A streamed response body read as tokio I/O: [`AsyncRead`] and
/// [`AsyncBufRead`](tokio::io::AsyncBufRead). Transport errors surface as
/// `std::io::Error`s whose source is the [`TransportError`].
pub type DownloadReader = StreamReader<ByteStream, Bytes>;

/// An [`AsyncRead`] as an upload body, read in 64 KiB chunks as it is sent.
pub fn read_body(reader: impl AsyncRead + Send + 'static) -> ByteStream {
    ReaderStream::with_capacity(reader, CHUNK).into_byte_stream()
}

/// A streamed response body as an [`AsyncRead`].
pub fn body_reader(body: ByteStream) -> DownloadReader {
    StreamReader::new(body)
}

fn file_error(path: &Path, what: &str, e: std::io::Error) -> Error {
    TransportError::new(
        TransportErrorKind::Io,
        format!("{what} {}: {e}", path.display()),
    )
    .into()
}

/// Streaming with tokio I/O on a [`Service`] of the native transport
/// (`use ferrocloud_native::ServiceIo;`, or the prelude).
///
/// ```no_run
/// # async fn demo(cloud: ferrocloud_native::Cloud, image_id: &str) -> Result<(), Box<dyn std::error::Error>> {
/// use ferrocloud_native::image::images;
/// use ferrocloud_native::ServiceIo;
///
/// let glance = cloud.image();
/// let file = tokio::fs::File::open("disk.raw").await?;
/// glance.upload_from(&images::upload(image_id), file).await?;
///
/// // Back, as a reader ...
/// let mut data = glance.download_reader(&images::download(image_id)).await?;
/// tokio::io::copy(&mut data, &mut tokio::io::sink()).await?;
/// // ... or to a file in one call, with progress.
/// let bytes = glance
///     .download_to_file(&images::download(image_id), "copy.raw", |done| eprint!("\r{done} bytes"))
///     .await?;
/// # Ok(()) }
/// ```
///
/// A stream of `io::Result<Bytes>` needs no adapter at all:
/// [`Service::upload`](ferrocloud::Service::upload) takes any stream whose error converts
/// into a [`TransportError`] ([`ferrocloud::IntoByteStream`]).
pub trait ServiceIo {
    /// Runs `op` (an upload operation such as `images::upload`) with `reader`'s bytes as
    /// its body, streamed as they are read: see [`Service::upload`].
    fn upload_from<'a, O>(
        &'a self,
        op: &'a O,
        reader: impl AsyncRead + Send + 'static,
    ) -> impl Future<Output = Result<O::Output>> + Send + 'a
    where
        O: Operation + Sync;

    /// Runs `op` (a download such as `images::download`) and returns its body as an
    /// [`AsyncRead`], read as the caller consumes it: see [`Service::download`].
    fn download_reader<'a, O>(
        &'a self,
        op: &'a O,
    ) -> impl Future<Output = Result<DownloadReader>> + Send + 'a
    where
        O: Operation + Sync;

    /// Runs `op` and writes its body to the file at `path` (created or truncated) chunk
    /// by chunk, calling `progress` with the bytes written so far after each chunk.
    /// Returns the total. On failure the partial file is removed.
    fn download_to_file<'a, O>(
        &'a self,
        op: &'a O,
        path: impl AsRef<Path> + Send + 'a,
        progress: impl FnMut(u64) + Send + 'a,
    ) -> impl Future<Output = Result<u64>> + Send + 'a
    where
        O: Operation + Sync;
}

impl ServiceIo for Service<HyperTransport> {
    fn upload_from<'a, O>(
        &'a self,
        op: &'a O,
        reader: impl AsyncRead + Send + 'static,
    ) -> impl Future<Output = Result<O::Output>> + Send + 'a
    where
        O: Operation + Sync,
    {
        self.upload(op, read_body(reader))
    }

    async fn download_reader<'a, O>(&'a self, op: &'a O) -> Result<DownloadReader>
    where
        O: Operation + Sync,
    {
        Ok(body_reader(self.download(op).await?))
    }

    async fn download_to_file<'a, O>(
        &'a self,
        op: &'a O,
        path: impl AsRef<Path> + Send + 'a,
        mut progress: impl FnMut(u64) + Send + 'a,
    ) -> Result<u64>
    where
        O: Operation + Sync,
    {
        let path = path.as_ref();
        let mut body = self.download(op).await?;
        let mut file = tokio::fs::File::create(path)
            .await
            .map_err(|e| file_error(path, "cannot create", e))?;
        let written: Result<u64> = async {
            let mut total = 0u64;
            while let Some(chunk) = body.try_next().await? {
                file.write_all(&chunk)
                    .await
                    .map_err(|e| file_error(path, "cannot write", e))?;
                total += chunk.len() as u64;
                progress(total);
            }
            file.flush()
                .await
                .map_err(|e| file_error(path, "cannot write", e))?;
            Ok(total)
        }
        .await;
        if written.is_err() {
            drop(file);
            let _ = tokio::fs::remove_file(path).await;
        }
        written
    }
}
