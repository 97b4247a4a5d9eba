//! Load balancing (Octavia): load balancers, listeners, pools + members, health
//! monitors, L7 policies + rules.
#![no_main]
use ferrocloud::load_balancer::{health_monitors, l7policies, listeners, loadbalancers, pools};
use ferrocloud::ServiceType;
use ferrocloud_fuzz::{list, op};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|d: &[u8]| {
    let k = ServiceType::LOAD_BALANCER;
    list(loadbalancers::list(&Default::default()), k, d);
    op(loadbalancers::get("l"), d);
    list(listeners::list(&Default::default()), k, d);
    op(listeners::get("l"), d);
    list(pools::list(&Default::default()), k, d);
    op(pools::get("p"), d);
    list(pools::list_members("p", &Default::default()), k, d);
    op(pools::get_member("p", "m"), d);
    list(health_monitors::list(&Default::default()), k, d);
    op(health_monitors::get("h"), d);
    list(l7policies::list(&Default::default()), k, d);
    op(l7policies::get("l"), d);
    list(l7policies::list_rules("l", &Default::default()), k, d);
    op(l7policies::get_rule("l", "r"), d);
});
