//! Nova flavors (+ extra specs, access), the image proxy (+ metadata), attached interfaces,
//! volume attachments and keypairs: every sample under their `compute/` folders, in every
//! microversion folder, is enumerated; responses parse into their types with no known
//! field left untyped, requests are reproduced by the builders as JSON values, with method
//! and path checked against ENDPOINTS.tsv.

use ferrocloud::compute::attach_interfaces::{self, CreateInterface, InterfaceAttachment};
use ferrocloud::compute::flavors::{self, CreateFlavor, ExtraSpecs, Flavor, UpdateFlavor};
use ferrocloud::compute::images::{self, Image, ImageStatus, ListImages};
use ferrocloud::compute::keypairs::{self, CreateKeypair, Keypair, KeypairType, ListKeypairs};
use ferrocloud::compute::volume_attach::{
    self, CreateVolumeAttachment, ListVolumeAttachments, UpdateVolumeAttachment, VolumeAttachment,
};
use ferrocloud::{List, Operation, Paginated, ServiceEndpoint, ServiceType};
use ferrocloud_tests::samples::{self, Coverage};

use crate::support::{md, no_untyped, s};

const DIRS: &[&str] = &[
    "compute/flavor-access",
    "compute/flavor-extra-specs",
    "compute/flavor-manage",
    "compute/flavors",
    "compute/images",
    "compute/os-attach-interfaces",
    "compute/os-volume_attachments",
    "compute/os-keypairs",
];

const SERVER: &str = "802db873-0373-4bdd-a433-d272a539ba18";
const VOLUME: &str = "a07f71dc-8151-4e7d-a0cc-cd24a3f11113";
const NEW_VOLUME: &str = "227cc671-f30b-4488-96fd-7d0bf13648d8";
const PORT: &str = "ce531f90-199f-48c0-816c-13e38010b442";
const NET: &str = "3cb9bc59-5699-4588-a4b1-b87f96708bc6";
const IMAGE: &str = "70a599e0-31e7-49b7-b260-868f441e862b";
const PUBLIC_KEY: &str = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDx8nkQv/zgGgB4rMYmIf+6A4l6Rr+o/6lHBQdW5aYd44bd8JttDCE/F/pNRr0lRE+PiqSPO8nDPHw0010JeMH9gYgnnFlyY3/OcJ02RhIPyyxYpv9FhY+2YiUkpwFOcLImyrxEsYXpD/0d3ac30bNH6Sw9JD9UZHYcpSxsIbECHw== Generated-by-Nova";

fn nova(version: &str) -> ServiceEndpoint {
    ServiceEndpoint::new(ServiceType::COMPUTE, "http://openstack.example.com/v2.1")
        .unwrap()
        .with_microversion(version)
}

/// The sample's folder microversion (`compute/flavors/v2.55/x.json` → `2.55`), else 2.1.
fn microversion(file: &str) -> String {
    file.split('/')
        .find_map(|seg| seg.strip_prefix("v2."))
        .map_or_else(|| "2.1".into(), |minor| format!("2.{minor}"))
}

/// Builds `op` and compares it with the request sample (body, method, path).
fn request<O: Operation>(cov: &mut Coverage, file: &str, op: O) {
    samples::check_request(cov, &nova(&microversion(file)), file, op)
}

/// Checks the endpoint of `op` against the response sample and parses the sample with it.
fn response<O: Operation>(cov: &mut Coverage, file: &str, op: O) -> O::Output {
    samples::check_response(cov, &nova(&microversion(file)), file, op)
}

/// Parses a list response sample as one page of `list`.
fn page<T: serde::de::DeserializeOwned>(
    cov: &mut Coverage,
    file: &str,
    list: List<T>,
) -> (Vec<T>, Option<String>) {
    let file = cov.check(file);
    let svc = nova(&microversion(file));
    let first = list.first_request(&svc).unwrap();
    samples::assert_endpoint(file, &first);
    let page = list
        .parse_page(&svc, &first, samples::response(file))
        .unwrap_or_else(|e| panic!("{file} does not parse: {e}"));
    let next = page.next_url();
    (page.items, next)
}

fn flavor_ok(file: &str, f: &Flavor) {
    no_untyped(file, &f.extra);
    assert!(!f.id.is_empty() && !f.name.is_empty(), "{file}");
    assert!(f.ram > 0 && f.vcpus > 0, "{file}");
    assert_eq!(f.links.len(), 2, "{file}");
    let mv = microversion(file);
    let minor: u32 = mv[2..].parse().unwrap();
    // Fields by microversion: rxtx_factor and disabled are gone at 2.102, extra_specs are
    // embedded from 2.61 (but not in the create answer before 2.102's samples).
    assert_eq!(f.rxtx_factor.is_none(), minor >= 102, "{file}");
    assert_eq!(f.disabled.is_none(), minor >= 102, "{file}");
    if minor >= 61 && !file.contains("flavor-create-post-resp") {
        assert!(f.extra_specs.is_some(), "{file}: extra_specs");
    }
    if minor < 55 {
        assert!(f.description.is_none(), "{file}");
    }
}

fn flavor_samples(cov: &mut Coverage, dir: &str) {
    let f = |name: &str| format!("{dir}/{name}");
    let minor: u32 = microversion(dir)[2..].parse().unwrap();
    // Listing.
    let (summaries, next) = page(
        cov,
        &f("flavors-list-resp.json"),
        flavors::list(&Default::default()),
    );
    assert!(next.is_none());
    assert!(!summaries.is_empty());
    for s in &summaries {
        no_untyped(dir, &s.extra);
        assert_eq!(s.links.len(), 2);
    }
    if minor >= 55 {
        assert!(summaries.iter().any(|s| s.description.is_some()), "{dir}");
    }
    let (detail, _) = page(
        cov,
        &f("flavors-detail-resp.json"),
        flavors::list_detail(&Default::default()),
    );
    assert_eq!(detail.len(), summaries.len());
    for fl in &detail {
        flavor_ok(&f("flavors-detail-resp.json"), fl);
        // swap is "" before 2.75 and 0 from 2.75: both read as no swap.
        assert_eq!(fl.swap, 0);
    }
    let one = response(cov, &f("flavor-get-resp.json"), flavors::get("7"));
    flavor_ok(&f("flavor-get-resp.json"), &one);
}

fn flavor_manage(cov: &mut Coverage, dir: &str) {
    let f = |name: &str| format!("{dir}/{name}");
    let minor: u32 = microversion(dir)[2..].parse().unwrap();
    let create = CreateFlavor {
        id: s("10"),
        rxtx_factor: (minor < 102).then_some(2.0),
        description: (minor >= 55).then(|| "test description".into()),
        ..CreateFlavor::new("test_flavor", 1024, 2, 10)
    };
    request(
        cov,
        &f("flavor-create-post-req.json"),
        flavors::create(&create),
    );
    let made = response(
        cov,
        &f("flavor-create-post-resp.json"),
        flavors::create(&create),
    );
    flavor_ok(&f("flavor-create-post-resp.json"), &made);
    assert_eq!(
        (made.id.as_str(), made.ram, made.vcpus, made.disk),
        ("10", 1024, 2, 10)
    );
    if minor >= 55 {
        let update = UpdateFlavor {
            description: s("updated description"),
        };
        request(
            cov,
            &f("flavor-update-req.json"),
            flavors::update("1", &update),
        );
        let updated = response(
            cov,
            &f("flavor-update-resp.json"),
            flavors::update("1", &update),
        );
        flavor_ok(&f("flavor-update-resp.json"), &updated);
        assert_eq!(updated.description.as_deref(), Some("updated description"));
    }
}

fn flavor_access(cov: &mut Coverage) {
    let d = "compute/flavor-access";
    for dir in [d.to_string(), format!("{d}/v2.7")] {
        request(
            cov,
            &format!("{dir}/flavor-access-add-tenant-req.json"),
            flavors::add_tenant_access("10", "fake_tenant"),
        );
        let create = CreateFlavor {
            id: s("10"),
            is_public: Some(dir.ends_with("v2.7")),
            ..CreateFlavor::new("test_flavor", 1024, 2, 10)
        };
        request(
            cov,
            &format!("{dir}/flavor-create-req.json"),
            flavors::create(&create),
        );
    }
    let added = response(
        cov,
        &format!("{d}/flavor-access-add-tenant-resp.json"),
        flavors::add_tenant_access("10", "fake_tenant"),
    );
    assert_eq!(added[0].flavor_id, "10");
    let listed = response(
        cov,
        &format!("{d}/flavor-access-list-resp.json"),
        flavors::access_list("10"),
    );
    assert_eq!(listed, added);
    request(
        cov,
        &format!("{d}/flavor-access-remove-tenant-req.json"),
        flavors::remove_tenant_access("10", "fake_tenant"),
    );
    let removed = response(
        cov,
        &format!("{d}/flavor-access-remove-tenant-resp.json"),
        flavors::remove_tenant_access("10", "fake_tenant"),
    );
    assert!(removed.is_empty());
}

fn extra_specs(cov: &mut Coverage) {
    let d = "compute/flavor-extra-specs";
    let specs: ExtraSpecs = md(&[("hw:cpu_policy", "shared"), ("hw:numa_nodes", "1")]);
    request(
        cov,
        &format!("{d}/flavor-extra-specs-create-req.json"),
        flavors::create_extra_specs("1", &specs),
    );
    let created = response(
        cov,
        &format!("{d}/flavor-extra-specs-create-resp.json"),
        flavors::create_extra_specs("1", &specs),
    );
    assert_eq!(created, specs);
    let listed = response(
        cov,
        &format!("{d}/flavor-extra-specs-list-resp.json"),
        flavors::extra_specs("1"),
    );
    assert_eq!(listed, specs);
    let one = response(
        cov,
        &format!("{d}/flavor-extra-specs-get-resp.json"),
        flavors::extra_spec("1", "hw:numa_nodes"),
    );
    assert_eq!(
        (one.key.as_str(), one.value.as_str()),
        ("hw:numa_nodes", "1")
    );
    let op = || flavors::update_extra_spec("1", "hw:numa_nodes", "2");
    request(
        cov,
        &format!("{d}/flavor-extra-specs-update-req.json"),
        op(),
    );
    let set = response(
        cov,
        &format!("{d}/flavor-extra-specs-update-resp.json"),
        op(),
    );
    assert_eq!(set.value, "2");
}

fn image_ok(file: &str, i: &Image) {
    no_untyped(file, &i.extra);
    assert_eq!(i.status, Some(ImageStatus::Active), "{file}");
    assert!(
        i.created.is_some() && i.updated.is_some() && i.size.is_some(),
        "{file}"
    );
    assert_eq!(i.links.len(), 3, "{file}");
    assert_eq!(
        i.links[2].media_type.as_deref(),
        Some("application/vnd.openstack.image")
    );
}

fn image_samples(cov: &mut Coverage) {
    let d = "compute/images";
    let f = |n: &str| format!("{d}/{n}");
    let (listed, next) = page(
        cov,
        &f("images-list-get-resp.json"),
        images::list(&ListImages::default()),
    );
    assert!(next.is_none() && !listed.is_empty());
    listed.iter().for_each(|i| no_untyped(d, &i.extra));
    let (detail, _) = page(
        cov,
        &f("images-details-get-resp.json"),
        images::list_detail(&ListImages::default()),
    );
    assert_eq!(detail.len(), listed.len());
    detail.iter().for_each(|i| image_ok(d, i));
    // Null property values are kept as null.
    assert!(detail
        .iter()
        .any(|i| i.metadata.values().any(serde_json::Value::is_null)));
    let one = response(cov, &f("image-get-resp.json"), images::get(IMAGE));
    image_ok(d, &one);
    assert_eq!(one.disk_config.as_deref(), Some("AUTO"));
    assert_eq!(one.min_disk, Some(0));

    let all = response(
        cov,
        &f("image-metadata-get-resp.json"),
        images::METADATA.get(IMAGE),
    );
    assert_eq!(all.get("kernel_id").map(String::as_str), Some("nokernel"));
    let post = md(&[("kernel_id", "False"), ("Label", "UpdatedImage")]);
    request(
        cov,
        &f("image-metadata-post-req.json"),
        images::METADATA.merge(IMAGE, &post),
    );
    let merged = response(
        cov,
        &f("image-metadata-post-resp.json"),
        images::METADATA.merge(IMAGE, &post),
    );
    assert_eq!(merged.len(), 5);
    let put = md(&[("auto_disk_config", "True"), ("Label", "Changed")]);
    request(
        cov,
        &f("image-metadata-put-req.json"),
        images::METADATA.replace(IMAGE, &put),
    );
    let replaced = response(
        cov,
        &f("image-metadata-put-resp.json"),
        images::METADATA.replace(IMAGE, &put),
    );
    assert_eq!(replaced, put);
    let key = response(
        cov,
        &f("image-meta-key-get.json"),
        images::METADATA.get_key(IMAGE, "kernel_id"),
    );
    assert_eq!(key.value, "nokernel");
    let set = || images::METADATA.set_key(IMAGE, "auto_disk_config", "False");
    request(cov, &f("image-meta-key-put-req.json"), set());
    let got = response(cov, &f("image-meta-key-put-resp.json"), set());
    assert_eq!(
        (got.key.as_str(), got.value.as_str()),
        ("auto_disk_config", "False")
    );
}

fn interface_ok(file: &str, i: &InterfaceAttachment, tagged: bool) {
    no_untyped(file, &i.extra);
    assert_eq!(i.port_id, PORT, "{file}");
    assert_eq!(i.net_id.as_deref(), Some(NET), "{file}");
    assert_eq!(
        i.fixed_ips[0].subnet_id.as_deref(),
        Some("f8a6e8f8-c2ec-497c-9f23-da9616de54ef")
    );
    assert_eq!(i.tag.is_some(), tagged, "{file}");
}

fn interface_samples(cov: &mut Coverage, dir: &str) {
    let f = |n: &str| format!("{dir}/{n}");
    let tag = match microversion(dir).as_str() {
        "2.49" => Some("foo"),
        "2.70" => Some("public"),
        _ => None,
    };
    let shown = microversion(dir) == "2.70";
    let mut by_port = CreateInterface::port(PORT);
    let mut by_net = CreateInterface::network(NET).fixed_ip("192.168.1.3");
    if let Some(t) = tag {
        by_port = by_port.tag(t);
        by_net = by_net.tag(t);
    }
    request(
        cov,
        &f("attach-interfaces-create-req.json"),
        attach_interfaces::create(SERVER, &by_port),
    );
    let made = response(
        cov,
        &f("attach-interfaces-create-resp.json"),
        attach_interfaces::create(SERVER, &by_port),
    );
    interface_ok(dir, &made, shown);
    if dir.ends_with("v2.49") {
        return; // 2.49 has only the by-port create samples.
    }
    request(
        cov,
        &f("attach-interfaces-create-net_id-req.json"),
        attach_interfaces::create(SERVER, &by_net),
    );
    let listed = response(
        cov,
        &f("attach-interfaces-list-resp.json"),
        attach_interfaces::list(SERVER),
    );
    assert_eq!(listed.len(), 1);
    interface_ok(dir, &listed[0], shown);
    let one = response(
        cov,
        &f("attach-interfaces-show-resp.json"),
        attach_interfaces::get(SERVER, PORT),
    );
    assert_eq!(one, listed[0]);
}

fn attachment_ok(file: &str, a: &VolumeAttachment) {
    no_untyped(file, &a.extra);
    let minor: u32 = microversion(file)[2..].parse().unwrap();
    assert!(a.server_id.is_some() && a.device.is_some(), "{file}");
    // 2.89 drops `id` and adds attachment_id + bdm_uuid in list/show (the create answer
    // keeps the old shape); 2.79 adds delete_on_termination.
    let new_shape = minor >= 89 && !file.ends_with("attach-volume-to-server-resp.json");
    assert_eq!(a.id.is_some(), !new_shape, "{file}");
    assert_eq!(a.attachment_id.is_some(), new_shape, "{file}");
    assert_eq!(a.bdm_uuid.is_some(), new_shape, "{file}");
    assert_eq!(a.delete_on_termination.is_some(), minor >= 79, "{file}");
}

fn volume_attachment_samples(cov: &mut Coverage, dir: &str, files: &[String]) {
    let f = |n: &str| format!("{dir}/{n}");
    let minor: u32 = microversion(dir)[2..].parse().unwrap();
    let create = CreateVolumeAttachment {
        device: (minor < 49).then(|| "/dev/sdb".into()),
        tag: (minor >= 49).then(|| "foo".into()),
        delete_on_termination: (minor >= 79).then_some(true),
        ..CreateVolumeAttachment::new(VOLUME)
    };
    request(
        cov,
        &f("attach-volume-to-server-req.json"),
        volume_attach::create(SERVER, &create),
    );
    let has = |n: &str| files.contains(&f(n));
    if has("attach-volume-to-server-resp.json") {
        let made = response(
            cov,
            &f("attach-volume-to-server-resp.json"),
            volume_attach::create(SERVER, &create),
        );
        attachment_ok(&f("attach-volume-to-server-resp.json"), &made);
        assert_eq!(made.volume_id, VOLUME);
    }
    let (listed, next) = page(
        cov,
        &f("list-volume-attachments-resp.json"),
        volume_attach::list(SERVER, &ListVolumeAttachments::default()),
    );
    assert!(next.is_none());
    assert_eq!(listed.len(), 2);
    listed
        .iter()
        .for_each(|a| attachment_ok(&f("list-volume-attachments-resp.json"), a));
    let one = response(
        cov,
        &f("volume-attachment-detail-resp.json"),
        volume_attach::get(SERVER, VOLUME),
    );
    attachment_ok(&f("volume-attachment-detail-resp.json"), &one);
    if has("update-volume-req.json") {
        request(
            cov,
            &f("update-volume-req.json"),
            volume_attach::update(SERVER, VOLUME, &UpdateVolumeAttachment::swap(NEW_VOLUME)),
        );
    }
    if has("update-volume-attachment-delete-flag-req.json") {
        let update = if minor >= 89 {
            // These samples repeat the read-only fields, which must equal the current ones.
            UpdateVolumeAttachment {
                id: s(VOLUME),
                server_id: s("fddf0901-8caf-42c9-b496-133c570b171b"),
                device: s("/dev/sdb"),
                tag: s("foo"),
                ..UpdateVolumeAttachment::delete_on_termination(VOLUME, true)
            }
        } else {
            UpdateVolumeAttachment::delete_on_termination(VOLUME, true)
        };
        request(
            cov,
            &f("update-volume-attachment-delete-flag-req.json"),
            volume_attach::update(SERVER, VOLUME, &update),
        );
    }
}

fn keypair_ok(file: &str, k: &Keypair) {
    no_untyped(file, &k.extra);
    let minor: u32 = microversion(file)[2..].parse().unwrap();
    assert!(!k.name.is_empty() && k.fingerprint.is_some(), "{file}");
    assert_eq!(k.kind.is_some(), minor >= 2, "{file}: type from 2.2");
    assert!(
        !format!("{k:?}").contains("PRIVATE KEY"),
        "{file}: private key in Debug"
    );
}

fn keypair_samples(cov: &mut Coverage, dir: &str, files: &[String]) {
    let f = |n: &str| format!("{dir}/{n}");
    let has = |n: &str| files.contains(&f(n));
    let minor: u32 = microversion(dir)[2..].parse().unwrap();
    let kind = (minor >= 2).then_some(KeypairType::Ssh);
    let user = (minor >= 10).then(|| "fake".to_string());
    let (gen_name, import_name) = if minor >= 92 {
        ("foo", "me.and.myself@this.nice.domain.com mooh.")
    } else {
        (
            "keypair-ab9ff2e6-a6d7-4915-a241-044c369c07f9",
            "keypair-d20a3d59-9433-4b79-8726-20b431d89c78",
        )
    };
    let generate = CreateKeypair {
        kind: kind.clone(),
        // The 2.2 generate sample has no user_id.
        user_id: user.clone(),
        ..CreateKeypair::generate(gen_name)
    };
    let import = CreateKeypair {
        kind: kind.clone(),
        user_id: user.clone(),
        ..CreateKeypair::import(import_name, PUBLIC_KEY)
    };
    if has("keypairs-post-req.json") {
        request(
            cov,
            &f("keypairs-post-req.json"),
            keypairs::create(&generate),
        );
    }
    if has("keypairs-post-resp.json") {
        let made = response(
            cov,
            &f("keypairs-post-resp.json"),
            keypairs::create(&generate),
        );
        keypair_ok(&f("keypairs-post-resp.json"), &made);
        let private = made
            .private_key
            .expect("generated keys carry the private key");
        assert!(private
            .expose()
            .starts_with("-----BEGIN RSA PRIVATE KEY-----"));
    }
    if has("keypairs-import-post-req.json") {
        request(
            cov,
            &f("keypairs-import-post-req.json"),
            keypairs::create(&import),
        );
        let made = response(
            cov,
            &f("keypairs-import-post-resp.json"),
            keypairs::create(&import),
        );
        keypair_ok(&f("keypairs-import-post-resp.json"), &made);
        assert!(made.private_key.is_none());
        assert_eq!(made.public_key.as_deref(), Some(PUBLIC_KEY));
    }
    if has("keypairs-get-resp.json") {
        let got = response(
            cov,
            &f("keypairs-get-resp.json"),
            keypairs::get("keypair-6638abdb-c4e8-407c-ba88-c8dd7cc3c4f1", None),
        );
        keypair_ok(&f("keypairs-get-resp.json"), &got);
        assert_eq!((got.id, got.deleted), (Some(1), Some(false)));
        assert!(got.created_at.is_some() && got.deleted_at.is_none());
    }
    for (name, filter, paged) in [
        (
            "keypairs-list-resp.json",
            ListKeypairs {
                limit: (minor >= 35).then_some(1),
                ..Default::default()
            },
            minor >= 35,
        ),
        (
            "keypairs-list-user1-resp.json",
            ListKeypairs {
                user_id: s("user1"),
                ..Default::default()
            },
            false,
        ),
        (
            "keypairs-list-user2-resp.json",
            ListKeypairs {
                user_id: s("user2"),
                limit: Some(1),
                ..Default::default()
            },
            true,
        ),
    ] {
        if !has(name) {
            continue;
        }
        let (entries, next) = page(cov, &f(name), keypairs::list(&filter));
        assert_eq!(entries.len(), 1);
        keypair_ok(&f(name), &entries[0].keypair);
        // 2.35 pages by keypairs_links.
        assert_eq!(next.is_some(), paged, "{name}");
        if let Some(next) = next {
            assert!(next.contains("marker=keypair-5d935425"), "{next}");
        }
    }
}

#[test]
fn compute_misc_samples() {
    let mut cov = Coverage::new();
    let mut files = Vec::new();
    for d in DIRS {
        files.extend(samples::files_under(d));
    }
    assert!(files.len() >= 131, "only {} samples found", files.len());
    let folders = |dir: &str| -> Vec<String> {
        let mut out: Vec<String> = files
            .iter()
            .filter(|f| f.starts_with(&format!("{dir}/")))
            .map(|f| f.rsplit_once('/').unwrap().0.to_string())
            .collect();
        out.sort();
        out.dedup();
        out
    };

    for dir in folders("compute/flavors") {
        flavor_samples(&mut cov, &dir);
    }
    for dir in folders("compute/flavor-manage") {
        flavor_manage(&mut cov, &dir);
    }
    flavor_access(&mut cov);
    extra_specs(&mut cov);
    image_samples(&mut cov);
    for dir in folders("compute/os-attach-interfaces") {
        interface_samples(&mut cov, &dir);
    }
    for dir in folders("compute/os-volume_attachments") {
        volume_attachment_samples(&mut cov, &dir, &files);
    }
    for dir in folders("compute/os-keypairs") {
        keypair_samples(&mut cov, &dir, &files);
    }

    cov.assert_complete(
        "compute flavors/images/interfaces/volume attachments/keypairs",
        &files,
    );
    assert_eq!(
        cov.checked(),
        files.len(),
        "every sample is checked, none excepted"
    );
}
