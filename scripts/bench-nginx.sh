# ferrocloud: the one local nginx of the benchmarks (sourced by scripts/bench-b4.sh and
# scripts/bench-browser.sh; not run on its own).
#
#   source scripts/bench-nginx.sh
#   bench_nginx_start PORT     # serves until the sourcing script exits
#
# Installs nginx (apt) if missing, generates the fixtures (../shared/bench/gen_fixtures.py
# and scripts/bench-b4-sizes.py) into target/bench-fixtures and serves them from
# target/b4-nginx:
#   - 127.0.0.1:PORT the 10 pages of 1000 servers (b4), PORT+1 1k servers, PORT+2 100k;
#     `GET /compute/v2.1/servers/detail?marker=X` -> pages/X.json, no marker -> first.json;
#     `POST /v3/auth/tokens` answers a static token whose catalog points compute back at
#     the same port;
#   - `GET /bench/<file>` the top-level fixtures (B1's servers_detail_1000.json);
#   - CORS for the browser bench: any origin, `X-Subject-Token` exposed, and a 204 answer
#     to every OPTIONS preflight allowing the headers the SDK sends. Native clients ignore
#     these headers.
# Needs ROOT (the checkout) and SHARED (../shared); defines `log` if the caller did not.
declare -F log >/dev/null || log() { printf '[bench-nginx %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

bench_nginx_start() {
  local port=$1
  local fix=$ROOT/target/bench-fixtures prefix=$ROOT/target/b4-nginx
  if ! command -v nginx >/dev/null; then
    log "installing nginx"
    DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light >/dev/null 2>&1 \
      || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light >/dev/null 2>&1; } \
      || DEBIAN_FRONTEND=noninteractive apt-get install -y nginx >/dev/null
  fi
  [[ -f $fix/b4/compute/v2.1/servers/pages/first.json ]] || python3 "$SHARED/bench/gen_fixtures.py" "$fix" >&2
  [[ -f $fix/b4-100k/compute/v2.1/servers/pages/first.json ]] || python3 "$ROOT/scripts/bench-b4-sizes.py" "$fix" >&2

  mkdir -p "$prefix/tmp"
  token() { echo '{"token": {"expires_at": "2099-01-01T00:00:00.000000Z", "methods": ["password"], "user": {"id": "u1", "name": "bench", "domain": {"id": "default", "name": "Default"}}, "project": {"id": "p1", "name": "bench", "domain": {"id": "default", "name": "Default"}}, "roles": [{"id": "r1", "name": "member"}], "catalog": [{"type": "compute", "name": "nova", "endpoints": [{"interface": "public", "region": "RegionOne", "url": "http://127.0.0.1:'$1'/compute/v2.1"}]}]}}'; }
  # add_header is inherited only by locations without their own: the token location
  # includes this file again.
  cat >"$prefix/cors.conf" <<'EOF'
add_header Access-Control-Allow-Origin * always;
add_header Access-Control-Expose-Headers X-Subject-Token always;
add_header Access-Control-Allow-Methods "GET, POST, OPTIONS" always;
add_header Access-Control-Allow-Headers "x-auth-token, content-type, openstack-api-version, x-openstack-nova-api-version" always;
add_header Access-Control-Max-Age 600 always;
EOF
  cat >"$prefix/nginx.conf" <<EOF
user root;
worker_processes 1;
pid $prefix/nginx.pid;
error_log $prefix/error.log;
events { worker_connections 256; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 10000;
  client_body_temp_path $prefix/tmp/body;
  proxy_temp_path $prefix/tmp/proxy;
  fastcgi_temp_path $prefix/tmp/fastcgi;
  uwsgi_temp_path $prefix/tmp/uwsgi;
  scgi_temp_path $prefix/tmp/scgi;
  # (no \`if\` in the locations: it would make a nested location without the try_files)
  map \$arg_marker \$b4_page { "" first; default \$arg_marker; }
$(for size in 10k:$port:b4 1k:$((port + 1)):b4-1k 100k:$((port + 2)):b4-100k; do
  IFS=: read -r _ p dir <<<"$size"
  cat <<SERVER
  server {
    listen 127.0.0.1:$p;
    root $fix/$dir;
    default_type application/json;
    include $prefix/cors.conf;
    # CORS preflight (server level: answered before any location is chosen).
    if (\$request_method = OPTIONS) { return 204; }
    location = /v3/auth/tokens {
      include $prefix/cors.conf;
      add_header X-Subject-Token b4-bench-token always;
      return 201 '$(token "$p")';
    }
    location = /compute/v2.1/servers/detail {
      try_files /compute/v2.1/servers/pages/\$b4_page.json =404;
    }
    location /bench/ {
      alias $fix/;
    }
  }
SERVER
done)
}
EOF
  _bench_nginx_conf=$prefix/nginx.conf
  _bench_nginx_prefix=$prefix
  trap bench_nginx_stop EXIT
  bench_nginx_stop
  sleep 0.3
  nginx -c "$prefix/nginx.conf" -p "$prefix"
  local url=http://127.0.0.1:$port/compute/v2.1/servers/detail?limit=1000
  for _ in $(seq 50); do curl -sf -o /dev/null "$url" && break; sleep 0.1; done
  curl -sf -o /dev/null "$url" || { cat "$prefix/error.log" >&2; return 1; }
}

bench_nginx_stop() {
  [[ -f $_bench_nginx_prefix/nginx.pid ]] \
    && nginx -c "$_bench_nginx_conf" -p "$_bench_nginx_prefix" -s quit 2>/dev/null || true
}
