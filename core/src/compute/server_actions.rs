//! Server actions (`POST /servers/{server_id}/action`): reboot, rebuild, resize with
//! confirm and revert, start/stop, pause/unpause, suspend/resume, lock/unlock,
//! shelve/unshelve and offload, create image and backup, rescue/unrescue, change admin password, security
//! groups, floating IPs, migrate/live-migrate, evacuate, reset state, network info and
//! trigger crash dump. Consoles are in [`server_consoles`](super::server_consoles);
//! force-delete and restore in [`servers`](super::servers).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::{server_actions as act, servers};
//! use ferrocloud::Wait;
//! let nova = client.compute().microversion("2.90");
//! nova.call(&act::reboot("3f6a", act::RebootType::Soft)).await?;
//! nova.call(&act::resize("3f6a", "2", None)).await?;
//! nova.wait_for_status(&servers::get("3f6a"), &[servers::ServerStatus::VerifyResize], &[servers::ServerStatus::Error], Wait::default()).await?;
//! nova.call(&act::confirm_resize("3f6a")).await?;
//! let image_id = nova.call(&act::create_image("3f6a", "snap", &Default::default())).await?;
//! # Ok(()) }
//! ```

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::servers::{base64, DiskConfig, Personality, Server};
use crate::{path, Error, InvalidInput, Metadata, Op, Patch, Result, Secret};

/// `POST /servers/{server_id}/action` with `{"<name>": body}` (`&()` sends `null`).
pub(crate) fn action<B: Serialize + ?Sized>(
    server_id: &str,
    name: &'static str,
    body: &B,
) -> Op<()> {
    Op::action(path!("servers/{}/action", server_id), name, body)
}

/// An action with a `null` argument whose answer carries nothing.
fn simple(server_id: &str, name: &'static str) -> Op<()> {
    action(server_id, name, &())
}

/// How to reboot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RebootType {
    /// Ask the guest OS to restart.
    Soft,
    /// Power-cycle the server.
    Hard,
}

/// `reboot`.
pub fn reboot(server_id: &str, kind: RebootType) -> Op<()> {
    #[derive(Serialize)]
    struct Body {
        #[serde(rename = "type")]
        kind: RebootType,
    }
    action(server_id, "reboot", &Body { kind })
}

/// The body of [`rebuild`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Rebuild {
    /// Image to rebuild from (`imageRef`, required).
    #[serde(rename = "imageRef")]
    pub image_ref: String,
    /// New name.
    pub name: Option<String>,
    /// New admin password.
    #[serde(rename = "adminPass")]
    pub admin_pass: Option<Secret>,
    /// Replaces the metadata.
    pub metadata: Option<Metadata>,
    /// Public IPv4 (`accessIPv4`).
    #[serde(rename = "accessIPv4")]
    pub access_ip_v4: Option<String>,
    /// Public IPv6 (`accessIPv6`).
    #[serde(rename = "accessIPv6")]
    pub access_ip_v6: Option<String>,
    /// Disk config (`OS-DCF:diskConfig`).
    #[serde(rename = "OS-DCF:diskConfig")]
    pub disk_config: Option<DiskConfig>,
    /// Injected files (before 2.57).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub personality: Vec<Personality>,
    /// Keep the ephemeral disk.
    pub preserve_ephemeral: Option<bool>,
    /// Description, or `Null` to clear it (2.19+).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
    /// Keypair, or `Null` to remove it (2.54+).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub key_name: Patch<String>,
    /// User data, raw (ferrocloud base64-encodes it), or `Null` to remove it (2.57+).
    #[serde(skip_serializing_if = "Patch::is_keep", serialize_with = "user_data")]
    pub user_data: Patch<Vec<u8>>,
    /// Trusted certificates, or `Null` to reset them (2.63+).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub trusted_image_certificates: Patch<Vec<String>>,
    /// Guest hostname (2.90+).
    pub hostname: Option<String>,
}

fn user_data<S: serde::Serializer>(
    v: &Patch<Vec<u8>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match v {
        Patch::Set(d) => s.serialize_str(&base64(d)),
        _ => s.serialize_none(),
    }
}

/// `rebuild`: reinstalls the server from an image; answers the server.
pub fn rebuild(server_id: &str, opts: &Rebuild) -> Op<Server> {
    action(server_id, "rebuild", opts)
        .check(InvalidInput::require(
            !opts.image_ref.is_empty(),
            "image_ref",
            "rebuild needs an image",
        ))
        .decode_key("server")
}

/// `resize` to another flavor; then [`confirm_resize`] or [`revert_resize`] once the
/// server is `VERIFY_RESIZE`.
pub fn resize(server_id: &str, flavor_ref: &str, disk_config: Option<DiskConfig>) -> Op<()> {
    #[serde_with::skip_serializing_none]
    #[derive(Serialize)]
    struct Body<'a> {
        #[serde(rename = "flavorRef")]
        flavor_ref: &'a str,
        #[serde(rename = "OS-DCF:diskConfig")]
        disk_config: Option<DiskConfig>,
    }
    action(
        server_id,
        "resize",
        &Body {
            flavor_ref,
            disk_config,
        },
    )
    .check(InvalidInput::require(
        !flavor_ref.is_empty(),
        "flavor_ref",
        "resize needs a flavor",
    ))
}

/// `confirmResize`.
pub fn confirm_resize(server_id: &str) -> Op<()> {
    simple(server_id, "confirmResize")
}

/// `revertResize`.
pub fn revert_resize(server_id: &str) -> Op<()> {
    simple(server_id, "revertResize")
}

/// `os-start`.
pub fn start(server_id: &str) -> Op<()> {
    simple(server_id, "os-start")
}

/// `os-stop`.
pub fn stop(server_id: &str) -> Op<()> {
    simple(server_id, "os-stop")
}

/// `pause`.
pub fn pause(server_id: &str) -> Op<()> {
    simple(server_id, "pause")
}

/// `unpause`.
pub fn unpause(server_id: &str) -> Op<()> {
    simple(server_id, "unpause")
}

/// `suspend`.
pub fn suspend(server_id: &str) -> Op<()> {
    simple(server_id, "suspend")
}

/// `resume`.
pub fn resume(server_id: &str) -> Op<()> {
    simple(server_id, "resume")
}

/// `lock`, with a reason from 2.73 (`None` sends `{"lock": null}`).
pub fn lock(server_id: &str, reason: Option<&str>) -> Op<()> {
    #[derive(Serialize)]
    struct Body<'a> {
        locked_reason: &'a str,
    }
    match reason {
        Some(locked_reason) => action(server_id, "lock", &Body { locked_reason }),
        None => simple(server_id, "lock"),
    }
}

/// `unlock`.
pub fn unlock(server_id: &str) -> Op<()> {
    simple(server_id, "unlock")
}

/// `shelve`.
pub fn shelve(server_id: &str) -> Op<()> {
    simple(server_id, "shelve")
}

/// `shelveOffload`: frees the host of a shelved server.
pub fn shelve_offload(server_id: &str) -> Op<()> {
    simple(server_id, "shelveOffload")
}

/// Options of [`unshelve`] (all empty sends `{"unshelve": null}`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Unshelve {
    /// Availability zone to unshelve into (2.77+), or `Null` to unpin (2.91+).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub availability_zone: Patch<String>,
    /// Host to unshelve onto (2.91+, admin).
    pub host: Option<String>,
}

/// `unshelve`.
pub fn unshelve(server_id: &str, opts: &Unshelve) -> Op<()> {
    if opts == &Unshelve::default() {
        simple(server_id, "unshelve")
    } else {
        action(server_id, "unshelve", opts)
    }
}

/// The image id of `createImage` / `createBackup`: in the body (`image_id`, 2.45+) or the
/// last segment of the `Location` header (before 2.45).
fn image_id(resp: http::Response<Bytes>) -> Result<String> {
    #[derive(Deserialize)]
    struct Body {
        image_id: String,
    }
    let body = resp.body();
    if !body.iter().all(u8::is_ascii_whitespace) {
        if let Ok(b) = serde_json::from_slice::<Body>(body) {
            return Ok(b.image_id);
        }
    }
    resp.headers()
        .get(http::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|loc| loc.rsplit('/').next())
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| {
            Error::decode(
                "createImage response",
                serde::de::Error::custom("neither an image_id nor a Location header"),
            )
        })
}

/// `createImage`: snapshots the server; answers the new image's id.
pub fn create_image(server_id: &str, name: &str, metadata: &Metadata) -> Op<String> {
    #[derive(Serialize)]
    struct Body<'a> {
        name: &'a str,
        #[serde(skip_serializing_if = "Metadata::is_empty")]
        metadata: &'a Metadata,
    }
    let check = InvalidInput::require(!name.is_empty(), "name", "an image needs a name");
    action(server_id, "createImage", &Body { name, metadata })
        .check(check)
        .decode_with(image_id)
}

/// The body of [`create_backup`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateBackup {
    /// Image name.
    pub name: String,
    /// `daily`, `weekly`, … (free text).
    pub backup_type: String,
    /// How many backups of this type to keep.
    pub rotation: u32,
    /// Image metadata.
    #[serde(skip_serializing_if = "Metadata::is_empty")]
    pub metadata: Metadata,
}

/// `createBackup`: a rotated snapshot; answers the image id (2.45+ body, else
/// `Location`).
pub fn create_backup(server_id: &str, opts: &CreateBackup) -> Op<String> {
    action(server_id, "createBackup", opts).decode_with(image_id)
}

/// The body of [`rescue`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Rescue {
    /// Password of the rescue system (generated when `None`).
    #[serde(rename = "adminPass")]
    pub admin_pass: Option<Secret>,
    /// Image to rescue with.
    pub rescue_image_ref: Option<String>,
}

/// An answer carrying the admin password (rescue, evacuate before 2.14).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct AdminPass {
    /// The password (absent when the deployment disables it).
    #[serde(rename = "adminPass")]
    pub admin_pass: Option<Secret>,
}

/// `rescue`.
pub fn rescue(server_id: &str, opts: &Rescue) -> Op<AdminPass> {
    action(server_id, "rescue", opts).decode_with(admin_pass)
}

fn admin_pass(resp: http::Response<Bytes>) -> Result<AdminPass> {
    let body = resp.body();
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(AdminPass::default());
    }
    crate::request::op::decode_json("action response", body)
}

/// `unrescue`.
pub fn unrescue(server_id: &str) -> Op<()> {
    simple(server_id, "unrescue")
}

/// `changePassword`.
pub fn change_password(server_id: &str, admin_pass: &Secret) -> Op<()> {
    #[derive(Serialize)]
    struct Body<'a> {
        #[serde(rename = "adminPass")]
        admin_pass: &'a str,
    }
    action(
        server_id,
        "changePassword",
        &Body {
            admin_pass: admin_pass.expose(),
        },
    )
    .check(InvalidInput::require(
        !admin_pass.is_empty(),
        "admin_pass",
        "must not be empty",
    ))
}

#[derive(Serialize)]
struct Named<'a> {
    name: &'a str,
}

/// `addSecurityGroup` by name.
pub fn add_security_group(server_id: &str, name: &str) -> Op<()> {
    action(server_id, "addSecurityGroup", &Named { name })
}

/// `removeSecurityGroup` by name.
pub fn remove_security_group(server_id: &str, name: &str) -> Op<()> {
    action(server_id, "removeSecurityGroup", &Named { name })
}

/// `addFloatingIp` (removed in 2.44; use Neutron).
pub fn add_floating_ip(server_id: &str, address: &str, fixed_address: Option<&str>) -> Op<()> {
    #[serde_with::skip_serializing_none]
    #[derive(Serialize)]
    struct Body<'a> {
        address: &'a str,
        fixed_address: Option<&'a str>,
    }
    action(
        server_id,
        "addFloatingIp",
        &Body {
            address,
            fixed_address,
        },
    )
}

/// `removeFloatingIp` (removed in 2.44; use Neutron).
pub fn remove_floating_ip(server_id: &str, address: &str) -> Op<()> {
    #[derive(Serialize)]
    struct Body<'a> {
        address: &'a str,
    }
    action(server_id, "removeFloatingIp", &Body { address })
}

/// `migrate` (cold), to a given host from 2.56 (`None` sends `{"migrate": null}`).
pub fn migrate(server_id: &str, host: Option<&str>) -> Op<()> {
    #[derive(Serialize)]
    struct Body<'a> {
        host: &'a str,
    }
    match host {
        Some(host) => action(server_id, "migrate", &Body { host }),
        None => simple(server_id, "migrate"),
    }
}

/// `block_migration` of [`LiveMigrate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlockMigration {
    /// Let Nova decide (2.25+).
    #[default]
    Auto,
    /// Block migration or not (before 2.25, or explicitly).
    Bool(bool),
}

impl Serialize for BlockMigration {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            BlockMigration::Auto => s.serialize_str("auto"),
            BlockMigration::Bool(b) => s.serialize_bool(*b),
        }
    }
}

/// The body of [`live_migrate`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LiveMigrate {
    /// Target host (`None`: the scheduler picks; sent as `null`).
    #[serialize_always]
    pub host: Option<String>,
    /// Block migration.
    pub block_migration: BlockMigration,
    /// Disk over-commit (before 2.25).
    pub disk_over_commit: Option<bool>,
    /// Skip the scheduler's checks of `host` (2.30–2.67).
    pub force: Option<bool>,
}

/// `os-migrateLive`.
pub fn live_migrate(server_id: &str, opts: &LiveMigrate) -> Op<()> {
    action(server_id, "os-migrateLive", opts)
}

/// The body of [`evacuate`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Evacuate {
    /// Target host (`None`: the scheduler picks).
    pub host: Option<String>,
    /// Admin password of the evacuated server (before 2.95).
    #[serde(rename = "adminPass")]
    pub admin_pass: Option<Secret>,
    /// Whether the disks are on shared storage (before 2.14).
    #[serde(rename = "onSharedStorage")]
    pub on_shared_storage: Option<bool>,
    /// Skip the scheduler's checks of `host` (2.29–2.67).
    pub force: Option<bool>,
}

/// `evacuate` from a failed host; answers the admin password before 2.14.
pub fn evacuate(server_id: &str, opts: &Evacuate) -> Op<AdminPass> {
    action(server_id, "evacuate", opts).decode_with(admin_pass)
}

/// The state [`reset_state`] sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResetState {
    /// `active`.
    Active,
    /// `error`.
    Error,
}

/// `os-resetState` (admin).
pub fn reset_state(server_id: &str, state: ResetState) -> Op<()> {
    #[derive(Serialize)]
    struct Body {
        state: ResetState,
    }
    action(server_id, "os-resetState", &Body { state })
}

/// `injectNetworkInfo` (admin).
pub fn inject_network_info(server_id: &str) -> Op<()> {
    simple(server_id, "injectNetworkInfo")
}

/// `resetNetwork` (admin; removed with nova-network).
pub fn reset_network(server_id: &str) -> Op<()> {
    simple(server_id, "resetNetwork")
}

/// `trigger_crash_dump` (2.17+): sends an NMI to the guest.
pub fn trigger_crash_dump(server_id: &str) -> Op<()> {
    simple(server_id, "trigger_crash_dump")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(body: &'static str, location: Option<&'static str>) -> http::Response<Bytes> {
        let mut r = http::Response::new(Bytes::from_static(body.as_bytes()));
        if let Some(l) = location {
            r.headers_mut()
                .insert(http::header::LOCATION, http::HeaderValue::from_static(l));
        }
        r
    }

    #[test]
    fn image_id_from_body_or_location() {
        use crate::Operation;
        let op = create_image("s", "snap", &Metadata::new());
        assert_eq!(op.parse(resp(r#"{"image_id": "i1"}"#, None)).unwrap(), "i1");
        assert_eq!(
            op.parse(resp("", Some("http://glance/v2/images/i2")))
                .unwrap(),
            "i2"
        );
        assert!(op.parse(resp("", None)).is_err());
        assert!(op
            .parse(resp("{}", Some("http://glance/v2/images/")))
            .is_err());
    }

    #[test]
    fn passwords_stay_hidden() {
        let r = Rescue {
            admin_pass: Some(Secret::new("s3cret")),
            ..Default::default()
        };
        assert!(!format!("{r:?}").contains("s3cret"));
        let a: AdminPass = serde_json::from_str(r#"{"adminPass": "s3cret"}"#).unwrap();
        assert!(!format!("{a:?}").contains("s3cret"));
        assert_eq!(a.admin_pass.unwrap().expose(), "s3cret");
    }
}
