//! Cinder volume types: every sample of `block-storage/v3/volume_type`, the v3 access
//! removal and their v2 counterparts (types, access, encryption) parses into its type with
//! no known field left untyped, and every request sample is reproduced by the builders
//! (JSON values, with method and path checked against ENDPOINTS.tsv). The default-types
//! samples (3.62) too, against the project-less endpoint their paths document.

use ferrocloud::block_storage::volume_types::{
    self, ControlLocation, CreateVolumeType, Encryption, ExtraSpecs, ListVolumeTypes,
    SetEncryption, TypeAccess, UpdateVolumeType, VolumeType,
};
use ferrocloud::block_storage::{default_types, ApiVersion};
use ferrocloud::{Operation, ServiceEndpoint, ServiceType};
use ferrocloud_tests::samples::{self, Coverage};

const PROJECT: &str = "0c2eba2c5af04d3f9e9d0d410b371fde";
const TYPE: &str = "6685584b-1eac-4da6-b5c3-555430cf68ff";
const ENC: &str = "81e069c6-7394-4856-8df7-3b237ca61f74";

fn cinder(file: &str) -> ServiceEndpoint {
    let v = if file.starts_with("block-storage/v2/") {
        ApiVersion::V2
    } else {
        ApiVersion::V3
    };
    ServiceEndpoint::new(
        ServiceType::BLOCK_STORAGE,
        &format!("http://cinder.example/{}/{PROJECT}", v.segment()),
    )
    .unwrap()
}

fn response<O: Operation>(cov: &mut Coverage, file: &str, op: O) -> O::Output {
    samples::check_response(cov, &cinder(file), file, op)
}

fn request<O: Operation>(cov: &mut Coverage, file: &str, op: O) {
    samples::check_request(cov, &cinder(file), file, op)
}

fn type_ok(file: &str, t: &VolumeType) {
    assert!(t.extra.is_empty(), "{file}: untyped {:?}", t.extra.keys());
    assert!(!t.id.is_empty() && !t.name.is_empty(), "{file}");
    assert!(t.is_public.is_some() || t.access_is_public.is_some() || file.contains("list"));
}

fn encryption_ok(file: &str, e: &Encryption) {
    assert!(e.extra.is_empty(), "{file}: untyped {:?}", e.extra.keys());
    assert_eq!(e.provider.as_deref(), Some("luks"), "{file}");
    assert!(
        e.control_location.is_some() && e.key_size.is_some(),
        "{file}"
    );
}

fn specs(pairs: &[(&str, &str)]) -> ExtraSpecs {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The encryption a request sample describes.
fn encryption_from(file: &str) -> SetEncryption {
    let body = samples::json(file);
    let e = &body["encryption"];
    SetEncryption {
        provider: e["provider"].as_str().map(str::to_owned),
        control_location: e["control_location"].as_str().map(ControlLocation::from),
        cipher: e["cipher"].as_str().map(str::to_owned),
        key_size: e["key_size"].as_u64().map(|n| n as u32),
    }
}

fn create_gpu() -> CreateVolumeType {
    CreateVolumeType {
        name: "vol-type-001".into(),
        description: Some("volume type 0001".into()),
        is_public: Some(true),
        extra_specs: specs(&[("capabilities", "gpu")]),
    }
}

#[test]
fn storage_types_samples() {
    let mut files = samples::files_under("block-storage/v3/volume_type");
    files.push("block-storage/v3/volume-type-access-delete-request.json".into());
    for f in samples::files_under("block-storage/v2") {
        let name = f.rsplit('/').next().unwrap();
        // volume-type-*, volume-types-list-*, encryption-type-*.
        if name.starts_with("volume-type") || name.starts_with("encryption-type") {
            files.push(f);
        }
    }
    assert_eq!(files.len(), 35, "{files:#?}");
    let mut cov = Coverage::new();

    for f in &files {
        let name = f.rsplit('/').next().unwrap();
        match name {
            "volume-types-list-response.json" => {
                let all = ListVolumeTypes::default();
                let types = response(&mut cov, f, volume_types::list(&all));
                assert!(types.len() >= 2, "{f}");
                types.iter().for_each(|t| type_ok(f, t));
            }
            "volume-type-show-response.json" => {
                let t = response(&mut cov, f, volume_types::get(TYPE));
                type_ok(f, &t);
                // v2 documents is_public as the string "true".
                assert_eq!(t.is_public, Some(true), "{f}");
                assert_eq!(t.extra_specs, Some(specs(&[("capabilities", "gpu")])));
            }
            "volume-type-default-response.json" => {
                let t = response(&mut cov, f, volume_types::get_default());
                type_ok(f, &t);
                assert!(t.qos_specs_id.is_none());
            }
            "volume-type-create-request.json" => {
                request(&mut cov, f, volume_types::create(&create_gpu()));
            }
            "volume-type-create-response.json" => {
                let t = response(&mut cov, f, volume_types::create(&create_gpu()));
                type_ok(f, &t);
                assert_eq!(t.access_is_public, Some(true));
            }
            "volume-type-update-request.json" if f.contains("/v2/") => cov.except(
                f,
                "carries extra_specs, which Cinder's type update ignores (they change through \
                 /extra_specs); the v3 sample without them is reproduced",
            ),
            "volume-type-update-request.json" | "volume-type-update-response.json" => {
                let op = volume_types::update(
                    TYPE,
                    &UpdateVolumeType {
                        name: Some("vol-type-001".into()),
                        description: Some("volume type 0001".into()),
                        is_public: Some(true),
                    },
                );
                if name.contains("request") {
                    request(&mut cov, f, op);
                } else {
                    type_ok(f, &response(&mut cov, f, op));
                }
            }
            "volume-type-show-request.json" => cov.except(
                f,
                "an unreferenced body for a GET (show takes no body); its fields are those of \
                 the show response, which is parsed",
            ),
            "volume-type-all-extra-specs-show-response.json" => {
                let s = response(&mut cov, f, volume_types::list_extra_specs(TYPE));
                assert_eq!(s, specs(&[("capabilities", "gpu")]));
            }
            "volume-type-extra-specs-create-update-request.json"
            | "volume-type-extra-specs-create-update-response.json" => {
                let want = specs(&[("key1", "value1"), ("key2", "value2")]);
                let op = volume_types::set_extra_specs(TYPE, &want);
                if name.contains("request") {
                    request(&mut cov, f, op);
                } else {
                    assert_eq!(response(&mut cov, f, op), want);
                }
            }
            "volume-type-specific-extra-specs-show-response.json" => {
                let s = response(
                    &mut cov,
                    f,
                    volume_types::get_extra_spec(TYPE, "capabilities"),
                );
                assert_eq!(s, specs(&[("capabilities", "gpu")]));
            }
            "volume-type-specific-extra-specs-update-request.json"
            | "volume-type-specific-extra-specs-update-response.json" => {
                let op = volume_types::update_extra_spec(TYPE, "key1", "value1");
                if name.contains("request") {
                    request(&mut cov, f, op);
                } else {
                    assert_eq!(response(&mut cov, f, op), specs(&[("key1", "value1")]));
                }
            }
            "volume-type-access-list-response.json" if f.contains("/v2/") => {
                // v2 documents one object where Cinder answers a list (as v3 documents):
                // the object is read as one entry.
                let body = samples::json(cov.check(f));
                let a: TypeAccess =
                    serde_json::from_value(body["volume_type_access"].clone()).unwrap();
                assert!(a.extra.is_empty() && !a.project_id.is_empty(), "{f}");
            }
            "volume-type-access-list-response.json" => {
                let l = response(&mut cov, f, volume_types::list_project_access(TYPE));
                assert_eq!(l.len(), 1);
                assert!(l[0].extra.is_empty() && !l[0].volume_type_id.is_empty());
            }
            "volume-type-access-add-request.json" | "volume-type-access-delete-request.json" => {
                let body = samples::json(f);
                let (action, inner) = body.as_object().unwrap().iter().next().unwrap();
                let project = inner["project"].as_str().unwrap();
                let op = if action == "addProjectAccess" {
                    volume_types::add_project_access(TYPE, project)
                } else {
                    volume_types::remove_project_access(TYPE, project)
                };
                request(&mut cov, f, op);
            }
            "encryption-type-create-request.json" => {
                request(
                    &mut cov,
                    f,
                    volume_types::create_encryption(TYPE, &encryption_from(f)),
                );
            }
            "encryption-type-create-response.json" => {
                let req = encryption_from(&f.replace("-response", "-request"));
                let e = response(&mut cov, f, volume_types::create_encryption(TYPE, &req));
                encryption_ok(f, &e);
                assert_eq!(e.encryption_id.as_deref(), Some(ENC));
                assert_eq!(e.control_location, Some(ControlLocation::FrontEnd));
            }
            "encryption-type-show-response.json" => {
                let e = response(&mut cov, f, volume_types::get_encryption(TYPE));
                encryption_ok(f, &e);
                assert!(e.created_at.is_some() && e.updated_at.is_none());
                assert_eq!(e.deleted, Some(false));
            }
            "encryption-type-specific-specs-show-response.json" => {
                let s = response(
                    &mut cov,
                    f,
                    volume_types::get_encryption_spec(TYPE, "cipher"),
                );
                assert_eq!(s["cipher"], "aes-xts-plain64");
            }
            "encryption-type-update-request.json" | "encryption-type-update-response.json" => {
                let req = encryption_from(&f.replace("-response", "-request"));
                let op = volume_types::update_encryption(TYPE, ENC, &req);
                if name.contains("request") {
                    request(&mut cov, f, op);
                } else {
                    let e = response(&mut cov, f, op);
                    encryption_ok(f, &e);
                    assert_eq!(e.control_location, Some(ControlLocation::BackEnd));
                }
            }
            other => panic!("{f}: no check for {other}"),
        }
    }
    cov.assert_complete("block-storage volume types", &files);
    assert_eq!(cov.checked(), 33);
}

#[test]
fn storage_default_types_samples() {
    let files: Vec<String> = [
        "get-default-type-response.json",
        "get-default-types-response.json",
        "set-default-type-request.json",
        "set-default-type-response.json",
    ]
    .iter()
    .map(|f| format!("block-storage/v3/{f}"))
    .collect();
    // ENDPOINTS.tsv documents /v3/default-types/{project-id}, without the caller's project.
    let bare =
        ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://cinder.example/v3").unwrap();
    let target = "6685584b-1eac-4da6-b5c3-555430cf68ff";
    let mut cov = Coverage::new();
    let d = samples::check_response(&mut cov, &bare, &files[0], default_types::get(target));
    assert!(d.extra.is_empty() && d.project_id == target && !d.volume_type_id.is_empty());
    let all = samples::check_response(&mut cov, &bare, &files[1], default_types::list());
    assert_eq!(all.len(), 2);
    assert!(all
        .iter()
        .all(|d| d.extra.is_empty() && !d.volume_type_id.is_empty()));
    samples::check_request(
        &mut cov,
        &bare,
        &files[2],
        default_types::set(target, "lvm_backend"),
    );
    let set = samples::check_response(
        &mut cov,
        &bare,
        &files[3],
        default_types::set(target, "lvm_backend"),
    );
    assert_eq!(set, d);
    // Each call asks for 3.62.
    let req = default_types::list().request(&bare).unwrap();
    assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.62");
    cov.assert_complete("block-storage default types", &files);
}
