#!/usr/bin/env bash
# A real Redmine 5 (Debian 12 packages) on 127.0.0.1, on SQLite (WEBrick, one process: SQLite
# serialises writes anyway) or PostgreSQL (Puma, several worker processes, so parallel requests
# are answered in parallel), for the Redmine worker's integration tests and for trying it locally.
#
#   [REDMINE_PORT=3300] [REDMINE_DB=sqlite|pgsql] bash scripts/redmine-local.sh \
#       install|start|stop|status|env|reset|destroy|runner 'ruby code'
#
# Each port is its own Redmine instance (Debian's multi-tenancy, REDMINE_INSTANCE=tsla-PORT) with
# its own database, log, attachments and cache, so `reset` or `destroy` on one leaves the others
# alone. See docs/redmine-local.md. Everything is idempotent and every wait is bounded; progress
# goes to stderr, and only `env` and `runner` write to stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${REDMINE_PORT:-3300}"
case "$PORT" in ''|*[!0-9]*) printf '[redmine-local] error: REDMINE_PORT must be a port number, got "%s"\n' "$PORT" >&2; exit 2 ;; esac
STATE_DIR="${REDMINE_STATE_DIR:-$ROOT/.tmp/redmine/$PORT}"
HOST=127.0.0.1
URL="http://$HOST:$PORT"
REDMINE_DIR=/usr/share/redmine
# Debian's own instance, made by the package's postinst; the script never serves it.
DEBIAN_INSTANCE=default
INSTANCE="tsla-$PORT"
INSTANCE_DIR="/var/lib/redmine/$INSTANCE"
CONF_DIR="/etc/redmine/$INSTANCE"
LOG_DIR="/var/log/redmine/$INSTANCE"
CACHE_DIR="/var/cache/redmine/$INSTANCE"
DB_YML="$CONF_DIR/database.yml"
SQLITE_FILE="$INSTANCE_DIR/db/redmine.sqlite3"
PG_NAME="redmine_tsla_$PORT"
PID_FILE="$STATE_DIR/server.pid"
SERVER_LOG="$STATE_DIR/server.log"
KEY_FILE="$STATE_DIR/api-key"
FIELDS_FILE="$STATE_DIR/custom-fields.json"
# Puma on PostgreSQL: worker processes × threads each (REDMINE_PUMA_WORKERS, REDMINE_PUMA_THREADS).
PUMA_WORKERS="${REDMINE_PUMA_WORKERS:-2}"
PUMA_THREADS="${REDMINE_PUMA_THREADS:-4}"
# Bounded waits: 0.5 s per attempt.
START_ATTEMPTS="${REDMINE_START_ATTEMPTS:-240}"
STOP_ATTEMPTS=40

log() { printf '[redmine-local] %s\n' "$*" >&2; }
die() { printf '[redmine-local] error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo --preserve-env=DEBIAN_FRONTEND,BUNDLER_VERSION,REDMINE_INSTANCE,REDMINE_LANG,RAILS_ENV,TARIFF_SLA_SEED_OUT "$@"
  else die "root is needed for: $*"
  fi
}

pkg_ok() { [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null || true)" = "ii " ]; }

# Debian 12's security update of Ruby (3.1.7) ships Bundler 2.3.27 as a default gem, newer
# than the ruby-bundler package (2.3.15), so /usr/bin/bundle picks it. That Bundler treats
# gems Debian installs into vendor_ruby (a gemspec without a gem directory) as deleted and
# tries to download them from rubygems.org, which breaks redmine's postinst
# ("Could not find racc-1.6.2.gem for installation"). Pinning Debian's own Bundler fixes it.
debian_bundler_version() {
  local spec version=""
  for spec in /usr/share/rubygems-integration/all/specifications/bundler-*.gemspec; do
    [ -e "$spec" ] || continue
    spec="${spec##*/bundler-}"
    version="$(printf '%s\n%s\n' "$version" "${spec%.gemspec}" | sed '/^$/d' | sort -V | tail -n1)"
  done
  printf '%s' "$version"
}

pin_bundler() {
  local v
  v="$(debian_bundler_version)"
  if [ -n "$v" ]; then export BUNDLER_VERSION="$v"; fi
}

INSTALL_LOG="$STATE_DIR/install.log"

# Runs a command as root with its output in install.log; shows the log's tail on failure.
logged() {
  mkdir -p "$STATE_DIR"
  if ! as_root "$@" >>"$INSTALL_LOG" 2>&1; then
    tail -n 25 "$INSTALL_LOG" >&2 || true
    log "failed: $* (full output: $INSTALL_LOG)"
    return 1
  fi
}

APT_UPDATED=0
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    logged apt-get -o DPkg::Lock::Timeout=300 update -q
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  logged apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "$@"
}

# The database of this port's instance: what it was created with, else REDMINE_DB, else pgsql.
instance_db() {
  local adapter=""
  [ -e "$DB_YML" ] && adapter="$(as_root sed -n 's/^[[:space:]]*adapter:[[:space:]]*//p' "$DB_YML" | head -n1)"
  case "$adapter" in
    postgresql) printf 'pgsql' ;;
    sqlite3) printf 'sqlite' ;;
    *) printf '%s' "${REDMINE_DB:-pgsql}" ;;
  esac
}
DB="$(instance_db)"
case "$DB" in sqlite|pgsql) ;; *) die "REDMINE_DB must be sqlite or pgsql, got \"$DB\"" ;; esac
if [ -n "${REDMINE_DB:-}" ] && [ "$REDMINE_DB" != "$DB" ]; then
  die "the Redmine on port $PORT was created on $DB; run \`REDMINE_PORT=$PORT bash scripts/redmine-local.sh destroy\` first, or pick another REDMINE_PORT"
fi

preseed_debconf() {
  # Unattended: SQLite through dbconfig-common, one instance named "default", English data.
  # After a purge debconf may keep a template without its question; it then refuses that
  # answer, and the package's own defaults (the same values) apply.
  as_root debconf-set-selections >>"$INSTALL_LOG" 2>&1 <<'EOF' || log "some debconf answers were not preseeded; package defaults apply"
redmine redmine/current-instances string default
redmine redmine/instances/default/dbconfig-install boolean true
redmine redmine/instances/default/database-type select sqlite3
redmine redmine/instances/default/default-language select en
redmine redmine/instances/default/db/dbname string redmine_default
redmine redmine/instances/default/db/basepath string /var/lib/dbconfig-common/sqlite3/redmine/instances/default
EOF
}

gemfile_has_puma() {
  grep -qs "^[[:space:]]*gem ['\"]puma['\"]" "$REDMINE_DIR/Gemfile.local" &&
    grep -qs '^    puma ' "$REDMINE_DIR/Gemfile.lock"
}

gemfile_has_webrick() {
  grep -qs "^[[:space:]]*gem ['\"]webrick['\"]" "$REDMINE_DIR/Gemfile.local" &&
    grep -qs '^    webrick ' "$REDMINE_DIR/Gemfile.lock"
}

db_file() {
  local yml="/etc/redmine/$DEBIAN_INSTANCE/database.yml" path=""
  if [ -e "$yml" ]; then
    path="$(as_root sed -n 's/^[[:space:]]*database:[[:space:]]*//p' "$yml" | head -n1)"
  fi
  printf '%s' "${path:-/var/lib/dbconfig-common/sqlite3/redmine/instances/$DEBIAN_INSTANCE/redmine_$DEBIAN_INSTANCE}"
}

# The packages (and Debian's own instance, which the postinst must have finished) are in place.
packages_installed() {
  pkg_ok redmine && pkg_ok redmine-sqlite && pkg_ok ruby-webrick && gemfile_has_webrick &&
    [ -s "/etc/redmine/$DEBIAN_INSTANCE/database.yml" ] && [ -s "$(db_file)" ] &&
    { [ "$DB" != pgsql ] || { pkg_ok redmine-pgsql && pkg_ok postgresql && pkg_ok puma && gemfile_has_puma; }; }
}

is_installed() { packages_installed && [ -s "$DB_YML" ]; }

cmd_install() {
  if ! packages_installed; then install_packages; fi
  create_instance
}

install_packages() {
  local t0=$SECONDS
  [ -d /etc/apt ] && command -v apt-get >/dev/null || die "needs Debian 12 (apt-get)"
  mkdir -p "$STATE_DIR"
  log "installing Redmine from Debian packages (details: $INSTALL_LOG)"
  preseed_debconf
  # redmine.config lists database types by /usr/share/doc/redmine-<type>; images that drop
  # /usr/share/doc through dpkg path-exclude would otherwise offer no SQLite choice.
  as_root mkdir -p /usr/share/doc/redmine-sqlite
  if ! pkg_ok ruby-bundler || ! pkg_ok ruby-webrick; then
    apt_install ruby-bundler ruby-webrick
  fi
  pin_bundler
  log "using Debian's bundler ${BUNDLER_VERSION:-?}"
  # A purge can leave ucf's checksum of the generated database.yml behind; ucf then takes the
  # missing file for a deliberate deletion and never writes it again, and migrations fail.
  local yml="/etc/redmine/$DEBIAN_INSTANCE/database.yml"
  if [ ! -e "$yml" ] && grep -qs "[[:space:]]$yml\$" /var/lib/ucf/hashfile; then
    log "dropping ucf's stale record of $yml"
    logged ucf --purge "$yml" || true
  fi
  # Finish a previously failed configuration (e.g. the postinst failure described above).
  local pending=() pkg
  for pkg in redmine-sqlite redmine; do
    case "$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)" in
      iU*|iF*|iW*|iT*) pending+=("$pkg") ;;
    esac
  done
  if [ ${#pending[@]} -gt 0 ]; then
    log "finishing the interrupted configuration of ${pending[*]}"
    logged env DEBIAN_FRONTEND=noninteractive BUNDLER_VERSION="${BUNDLER_VERSION:-}" \
      dpkg --force-confold --configure "${pending[@]}" || log "dpkg --configure failed; reinstalling"
  fi
  if ! pkg_ok redmine || ! pkg_ok redmine-sqlite; then
    apt_install redmine redmine-sqlite ruby-webrick || true
  fi
  if ! pkg_ok redmine; then
    log "redmine is still not configured; reinstalling it"
    apt_install --reinstall redmine || true
  fi
  pkg_ok redmine && pkg_ok redmine-sqlite || die "redmine packages did not install; see $INSTALL_LOG"

  # The packaged bundle has no web server; WEBrick comes from ruby-webrick.
  if ! grep -qs "^[[:space:]]*gem ['\"]webrick['\"]" "$REDMINE_DIR/Gemfile.local"; then
    log "adding webrick to $REDMINE_DIR/Gemfile.local"
    printf "# Local web server for development and tests (Debian package ruby-webrick).\ngem 'webrick'\n" |
      as_root tee -a "$REDMINE_DIR/Gemfile.local" >/dev/null
  fi
  if ! grep -qs '^    webrick ' "$REDMINE_DIR/Gemfile.lock"; then
    log "bundle lock --local"
    (cd "$REDMINE_DIR" && logged env BUNDLER_VERSION="${BUNDLER_VERSION:-}" bundle lock --local)
    as_root chown www-data:www-data /var/lib/redmine/Gemfile.lock || true
  fi

  # dbconfig-common normally creates and migrates the database in the postinst; do it here
  # when it was declined or skipped.
  if [ ! -s "/etc/redmine/$DEBIAN_INSTANCE/database.yml" ] || [ ! -s "$(db_file)" ]; then
    log "creating the database with dpkg-reconfigure"
    logged env DEBIAN_FRONTEND=noninteractive BUNDLER_VERSION="${BUNDLER_VERSION:-}" dpkg-reconfigure redmine
  fi
  if [ "$DB" = pgsql ] && { ! pkg_ok redmine-pgsql || ! pkg_ok postgresql; }; then
    # redmine-pgsql only pulls ruby-pg and the client; the server is Debian's postgresql.
    as_root mkdir -p /usr/share/doc/redmine-pgsql
    apt_install postgresql redmine-pgsql
  fi
  if [ "$DB" = pgsql ]; then install_puma; fi
  packages_installed || die "installation incomplete: check /etc/redmine/$DEBIAN_INSTANCE/database.yml and $(db_file)"
  log "installed in $((SECONDS - t0)) s"
}

# Debian's puma package (a gem in rubygems-integration), added to the bundle like WEBrick.
install_puma() {
  pkg_ok puma || apt_install puma
  if ! grep -qs "^[[:space:]]*gem ['\"]puma['\"]" "$REDMINE_DIR/Gemfile.local"; then
    log "adding puma to $REDMINE_DIR/Gemfile.local"
    printf "# Multi-process server for the PostgreSQL instances (Debian package puma).\ngem 'puma'\n" |
      as_root tee -a "$REDMINE_DIR/Gemfile.local" >/dev/null
  fi
  if ! grep -qs '^    puma ' "$REDMINE_DIR/Gemfile.lock"; then
    pin_bundler
    log "bundle lock --local (adding puma)"
    (cd "$REDMINE_DIR" && logged env BUNDLER_VERSION="${BUNDLER_VERSION:-}" bundle lock --local)
    as_root chown www-data:www-data /var/lib/redmine/Gemfile.lock || true
  fi
}

PG_ATTEMPTS="${REDMINE_PG_ATTEMPTS:-60}"

# Debian's PostgreSQL cluster, started on 127.0.0.1 only. Prints "VERSION CLUSTER PORT".
pg_cluster() {
  local line
  line="$(pg_lsclusters -h 2>/dev/null | head -n1)"
  if [ -z "$line" ]; then
    local version
    version="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n1)"
    [ -n "$version" ] || die "PostgreSQL is not installed"
    log "creating PostgreSQL cluster $version/main"
    logged pg_createcluster "$version" main
    line="$(pg_lsclusters -h | head -n1)"
  fi
  set -- $line
  printf '%s %s %s' "$1" "$2" "$3"
}

pg_start() {
  local version cluster pgport i
  read -r version cluster pgport <<<"$(pg_cluster)"
  local conf="/etc/postgresql/$version/$cluster/conf.d/tariff-sla-loopback.conf"
  if [ ! -e "$conf" ]; then
    printf "# scripts/redmine-local.sh: the local Redmine's database listens on loopback only.\nlisten_addresses = '127.0.0.1'\n" | as_root tee "$conf" >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $4 }' | grep -q online; then
    log "starting PostgreSQL $version/$cluster on 127.0.0.1:$pgport"
    logged pg_ctlcluster "$version" "$cluster" start
  fi
  for ((i = 0; i < PG_ATTEMPTS; i++)); do
    if pg_isready -q -h 127.0.0.1 -p "$pgport"; then PG_PORT="$pgport"; return 0; fi
    sleep 0.5
  done
  die "PostgreSQL did not accept connections on 127.0.0.1:$pgport within $((PG_ATTEMPTS / 2)) s; see /var/log/postgresql/"
}

as_postgres() { as_root runuser -u postgres -- "$@"; }

# Role and database named after the port, owned by the role; the password stays in database.yml.
pg_create_database() {
  local password="$1"
  if ! as_postgres psql -Atqc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_NAME'" | grep -q 1; then
    as_postgres psql -qc "CREATE ROLE $PG_NAME LOGIN PASSWORD '$password'" >/dev/null
  else
    as_postgres psql -qc "ALTER ROLE $PG_NAME PASSWORD '$password'" >/dev/null
  fi
  if ! as_postgres psql -Atqc "SELECT 1 FROM pg_database WHERE datname = '$PG_NAME'" | grep -q 1; then
    log "creating PostgreSQL database $PG_NAME"
    as_postgres createdb -O "$PG_NAME" -E UTF8 -T template0 "$PG_NAME"
  fi
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# This port's instance: /var/lib/redmine/tsla-PORT (attachments, SQLite file), its config in
# /etc/redmine/tsla-PORT, its log in /var/log/redmine/tsla-PORT, its cache in /var/cache/redmine.
create_instance() {
  if [ "$DB" = pgsql ]; then pg_start; fi
  [ -s "$DB_YML" ] && { [ "$DB" != sqlite ] || [ -s "$SQLITE_FILE" ]; } && gemfile_has_adapter && return 0
  log "creating the $DB instance $INSTANCE"
  as_root mkdir -p "$CONF_DIR" "$LOG_DIR" "$CACHE_DIR/tmp" "$CACHE_DIR/plugin_assets" "$INSTANCE_DIR/files" "$INSTANCE_DIR/db" "$INSTANCE_DIR/public"
  as_root ln -sfn "$CONF_DIR" "$INSTANCE_DIR/config"
  as_root ln -sfn "$LOG_DIR" "$INSTANCE_DIR/log"
  as_root ln -sfn "$CACHE_DIR/tmp" "$INSTANCE_DIR/tmp"
  as_root ln -sfn "$CACHE_DIR/plugin_assets" "$INSTANCE_DIR/public/plugin_assets"
  if [ ! -s "$CONF_DIR/secret_key.txt" ]; then
    random_hex 32 | as_root tee "$CONF_DIR/secret_key.txt" >/dev/null
    as_root chmod 640 "$CONF_DIR/secret_key.txt"
  fi
  if [ ! -s "$DB_YML" ]; then
    if [ "$DB" = pgsql ]; then
      local password
      password="$(random_hex 16)"
      pg_create_database "$password"
      printf 'production:\n  adapter: postgresql\n  host: 127.0.0.1\n  port: %s\n  database: %s\n  username: %s\n  password: "%s"\n  encoding: utf8\n  pool: 16\n' \
        "$PG_PORT" "$PG_NAME" "$PG_NAME" "$password" | as_root tee "$DB_YML" >/dev/null
    else
      # Without a busy timeout SQLite answers a write that meets another one with "database is
      # locked" at once, which Redmine turns into a 500.
      printf 'production:\n  adapter: sqlite3\n  database: %s\n  timeout: 10000\n  encoding: utf8\n' "$SQLITE_FILE" | as_root tee "$DB_YML" >/dev/null
    fi
    as_root chmod 640 "$DB_YML"
  fi
  gemfile_has_adapter || {
    log "bundle lock --local (adding the $DB adapter)"
    pin_bundler
    (cd "$REDMINE_DIR" && logged env BUNDLER_VERSION="${BUNDLER_VERSION:-}" bundle lock --local)
  }
  local t0=$SECONDS
  log "migrating the $DB database"
  rails_logged db:migrate
  log "migrated in $((SECONDS - t0)) s"
}

gemfile_has_adapter() {
  case "$DB" in
    pgsql) grep -qs '^    pg ' "$REDMINE_DIR/Gemfile.lock" ;;
    *) grep -qs '^    sqlite3 ' "$REDMINE_DIR/Gemfile.lock" ;;
  esac
}

rails_logged() {
  pin_bundler
  (cd "$REDMINE_DIR" && logged env REDMINE_INSTANCE="$INSTANCE" RAILS_ENV=production BUNDLER_VERSION="${BUNDLER_VERSION:-}" bin/rails "$@")
}

rails() {
  pin_bundler
  (cd "$REDMINE_DIR" && as_root env REDMINE_INSTANCE="$INSTANCE" RAILS_ENV=production \
    BUNDLER_VERSION="${BUNDLER_VERSION:-}" TARIFF_SLA_SEED_OUT="${TARIFF_SLA_SEED_OUT:-}" bin/rails "$@")
}

# HTTP status of GET $1 (000 when nothing answers). The API key, if any, is passed through
# the environment, never on a command line where `ps` would show it.
http_status() {
  REDMINE_PROBE_URL="$1" REDMINE_PROBE_KEY="${2:-}" node -e '
    const http = require("http");
    const headers = process.env.REDMINE_PROBE_KEY ? { "X-Redmine-API-Key": process.env.REDMINE_PROBE_KEY } : {};
    const req = http.get(process.env.REDMINE_PROBE_URL, { headers, timeout: 3000 }, (res) => {
      res.resume(); process.stdout.write(String(res.statusCode));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => process.stdout.write("000"));
  ' 2>/dev/null || printf '000'
}

server_pid() {
  [ -s "$PID_FILE" ] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled pid: it must still be our Rails server (no procps on slim images).
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -e rails -e ruby -e puma || return 1
  printf '%s' "$pid"
}

answering() { [ "$(http_status "$URL/issues.json?limit=1")" != 000 ]; }

seed() {
  mkdir -p "$STATE_DIR"
  log "seeding (REST API, statuses, trackers, workflows, priorities, custom fields)"
  cat >"$STATE_DIR/seed.rb" <<'RUBY'
# Idempotent: every step checks before it writes.
out_dir = ENV.fetch('TARIFF_SLA_SEED_OUT')
say = ->(msg) { warn "[redmine-local] #{msg}" }

ActiveRecord::Base.transaction do
  if Redmine::DefaultData::Loader.no_data?
    say.('loading default data (en)')
    Redmine::DefaultData::Loader.load('en')
  end

  Setting.rest_api_enabled = '1' unless Setting.rest_api_enabled?

  statuses = {
    'New' => false, 'In Progress' => false, 'Waiting for customer' => false,
    'Resolved' => true, 'Closed' => true
  }
  statuses.each do |name, closed|
    s = IssueStatus.find_or_initialize_by(name: name)
    s.is_closed = closed
    s.save! if s.changed?
  end

  new_status = IssueStatus.find_by!(name: 'New')
  %w[Bug Feature Support].each do |name|
    t = Tracker.find_or_initialize_by(name: name)
    t.default_status ||= new_status
    t.save! if t.changed?
  end

  %w[Low Normal High Urgent Immediate].each do |name|
    p = IssuePriority.find_or_initialize_by(name: name)
    p.active = true
    p.is_default = true if name == 'Normal' && IssuePriority.where(is_default: true).where.not(id: p.id).none?
    p.save! if p.changed?
  end

  if TimeEntryActivity.where(is_default: true).none? && (act = TimeEntryActivity.order(:position).first)
    act.update!(is_default: true)
  end

  # Every status reachable from every status (and from "new issue", old_status_id 0) for
  # every givable role on every tracker.
  all_status_ids = IssueStatus.pluck(:id)
  existing = WorkflowTransition.pluck(:role_id, :tracker_id, :old_status_id, :new_status_id).to_set
  added = 0
  Role.givable.pluck(:id).each do |role_id|
    Tracker.pluck(:id).each do |tracker_id|
      ([0] + all_status_ids).each do |old_id|
        all_status_ids.each do |new_id|
          next if old_id == new_id
          next if existing.include?([role_id, tracker_id, old_id, new_id])
          WorkflowTransition.create!(role_id: role_id, tracker_id: tracker_id,
                                     old_status_id: old_id, new_status_id: new_id,
                                     author: false, assignee: false)
          added += 1
        end
      end
    end
  end
  say.("workflow transitions added: #{added}") if added.positive?

  # Text fields, then the date fields holding the due days (filterable and sortable).
  names = ['SLA state', 'SLA reaction due', 'SLA start due', 'SLA resolution due',
           'SLA tariff', 'Support line', 'SLA flags',
           'SLA reaction due date', 'SLA start due date', 'SLA resolution due date']
  ids = {}
  names.each do |name|
    cf = IssueCustomField.find_or_initialize_by(name: name)
    cf.field_format = (name.end_with?(' date') ? 'date' : 'string') if cf.new_record?
    cf.is_for_all = true
    cf.visible = true
    cf.is_filter = true
    cf.editable = true
    cf.is_required = false
    cf.tracker_ids = Tracker.pluck(:id)
    cf.save!
    ids[name] = cf.id
  end
  columns = Setting.issue_list_default_columns.map(&:to_s)
  wanted = columns | ids.values.map { |id| "cf_#{id}" }
  Setting.issue_list_default_columns = wanted if wanted != columns

  admin = User.find_by(login: 'admin') || User.where(admin: true).order(:id).first
  raise 'no administrator account' unless admin
  admin.update_columns(must_change_passwd: false) if admin.must_change_passwd?
  # The worker runs with this key: no e-mail about every issue for its user. With "all", each of
  # the worker's writes had Redmine render a notification mail for it (then drop it, as it made
  # the change itself): 100-300 ms of the server's CPU per write.
  admin.update_columns(mail_notification: 'none') if admin.mail_notification != 'none'
  key = admin.api_key

  File.write(File.join(out_dir, 'custom-fields.json'), JSON.pretty_generate(ids) + "\n")
  key_path = File.join(out_dir, 'api-key')
  File.open(key_path, File::WRONLY | File::CREAT | File::TRUNC, 0o600) { |f| f.write(key) }
  File.chmod(0o600, key_path)
end
RUBY
  TARIFF_SLA_SEED_OUT="$STATE_DIR" rails runner "$STATE_DIR/seed.rb" >&2
  chmod 600 "$KEY_FILE"
  log "custom field ids: $(tr -d '\n' <"$FIELDS_FILE" | tr -s ' ')"
}

cmd_start() {
  local t0=$SECONDS pid
  if pid="$(server_pid)" && answering; then
    log "already running (pid $pid) on $URL"
    return 0
  fi
  if answering; then die "something else answers on $URL; set REDMINE_PORT or stop it"; fi
  if pid="$(server_pid)"; then
    log "pid $pid is not answering yet; waiting for it"
  else
    cmd_install
    seed
    mkdir -p "$STATE_DIR"
    # Rails keeps its own pid file and refuses to start while it names a live process, so
    # it gets a separate one from ours.
    rm -f "$PID_FILE" "$STATE_DIR/rails.pid"
    pin_bundler
    # Runs as the caller (root in CI): the pid file and log stay in the project folder.
    if [ "$DB" = pgsql ]; then
      log "starting Puma ($PUMA_WORKERS workers × $PUMA_THREADS threads) on $URL (log: $SERVER_LOG)"
      (
        cd "$REDMINE_DIR"
        exec env REDMINE_INSTANCE="$INSTANCE" RAILS_ENV=production BUNDLER_VERSION="${BUNDLER_VERSION:-}" \
          setsid nohup bundle exec puma --environment production --bind "tcp://$HOST:$PORT" \
          --workers "$PUMA_WORKERS" --threads "$PUMA_THREADS:$PUMA_THREADS" --pidfile "$STATE_DIR/rails.pid" \
          config.ru </dev/null >>"$SERVER_LOG" 2>&1
      ) &
    else
      log "starting WEBrick on $URL (log: $SERVER_LOG)"
      (
        cd "$REDMINE_DIR"
        exec env REDMINE_INSTANCE="$INSTANCE" RAILS_ENV=production BUNDLER_VERSION="${BUNDLER_VERSION:-}" \
          setsid nohup bin/rails server -u webrick -b "$HOST" -p "$PORT" -e production -P "$STATE_DIR/rails.pid" \
          </dev/null >>"$SERVER_LOG" 2>&1
      ) &
    fi
    pid=$!
    printf '%s\n' "$pid" >"$PID_FILE"
  fi
  local i
  for ((i = 0; i < START_ATTEMPTS; i++)); do
    if answering; then
      log "up on $URL after $((SECONDS - t0)) s"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$SERVER_LOG" >&2 || true; die "server exited; see $SERVER_LOG"; }
    sleep 0.5
  done
  tail -n 30 "$SERVER_LOG" >&2 || true
  die "server did not answer on $URL within $((START_ATTEMPTS / 2)) s; see $SERVER_LOG"
}

cmd_stop() {
  local pid i
  if ! pid="$(server_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_ATTEMPTS; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid ignored TERM; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(server_pid)" && answering; then
    echo "running pid $pid on $URL"
  elif pid="$(server_pid)"; then
    echo "starting pid $pid on $URL (not answering yet)"
    return 3
  else
    echo "stopped"
    return 3
  fi
}

cmd_env() {
  mkdir -p "$STATE_DIR"
  local key=""
  [ -s "$KEY_FILE" ] && key="$(cat "$KEY_FILE")"
  # A cached key goes stale when the database is recreated; check it while the server runs.
  if [ -n "$key" ] && answering && [ "$(http_status "$URL/users/current.json" "$key")" = 401 ]; then
    key=""
  fi
  if [ -z "$key" ]; then
    is_installed || die "Redmine is not installed; run: bash scripts/redmine-local.sh start"
    log "reading the admin API key with rails runner"
    key="$(rails runner "print User.find_by(login: 'admin').api_key" | tail -n1)"
    [ -n "$key" ] || die "could not read the admin API key"
    (umask 077 && printf '%s' "$key" >"$KEY_FILE")
    chmod 600 "$KEY_FILE"
  fi
  printf 'export REDMINE_URL=%q\n' "$URL"
  printf 'export REDMINE_API_KEY=%q\n' "$key"
}

cmd_runner() {
  [ $# -ge 1 ] || die "usage: redmine-local.sh runner 'ruby code'"
  is_installed || die "Redmine is not installed; run: bash scripts/redmine-local.sh install"
  rails runner "$@"
}

cmd_reset() {
  is_installed || die "Redmine is not installed; run: bash scripts/redmine-local.sh start"
  log "removing projects, issues, time entries and wiki pages"
  rails runner '
    ActiveRecord::Base.transaction do
      Project.where(parent_id: nil).order(:id).each(&:destroy)
      # Leftovers whose project row is already gone.
      TimeEntry.delete_all
      Issue.delete_all
      WikiContentVersion.delete_all
      WikiContent.delete_all
      WikiPage.delete_all
      Wiki.delete_all
    end
    warn "[redmine-local] projects: #{Project.count}, issues: #{Issue.count}"
  ' >&2
}

cmd_destroy() {
  cmd_stop
  if [ -s "$DB_YML" ] && [ "$DB" = pgsql ] && command -v pg_isready >/dev/null; then
    pg_start
    log "dropping PostgreSQL database and role $PG_NAME"
    as_postgres dropdb --if-exists "$PG_NAME"
    as_postgres psql -qc "DROP ROLE IF EXISTS $PG_NAME" >/dev/null
  fi
  log "removing the instance $INSTANCE (database, log, attachments, cache) and $STATE_DIR"
  as_root rm -rf "$INSTANCE_DIR" "$CONF_DIR" "$LOG_DIR" "$CACHE_DIR"
  rm -rf "$STATE_DIR"
}

usage() {
  cat >&2 <<'EOF'
usage: bash scripts/redmine-local.sh <command>
  install          install Redmine 5 from Debian packages and create this port's instance
  start            install if needed, seed, start on 127.0.0.1:${REDMINE_PORT:-3300}
                   (REDMINE_DB=pgsql, the default, or sqlite: chosen when the instance is created)
  stop             stop the server started by `start`
  status           print whether the server runs (exit 3 when stopped)
  env              print `export REDMINE_URL=... REDMINE_API_KEY=...` for eval
  runner 'code'    run Ruby code with bin/rails runner in the production instance
  reset            delete projects, issues, time entries and wiki pages
  destroy          stop, then remove this port's instance: database, log, attachments
EOF
}

main() {
  local cmd="${1:-}"
  [ $# -gt 0 ] && shift
  case "$cmd" in
    install) cmd_install ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    runner) cmd_runner "$@" ;;
    reset) cmd_reset ;;
    destroy) cmd_destroy ;;
    -h|--help|help) usage ;;
    *) usage; exit 2 ;;
  esac
}

main "$@"
