//! What goes wrong, and how to tell: a missing resource (status, service message and
//! request id), input refused before any request, a wrong password, and a cloud that
//! does not answer. Each error's `Display` is one line; `{:#?}` shows its fields.
//!
//! ```text
//! cargo run -p ferrocloud-native --example errors
//! ```

use std::time::Duration;

use ferrocloud_native::compute::servers;
use ferrocloud_native::orchestration::stacks::{self, CreateStack};
use ferrocloud_native::prelude::*;
use ferrocloud_native::{AuthOptions, NativeOptions};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let cloud = Cloud::from_env()?;

    match cloud.compute().call(&servers::get("no-such-server")).await {
        Err(e) if e.is_not_found() => {
            println!("not found: {e}");
            if let Error::Http(http) = &e {
                println!("  status {}, request id {:?}", http.status, http.request_id);
                println!("  Nova said: {}", http.message());
            }
        }
        other => panic!("expected a 404, got {other:?}"),
    }

    let bad_name = CreateStack {
        stack_name: "1 not a name".into(),
        ..Default::default()
    };
    match cloud.orchestration().call(&stacks::create(&bad_name)).await {
        Err(Error::InvalidInput(e)) => println!("refused before any request: {e}"),
        other => panic!("expected invalid input, got {other:?}"),
    }

    let auth_url = cloud.credentials().auth_url.clone();
    let wrong = AuthOptions::password(&auth_url, "nobody", "Default", "wrong")
        .project_name("demo", "Default");
    match Cloud::new(&wrong, NativeOptions::default())?.token().await {
        Err(e) if e.is_unauthorized() => println!("wrong password: {e}"),
        other => panic!("expected a 401, got {other:?}"),
    }

    let quick = NativeOptions {
        connect_timeout: Duration::from_secs(2),
        ..Default::default()
    };
    let nowhere = AuthOptions::password("http://127.0.0.1:9/v3", "u", "Default", "p");
    match Cloud::new(&nowhere, quick)?.token().await {
        Err(e) if e.is_transport() => println!("no answer: {e}"),
        other => panic!("expected a transport error, got {other:?}"),
    }
    Ok(())
}
