//! A Heat stack: create it from an inline template, wait with the id the create answer
//! holds, read an output, then delete it and wait until it is gone.
//!
//! ```text
//! cargo run -p ferrocloud-native --example stack
//! ```

use std::time::Duration;

use ferrocloud_native::orchestration::stacks::{self, CreateStack, StackStatus};
use ferrocloud_native::orchestration::Template;
use ferrocloud_native::prelude::*;

const TEMPLATE: &str = "heat_template_version: 2018-08-31
resources:
  password:
    type: OS::Heat::RandomString
    properties: {length: 16}
outputs:
  password:
    value: {get_attr: [password, value]}
";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let cloud = Cloud::from_env()?;
    let heat = cloud.orchestration();
    let wait = Wait::timeout(Duration::from_secs(120));
    let create = CreateStack {
        stack_name: "example-stack".into(),
        template: Template::text(TEMPLATE),
        ..Default::default()
    };
    let created = heat.call(&stacks::create(&create)).await?;
    // `get` takes the name or the id: Heat redirects to the stack's full address.
    let get = stacks::get(&created.id);
    let ready = heat
        .wait_for_status(
            &get,
            &[StackStatus::CreateComplete],
            &[StackStatus::CreateFailed],
            wait,
        )
        .await;
    if let Ok(stack) = &ready {
        for output in &stack.outputs {
            let chars = output
                .output_value
                .as_ref()
                .and_then(|v| v.as_str())
                .map_or(0, str::len);
            println!(
                "stack {} output {}: {chars} characters",
                stack.stack_name, output.output_key
            );
        }
    }
    // Delete and other calls on one stack take its name and id; `locate` finds both.
    let stack = heat.call(&stacks::locate(&created.id)).await?;
    heat.call(&stacks::delete(&stack.stack_name, &stack.id))
        .await?;
    heat.wait_for_status(
        &get,
        &[StackStatus::DeleteComplete],
        &[StackStatus::DeleteFailed],
        wait,
    )
    .await?;
    println!("stack {} deleted", stack.id);
    ready.map(|_| ())
}
