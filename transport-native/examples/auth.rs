//! The same authentication two ways: from the `OS_*` variables (`OS_AUTH_URL`,
//! `OS_USERNAME`, …, as an openrc file sets them) and from a clouds.yaml entry
//! (searched in `OS_CLIENT_CONFIG_FILE`, `./`, `~/.config/openstack/`,
//! `/etc/openstack/`). `Cloud::from_env()` takes the entry `OS_CLOUD` names, else the
//! variables.
//!
//! ```text
//! OS_AUTH_URL=http://127.0.0.1:5000/v3 OS_USERNAME=demo OS_PASSWORD=demopw \
//!   OS_PROJECT_NAME=demo OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default \
//!   cargo run -p ferrocloud-native --example auth -- oscloud-demo
//! ```

use ferrocloud_native::prelude::*;

async fn show(how: &str, cloud: &Cloud) -> Result<(), Error> {
    let token = cloud.token().await?;
    let project = token.info.project.as_ref().and_then(|p| p.name.as_deref());
    let user = token.info.user.as_ref().and_then(|u| u.name.as_deref());
    println!(
        "{how}: user {user:?}, project {project:?}, expires {}",
        token.info.expires_at
    );
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    show("OS_* variables / OS_CLOUD", &Cloud::from_env()?).await?;
    if let Some(entry) = std::env::args().nth(1) {
        show(
            &format!("clouds.yaml entry {entry}"),
            &Cloud::from_clouds_yaml(&entry)?,
        )
        .await?;
    }
    Ok(())
}
