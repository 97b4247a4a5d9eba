//! Keystone v2.0 token + catalog (`access`): parse, then resolve endpoints.
#![no_main]
use ferrocloud::{auth, EndpointOpts, ServiceType};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(token) = auth::v2::parse(&ferrocloud_fuzz::resp(200, data)) {
        let _ = token
            .info
            .catalog
            .find(ServiceType::COMPUTE, &EndpointOpts::default());
        let _ = token.info.catalog.find(
            ServiceType::IMAGE,
            &EndpointOpts::default().region("RegionOne"),
        );
    }
});
