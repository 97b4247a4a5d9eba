//! Identity (Keystone v3 + v2.0 tenants): every list and get parser.
#![no_main]
use ferrocloud::identity::v2::tenants;
use ferrocloud::identity::v3::{
    application_credentials as ac, domains, projects, roles, trusts, users,
};
use ferrocloud::ServiceType;
use ferrocloud_fuzz::{list, op};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|d: &[u8]| {
    let k = ServiceType::IDENTITY;
    list(tenants::list(&Default::default()), k, d);
    list(users::list(&Default::default()), k, d);
    op(users::get("u"), d);
    list(users::list_projects("u"), k, d);
    list(users::list_groups("u"), k, d);
    list(trusts::list(&Default::default()), k, d);
    op(trusts::get("t"), d);
    op(trusts::roles("t"), d);
    list(projects::list(&Default::default()), k, d);
    op(projects::get("p"), d);
    op(projects::TAGS.list("p"), d);
    list(ac::list("u", &Default::default()), k, d);
    op(ac::get("u", "a"), d);
    list(ac::list_access_rules("u"), k, d);
    op(ac::get_access_rule("u", "r"), d);
    list(roles::list(&Default::default()), k, d);
    op(roles::get("r"), d);
    list(roles::list_assignments(&Default::default()), k, d);
    op(roles::get_implied("a", "b"), d);
    op(roles::list_implied("a"), d);
    op(roles::list_inferences(), d);
    list(domains::list(&Default::default()), k, d);
    op(domains::get("d"), d);
});
