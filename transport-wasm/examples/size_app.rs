//! The minimal browser app measured by `scripts/wasm-size.sh`: authenticate with a
//! password and list the project's servers (id and name), nothing else.
//!
//! Built as a `cdylib` with the `wasm-release` profile; `list_servers` is exported to JS.

#[cfg(target_arch = "wasm32")]
mod app {
    use ferrocloud::compute::servers::{self, ListServers};
    use ferrocloud::{AuthOptions, Client};
    use ferrocloud_wasm::FetchTransport;
    use wasm_bindgen::prelude::*;

    /// Authenticates and returns `"<id> <name>"` for every server of the project.
    #[wasm_bindgen]
    pub async fn list_servers(
        auth_url: String,
        username: String,
        password: String,
        project: String,
    ) -> Result<Vec<String>, JsError> {
        let auth = AuthOptions::password(&auth_url, &username, "Default", &password)
            .project_name(&project, "Default");
        let client =
            Client::new(FetchTransport::new(), &auth).map_err(|e| JsError::new(&e.to_string()))?;
        let servers = client
            .compute()
            .collect_all(servers::list(&ListServers::default()))
            .await
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(servers
            .into_iter()
            .map(|s| format!("{} {}", s.id, s.name.unwrap_or_default()))
            .collect())
    }
}
