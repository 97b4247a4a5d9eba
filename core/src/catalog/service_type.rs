//! [`ServiceType`]: what ferrocloud knows about each OpenStack service kind.

/// A kind of OpenStack service, as named in the service-types authority, with what the
/// SDK needs to talk to it: catalog aliases, the version suffix to add to an unversioned
/// endpoint, and how microversions are sent.
///
/// ```
/// use ferrocloud::ServiceType;
/// assert!(ServiceType::BLOCK_STORAGE.matches("volumev3"));
/// assert_eq!(ServiceType::NETWORK.version_suffix, Some("v2.0"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ServiceType {
    /// The official service type, e.g. `block-storage`.
    pub name: &'static str,
    /// Older catalog types that mean the same service, most preferred first.
    pub aliases: &'static [&'static str],
    /// Added to an endpoint URL that carries no version segment (e.g. `v2.0` for
    /// networking, whose catalog URL is usually the bare host).
    pub version_suffix: Option<&'static str>,
    /// The service name inside `OpenStack-API-Version: <name> <version>`.
    pub microversion_name: Option<&'static str>,
    /// The pre-standard microversion header, sent alongside, e.g.
    /// `X-OpenStack-Nova-API-Version`.
    pub legacy_microversion_header: Option<&'static str>,
}

impl ServiceType {
    /// Identity (Keystone).
    pub const IDENTITY: ServiceType = ServiceType {
        name: "identity",
        aliases: &[],
        version_suffix: Some("v3"),
        microversion_name: None,
        legacy_microversion_header: None,
    };
    /// Compute (Nova).
    pub const COMPUTE: ServiceType = ServiceType {
        name: "compute",
        aliases: &[],
        version_suffix: Some("v2.1"),
        microversion_name: Some("compute"),
        legacy_microversion_header: Some("X-OpenStack-Nova-API-Version"),
    };
    /// Networking (Neutron).
    pub const NETWORK: ServiceType = ServiceType {
        name: "network",
        aliases: &[],
        version_suffix: Some("v2.0"),
        microversion_name: None,
        legacy_microversion_header: None,
    };
    /// Block storage (Cinder).
    pub const BLOCK_STORAGE: ServiceType = ServiceType {
        name: "block-storage",
        aliases: &["volumev3", "volumev2", "volume", "block-store"],
        version_suffix: Some("v3"),
        microversion_name: Some("volume"),
        legacy_microversion_header: None,
    };
    /// Image (Glance).
    pub const IMAGE: ServiceType = ServiceType {
        name: "image",
        aliases: &[],
        version_suffix: Some("v2"),
        microversion_name: None,
        legacy_microversion_header: None,
    };
    /// Orchestration (Heat).
    pub const ORCHESTRATION: ServiceType = ServiceType {
        name: "orchestration",
        aliases: &[],
        version_suffix: Some("v1"),
        microversion_name: None,
        legacy_microversion_header: None,
    };
    /// Load balancing (Octavia).
    pub const LOAD_BALANCER: ServiceType = ServiceType {
        name: "load-balancer",
        aliases: &[],
        version_suffix: Some("v2"),
        microversion_name: None,
        legacy_microversion_header: None,
    };
    /// Container infrastructure (Magnum).
    pub const CONTAINER_INFRA: ServiceType = ServiceType {
        name: "container-infrastructure-management",
        aliases: &["container-infra", "container-infrastructure", "container"],
        version_suffix: Some("v1"),
        microversion_name: Some("container-infra"),
        legacy_microversion_header: Some("X-OpenStack-Magnum-API-Version"),
    };
    /// Placement.
    pub const PLACEMENT: ServiceType = ServiceType {
        name: "placement",
        aliases: &[],
        version_suffix: None,
        microversion_name: Some("placement"),
        legacy_microversion_header: None,
    };
    /// Object storage (Swift).
    pub const OBJECT_STORE: ServiceType = ServiceType {
        name: "object-store",
        aliases: &[],
        version_suffix: Some("v1"),
        microversion_name: None,
        legacy_microversion_header: None,
    };
    /// Shared file systems (Manila).
    pub const SHARED_FILE_SYSTEM: ServiceType = ServiceType {
        name: "shared-file-system",
        aliases: &["sharev2", "share"],
        version_suffix: Some("v2"),
        microversion_name: Some("sharev2"),
        legacy_microversion_header: Some("X-OpenStack-Manila-API-Version"),
    };
    /// DNS (Designate).
    pub const DNS: ServiceType = ServiceType {
        name: "dns",
        aliases: &[],
        version_suffix: Some("v2"),
        microversion_name: None,
        legacy_microversion_header: None,
    };
    /// Key manager (Barbican).
    pub const KEY_MANAGER: ServiceType = ServiceType {
        name: "key-manager",
        aliases: &[],
        version_suffix: Some("v1"),
        microversion_name: None,
        legacy_microversion_header: None,
    };
    /// Bare metal (Ironic).
    pub const BAREMETAL: ServiceType = ServiceType {
        name: "baremetal",
        aliases: &["bare-metal"],
        version_suffix: Some("v1"),
        microversion_name: Some("baremetal"),
        legacy_microversion_header: Some("X-OpenStack-Ironic-API-Version"),
    };

    /// Every service type ferrocloud knows.
    pub const ALL: &'static [ServiceType] = &[
        Self::IDENTITY,
        Self::COMPUTE,
        Self::NETWORK,
        Self::BLOCK_STORAGE,
        Self::IMAGE,
        Self::ORCHESTRATION,
        Self::LOAD_BALANCER,
        Self::CONTAINER_INFRA,
        Self::PLACEMENT,
        Self::OBJECT_STORE,
        Self::SHARED_FILE_SYSTEM,
        Self::DNS,
        Self::KEY_MANAGER,
        Self::BAREMETAL,
    ];

    /// `true` when a catalog entry of type `catalog_type` is this service.
    pub fn matches(&self, catalog_type: &str) -> bool {
        self.name == catalog_type || self.aliases.contains(&catalog_type)
    }

    /// Where `catalog_type` ranks: 0 for the official name, then the aliases in order.
    pub fn rank(&self, catalog_type: &str) -> Option<usize> {
        if self.name == catalog_type {
            return Some(0);
        }
        self.aliases
            .iter()
            .position(|a| *a == catalog_type)
            .map(|p| p + 1)
    }

    /// The known service type for a catalog type or alias, if any.
    pub fn lookup(catalog_type: &str) -> Option<ServiceType> {
        Self::ALL.iter().copied().find(|s| s.matches(catalog_type))
    }
}
