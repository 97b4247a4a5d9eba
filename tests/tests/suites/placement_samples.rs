//! Placement samples: every response parses (read at the microversion its sample is
//! for), every request is reproduced as a JSON value by the builder, with method and path
//! checked against ENDPOINTS.tsv and the microversion the operation sends checked against
//! the sample's range. No sample is left out.

use std::collections::BTreeMap;

use ferrocloud::placement::aggregates::{self, PutAggregates};
use ferrocloud::placement::allocation_candidates::{self, CandidateAllocations};
use ferrocloud::placement::allocations::{self, ProviderAllocation, PutAllocations};
use ferrocloud::placement::inventories::{self, Inventories, Inventory};
use ferrocloud::placement::reshaper::{self, Reshape, ReshapeInventories};
use ferrocloud::placement::resource_providers::{
    self, CreateResourceProvider, UpdateResourceProvider,
};
use ferrocloud::placement::traits::{self, ProviderTraits};
use ferrocloud::placement::usages::{self, GetUsages, Usages};
use ferrocloud::placement::{self, resource_classes, ConsumerGeneration};
use ferrocloud::{Operation, Patch, ServiceEndpoint, ServiceType};
use ferrocloud_tests::samples::{self, Coverage};

use crate::support::s;

fn pl(name: &str) -> String {
    format!("placement/{name}")
}

/// A microversion as `(major, minor)`.
type Version = (u32, u32);

/// `(major, minor)` of `1.N`.
fn parse_version(v: &str) -> Version {
    let (a, b) = v
        .trim()
        .split_once('.')
        .unwrap_or_else(|| panic!("version {v:?}"));
    (a.parse().unwrap(), b.parse().unwrap())
}

/// The sample's microversion range from ENDPOINTS.tsv: `(low, high)`, either open.
fn range(sample: &str) -> (Option<Version>, Option<Version>) {
    let mv = samples::endpoints()
        .get(sample)
        .and_then(|rows| rows.first())
        .map(|r| r.microversion.clone())
        .unwrap_or_default();
    if mv.is_empty() {
        return (None, None);
    }
    match mv.split_once('-') {
        Some((lo, hi)) => (
            Some(parse_version(lo)),
            (!hi.is_empty()).then(|| parse_version(hi)),
        ),
        None => (Some(parse_version(&mv)), None),
    }
}

/// A Placement service client at the sample's lowest microversion (none when the sample
/// has no range: Placement then answers 1.0).
fn svc_for(sample: &str) -> ServiceEndpoint {
    let svc = ServiceEndpoint::new(ServiceType::PLACEMENT, "http://placement.example.com").unwrap();
    match range(sample).0 {
        Some((a, b)) => svc.with_microversion(format!("{a}.{b}")),
        None => svc,
    }
}

/// The microversion `req` asks for lies in the sample's range.
fn assert_version(sample: &str, req: &http::Request<bytes::Bytes>) {
    let sent = req
        .headers()
        .get("openstack-api-version")
        .map(|v| {
            let v = v.to_str().unwrap();
            parse_version(
                v.strip_prefix("placement ")
                    .unwrap_or_else(|| panic!("{v}")),
            )
        })
        .unwrap_or((1, 0));
    let (lo, hi) = range(sample);
    assert!(
        lo.is_none_or(|lo| sent >= lo) && hi.is_none_or(|hi| sent <= hi),
        "{sample}: sends microversion {sent:?}, the sample is for {lo:?}-{hi:?}"
    );
}

fn request<O: Operation>(cov: &mut Coverage, file: &str, op: O) {
    let file = pl(file);
    let req = op
        .request(&svc_for(&file))
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    samples::assert_request(cov.check(&file), &req);
    assert_version(&file, &req);
}

fn response<O: Operation>(cov: &mut Coverage, file: &str, op: O) -> O::Output {
    let file = pl(file);
    let svc = svc_for(&file);
    let req = op.request(&svc).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_version(&file, &req);
    samples::check_response(cov, &svc, &file, op)
}

const RP: &str = "3b4005be-d64b-456f-ba36-0ffd02718868";
const AGG: [&str; 2] = [
    "42896e0d-205d-4fe3-bd1e-100924931787",
    "5e08ea53-c4c6-448e-9334-ac4953de3cfa",
];

fn alloc<const N: usize>(rs: [(&str, u64); N], generation: Option<u64>) -> ProviderAllocation {
    ProviderAllocation {
        generation,
        ..ProviderAllocation::of(rs)
    }
}

/// The three consumers of the `manage-allocations-request*.json` samples.
fn manage_body(generations: bool, types: bool) -> BTreeMap<String, PutAllocations> {
    let project = "131d4efb-abc0-4872-9b92-8c8b9dc4320f";
    let rp = "e10927c4-8bc9-465d-ac60-d2f79f7e4a00";
    let entry = |a: Option<ProviderAllocation>, ty: &str| PutAllocations {
        allocations: a.map(|a| (rp.to_string(), a)).into_iter().collect(),
        project_id: s(project),
        user_id: s(project),
        consumer_generation: generations.then_some(ConsumerGeneration::Is(1)),
        consumer_type: types.then(|| ty.to_string()),
    };
    let g = |n| generations.then_some(n);
    [
        (
            "30328d13-e299-4a93-a102-61e4ccabe474".to_string(),
            entry(
                Some(alloc([("VCPU", 2), ("MEMORY_MB", 3)], g(4))),
                "INSTANCE",
            ),
        ),
        (
            "71921e4e-1629-4c5b-bf8d-338d915d2ef3".to_string(),
            entry(None, "MIGRATION"),
        ),
        (
            "48c1d40f-45d8-4947-8d46-52b4e1326df8".to_string(),
            entry(
                Some(alloc([("VCPU", 4), ("MEMORY_MB", 5)], g(12))),
                "INSTANCE",
            ),
        ),
    ]
    .into()
}

/// The body of the `update-allocations-request*.json` samples.
fn put_body(generation: bool, ty: bool) -> PutAllocations {
    PutAllocations {
        allocations: [
            (
                "4e061c03-611e-4caa-bf26-999dcff4284e".to_string(),
                ProviderAllocation::of([("DISK_GB", 20)]),
            ),
            (
                "89873422-1373-46e5-b467-f0c5e6acf08f".to_string(),
                ProviderAllocation::of([("MEMORY_MB", 1024), ("VCPU", 1)]),
            ),
        ]
        .into(),
        user_id: s("66cb2f29-c86d-47c3-8af5-69ae7b778c70"),
        project_id: s("42a32c07-3eeb-4401-9373-68a8cdca6784"),
        consumer_generation: generation.then_some(ConsumerGeneration::Is(1)),
        consumer_type: ty.then(|| "INSTANCE".into()),
    }
}

/// The body of the `post-reshaper-*.json` samples.
fn reshape_body(types: bool) -> Reshape {
    let project = "2f0c4ffc-4c4d-407a-b334-56297b871b7f";
    let (disk, cpu) = (
        "a7466641-cd72-499b-b6c9-c208eacecb3d",
        "c4ddddbb-01ee-4814-85c9-f57a962c22ba",
    );
    let consumer = |user: &str, allocs: Vec<(&str, ProviderAllocation)>| PutAllocations {
        allocations: allocs
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        project_id: s(project),
        user_id: s(user),
        consumer_generation: Some(ConsumerGeneration::Is(1)),
        consumer_type: types.then(|| "INSTANCE".into()),
    };
    let inv = |total, max_unit, min_unit, step_size| Inventory {
        max_unit: Some(max_unit),
        min_unit,
        step_size,
        ..Inventory::total(total)
    };
    Reshape {
        allocations: [
            (
                "9ae60315-80c2-48a0-a168-ca4f27c307e1".to_string(),
                consumer(
                    "cc8a0fe0-2b7c-4392-ae51-747bc73cf473",
                    vec![(disk, ProviderAllocation::of([("DISK_GB", 1000)]))],
                ),
            ),
            (
                "4a6444e5-10d6-43f6-9a0b-8acce9309ac9".to_string(),
                consumer(
                    "406e1095-71cb-47b9-9b3c-aedb7f663f5a",
                    vec![
                        (cpu, ProviderAllocation::of([("VCPU", 1)])),
                        (disk, ProviderAllocation::of([("DISK_GB", 20)])),
                    ],
                ),
            ),
            (
                "e10e7ca0-2ac5-4c98-bad9-51c95b1930ed".to_string(),
                consumer(
                    "cc8a0fe0-2b7c-4392-ae51-747bc73cf473",
                    vec![(cpu, ProviderAllocation::of([("VCPU", 8)]))],
                ),
            ),
        ]
        .into(),
        inventories: [
            (
                cpu.to_string(),
                ReshapeInventories {
                    inventories: [("VCPU".to_string(), inv(10, 8, None, None))].into(),
                    resource_provider_generation: None,
                },
            ),
            (
                disk.to_string(),
                ReshapeInventories {
                    inventories: [("DISK_GB".to_string(), inv(2048, 1200, Some(10), Some(10)))]
                        .into(),
                    resource_provider_generation: Some(5),
                },
            ),
        ]
        .into(),
    }
}

#[test]
fn placement_samples() {
    let mut cov = Coverage::new();

    // Root.
    let v = response(&mut cov, "root/get-root.json", placement::versions());
    assert_eq!(v[0].max_version.as_deref(), Some("1.28"));

    // Resource providers.
    let create = CreateResourceProvider {
        name: "NFS Share".into(),
        uuid: s("7d2590ae-fb85-4080-9306-058b4c915e3f"),
        parent_provider_uuid: s("542df8ed-9be2-49b9-b4db-6d3183ff8ec8"),
    };
    request(
        &mut cov,
        "resource_providers/create-resource_providers-request.json",
        resource_providers::create(&create),
    );
    let rp = response(
        &mut cov,
        "resource_providers/create-resource_provider.json",
        resource_providers::create(&create),
    );
    assert_eq!(
        rp.root_provider_uuid.as_deref(),
        Some("542df8ed-9be2-49b9-b4db-6d3183ff8ec8")
    );
    assert_eq!(rp.links.len(), 6);
    let rp = response(
        &mut cov,
        "resource_providers/get-resource_provider.json",
        resource_providers::get(RP),
    );
    assert_eq!((rp.uuid.as_str(), rp.generation), (RP, 0));
    let all = response(
        &mut cov,
        "resource_providers/get-resource_providers.json",
        resource_providers::list(&Default::default()),
    );
    assert!(all.len() >= 2 && all.iter().all(|p| !p.uuid.is_empty()));
    let update = UpdateResourceProvider {
        name: "Shared storage".into(),
        parent_provider_uuid: Patch::Set("542df8ed-9be2-49b9-b4db-6d3183ff8ec8".into()),
    };
    request(
        &mut cov,
        "resource_providers/update-resource_provider-request.json",
        resource_providers::update(RP, &update),
    );
    let rp = response(
        &mut cov,
        "resource_providers/update-resource_provider.json",
        resource_providers::update(RP, &update),
    );
    assert_eq!(rp.name, "Shared storage");

    // Aggregates: the 1.1 bare list and the 1.19 body with a generation.
    let agg = response(
        &mut cov,
        "aggregates/get-aggregates.json",
        aggregates::get(RP),
    );
    assert_eq!(
        (agg.aggregates.len(), agg.resource_provider_generation),
        (2, None)
    );
    let agg = response(
        &mut cov,
        "aggregates/get-aggregates-1.19.json",
        aggregates::get(RP),
    );
    assert_eq!(agg.resource_provider_generation, Some(8));
    let old = PutAggregates {
        aggregates: AGG.map(String::from).to_vec(),
        resource_provider_generation: None,
    };
    let new = PutAggregates {
        resource_provider_generation: Some(9),
        ..old.clone()
    };
    request(
        &mut cov,
        "aggregates/update-aggregates-request.json",
        aggregates::put(RP, &old),
    );
    request(
        &mut cov,
        "aggregates/update-aggregates-request-1.19.json",
        aggregates::put(RP, &new),
    );
    let agg = response(
        &mut cov,
        "aggregates/update-aggregates.json",
        aggregates::put(RP, &old),
    );
    assert_eq!(agg.resource_provider_generation, None);
    let agg = response(
        &mut cov,
        "aggregates/update-aggregates-1.19.json",
        aggregates::put(RP, &new),
    );
    assert_eq!(agg.resource_provider_generation, Some(9));

    // Inventories.
    let inv = response(
        &mut cov,
        "inventories/get-inventories.json",
        inventories::list(RP),
    );
    assert_eq!(inv.resource_provider_generation, 7);
    assert_eq!(inv.inventories["MEMORY_MB"].reserved, Some(512));
    assert_eq!(inv.inventories["VCPU"].allocation_ratio, Some(16.0));
    let one = response(
        &mut cov,
        "inventories/get-inventory.json",
        inventories::get(RP, "VCPU"),
    );
    assert_eq!((one.total, one.resource_provider_generation), (4, Some(9)));
    let all = Inventories {
        inventories: [
            (
                "MEMORY_MB".to_string(),
                Inventory {
                    allocation_ratio: Some(2.0),
                    max_unit: Some(16),
                    step_size: Some(4),
                    ..Inventory::total(128)
                },
            ),
            (
                "VCPU".to_string(),
                Inventory {
                    allocation_ratio: Some(10.0),
                    reserved: Some(2),
                    ..Inventory::total(64)
                },
            ),
        ]
        .into(),
        resource_provider_generation: 1,
        ..Default::default()
    };
    request(
        &mut cov,
        "inventories/update-inventories-request.json",
        inventories::put_all(RP, &all),
    );
    let after = response(
        &mut cov,
        "inventories/update-inventories.json",
        inventories::put_all(RP, &all),
    );
    assert_eq!(after.resource_provider_generation, 2);
    assert_eq!(after.inventories["VCPU"].max_unit, Some(2147483647));
    let vcpu = Inventory {
        resource_provider_generation: Some(7),
        ..Inventory::total(50)
    };
    request(
        &mut cov,
        "inventories/update-inventory-request.json",
        inventories::put(RP, "VCPU", &vcpu),
    );
    let one = response(
        &mut cov,
        "inventories/update-inventory.json",
        inventories::put(RP, "VCPU", &vcpu),
    );
    assert_eq!((one.total, one.resource_provider_generation), (50, Some(8)));

    // Provider usages and allocations.
    let u = response(
        &mut cov,
        "resource_provider_usages/get-resource_provider_usages.json",
        usages::provider(RP),
    );
    assert_eq!(
        (u.usages["MEMORY_MB"], u.resource_provider_generation),
        (512, Some(1))
    );
    let a = response(
        &mut cov,
        "resource_provider_allocations/get-resource_provider_allocations.json",
        allocations::for_provider(RP),
    );
    assert_eq!(a.allocations.len(), 3);
    assert_eq!(a.resource_provider_generation, Some(12));

    // Traits.
    let t = response(
        &mut cov,
        "traits/get-traits.json",
        traits::list(&Default::default()),
    );
    assert_eq!(t.len(), 3);
    let pt = response(
        &mut cov,
        "resource_provider_traits/get-resource_provider-traits.json",
        traits::provider(RP),
    );
    assert_eq!(pt.resource_provider_generation, 1);
    let put = ProviderTraits {
        traits: vec![
            "CUSTOM_HW_FPGA_CLASS1".into(),
            "CUSTOM_HW_FPGA_CLASS3".into(),
        ],
        resource_provider_generation: 0,
        ..Default::default()
    };
    request(
        &mut cov,
        "resource_provider_traits/update-resource_provider-traits-request.json",
        traits::put_provider(RP, &put),
    );
    let pt = response(
        &mut cov,
        "resource_provider_traits/update-resource_provider-traits.json",
        traits::put_provider(RP, &put),
    );
    assert_eq!(
        (pt.traits, pt.resource_provider_generation),
        (put.traits.clone(), 1)
    );

    // Resource classes.
    request(
        &mut cov,
        "resource_classes/create-resource_classes-request.json",
        resource_classes::create("CUSTOM_FPGA"),
    );
    let rc = response(
        &mut cov,
        "resource_classes/get-resource_class.json",
        resource_classes::get("CUSTOM_FPGA"),
    );
    assert_eq!(rc.name, "CUSTOM_FPGA");
    let rcs = response(
        &mut cov,
        "resource_classes/get-resource_classes.json",
        resource_classes::list(),
    );
    assert!(rcs.iter().any(|c| c.name == "VCPU"));
    request(
        &mut cov,
        "resource_classes/update-resource_class-request.json",
        resource_classes::rename("CUSTOM_FPGA", "CUSTOM_FPGA_V2"),
    );
    let rc = response(
        &mut cov,
        "resource_classes/update-resource_class.json",
        resource_classes::rename("CUSTOM_FPGA", "CUSTOM_FPGA_V2"),
    );
    assert_eq!(rc.name, "CUSTOM_FPGA_V2");

    // Consumer allocations: read in three shapes, written in four.
    let consumer = "ba8e1ef8-7fa3-41a4-9bb4-d7cb2019899b";
    for (file, generation, ty) in [
        ("allocations/get-allocations.json", None, None),
        ("allocations/get-allocations-1.28.json", Some(1), None),
        (
            "allocations/get-allocations-1.38.json",
            Some(1),
            Some("INSTANCE"),
        ),
    ] {
        let a = response(&mut cov, file, allocations::get(consumer));
        assert_eq!(a.consumer_generation, generation, "{file}");
        assert_eq!(a.consumer_type.as_deref(), ty, "{file}");
        assert_eq!(
            a.allocations["92637880-2d79-43c6-afab-d860886c6391"].generation,
            Some(2)
        );
        assert_eq!(
            a.project_id.as_deref(),
            Some("7e67cbf7-7c38-4a32-b85b-0739c690991a")
        );
    }
    let list_form = PutAllocations {
        allocations: [
            (
                "844ac34d-620e-474c-833c-4c9921251353".to_string(),
                ProviderAllocation::of([("MEMORY_MB", 512), ("VCPU", 2)]),
            ),
            (
                "92637880-2d79-43c6-afab-d860886c6391".to_string(),
                ProviderAllocation::of([("DISK_GB", 5)]),
            ),
        ]
        .into(),
        project_id: s("6e3b2ce9-9175-4830-a862-b9de690bdceb"),
        user_id: s("81c516e3-5e0e-4dcb-9a38-4473d229a950"),
        ..Default::default()
    };
    request(
        &mut cov,
        "allocations/update-allocations-request.json",
        allocations::put_list_form(consumer, &list_form),
    );
    request(
        &mut cov,
        "allocations/update-allocations-request-1.12.json",
        allocations::put(consumer, &put_body(false, false)),
    );
    request(
        &mut cov,
        "allocations/update-allocations-request-1.28.json",
        allocations::put(consumer, &put_body(true, false)),
    );
    request(
        &mut cov,
        "allocations/update-allocations-request-1.38.json",
        allocations::put(consumer, &put_body(true, true)),
    );
    request(
        &mut cov,
        "allocations/manage-allocations-request.json",
        allocations::manage(&manage_body(false, false)),
    );
    request(
        &mut cov,
        "allocations/manage-allocations-request-1.28.json",
        allocations::manage(&manage_body(true, false)),
    );
    request(
        &mut cov,
        "allocations/manage-allocations-request-1.38.json",
        allocations::manage(&manage_body(true, true)),
    );

    // Reshaper.
    request(
        &mut cov,
        "reshaper/post-reshaper-1.30.json",
        reshaper::post(&reshape_body(false)),
    );
    request(
        &mut cov,
        "reshaper/post-reshaper-1.38.json",
        reshaper::post(&reshape_body(true)),
    );

    // Allocation candidates: the 1.10 list form, then provider-keyed with more fields.
    let filter = allocation_candidates::ListAllocationCandidates {
        resources: [("VCPU".to_string(), 1)].into(),
        ..Default::default()
    };
    let c = response(
        &mut cov,
        "allocation_candidates/get-allocation_candidates.json",
        allocation_candidates::list(&filter),
    );
    assert!(matches!(
        c.allocation_requests[0].allocations,
        CandidateAllocations::List(_)
    ));
    assert_eq!(
        c.allocation_requests[0].allocations.by_provider()["30742363-f65e-4012-a60a-43e0bec38f0e"]
            ["MEMORY_MB"],
        512
    );
    assert_eq!(
        c.provider_summaries["30742363-f65e-4012-a60a-43e0bec38f0e"].resources["MEMORY_MB"].used,
        256
    );
    for (file, traits, tree, mappings) in [
        ("get-allocation_candidates-1.12.json", false, false, false),
        ("get-allocation_candidates-1.17.json", true, false, false),
        ("get-allocation_candidates-1.29.json", true, true, false),
        ("get-allocation_candidates-1.34.json", true, true, true),
    ] {
        let c = response(
            &mut cov,
            &format!("allocation_candidates/{file}"),
            allocation_candidates::list(&filter),
        );
        assert!(!c.allocation_requests.is_empty(), "{file}");
        for r in &c.allocation_requests {
            assert!(
                matches!(r.allocations, CandidateAllocations::ByProvider(_)),
                "{file}"
            );
            assert_eq!(r.mappings.is_some(), mappings, "{file}");
        }
        for s in c.provider_summaries.values() {
            assert_eq!(s.traits.is_some(), traits, "{file}");
            assert_eq!(s.root_provider_uuid.is_some(), tree, "{file}");
        }
    }

    // Project usages: totals, then by consumer type (1.38).
    let filter = GetUsages {
        project_id: "7e67cbf7".into(),
        ..Default::default()
    };
    let u = response(&mut cov, "usages/get-usages.json", usages::get(&filter));
    assert!(matches!(&u, Usages::Total(t) if t["VCPU"] == 2));
    let u = response(
        &mut cov,
        "usages/get-usages-1.38.json",
        usages::get(&filter),
    );
    let Usages::ByConsumerType(by) = &u else {
        panic!("{u:?}")
    };
    assert_eq!(by["INSTANCE"].consumer_count, 5);
    assert_eq!(u.total()["VCPU"], 6);

    // Bad input never reaches the wire.
    let svc = svc_for(&pl("inventories/get-inventory.json"));
    assert!(inventories::put(RP, "VCPU", &Inventory::total(1))
        .request(&svc)
        .is_err());
    assert!(allocations::put_list_form(consumer, &put_body(true, false))
        .request(&svc)
        .is_err());
    assert!(resource_providers::get("..").request(&svc).is_err());

    cov.assert_complete("placement", &samples::files_under("placement"));
    assert_eq!(cov.checked(), 49);
}
