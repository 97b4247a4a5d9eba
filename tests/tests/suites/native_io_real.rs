//! Issue 22 item 6: streamed bodies as tokio I/O against the real Glance and Swift. An
//! 8 MiB file is uploaded from an `AsyncRead` (`ServiceIo::upload_from`), read back with
//! `tokio::io::copy` from `download_reader` and with `download_to_file` (progress
//! reported); a stream of `io::Result<Bytes>` goes to Swift as it is, and its I/O error
//! ends the upload as a transport error. Every copy is checked by MD5.

use std::path::{Path, PathBuf};

use bytes::Bytes;
use ferrocloud::image::images::{self, CreateImage, ImageStatus};
use ferrocloud::object_storage::containers::{self, CreateContainer};
use ferrocloud::object_storage::objects::{self, DownloadObject, UploadObject};
use ferrocloud::{Error, TransportErrorKind};
use ferrocloud_native::ServiceIo;
use ferrocloud_tests::cloud;

use crate::support;

const SIZE: usize = 8 << 20;

/// A file of `SIZE` deterministic bytes and its hex MD5.
fn make_file(path: &Path) -> String {
    let data: Vec<u8> = (0..SIZE)
        .map(|i| (i % 253) as u8 ^ (i >> 16) as u8)
        .collect();
    std::fs::write(path, &data).unwrap();
    format!("{:x}", md5::compute(&data))
}

fn md5_of(path: &Path) -> String {
    format!("{:x}", md5::compute(std::fs::read(path).unwrap()))
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(cloud::unique(name))
}

#[tokio::test(flavor = "multi_thread")]
async fn glance_image_from_a_file_and_back_as_a_reader_and_to_a_file() {
    let (src, via_copy, via_file) = (temp("io-src"), temp("io-copy"), temp("io-file"));
    let sum = make_file(&src);
    let glance = cloud::demo().image();
    let image = glance
        .call(&images::create(&CreateImage {
            name: Some(cloud::unique("io-image")),
            disk_format: Some("raw".into()),
            container_format: Some("bare".into()),
            ..Default::default()
        }))
        .await
        .unwrap();
    let mut progress = Vec::new();
    let result: Result<_, Error> = async {
        let file = tokio::fs::File::open(&src).await.unwrap();
        glance.upload_from(&images::upload(&image.id), file).await?;
        let active = glance
            .wait_for_status(
                &images::get(&image.id),
                &[ImageStatus::Active],
                &[ImageStatus::Killed],
                support::wait(60),
            )
            .await?;
        let mut reader = glance.download_reader(&images::download(&image.id)).await?;
        let mut out = tokio::fs::File::create(&via_copy).await.unwrap();
        let copied = tokio::io::copy(&mut reader, &mut out).await.unwrap();
        let written = glance
            .download_to_file(&images::download(&image.id), &via_file, |n| {
                progress.push(n)
            })
            .await?;
        Ok((active, copied, written))
    }
    .await;
    let deleted = glance.call(&images::delete(&image.id)).await;
    let (active, copied, written) = result.unwrap();
    deleted.unwrap();
    assert_eq!(active.checksum.as_deref(), Some(sum.as_str()));
    assert_eq!(active.size, Some(SIZE as u64));
    assert_eq!((copied, written), (SIZE as u64, SIZE as u64));
    assert_eq!(md5_of(&via_copy), sum);
    assert_eq!(md5_of(&via_file), sum);
    assert!(
        progress.len() > 1,
        "progress after each chunk: {progress:?}"
    );
    assert!(progress.windows(2).all(|w| w[0] < w[1]), "{progress:?}");
    assert_eq!(progress.last(), Some(&(SIZE as u64)));
    for p in [src, via_copy, via_file] {
        let _ = std::fs::remove_file(p);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn swift_takes_a_stream_of_io_results_as_it_is() {
    let swift = cloud::demo().object_storage();
    let container = cloud::unique("io-c");
    swift
        .call(&containers::create(&container, &CreateContainer::default()))
        .await
        .unwrap();
    let result: Result<_, Error> = async {
        // 8 chunks of 1 MiB, as a reader of a pipe or socket would yield them.
        let chunks = (0..8u8).map(|i| Ok::<_, std::io::Error>(Bytes::from(vec![i; 1 << 20])));
        let mut whole = md5::Context::new();
        for i in 0..8u8 {
            whole.consume(vec![i; 1 << 20]);
        }
        let put = swift
            .upload(
                &objects::upload(&container, "big", &UploadObject::default()),
                futures::stream::iter(chunks),
            )
            .await?;
        let path = temp("io-obj");
        let op = objects::download(&container, "big", &DownloadObject::default());
        let n = swift.download_to_file(&op, &path, |_| {}).await?;
        let back = md5_of(&path);
        let _ = std::fs::remove_file(&path);
        // A read error of the caller's stream ends the upload as a transport error.
        let failing = futures::stream::iter([
            Ok(Bytes::from_static(b"partial")),
            Err(std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "the pipe broke",
            )),
        ]);
        let broken = swift
            .upload(
                &objects::upload(&container, "broken", &UploadObject::default()),
                failing,
            )
            .await
            .unwrap_err();
        Ok((put, n, back, format!("{:x}", whole.compute()), broken))
    }
    .await;
    let names: Vec<String> = swift
        .collect_all(objects::list(&container, &Default::default()))
        .await
        .map(|v| v.into_iter().map(|o| o.name).collect())
        .unwrap_or_default();
    for name in &names {
        let _ = swift.call(&objects::delete(&container, name)).await;
    }
    let _ = swift.call(&containers::delete(&container)).await;
    let (put, n, back, sum, broken) = result.unwrap();
    assert_eq!(put.etag.as_deref(), Some(sum.as_str()));
    assert_eq!(n, 8 << 20);
    assert_eq!(back, sum);
    assert!(
        matches!(&broken, Error::Transport(t) if t.kind == TransportErrorKind::Io),
        "{broken:?}"
    );
    assert!(broken.to_string().contains("the pipe broke"), "{broken}");
    assert!(!names.contains(&"broken".to_owned()), "{names:?}");
}
