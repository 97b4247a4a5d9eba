//! Streams an image from a file to Glance and back to another file, without holding it
//! in memory, and checks that both files match. Takes a file to upload, or makes a
//! 16 MiB one. (The final check reads both files whole.)
//!
//! ```text
//! cargo run -p ferrocloud-native --example image_stream [FILE]
//! ```

use std::time::Duration;

use ferrocloud_native::image::images::{self, CreateImage, ImageStatus};
use ferrocloud_native::prelude::*;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir();
    let given = std::env::args().nth(1);
    let source = given
        .clone()
        .map_or(dir.join("example-image.raw"), Into::into);
    if given.is_none() {
        tokio::fs::write(&source, vec![7u8; 16 << 20]).await?;
    }
    let cloud = Cloud::from_env()?;
    let glance = cloud.image();
    let image = glance
        .call(&images::create(&CreateImage {
            name: Some("example-image".into()),
            disk_format: Some("raw".into()),
            container_format: Some("bare".into()),
            ..Default::default()
        }))
        .await?;
    let copy = dir.join("example-image.copy");
    let streamed = async {
        let file = tokio::fs::File::open(&source).await?;
        glance.upload_from(&images::upload(&image.id), file).await?;
        let wait = Wait::timeout(Duration::from_secs(60));
        let get = images::get(&image.id);
        glance
            .wait_for_status(&get, &[ImageStatus::Active], &[ImageStatus::Killed], wait)
            .await?;
        let download = images::download(&image.id);
        let bytes = glance
            .download_to_file(&download, &copy, |n| eprint!("\r{n} bytes"))
            .await?;
        eprintln!();
        let same = tokio::fs::read(&source).await? == tokio::fs::read(&copy).await?;
        println!("{bytes} bytes there and back, identical: {same}");
        Ok::<_, Box<dyn std::error::Error>>(same)
    }
    .await;
    glance.call(&images::delete(&image.id)).await?;
    let _ = tokio::fs::remove_file(&copy).await;
    if given.is_none() {
        let _ = tokio::fs::remove_file(&source).await;
    }
    if !streamed? {
        return Err("the downloaded copy differs".into());
    }
    Ok(())
}
