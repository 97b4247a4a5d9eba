//! Image data for the Glance tests: chunks generated on the fly (hashed as they are
//! produced), and hashing a download while it streams.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use ferrocloud::{byte_stream, ByteStream, TransportError};
use futures::TryStreamExt;

/// `total` bytes in `chunk`-sized pieces of a deterministic pattern, generated as the
/// stream is read; every chunk is fed to `md5` first. Only one chunk exists at a time.
pub fn generated(total: usize, chunk: usize, md5: Arc<Mutex<md5::Context>>) -> ByteStream {
    let chunks = futures::stream::unfold(0usize, move |sent| {
        let md5 = md5.clone();
        async move {
            if sent >= total {
                return None;
            }
            let n = chunk.min(total - sent);
            let data: Vec<u8> = (sent..sent + n)
                .map(|i| (i % 251) as u8 ^ (i >> 20) as u8)
                .collect();
            md5.lock().unwrap().consume(&data);
            Some((Ok::<_, TransportError>(Bytes::from(data)), sent + n))
        }
    });
    byte_stream(chunks)
}

/// Hex md5 of a finished context.
pub fn hex(md5: &Arc<Mutex<md5::Context>>) -> String {
    let ctx = std::mem::replace(&mut *md5.lock().unwrap(), md5::Context::new());
    format!("{:x}", ctx.compute())
}

/// Reads a download to its end, hashing as it goes: (bytes, hex md5, largest chunk).
pub async fn hash_stream(mut data: ByteStream) -> Result<(u64, String, usize), TransportError> {
    let mut ctx = md5::Context::new();
    let (mut total, mut largest) = (0u64, 0usize);
    while let Some(chunk) = data.try_next().await? {
        total += chunk.len() as u64;
        largest = largest.max(chunk.len());
        ctx.consume(&chunk);
    }
    Ok((total, format!("{:x}", ctx.compute()), largest))
}
