#!/usr/bin/env bash
# A whole scaled-out MeetingBoard on 127.0.0.1, from Debian packages only:
# PostgreSQL (shared store), Redis (bus), three app nodes and nginx balancing HTTP and WebSockets.
#
#   deploy/local/cluster.sh start    build, start everything, print the address
#   deploy/local/cluster.sh status   what is running
#   deploy/local/cluster.sh stop     stop everything (data is kept for the next start)
#   deploy/local/cluster.sh clean    stop and delete the data
#   deploy/local/cluster.sh kill-node N | start-node N   take one node away (kill -9) and bring it back
#
# Needs: apt-get install postgresql redis-server nginx; the .NET 10 SDK for the build.
# Settings (environment): MB_CLUSTER_DIR (default /tmp/meetingboard-cluster), MB_PORT (nginx, 5100),
# MB_NODE_PORT (first node, 5101), MB_PG_PORT (55432), MB_REDIS_PORT (56379).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
dir="${MB_CLUSTER_DIR:-/tmp/meetingboard-cluster}"
port="${MB_PORT:-5100}"
node_port="${MB_NODE_PORT:-5101}"
pg_port="${MB_PG_PORT:-55432}"
redis_port="${MB_REDIS_PORT:-56379}"
nodes=3
pg_bin="${MB_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"

# PostgreSQL refuses to run as root: run its tools as the postgres user then.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

wait_for() { # what, command...
  local what="$1"; shift
  for _ in $(seq 1 120); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "Timed out waiting for $what" >&2; return 1
}

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

connection_string() { echo "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=meetingboard"; }

start_postgres() {
  mkdir -p "$dir/pg"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pg"
  if [ ! -f "$dir/pg/data/PG_VERSION" ]; then
    as_pg "$pg_bin/initdb" -D "$dir/pg/data" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
  fi
  if ! as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" status >/dev/null 2>&1; then
    as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir/pg" start >/dev/null
  fi
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'meetingboard'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE meetingboard"
  echo "PostgreSQL  127.0.0.1:$pg_port"
}

start_redis() {
  [ -f "$dir/redis.password" ] || { head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$dir/redis.password"; chmod 600 "$dir/redis.password"; }
  if ! running "$dir/redis.pid"; then
    redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --requirepass "$(cat "$dir/redis.password")"
    wait_for Redis redis-cli -p "$redis_port" -a "$(cat "$dir/redis.password")" --no-auth-warning ping
  fi
  echo "Redis       127.0.0.1:$redis_port"
}

build_app() {
  echo "Building the app (dotnet publish)..."
  dotnet publish "$repo/src/MeetingBoard.Web" -c Release -o "$dir/app" -v quiet -nologo >"$dir/build.log" 2>&1 \
    || { cat "$dir/build.log" >&2; exit 1; }
}

start_node() { # N
  local n="$1" p=$((node_port + $1 - 1)) m=$((node_port + $1 + 99))
  running "$dir/node$n.pid" && return 0
  mkdir -p "$dir/node$n"
  (
    cd "$dir/app"
    ASPNETCORE_URLS="http://127.0.0.1:$p;http://127.0.0.1:$m" \
    MeetingBoard__Metrics__Enabled=true \
    MeetingBoard__Metrics__Port="$m" \
    ASPNETCORE_ENVIRONMENT=Production \
    MeetingBoard__DataDirectory="$dir/node$n" \
    MeetingBoard__PublicUrl="http://127.0.0.1:$port" \
    MeetingBoard__Store=Postgres \
    MeetingBoard__Postgres__ConnectionString="$(connection_string)" \
    MeetingBoard__Bus=Redis \
    MeetingBoard__Redis__Endpoint="127.0.0.1:$redis_port" \
    MeetingBoard__Redis__Password="$(cat "$dir/redis.password")" \
    MeetingBoard__Redis__ChannelPrefix="meetingboard-local:" \
    nohup dotnet MeetingBoard.Web.dll >"$dir/node$n.log" 2>&1 &
    echo $! >"$dir/node$n.pid"
  )
  wait_for "node $n" curl -fsS "http://127.0.0.1:$p/readyz"
  echo "node $n      127.0.0.1:$p (metrics: http://127.0.0.1:$m/metrics; log: $dir/node$n.log)"
}

start_nginx() {
  mkdir -p "$dir/nginx"
  local servers=""
  for n in $(seq 1 $nodes); do servers+="    server 127.0.0.1:$((node_port + n - 1)) max_fails=1 fail_timeout=5s;"$'\n'; done
  cat >"$dir/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log $dir/nginx/access.log;
  client_body_temp_path $dir/nginx/body;
  proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi;
  uwsgi_temp_path $dir/nginx/uwsgi;
  scgi_temp_path $dir/nginx/scgi;
  client_max_body_size 1m;

  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }

  # Sticky by a cookie: each page is a circuit that lives on one node; any node can open any meeting.
  upstream meetingboard {
    # A circuit lives on one node: keep each browser on its node (Live/Affinity.cs).
    hash \$cookie_mb_affinity consistent;
$servers  }

  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://meetingboard;
      proxy_http_version 1.1;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_read_timeout 1h;
      # A node that dies mid-request: try the next one for requests that are safe to repeat.
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
CONF
  if running "$dir/nginx/nginx.pid"; then nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -s reload
  else nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx"; fi
  wait_for nginx curl -fsS "http://127.0.0.1:$port/readyz"
  echo "nginx       http://127.0.0.1:$port  <- open this"
}

stop_all() {
  if running "$dir/nginx/nginx.pid"; then nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -s quit || true; fi
  for n in $(seq 1 $nodes); do
    if running "$dir/node$n.pid"; then kill "$(cat "$dir/node$n.pid")"; fi
    rm -f "$dir/node$n.pid"
  done
  if running "$dir/redis.pid"; then kill "$(cat "$dir/redis.pid")"; fi
  if [ -f "$dir/pg/data/PG_VERSION" ]; then as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" -w -m fast stop >/dev/null 2>&1 || true; fi
  echo "Stopped."
}

status() {
  for n in $(seq 1 $nodes); do
    printf 'node %s: ' "$n"; running "$dir/node$n.pid" && curl -fsS "http://127.0.0.1:$((node_port + n - 1))/readyz" || printf 'down'; echo
  done
  printf 'nginx: '; running "$dir/nginx/nginx.pid" && echo up || echo down
  printf 'redis: '; running "$dir/redis.pid" && echo up || echo down
  printf 'postgres: '; as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" status >/dev/null 2>&1 && echo up || echo down
}

case "${1:-}" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chmod 755 "$dir"
    start_postgres
    start_redis
    build_app
    # The first node creates the schema and the cookie key; the others then start side by side.
    start_node 1
    for n in $(seq 2 $nodes); do start_node "$n" & done
    wait
    start_nginx
    ;;
  stop) stop_all ;;
  clean) stop_all; rm -rf "$dir"; echo "Deleted $dir." ;;
  status) status ;;
  kill-node) kill -9 "$(cat "$dir/node${2:?node number}.pid")"; rm -f "$dir/node$2.pid"; echo "node $2 killed" ;;
  start-node) start_node "${2:?node number}" ;;
  *) echo "usage: $0 start|stop|clean|status|kill-node N|start-node N" >&2; exit 2 ;;
esac
