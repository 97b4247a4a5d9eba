# workerd config of the ferrocloud edge function (scripts/edge-e2e.sh copies it next to
# the built bundle in target/edge/ and runs it there):
#
#   target/npm/node_modules/.bin/workerd serve target/edge/config.capnp \
#     --socket-addr http=127.0.0.1:8790
#
# The credentials come from the environment of the workerd process as bindings
# (`fromEnvironment`: what `wrangler secret put` is on Cloudflare). Outbound fetch goes
# through `loopback-cloud`, a network service that allows 127.0.0.1 only: every other
# destination is refused by workerd itself.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "edge", worker = .edge),
    (name = "loopback-cloud", network = (allow = ["127.0.0.1/32"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8790", http = (), service = "edge")],
);

const edge :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "ferrocloud_edge_demo.js", esModule = embed "pkg/ferrocloud_edge_demo.js"),
    (name = "ferrocloud_edge_demo_bg.wasm", wasm = embed "pkg/ferrocloud_edge_demo_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  bindings = [
    (name = "OS_AUTH_URL", fromEnvironment = "OS_AUTH_URL"),
    (name = "OS_USERNAME", fromEnvironment = "OS_USERNAME"),
    (name = "OS_PASSWORD", fromEnvironment = "OS_PASSWORD"),
    (name = "OS_PROJECT_NAME", fromEnvironment = "OS_PROJECT_NAME"),
    (name = "OS_USER_DOMAIN_NAME", fromEnvironment = "OS_USER_DOMAIN_NAME"),
    (name = "OS_PROJECT_DOMAIN_NAME", fromEnvironment = "OS_PROJECT_DOMAIN_NAME"),
    (name = "OS_REGION_NAME", fromEnvironment = "OS_REGION_NAME"),
    (name = "EDGE_REFRESH_MARGIN_SECONDS", fromEnvironment = "EDGE_REFRESH_MARGIN_SECONDS"),
  ],
  globalOutbound = "loopback-cloud",
);
