#include "core/cache/cacheschema.h"

#include <vector>

namespace Dockmaster {
namespace {

std::vector<CacheMigration> buildMigrations()
{
    std::vector<CacheMigration> migrations;
    migrations.push_back(
        { 1,
          {
              QStringLiteral("CREATE TABLE apps (id TEXT PRIMARY KEY, name TEXT NOT NULL, owner TEXT, "
                             "description TEXT, status TEXT, code_project_id INTEGER, "
                             "ops_project_id INTEGER, code_web_url TEXT, ops_web_url TEXT, "
                             "updated_at TEXT)"),
              QStringLiteral("CREATE TABLE environments (app_id TEXT NOT NULL REFERENCES apps(id) ON "
                             "DELETE CASCADE, environment TEXT NOT NULL, host TEXT, domain TEXT, "
                             "container_port INTEGER, fallback_port INTEGER, live_ref TEXT, "
                             "live_sha TEXT, pipeline_status TEXT, deployed_at TEXT, "
                             "PRIMARY KEY (app_id, environment))"),
              QStringLiteral("CREATE TABLE release_requests (project_id INTEGER NOT NULL, iid INTEGER "
                             "NOT NULL, app_id TEXT, environment TEXT, title TEXT, requested_ref "
                             "TEXT, resolved_sha TEXT, requester TEXT, state TEXT, web_url TEXT, "
                             "created_at TEXT, updated_at TEXT, PRIMARY KEY (project_id, iid))"),
              QStringLiteral("CREATE TABLE tags (app_id TEXT NOT NULL, name TEXT NOT NULL, sha TEXT, "
                             "message TEXT, author TEXT, created_at TEXT, PRIMARY KEY (app_id, name))"),
              QStringLiteral("CREATE TABLE deployments (app_id TEXT NOT NULL, id INTEGER NOT NULL, "
                             "environment TEXT, ref TEXT, sha TEXT, status TEXT, user TEXT, "
                             "pipeline_id INTEGER, created_at TEXT, updated_at TEXT, "
                             "PRIMARY KEY (app_id, id))"),
              QStringLiteral("CREATE TABLE pipelines (app_id TEXT NOT NULL, id INTEGER NOT NULL, ref "
                             "TEXT, sha TEXT, status TEXT, web_url TEXT, created_at TEXT, "
                             "updated_at TEXT, PRIMARY KEY (app_id, id))"),
              QStringLiteral("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT)"),
          } });
    // Version 2: DNS reconciliation state per environment, and the local audit trail.
    migrations.push_back(
        { 2,
          {
              QStringLiteral("ALTER TABLE environments ADD COLUMN dns_state TEXT"),
              QStringLiteral("CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT "
                             "NULL, actor TEXT, action TEXT NOT NULL, app_id TEXT, environment TEXT, "
                             "detail TEXT)"),
              QStringLiteral("CREATE INDEX audit_log_at ON audit_log (at)"),
              QStringLiteral("CREATE INDEX release_requests_app ON release_requests (app_id)"),
          } });
    // Version 3: the inventory's hosts, for the Docker Engine API of each (live logs).
    migrations.push_back({ 3,
                           {
                               QStringLiteral("CREATE TABLE hosts (name TEXT PRIMARY KEY, address TEXT, "
                                              "environment TEXT, docker_api TEXT)"),
                           } });
    // Version 4: failovers and recoveries of each app environment (live health).
    // The unique key makes a transition seen twice (a resumed events stream,
    // two console starts) one row.
    migrations.push_back({ 4,
                           {
                               QStringLiteral("CREATE TABLE health_events (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                                              "app_id TEXT NOT NULL, environment TEXT NOT NULL, at TEXT NOT NULL, "
                                              "kind TEXT NOT NULL, reason TEXT, container TEXT, "
                                              "UNIQUE (app_id, environment, at, kind))"),
                               QStringLiteral("CREATE INDEX health_events_app_at ON health_events (app_id, at)"),
                           } });
    // Version 5: the audit trail moves to the durable journal (JournalDatabase),
    // which survives damage to this disposable cache. The old rows stay here
    // under another name until the journal has taken them (CacheService), so
    // a journal that cannot be written yet loses nothing.
    migrations.push_back({ 5,
                           {
                               QStringLiteral("DROP INDEX IF EXISTS audit_log_at"),
                               QStringLiteral("ALTER TABLE audit_log RENAME TO legacy_audit_log"),
                           } });
    // Version 6: the recorded approvals of a request that needs several admins
    // (who, comma-separated, the newest's time, how many are needed).
    migrations.push_back({ 6,
                           {
                               QStringLiteral("ALTER TABLE release_requests ADD COLUMN approved_by TEXT"),
                               QStringLiteral("ALTER TABLE release_requests ADD COLUMN last_approval_at TEXT"),
                               QStringLiteral("ALTER TABLE release_requests ADD COLUMN approvals_required INTEGER"),
                           } });
    return migrations;
}

} // namespace

std::span<const CacheMigration> cacheMigrations()
{
    static const std::vector<CacheMigration> migrations = buildMigrations();
    return migrations;
}

int latestCacheSchemaVersion()
{
    return cacheMigrations().back().version;
}

} // namespace Dockmaster
