//! Networking (Neutron): networks, subnets, ports, routers, floating IPs, security
//! groups and rules.
#![no_main]
use ferrocloud::network::{
    floating_ips, networks, ports, routers, security_group_rules, security_groups, subnets,
};
use ferrocloud::ServiceType;
use ferrocloud_fuzz::{list, op};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|d: &[u8]| {
    let k = ServiceType::NETWORK;
    list(networks::list(&Default::default()), k, d);
    op(networks::get("n"), d);
    list(subnets::list(&Default::default()), k, d);
    op(subnets::get("s"), d);
    list(ports::list(&Default::default()), k, d);
    op(ports::get("p"), d);
    list(routers::list(&Default::default()), k, d);
    op(routers::get("r"), d);
    list(floating_ips::list(&Default::default()), k, d);
    op(floating_ips::get("f"), d);
    list(security_groups::list(&Default::default()), k, d);
    op(security_groups::get("g"), d);
    list(security_group_rules::list(&Default::default()), k, d);
    op(security_group_rules::get("r"), d);
});
