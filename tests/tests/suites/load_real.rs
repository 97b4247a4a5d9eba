//! Load against the real local cloud: 500 concurrent requests through one native client
//! (Keystone and Nova: `GET servers`, `GET flavors`, `GET /v3/auth/projects`), started
//! cold, authenticate
//! exactly once, all succeed, and memory stays bounded. Then the token is revoked by an
//! admin in the middle of a second wave: exactly one reauthentication follows and every
//! request completes.
//!
//! Nova's keystonemiddleware caches token validations, so it may go on accepting the
//! revoked token for a while; Keystone itself refuses it at once — the mix of both is what
//! drives the reauthentication.
//!
//! The test runs in a process of its own (`own_process!`): its RSS figures must not count
//! the other tests of the binary.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ferrocloud::identity::v3::{projects, tokens};
use ferrocloud::{path, Client, Error, Op};
use ferrocloud_native::HyperTransport;
use ferrocloud_tests::cloud::{self, Counting};
use serde_json::Value;

use crate::own_process;
use crate::support::status_kib;

const WAVE: usize = 500;

/// `VmRSS` and `VmHWM` of this process, in KiB.
fn memory() -> (u64, u64) {
    (status_kib("VmRSS"), status_kib("VmHWM"))
}

/// One request of the mix, by index: Nova servers, Nova flavors, Keystone projects.
async fn request(c: &Client<Counting<HyperTransport>>, i: usize) -> Result<(), Error> {
    match i % 3 {
        0 => {
            let v: Value = c
                .compute()
                .call(&Op::get(path!("servers")).decode_body())
                .await?;
            assert!(v["servers"].is_array());
        }
        1 => {
            let v: Value = c
                .compute()
                .call(&Op::get(path!("flavors")).decode_body())
                .await?;
            assert!(v["flavors"].is_array());
        }
        _ => {
            let projects = c.identity().call(&projects::available()).await?;
            assert!(!projects.is_empty());
        }
    }
    Ok(())
}

/// A wave of `WAVE` concurrent requests. The first half starts at once; `during` runs
/// when `trigger` requests are done, and the second half starts when it has finished
/// (so that half surely goes out with whatever token the client holds then).
async fn wave(
    c: &Client<Counting<HyperTransport>>,
    trigger: usize,
    during: impl std::future::Future<Output = ()>,
) -> Vec<Result<(), Error>> {
    let done = Arc::new(AtomicUsize::new(0));
    let (release, gate) = tokio::sync::watch::channel(false);
    let tasks: Vec<_> = (0..WAVE)
        .map(|i| {
            let (c, done, mut gate) = (c.clone(), done.clone(), gate.clone());
            tokio::spawn(async move {
                if i >= WAVE / 2 {
                    let _ = gate.wait_for(|open| *open).await;
                }
                let r = request(&c, i).await;
                done.fetch_add(1, Ordering::SeqCst);
                r
            })
        })
        .collect();
    while done.load(Ordering::SeqCst) < trigger {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    during.await;
    release.send_replace(true);
    let mut out = Vec::with_capacity(WAVE);
    for t in tasks {
        out.push(t.await.expect("no request task panicked"));
    }
    out
}

fn failures(results: &[Result<(), Error>]) -> Vec<String> {
    results
        .iter()
        .filter_map(|r| r.as_ref().err().map(|e| e.to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_concurrent_requests_then_a_revocation_mid_load() {
    own_process!(five_hundred_concurrent_requests_then_a_revocation_mid_load);
    let (transport, client) = cloud::counting("oscloud-demo", |_| {});
    let admin = cloud::admin();
    let guard = Duration::from_secs(300);

    // Wave 1: cold start. The 500 first calls share one authentication.
    let (rss0, _) = memory();
    let start = Instant::now();
    let results = tokio::time::timeout(guard, wave(&client, 0, async {}))
        .await
        .expect("wave 1 hung");
    let took1 = start.elapsed();
    let (rss1, hwm1) = memory();
    let failed = failures(&results);
    assert!(
        failed.is_empty(),
        "{} failed: {:?}",
        failed.len(),
        &failed[..failed.len().min(5)]
    );
    assert_eq!(
        transport.auths(),
        1,
        "one authentication for the whole wave"
    );
    // One token request and the wave; a few GETs may be resent once when the server
    // closed a pooled keep-alive connection just as it was reused.
    let resent = transport.total() - (WAVE + 1);
    assert!(resent <= WAVE / 50, "{resent} requests resent");
    eprintln!(
        "wave 1: {WAVE} requests in {took1:?} ({resent} resent); RSS {} -> {} MiB (peak {} MiB)",
        rss0 / 1024,
        rss1 / 1024,
        hwm1 / 1024
    );

    // Wave 2: revoke the token once a fifth of the wave is done.
    let old = client.token().await.unwrap();
    let revoke = async {
        admin
            .identity()
            .call(&tokens::revoke(&old.id))
            .await
            .expect("admin revokes the demo token");
    };
    let start = Instant::now();
    let results = tokio::time::timeout(guard, wave(&client, WAVE / 5, revoke))
        .await
        .expect("wave 2 hung");
    let took2 = start.elapsed();
    let (rss2, hwm2) = memory();
    let failed = failures(&results);
    assert!(
        failed.is_empty(),
        "{} failed: {:?}",
        failed.len(),
        &failed[..failed.len().min(5)]
    );
    assert_eq!(
        transport.auths(),
        2,
        "exactly one reauthentication after the revocation"
    );
    let new = client.token().await.unwrap();
    assert_ne!(new.id, old.id, "the client moved to a new token");
    // The revoked token is refused by Keystone now.
    let check = admin.identity().call(&tokens::check(&old.id)).await;
    assert!(check.is_err(), "revoked token still valid: {check:?}");
    eprintln!(
        "wave 2 (revoked mid-load): {WAVE} requests in {took2:?}, {} sent; RSS {} MiB (peak {} MiB)",
        transport.total() - WAVE - 1,
        rss2 / 1024,
        hwm2 / 1024
    );

    // Bounded memory: two waves of 500 in flight cost tens of MiB at most, and the
    // second wave (same concurrency) does not grow the footprint further.
    let grown = rss1.saturating_sub(rss0) / 1024;
    assert!(grown < 128, "RSS grew by {grown} MiB over one wave");
    let grown2 = rss2.saturating_sub(rss1) / 1024;
    assert!(
        grown2 < 64,
        "RSS grew by {grown2} MiB more over the second wave"
    );
}
