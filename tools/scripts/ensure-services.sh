#!/usr/bin/env bash
# Makes sure the PostgreSQL and Redis that the tests use are running on 127.0.0.1 (5432 and 6379),
# starting them, or installing them from Debian's packages, when they are not.
set -euo pipefail

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null || (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  [ "$apt_updated" = 1 ] || { as_root apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

if ! pg_up; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "PostgreSQL not found: installing it from Debian's packages"
    apt_install postgresql
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n1)
  conf=/etc/postgresql/$version/main
  # tests connect as postgres over TCP without a password
  if ! grep -q "coremis-test" "$conf/pg_hba.conf"; then
    as_root sed -i '1i host all all 127.0.0.1/32 trust # coremis-test\nhost all all ::1/128 trust # coremis-test' "$conf/pg_hba.conf"
  fi
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "PostgreSQL did not start" >&2; exit 1; }
fi
echo "PostgreSQL is up on 127.0.0.1:5432"

if ! redis_up; then
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "Redis not found: installing it from Debian's packages"
    apt_install redis-server
  fi
  mkdir -p /tmp/coremis-redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /tmp/coremis-redis --logfile /tmp/coremis-redis/redis.log
  for _ in $(seq 1 30); do redis_up && break; sleep 0.5; done
  redis_up || { echo "Redis did not start" >&2; exit 1; }
fi
echo "Redis is up on 127.0.0.1:6379"

if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium not found: installing Debian's chromium for the browser tests"
  apt_install chromium
fi
