//! `demo-seed`: fills the local cloud with a demo project for the dashboard, idempotently.
//!
//! ```text
//! OS_CLIENT_CONFIG_FILE=/tmp/oscloud/clouds.yaml cargo run -p ferrocloud-web-demo --bin demo-seed
//! ```
//!
//! As the admin of clouds.yaml entry `oscloud-admin` (or `$DEMO_ADMIN_CLOUD`) it makes the
//! project and user `ferrocloud-demo` (role `member`, also on an empty second project
//! `ferrocloud-demo-2`), a flavor `demo.tiny` and, when the
//! cloud has none, an external network. As the demo user it then makes an image, a
//! network with a subnet, a router, a key pair, two volumes and a snapshot, two servers,
//! a floating IP and a container `demo-files` with two small objects (one in a folder). Whatever already exists (by name) is kept: running it twice changes
//! nothing. It prints the credentials on its last lines.
//!
//! `demo-seed --cleanup PREFIX` instead deletes the demo project's servers, load
//! balancers (cascade), key pairs, server groups, images, networks, volumes and object
//! storage containers (with their objects) whose names start with `PREFIX`, and the SSH
//! rule (tcp 22 from 0.0.0.0/0) of its default security group (what an end-to-end run
//! left behind when it failed midway).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("demo-seed: cannot start the runtime: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = rt.block_on(seed::run()) {
        eprintln!("demo-seed: failed: {e}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod seed {
    use std::time::Duration;

    use ferrocloud::block_storage::{snapshots, volumes};
    use ferrocloud::compute::{flavors, keypairs, server_groups, servers};
    use ferrocloud::identity::v3::{projects, roles, users};
    use ferrocloud::image::images;
    use ferrocloud::load_balancer::loadbalancers;
    use ferrocloud::network::{
        floating_ips, networks, routers, security_group_rules, security_groups, subnets,
    };
    use ferrocloud::{AuthOptions, Error, Secret, Transport};
    use ferrocloud_native::{Cloud as NativeCloud, NativeOptions};
    use ferrocloud_web_demo::api::Cloud;

    /// The demo credentials the dashboard's login form is filled with.
    pub const PROJECT: &str = "ferrocloud-demo";
    /// A second, empty project of the demo user (to show project switching).
    pub const SECOND_PROJECT: &str = "ferrocloud-demo-2";
    /// The demo user.
    pub const USER: &str = "ferrocloud-demo";
    /// The demo user's password (a throwaway local cloud).
    pub const PASSWORD: &str = "ferrocloud-demo-pw";
    /// The objects of container `demo-files` (rewritten, unchanged, on every run).
    const DEMO_FILES: [(&str, &str); 2] = [
        (
            "README.txt",
            "Seeded by demo-seed. Upload files here, open docs/, download, or make a temporary link.\n",
        ),
        (
            "docs/getting-started.txt",
            "A pseudo-folder: Swift has flat names, the dashboard splits them at '/'.\n",
        ),
    ];
    const PUBLIC_KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF5rQeJr2b9xG1c0vWv3H1o0QXnWg7Tt2b1m3r6yVvHk demo@ferrocloud";

    fn step(what: &str) {
        println!("[seed] {what}");
    }

    /// The server named `name`, if any.
    async fn find_server<T: Transport + 'static>(
        nova: &ferrocloud::Service<T>,
        name: &str,
    ) -> Result<Option<servers::ServerRef>, Error> {
        let found = nova
            .collect_all(servers::list(&servers::ListServers {
                name: Some(format!("^{name}$")),
                ..Default::default()
            }))
            .await?;
        Ok(found.into_iter().find(|s| s.name.as_deref() == Some(name)))
    }

    fn noop(_: u32, _: u32, _: &str) {}

    /// The project named `name` in the default domain, made if missing.
    async fn ensure_project<T: Transport + 'static>(
        keystone: &ferrocloud::Service<T>,
        name: &str,
    ) -> Result<projects::Project, Error> {
        let found = keystone
            .collect_all(projects::list(&projects::ListProjects {
                name: Some(name.into()),
                ..Default::default()
            }))
            .await?;
        match found.into_iter().next() {
            Some(p) => Ok(p),
            None => {
                keystone
                    .call(&projects::create(&projects::CreateProject {
                        name: name.into(),
                        description: Some("ferrocloud dashboard demo".into()),
                        domain_id: Some("default".into()),
                        ..Default::default()
                    }))
                    .await
            }
        }
    }

    async fn demo_cloud(auth_url: &str) -> Result<Cloud<ferrocloud_native::HyperTransport>, Error> {
        let auth = AuthOptions::password(auth_url, USER, "Default", PASSWORD)
            .project_name(PROJECT, "Default");
        let native = NativeCloud::new(&auth, NativeOptions::default())?;
        Ok(Cloud {
            client: (*native).clone(),
            region: None,
        })
    }

    /// Deletes what earlier test runs named `prefix*` left in the demo project.
    async fn cleanup(auth_url: &str, prefix: &str) -> Result<(), Error> {
        if prefix.len() < 3 {
            return Err(
                ferrocloud::InvalidInput::field("prefix", "give at least 3 characters").into(),
            );
        }
        let demo = demo_cloud(auth_url).await?;
        for (id, name) in demo.choices("servers").await? {
            if name.starts_with(prefix) {
                println!("[cleanup] server {name}");
                demo.server_action(&id, "delete", &noop).await?;
            }
        }
        // Load balancers hold a port on their subnet: before the networks.
        let lbs = demo
            .load_balancer()
            .collect_all(loadbalancers::list(&Default::default()))
            .await?;
        for lb in lbs {
            if lb.name.as_deref().unwrap_or("").starts_with(prefix) {
                println!(
                    "[cleanup] load balancer {}",
                    lb.name.as_deref().unwrap_or("")
                );
                demo.delete_lb(&lb.id, &noop).await?;
            }
        }
        for (name, _) in demo.choices("keypairs").await? {
            if name.starts_with(prefix) {
                println!("[cleanup] key pair {name}");
                demo.delete_keypair(&name).await?;
            }
        }
        for (id, name) in demo.extra_choices("servergroups").await? {
            if name.starts_with(prefix) {
                println!("[cleanup] server group {name}");
                demo.compute().call(&server_groups::delete(&id)).await?;
            }
        }
        let glance = demo.image();
        for image in glance
            .collect_all(images::list(&Default::default()))
            .await?
        {
            if image.name.as_deref().unwrap_or("").starts_with(prefix) {
                println!("[cleanup] image {}", image.name.as_deref().unwrap_or(""));
                glance.call(&images::delete(&image.id)).await?;
            }
        }
        // The SSH preset rule the dashboard test adds to the default group (and removes).
        let neutron = demo.network();
        let groups = neutron
            .collect_all(security_groups::list(
                &security_groups::ListSecurityGroups {
                    name: Some("default".into()),
                    ..Default::default()
                },
            ))
            .await?;
        for g in groups {
            let found = neutron
                .collect_all(security_group_rules::list(
                    &security_group_rules::ListRules {
                        security_group_id: Some(g.id.clone()),
                        port_range_min: Some(22),
                        port_range_max: Some(22),
                        remote_ip_prefix: Some("0.0.0.0/0".into()),
                        ..Default::default()
                    },
                ))
                .await?;
            for r in found {
                println!("[cleanup] SSH rule {}", r.id);
                neutron.call(&security_group_rules::delete(&r.id)).await?;
            }
        }
        for (id, name) in demo.choices("networks").await? {
            if name.starts_with(prefix) {
                println!("[cleanup] network {name}");
                demo.delete_network(&id).await?;
            }
        }
        for (id, name) in demo.choices("volumes").await? {
            if name.starts_with(prefix) {
                println!("[cleanup] volume {name}");
                demo.delete_volume(&id, &noop).await?;
            }
        }
        cleanup_containers(&demo, prefix).await
    }

    /// Deletes the object storage containers named `prefix*` (with their `_segments`
    /// containers, which share the prefix) and every object in them.
    async fn cleanup_containers<T: Transport + 'static>(
        demo: &Cloud<T>,
        prefix: &str,
    ) -> Result<(), Error> {
        use ferrocloud::object_storage::{containers, objects};
        let swift = demo.svc(demo.client.object_storage());
        let found = swift
            .collect_all(containers::list(&containers::ListContainers {
                prefix: Some(prefix.to_owned()),
                ..Default::default()
            }))
            .await?;
        for c in found {
            let names: Vec<String> = swift
                .collect_all(objects::list(&c.name, &Default::default()))
                .await?
                .into_iter()
                .map(|o| o.name)
                .collect();
            println!("[cleanup] container {} ({} objects)", c.name, names.len());
            for part in names.chunks(1000) {
                swift.call(&objects::bulk_delete(&c.name, part)).await?;
            }
            swift.call(&containers::delete(&c.name)).await?;
        }
        Ok(())
    }

    pub async fn run() -> Result<(), Error> {
        let args: Vec<String> = std::env::args().collect();
        if args.get(1).map(String::as_str) == Some("--cleanup") {
            let url = std::env::var("DEMO_AUTH_URL")
                .unwrap_or_else(|_| "http://127.0.0.1:5000/v3".into());
            return cleanup(&url, args.get(2).map_or("", String::as_str)).await;
        }
        let admin_cloud =
            std::env::var("DEMO_ADMIN_CLOUD").unwrap_or_else(|_| "oscloud-admin".into());
        let admin = NativeCloud::from_clouds_yaml(&admin_cloud)?;
        let auth_url = admin.credentials().auth_url.clone();
        let keystone = admin.identity();

        step("projects and user");
        let project = ensure_project(&keystone, PROJECT).await?;
        let second = ensure_project(&keystone, SECOND_PROJECT).await?;
        let existing = keystone
            .collect_all(users::list(&users::ListUsers {
                name: Some(USER.into()),
                ..Default::default()
            }))
            .await?
            .into_iter()
            .next();
        let user = match existing {
            Some(u) if demo_cloud(&auth_url).await?.client.token().await.is_ok() => u,
            Some(u) => {
                // Reset the password so the printed credentials always work. Keystone
                // revokes the user's tokens on a password change, with one-second
                // granularity: a token issued within the same second is refused later
                // (by Glance, Nova, ...). So reset only when the password does not work,
                // and let that second pass before anyone signs in.
                let user = keystone
                    .call(&users::update(
                        &u.id,
                        &users::UpdateUser {
                            password: Some(Secret::new(PASSWORD)),
                            ..Default::default()
                        },
                    ))
                    .await?;
                tokio::time::sleep(Duration::from_millis(1100)).await;
                user
            }
            None => {
                keystone
                    .call(&users::create(&users::CreateUser {
                        name: USER.into(),
                        domain_id: Some("default".into()),
                        default_project_id: Some(project.id.clone()),
                        password: Some(Secret::new(PASSWORD)),
                        ..Default::default()
                    }))
                    .await?
            }
        };
        let member = keystone
            .collect_all(roles::list(&roles::ListRoles {
                name: Some("member".into()),
                ..Default::default()
            }))
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| ferrocloud::InvalidInput::field("role", "no role named member"))?;
        for p in [&project, &second] {
            keystone
                .call(&roles::assign(
                    &roles::Target::Project(p.id.clone()),
                    &roles::Actor::User(user.id.clone()),
                    &member.id,
                ))
                .await?;
        }

        let admin_view = Cloud {
            client: (*admin).clone(),
            region: None,
        };
        step("flavor demo.tiny");
        let nova = admin_view.compute();
        let existing = nova
            .collect_all(flavors::list_detail(&flavors::ListFlavors::default()))
            .await?
            .into_iter()
            .find(|f| f.name == "demo.tiny");
        let flavor = match existing {
            Some(f) => f,
            None => {
                nova.call(&flavors::create(&flavors::CreateFlavor {
                    name: "demo.tiny".into(),
                    ram: 64,
                    vcpus: 1,
                    disk: 1,
                    ..Default::default()
                }))
                .await?
            }
        };
        step("flavor demo.small (a resize target)");
        let small = nova
            .collect_all(flavors::list_detail(&flavors::ListFlavors::default()))
            .await?
            .into_iter()
            .any(|f| f.name == "demo.small");
        if !small {
            nova.call(&flavors::create(&flavors::CreateFlavor {
                name: "demo.small".into(),
                ram: 128,
                vcpus: 1,
                disk: 1,
                ..Default::default()
            }))
            .await?;
        }

        step("external network");
        let neutron = admin_view.network();
        let externals = neutron
            .collect_all(networks::list(&networks::ListNetworks {
                router_external: Some(true),
                ..Default::default()
            }))
            .await?;
        let external = match externals.into_iter().next() {
            Some(n) => Some(n),
            None => {
                let made = neutron
                    .call(&networks::create(&networks::CreateNetwork {
                        name: Some("demo-public".into()),
                        router_external: Some(true),
                        provider_network_type: Some("flat".into()),
                        provider_physical_network: Some("public".into()),
                        ..Default::default()
                    }))
                    .await;
                match made {
                    Ok(net) => {
                        neutron
                            .call(&subnets::create(&subnets::CreateSubnet {
                                name: Some("demo-public-subnet".into()),
                                enable_dhcp: Some(false),
                                ..subnets::CreateSubnet::new(&net.id, 4, "198.51.100.0/24")
                            }))
                            .await?;
                        Some(net)
                    }
                    Err(e) => {
                        println!("[seed] no external network (floating IPs skipped): {e}");
                        None
                    }
                }
            }
        };

        step("signing in as the demo user");
        let demo = demo_cloud(&auth_url).await?;

        step("image demo-image");
        let glance = demo.image();
        let found = glance
            .collect_all(images::list(&images::ListImages {
                name: Some("demo-image".into()),
                ..Default::default()
            }))
            .await?;
        let image = match found.into_iter().find(|i| i.status.as_str() == "active") {
            Some(i) => i,
            None => {
                let img = glance
                    .call(&images::create(&images::CreateImage {
                        name: Some("demo-image".into()),
                        container_format: Some("bare".into()),
                        disk_format: Some("raw".into()),
                        ..Default::default()
                    }))
                    .await?;
                let data = bytes::Bytes::from(vec![0u8; 64 * 1024]);
                glance
                    .upload(
                        &images::upload(&img.id),
                        ferrocloud::byte_stream(futures::stream::once(async move { Ok(data) })),
                    )
                    .await?;
                glance
                    .wait_for_status(
                        &images::get(&img.id),
                        &[images::ImageStatus::Active],
                        &[images::ImageStatus::Killed],
                        ferrocloud::Wait::timeout(Duration::from_secs(60)),
                    )
                    .await?
            }
        };

        step("network demo-net with subnet, router demo-router");
        let neutron = demo.network();
        let find_net = || async {
            let nets = neutron
                .collect_all(networks::list(&networks::ListNetworks {
                    name: Some("demo-net".into()),
                    ..Default::default()
                }))
                .await?;
            Ok::<_, Error>(nets.into_iter().next())
        };
        let net = match find_net().await? {
            Some(n) => n,
            None => {
                demo.create_network("demo-net", "10.42.0.0/24", &noop)
                    .await?;
                find_net()
                    .await?
                    .ok_or_else(|| Error::decode_msg("network", "demo-net vanished"))?
            }
        };
        let has_router = !neutron
            .collect_all(routers::list(&routers::ListRouters {
                name: Some("demo-router".into()),
                ..Default::default()
            }))
            .await?
            .is_empty();
        if !has_router {
            let r = neutron
                .call(&routers::create(&routers::CreateRouter {
                    name: Some("demo-router".into()),
                    external_gateway_info: external.as_ref().map(|e| routers::GatewayInfo {
                        network_id: e.id.clone(),
                        ..Default::default()
                    }),
                    ..Default::default()
                }))
                .await?;
            if let Some(subnet) = net.subnets.first() {
                neutron
                    .call(&routers::add_interface(
                        &r.id,
                        &routers::Interface::Subnet(subnet.clone()),
                    ))
                    .await?;
            }
        }

        step("key pair demo-key");
        let nova = demo.compute();
        let keys = nova
            .collect_all(keypairs::list(&keypairs::ListKeypairs::default()))
            .await?;
        if !keys.iter().any(|k| k.keypair.name == "demo-key") {
            nova.call(&keypairs::create(&keypairs::CreateKeypair {
                name: "demo-key".into(),
                public_key: Some(PUBLIC_KEY.into()),
                ..Default::default()
            }))
            .await?;
        }

        step("volumes demo-data-1, demo-data-2 and snapshot demo-snap");
        let cinder = demo.block_storage();
        for name in ["demo-data-1", "demo-data-2"] {
            let mut f = volumes::ListVolumes::default();
            f.filter.name = Some(name.into());
            if cinder.collect_all(volumes::list(&f)).await?.is_empty() {
                demo.create_volume(name, 1, &noop).await?;
            }
        }
        let mut f = snapshots::ListSnapshots::default();
        f.filter.name = Some("demo-snap".into());
        if cinder
            .collect_all(snapshots::list_detail(&f))
            .await?
            .is_empty()
        {
            let mut vf = volumes::ListVolumes::default();
            vf.filter.name = Some("demo-data-2".into());
            if let Some(v) = cinder.collect_all(volumes::list(&vf)).await?.first() {
                let s = cinder
                    .call(&snapshots::create(&snapshots::CreateSnapshot {
                        volume_id: v.id.clone(),
                        name: Some("demo-snap".into()),
                        ..Default::default()
                    }))
                    .await?;
                cinder
                    .wait_for_status(
                        &snapshots::get(&s.id),
                        &[snapshots::SnapshotStatus::Available],
                        &[snapshots::SnapshotStatus::Error],
                        ferrocloud_web_demo::api::wait(),
                    )
                    .await?;
            }
        }

        step("servers demo-web-1, demo-web-2");
        for name in ["demo-web-1", "demo-web-2"] {
            if find_server(&nova, name).await?.is_none() {
                demo.create_server(
                    name,
                    &flavor.id,
                    &image.id,
                    &net.id,
                    "demo-key",
                    "",
                    &|_, _, what| println!("[seed]   {name}: {what}"),
                )
                .await?;
            }
        }

        step("container demo-files: a README and a docs/ folder");
        {
            use ferrocloud::object_storage::{containers, objects};
            let swift = demo.svc(demo.client.object_storage());
            swift
                .call(&containers::create("demo-files", &Default::default()))
                .await?;
            for (name, text) in DEMO_FILES {
                let text_plain = objects::UploadObject {
                    content_type: Some("text/plain".into()),
                    ..Default::default()
                };
                swift
                    .call(&objects::create(
                        "demo-files",
                        name,
                        &text_plain,
                        text.as_bytes(),
                    ))
                    .await?;
            }
        }

        if let Some(ext) = &external {
            step("floating IP for demo-web-1");
            let fips = neutron
                .collect_all(floating_ips::list(&floating_ips::ListFloatingIps::default()))
                .await?;
            if fips.is_empty() {
                let fip = demo.allocate_fip(&ext.id).await?;
                if let Some(web) = find_server(&nova, "demo-web-1").await? {
                    demo.associate_fip(fip.s("id"), &web.id).await?;
                }
            }
        }

        println!("[seed] done");
        println!("DEMO_AUTH_URL={auth_url}");
        println!("DEMO_USER={USER}");
        println!("DEMO_PASSWORD={PASSWORD}");
        println!("DEMO_PROJECT={PROJECT}");
        println!("DEMO_DOMAIN=Default");
        Ok(())
    }
}
