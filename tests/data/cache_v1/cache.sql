-- A cache file as Dockmaster 0.1 (schema version 1) wrote it, with data.
CREATE TABLE apps (id TEXT PRIMARY KEY, name TEXT NOT NULL, owner TEXT, description TEXT, status TEXT, code_project_id INTEGER, ops_project_id INTEGER, code_web_url TEXT, ops_web_url TEXT, updated_at TEXT);
CREATE TABLE environments (app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE, environment TEXT NOT NULL, host TEXT, domain TEXT, container_port INTEGER, fallback_port INTEGER, live_ref TEXT, live_sha TEXT, pipeline_status TEXT, deployed_at TEXT, PRIMARY KEY (app_id, environment));
CREATE TABLE release_requests (project_id INTEGER NOT NULL, iid INTEGER NOT NULL, app_id TEXT, environment TEXT, title TEXT, requested_ref TEXT, resolved_sha TEXT, requester TEXT, state TEXT, web_url TEXT, created_at TEXT, updated_at TEXT, PRIMARY KEY (project_id, iid));
CREATE TABLE tags (app_id TEXT NOT NULL, name TEXT NOT NULL, sha TEXT, message TEXT, author TEXT, created_at TEXT, PRIMARY KEY (app_id, name));
CREATE TABLE deployments (app_id TEXT NOT NULL, id INTEGER NOT NULL, environment TEXT, ref TEXT, sha TEXT, status TEXT, user TEXT, pipeline_id INTEGER, created_at TEXT, updated_at TEXT, PRIMARY KEY (app_id, id));
CREATE TABLE pipelines (app_id TEXT NOT NULL, id INTEGER NOT NULL, ref TEXT, sha TEXT, status TEXT, web_url TEXT, created_at TEXT, updated_at TEXT, PRIMARY KEY (app_id, id));
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO apps VALUES ('app0000001', 'Guestbook', 'alice', 'A guestbook plugin', 'active', 11, 12, 'https://gitlab.example.com/plugins/apps/app0000001', 'https://gitlab.example.com/plugins/ops/app0000001', '2026-10-01T08:00:00.000Z');
INSERT INTO apps VALUES ('app0000002', 'Weather widget', 'bob', NULL, 'provisioning', 21, 22, NULL, NULL, '2026-10-02T09:30:00.000Z');
INSERT INTO environments VALUES ('app0000001', 'test', 'dock-test-1', 'app0000001.test.plugins.example.com', 21001, 22001, 'v1.2.0', '4b825dc642cb6eb9a060e54bf8d69288fbee4904', 'success', '2026-10-03T10:00:00.000Z');
INSERT INTO environments VALUES ('app0000001', 'production', 'dock-prod-1', 'app0000001.plugins.example.com', 21001, 22001, 'v1.1.0', 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391', 'success', '2026-09-30T10:00:00.000Z');
INSERT INTO release_requests VALUES (11, 7, 'app0000001', 'production', 'Release v1.2.0', 'v1.2.0', '4b825dc642cb6eb9a060e54bf8d69288fbee4904', 'alice', 'pending', NULL, '2026-10-04T12:00:00.000Z', '2026-10-04T12:00:00.000Z');
INSERT INTO sync_state VALUES ('last_sync_at', '2026-10-04T12:05:00.000Z');
PRAGMA user_version = 1;
