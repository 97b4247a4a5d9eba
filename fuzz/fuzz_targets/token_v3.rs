//! Keystone v3 token + catalog: parse, then resolve endpoints as the driver does.
#![no_main]
use ferrocloud::{auth, EndpointOpts, Interface, ServiceType};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut r = ferrocloud_fuzz::resp(201, data);
    r.headers_mut()
        .insert("x-subject-token", http::HeaderValue::from_static("t"));
    let _ = auth::v3::parse_body(data);
    if let Ok(token) = auth::v3::parse(&r) {
        for kind in [
            ServiceType::COMPUTE,
            ServiceType::IDENTITY,
            ServiceType::BLOCK_STORAGE,
        ] {
            for interface in [Interface::Public, Interface::Internal, Interface::Admin] {
                let opts = EndpointOpts::default().interface(interface);
                let _ = token.info.catalog.find(kind, &opts);
                let _ = token
                    .info
                    .catalog
                    .find(kind, &opts.clone().region("RegionThree"));
            }
        }
        let _ = token.info.catalog.regions();
        let _ = format!("{token:?}");
    }
});
