//! Placement against the real local cloud: a provider with inventories, traits and
//! aggregates; a consumer's allocations (generation-safe, with a consumer type), moved
//! to a second consumer in one `POST /allocations`; usages of the provider and of the
//! project; allocation candidates and filtered listings that find the provider; stale
//! generations answered with a typed generation conflict. Then a provider tree
//! (re-parenting at 1.37), a renamed resource class (1.2), aggregates and allocations in
//! their oldest forms. Everything created is deleted, even when an assertion fails.

use std::collections::BTreeMap;

use ferrocloud::placement::aggregates::{self, PutAggregates};
use ferrocloud::placement::allocation_candidates::{self, ListAllocationCandidates};
use ferrocloud::placement::allocations::{self, ProviderAllocation, PutAllocations};
use ferrocloud::placement::inventories::{self, Inventories, Inventory};
use ferrocloud::placement::reshaper::{self, Reshape, ReshapeInventories};
use ferrocloud::placement::resource_providers::{
    self, CreateResourceProvider, ListResourceProviders, UpdateResourceProvider,
};
use ferrocloud::placement::traits::{self, ProviderTraits};
use ferrocloud::placement::usages::{self, GetUsages};
use ferrocloud::placement::{self, resource_classes, ConsumerGeneration, MAX_MICROVERSION};
use ferrocloud::{Error, Patch, Service};
use ferrocloud_native::HyperTransport;
use ferrocloud_tests::cloud;

use crate::support;

/// A UUID (version 4 layout) derived from a unique name.
fn uuid_for(name: &str) -> String {
    let mut b = md5::compute(name).0;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// `CUSTOM_FERRO_<WHAT>_…`: a custom trait or resource class name no other run uses.
fn custom(what: &str) -> String {
    format!(
        "CUSTOM_{}",
        cloud::unique(what).to_uppercase().replace('-', "_")
    )
}

struct Names {
    rp: String,
    trait_name: String,
    rc: String,
    aggregate: String,
    consumer: String,
    migration: String,
    project: String,
    user: String,
}

fn conflict(what: &str, r: Result<impl std::fmt::Debug, Error>) -> Error {
    let e = r.expect_err(&format!("{what}: a stale write must fail"));
    assert!(e.is_conflict(), "{what}: {e}");
    e
}

async fn flow(p: &Service<HyperTransport>, n: &Names) {
    let server = p.call(&placement::versions()).await.unwrap();
    assert!(server
        .iter()
        .any(|v| v.max_version.as_deref() == Some(MAX_MICROVERSION)));

    // Custom resource class and trait.
    p.call(&resource_classes::ensure(&n.rc)).await.unwrap();
    assert_eq!(
        p.call(&resource_classes::get(&n.rc)).await.unwrap().name,
        n.rc
    );
    p.call(&traits::put(&n.trait_name)).await.unwrap();
    p.call(&traits::get(&n.trait_name)).await.unwrap();
    let custom = p
        .collect_all(traits::list(&traits::ListTraits {
            name: Some(format!("in:{},HW_CPU_X86_AVX2", n.trait_name)),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(custom.len(), 2, "{custom:?}");

    // The provider.
    let rp = p
        .call(&resource_providers::create(&CreateResourceProvider {
            name: n.rp.clone(),
            uuid: Some(uuid_for(&n.rp)),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(
        (rp.uuid.as_str(), rp.generation),
        (uuid_for(&n.rp).as_str(), 0)
    );
    assert_eq!(rp.root_provider_uuid.as_deref(), Some(rp.uuid.as_str()));

    // Inventories: all at once, then one class.
    let inv = p
        .call(&inventories::put_all(
            &rp.uuid,
            &Inventories {
                inventories: [
                    (
                        "VCPU".to_string(),
                        Inventory {
                            allocation_ratio: Some(2.0),
                            ..Inventory::total(8)
                        },
                    ),
                    ("MEMORY_MB".to_string(), Inventory::total(4096)),
                    (n.rc.clone(), Inventory::total(4)),
                ]
                .into(),
                resource_provider_generation: rp.generation,
                ..Default::default()
            },
        ))
        .await
        .unwrap();
    assert_eq!(inv.inventories.len(), 3);
    assert_eq!(inv.inventories["VCPU"].max_unit, Some(2147483647));
    let stale = inv.resource_provider_generation;
    let mem = p
        .call(&inventories::put(
            &rp.uuid,
            "MEMORY_MB",
            &Inventory {
                resource_provider_generation: Some(stale),
                reserved: Some(512),
                ..Inventory::total(8192)
            },
        ))
        .await
        .unwrap();
    assert_eq!((mem.total, mem.reserved), (8192, Some(512)));
    let vcpu = p.call(&inventories::get(&rp.uuid, "VCPU")).await.unwrap();
    assert_eq!((vcpu.total, vcpu.allocation_ratio), (8, Some(2.0)));

    // Generation conflicts: a write with the generation read before the last change.
    let e = conflict(
        "inventories with a stale generation",
        p.call(&inventories::put_all(
            &rp.uuid,
            &Inventories {
                resource_provider_generation: stale,
                ..inv.clone()
            },
        ))
        .await,
    );
    assert!(e.is_generation_conflict(), "{e}");
    assert_eq!(
        e.http().unwrap().fault.kind.as_deref(),
        Some("placement.concurrent_update")
    );
    // Before 1.23 Placement sends no error code: the message still tells.
    let e = conflict(
        "inventories with a stale generation at 1.22",
        p.call(
            &inventories::put_all(
                &rp.uuid,
                &Inventories {
                    resource_provider_generation: stale,
                    ..inv.clone()
                },
            )
            .microversion("1.22"),
        )
        .await,
    );
    assert!(
        e.is_generation_conflict(),
        "{e} ({:?})",
        e.http().unwrap().fault
    );

    // Traits and aggregates, each write carrying the generation the last one answered.
    let gen = mem.resource_provider_generation.unwrap();
    let t = p
        .call(&traits::put_provider(
            &rp.uuid,
            &ProviderTraits {
                traits: vec![n.trait_name.clone(), "HW_CPU_X86_AVX2".into()],
                resource_provider_generation: gen,
                ..Default::default()
            },
        ))
        .await
        .unwrap();
    let e = conflict(
        "traits with a stale generation",
        p.call(&traits::put_provider(
            &rp.uuid,
            &ProviderTraits {
                traits: vec![],
                resource_provider_generation: gen,
                ..Default::default()
            },
        ))
        .await,
    );
    assert!(e.is_generation_conflict(), "{e}");
    let agg = p
        .call(&aggregates::put(
            &rp.uuid,
            &PutAggregates {
                aggregates: vec![n.aggregate.clone()],
                resource_provider_generation: Some(t.resource_provider_generation),
            },
        ))
        .await
        .unwrap();
    assert_eq!(agg.aggregates, std::slice::from_ref(&n.aggregate));
    let got = p.call(&aggregates::get(&rp.uuid)).await.unwrap();
    assert_eq!(
        got.resource_provider_generation,
        agg.resource_provider_generation
    );
    let mut got_traits = p.call(&traits::provider(&rp.uuid)).await.unwrap().traits;
    got_traits.sort();
    assert!(got_traits.contains(&n.trait_name), "{got_traits:?}");

    // Listings with every filter find it.
    let found = p
        .collect_all(resource_providers::list(&ListResourceProviders {
            name: Some(n.rp.clone()),
            uuid: Some(rp.uuid.clone()),
            member_of: vec![format!("in:{}", n.aggregate)],
            resources: [("VCPU".to_string(), 2), (n.rc.clone(), 1)].into(),
            in_tree: Some(rp.uuid.clone()),
            required: vec![format!("{},!COMPUTE_STATUS_DISABLED", n.trait_name)],
        }))
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let none = p
        .collect_all(resource_providers::list(&ListResourceProviders {
            in_tree: Some(rp.uuid.clone()),
            resources: [("VCPU".to_string(), 17)].into(),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert!(none.is_empty(), "16 VCPU of capacity: {none:?}");
    let candidates = p
        .call(&allocation_candidates::list(&ListAllocationCandidates {
            resources: [("VCPU".to_string(), 2), (n.rc.clone(), 1)].into(),
            required: vec![n.trait_name.clone()],
            member_of: vec![n.aggregate.clone()],
            limit: Some(5),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(candidates.allocation_requests.len(), 1, "{candidates:?}");
    let request = &candidates.allocation_requests[0];
    assert_eq!(request.allocations.by_provider()[&rp.uuid]["VCPU"], 2);
    assert!(request.mappings.is_some());
    let summary = &candidates.provider_summaries[&rp.uuid];
    assert_eq!(summary.resources["VCPU"].capacity, 16);
    assert!(summary.traits.as_ref().unwrap().contains(&n.trait_name));

    // Allocate for a new consumer (1.38 body: generation and type).
    let mut put = PutAllocations {
        allocations: [(
            rp.uuid.clone(),
            ProviderAllocation::of([("VCPU", 2), ("MEMORY_MB", 1024), (n.rc.as_str(), 1)]),
        )]
        .into(),
        project_id: Some(n.project.clone()),
        user_id: Some(n.user.clone()),
        consumer_generation: Some(ConsumerGeneration::New),
        consumer_type: Some("INSTANCE".into()),
    };
    p.call(&allocations::put(&n.consumer, &put)).await.unwrap();
    let a = p.call(&allocations::get(&n.consumer)).await.unwrap();
    assert_eq!(a.allocations[&rp.uuid].resources["MEMORY_MB"], 1024);
    assert_eq!(a.consumer_type.as_deref(), Some("INSTANCE"));
    assert_eq!(a.project_id.as_deref(), Some(n.project.as_str()));
    let consumer_gen = a.consumer_generation.expect("consumer generation at 1.39");
    // "New" again: the consumer exists now.
    let e = conflict(
        "allocations for a consumer that is not new",
        p.call(&allocations::put(&n.consumer, &put)).await,
    );
    assert!(e.is_generation_conflict(), "{e}");
    // A conflict that is not about generations: deleting a provider in use.
    let e = conflict(
        "deleting a provider with allocations",
        p.call(&resource_providers::delete(&rp.uuid)).await,
    );
    assert!(!e.is_generation_conflict(), "{e}");

    // Usages.
    let u = p.call(&usages::provider(&rp.uuid)).await.unwrap();
    assert_eq!((u.usages["VCPU"], u.usages[&n.rc]), (2, 1));
    let by_rp = p.call(&allocations::for_provider(&rp.uuid)).await.unwrap();
    assert_eq!(by_rp.allocations[&n.consumer].resources["VCPU"], 2);
    let totals = p
        .call(&usages::get(&GetUsages {
            project_id: n.project.clone(),
            user_id: Some(n.user.clone()),
            consumer_type: Some("INSTANCE".into()),
        }))
        .await
        .unwrap();
    assert!(totals.total()[&n.rc] == 1, "{totals:?}");

    // Move the allocations to a "migration" consumer in one call.
    put.consumer_generation = Some(ConsumerGeneration::Is(consumer_gen));
    let mut moved = put.clone();
    moved.consumer_generation = Some(ConsumerGeneration::New);
    moved.consumer_type = Some("MIGRATION".into());
    let batch: BTreeMap<String, PutAllocations> = [
        (
            n.consumer.clone(),
            PutAllocations {
                allocations: BTreeMap::new(),
                ..put.clone()
            },
        ),
        (n.migration.clone(), moved),
    ]
    .into();
    p.call(&allocations::manage(&batch)).await.unwrap();
    let m = p.call(&allocations::get(&n.migration)).await.unwrap();
    assert_eq!(m.consumer_type.as_deref(), Some("MIGRATION"));
    assert_eq!(m.allocations[&rp.uuid].resources["VCPU"], 2);
    let gone = p.call(&allocations::get(&n.consumer)).await.unwrap();
    assert!(gone.allocations.is_empty(), "{gone:?}");
    // The same batch again: the first consumer's generation is stale now.
    let e = conflict(
        "the same batch again",
        p.call(&allocations::manage(&batch)).await,
    );
    assert!(e.is_generation_conflict(), "{e}");

    p.call(&allocations::delete(&n.migration)).await.unwrap();
    p.call(&traits::delete_provider(&rp.uuid)).await.unwrap();
    p.call(&inventories::delete(&rp.uuid, &n.rc)).await.unwrap();
    p.call(&inventories::delete_all(&rp.uuid)).await.unwrap();
    let left = p.call(&inventories::list(&rp.uuid)).await.unwrap();
    assert!(left.inventories.is_empty(), "{left:?}");
}

async fn cleanup(p: &Service<HyperTransport>, n: &Names) {
    for consumer in [&n.consumer, &n.migration] {
        let _ = p.call(&allocations::delete(consumer)).await;
    }
    let _ = p.call(&resource_providers::delete(&uuid_for(&n.rp))).await;
    let _ = p.call(&traits::delete(&n.trait_name)).await;
    let _ = p.call(&resource_classes::delete(&n.rc)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn placement_provider_lifecycle_and_generation_conflicts() {
    let admin = cloud::admin();
    let (project, user) = support::project_and_user(admin.client()).await;
    let p = admin.placement().microversion(MAX_MICROVERSION);
    let n = Names {
        rp: cloud::unique("rp"),
        trait_name: custom("trait"),
        rc: custom("rc"),
        aggregate: uuid_for(&cloud::unique("aggregate")),
        consumer: uuid_for(&cloud::unique("consumer")),
        migration: uuid_for(&cloud::unique("migration")),
        project,
        user,
    };
    support::guarded(flow(&p, &n), cleanup(&p, &n)).await;
    // Nothing is left behind.
    let rp = p.call(&resource_providers::get(&uuid_for(&n.rp))).await;
    assert!(rp.as_ref().is_err_and(Error::is_not_found), "{rp:?}");
    let t = p.call(&traits::get(&n.trait_name)).await;
    assert!(t.as_ref().is_err_and(Error::is_not_found), "{t:?}");
    let rc = p.call(&resource_classes::get(&n.rc)).await;
    assert!(rc.as_ref().is_err_and(Error::is_not_found), "{rc:?}");
    for c in [&n.consumer, &n.migration] {
        let a = p.call(&allocations::get(c)).await.unwrap();
        assert!(a.allocations.is_empty(), "{a:?}");
    }
}

/// Names of the tree test.
struct Tree {
    root: String,
    child: String,
    rc: String,
    renamed: String,
    aggregate: String,
    consumer: String,
    project: String,
    user: String,
}

async fn tree_flow(p: &Service<HyperTransport>, n: &Tree) {
    let (root_id, child_id) = (uuid_for(&n.root), uuid_for(&n.child));
    let root = p
        .call(&resource_providers::create(&CreateResourceProvider {
            name: n.root.clone(),
            uuid: Some(root_id.clone()),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(root.parent_provider_uuid, None);
    let child = p
        .call(&resource_providers::create(&CreateResourceProvider {
            name: n.child.clone(),
            uuid: Some(child_id.clone()),
            parent_provider_uuid: Some(root_id.clone()),
        }))
        .await
        .unwrap();
    assert_eq!(child.root_provider_uuid.as_deref(), Some(root_id.as_str()));

    // Un-parent and re-parent (1.37), renaming on the way.
    let alone = p
        .call(&resource_providers::update(
            &child_id,
            &UpdateResourceProvider {
                name: format!("{}-alone", n.child),
                parent_provider_uuid: Patch::Null,
            },
        ))
        .await
        .unwrap();
    assert_eq!(alone.parent_provider_uuid, None);
    assert_eq!(alone.root_provider_uuid.as_deref(), Some(child_id.as_str()));
    let back = p
        .call(&resource_providers::update(
            &child_id,
            &UpdateResourceProvider {
                name: n.child.clone(),
                parent_provider_uuid: Patch::Set(root_id.clone()),
            },
        ))
        .await
        .unwrap();
    assert_eq!(back.parent_provider_uuid.as_deref(), Some(root_id.as_str()));
    let tree = p
        .collect_all(resource_providers::list(&ListResourceProviders {
            in_tree: Some(child_id.clone()),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(tree.len(), 2, "{tree:?}");

    // Resource class: POST, rename (1.2 body), get.
    p.call(&resource_classes::create(&n.rc)).await.unwrap();
    let renamed = p
        .call(&resource_classes::rename(&n.rc, &n.renamed))
        .await
        .unwrap();
    assert_eq!(renamed.name, n.renamed);
    let old = p.call(&resource_classes::get(&n.rc)).await;
    assert!(old.as_ref().is_err_and(Error::is_not_found), "{old:?}");
    let all = p.collect_all(resource_classes::list()).await.unwrap();
    assert!(all.iter().any(|c| c.name == n.renamed));

    // Aggregates in the 1.1 form (no generation).
    let agg = p
        .call(&aggregates::put(
            &root_id,
            &PutAggregates {
                aggregates: vec![n.aggregate.clone()],
                resource_provider_generation: None,
            },
        ))
        .await
        .unwrap();
    assert_eq!(agg.resource_provider_generation, None);
    let agg = p.call(&aggregates::get(&root_id)).await.unwrap();
    assert_eq!(agg.aggregates, std::slice::from_ref(&n.aggregate));
    assert!(agg.resource_provider_generation.is_some());

    // Inventory on the root, an allocation in the 1.0-1.11 list form (sent at 1.8).
    let inv = p.call(&inventories::list(&root_id)).await.unwrap();
    let one = Inventory {
        resource_provider_generation: Some(inv.resource_provider_generation),
        ..Inventory::total(8)
    };
    let e = p.call(&inventories::put(&root_id, "VCPU", &one)).await;
    assert!(
        e.as_ref().is_err_and(Error::is_bad_request),
        "put one adds nothing: {e:?}"
    );
    p.call(&inventories::put_all(
        &root_id,
        &Inventories {
            inventories: [("VCPU".to_string(), Inventory::total(8))].into(),
            resource_provider_generation: inv.resource_provider_generation,
            ..Default::default()
        },
    ))
    .await
    .unwrap();
    let old_form = PutAllocations {
        allocations: [(root_id.clone(), ProviderAllocation::of([("VCPU", 2)]))].into(),
        project_id: Some(n.project.clone()),
        user_id: Some(n.user.clone()),
        ..Default::default()
    };
    p.call(&allocations::put_list_form(&n.consumer, &old_form))
        .await
        .unwrap();
    let a = p.call(&allocations::get(&n.consumer)).await.unwrap();
    assert_eq!(a.allocations[&root_id].resources["VCPU"], 2);
    let consumer_gen = a.consumer_generation.expect("consumer generation");

    // Reshape: the VCPU inventory and the allocation would move from the root to the child.
    let root_gen = p
        .call(&inventories::list(&root_id))
        .await
        .unwrap()
        .resource_provider_generation;
    let child_gen = p
        .call(&inventories::list(&child_id))
        .await
        .unwrap()
        .resource_provider_generation;
    let reshape = Reshape {
        inventories: [
            (
                root_id.clone(),
                ReshapeInventories {
                    inventories: BTreeMap::new(),
                    resource_provider_generation: Some(root_gen),
                },
            ),
            (
                child_id.clone(),
                ReshapeInventories {
                    inventories: [("VCPU".to_string(), Inventory::total(8))].into(),
                    resource_provider_generation: Some(child_gen),
                },
            ),
        ]
        .into(),
        allocations: [(
            n.consumer.clone(),
            PutAllocations {
                allocations: [(child_id.clone(), ProviderAllocation::of([("VCPU", 2)]))].into(),
                consumer_generation: Some(ConsumerGeneration::Is(consumer_gen)),
                consumer_type: Some("INSTANCE".into()),
                ..old_form.clone()
            },
        )]
        .into(),
    };
    // The reshaper is for services (Nova's compute manager): its default policy wants the
    // `service` role, which the admin user of the local cloud does not have. The body
    // itself is checked against both official samples in placement_samples.
    let refused = p.call(&reshaper::post(&reshape)).await;
    let e = refused.expect_err("reshaper needs the service role");
    assert!(e.is_forbidden(), "{e}");
    assert!(e.to_string().contains("placement:reshaper:reshape"), "{e}");
    let still = p.call(&usages::provider(&root_id)).await.unwrap();
    assert_eq!(still.usages["VCPU"], 2);
}

async fn tree_cleanup(p: &Service<HyperTransport>, n: &Tree) {
    let _ = p.call(&allocations::delete(&n.consumer)).await;
    for rp in [&n.child, &n.root] {
        let _ = p.call(&resource_providers::delete(&uuid_for(rp))).await;
    }
    for rc in [&n.rc, &n.renamed] {
        let _ = p.call(&resource_classes::delete(rc)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn placement_tree_reshape_and_older_forms() {
    let admin = cloud::admin();
    let (project, user) = support::project_and_user(admin.client()).await;
    let p = admin.placement().microversion(MAX_MICROVERSION);
    let n = Tree {
        root: cloud::unique("root"),
        child: cloud::unique("child"),
        rc: custom("rc"),
        renamed: custom("renamed"),
        aggregate: uuid_for(&cloud::unique("aggregate")),
        consumer: uuid_for(&cloud::unique("consumer")),
        project,
        user,
    };
    support::guarded(tree_flow(&p, &n), tree_cleanup(&p, &n)).await;
    for rp in [&n.child, &n.root] {
        let got = p.call(&resource_providers::get(&uuid_for(rp))).await;
        assert!(got.as_ref().is_err_and(Error::is_not_found), "{got:?}");
    }
    for rc in [&n.rc, &n.renamed] {
        let got = p.call(&resource_classes::get(rc)).await;
        assert!(got.as_ref().is_err_and(Error::is_not_found), "{got:?}");
    }
    let a = p.call(&allocations::get(&n.consumer)).await.unwrap();
    assert!(a.allocations.is_empty(), "{a:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_fake_nova_computes_provider_inventory_and_usages_read() {
    // Nova's fake driver reports its compute node to Placement: a root provider with
    // VCPU, MEMORY_MB and DISK_GB inventory, whose usages cover the servers on it.
    let admin = cloud::admin();
    let placement = admin.placement();
    let providers = placement
        .collect_all(resource_providers::list(&Default::default()))
        .await
        .expect("providers");
    let mut found = None;
    for p in providers
        .iter()
        .filter(|p| p.parent_provider_uuid.is_none())
    {
        let inv = placement
            .call(&inventories::list(&p.uuid))
            .await
            .expect("inventories");
        if inv.inventories.contains_key("VCPU") {
            found = Some((p, inv));
            break;
        }
    }
    let (compute, inventory) =
        found.unwrap_or_else(|| panic!("no compute node provider among {providers:?}"));
    for class in ["VCPU", "MEMORY_MB", "DISK_GB"] {
        let inv = inventory
            .inventories
            .get(class)
            .unwrap_or_else(|| panic!("{class} missing from {:?}", inventory.inventories));
        assert!(inv.total > 0, "{class}: {inv:?}");
    }
    assert_eq!(inventory.resource_provider_generation, compute.generation);
    let used = placement
        .call(&usages::provider(&compute.uuid))
        .await
        .expect("usages");
    for class in ["VCPU", "MEMORY_MB", "DISK_GB"] {
        assert!(
            used.usages.contains_key(class),
            "{class}: {:?}",
            used.usages
        );
    }
    // The seeded demo servers run on it: something is in use.
    assert!(
        used.usages.get("VCPU").copied().unwrap_or_default() > 0,
        "{:?}",
        used.usages
    );
}
