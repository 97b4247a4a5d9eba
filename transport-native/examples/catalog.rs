//! Authenticates with the cloud named by `OS_CLOUD` (clouds.yaml) or the `OS_*`
//! variables, then prints the token's scope and its service catalog.
//!
//! ```text
//! OS_CLIENT_CONFIG_FILE=/tmp/oscloud/clouds.yaml OS_CLOUD=oscloud-demo \
//!     cargo run -p ferrocloud-native --example catalog
//! ```

use ferrocloud_native::Cloud;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cloud = Cloud::from_env()?;
    let token = cloud.token().await?;
    let user = token
        .info
        .user
        .as_ref()
        .and_then(|u| u.name.as_deref())
        .unwrap_or("?");
    let scope = match (&token.info.project, &token.info.domain, &token.info.system) {
        (Some(p), _, _) => format!("project {}", p.name.as_deref().unwrap_or(&p.id)),
        (_, Some(d), _) => format!(
            "domain {}",
            d.name.as_deref().or(d.id.as_deref()).unwrap_or("?")
        ),
        (_, _, Some(_)) => "system".to_owned(),
        _ => "unscoped".to_owned(),
    };
    println!(
        "authenticated as {user}, scoped to {scope}, token expires at {}",
        token.info.expires_at
    );
    println!(
        "roles: {}",
        token.role_names().collect::<Vec<_>>().join(", ")
    );
    println!(
        "{:<28} {:<12} {:<10} {:<9} URL",
        "TYPE", "NAME", "REGION", "INTERFACE"
    );
    for entry in &token.info.catalog.entries {
        for ep in &entry.endpoints {
            println!(
                "{:<28} {:<12} {:<10} {:<9} {}",
                entry.service_type,
                entry.name.as_deref().unwrap_or("-"),
                ep.region.as_deref().unwrap_or("-"),
                ep.interface,
                ep.url
            );
        }
    }
    Ok(())
}
