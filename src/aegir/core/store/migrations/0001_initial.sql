-- The first schema: servers, codebases and the units (packages, extensions) they carry, sites,
-- backups, backup schedules, tasks with their steps and log, and settings. The column types and
-- constraints are those the Alembic version of the store created, so homes it made and new homes
-- have the same schema.

CREATE TABLE servers (
    name VARCHAR(64) NOT NULL,
    backend VARCHAR(64) NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (name)
);

CREATE TABLE codebases (
    name VARCHAR(64) NOT NULL,
    app VARCHAR(64) NOT NULL,
    verified_at VARCHAR(40),
    data TEXT NOT NULL,
    PRIMARY KEY (name)
);

CREATE TABLE codebase_units (
    id INTEGER NOT NULL,
    codebase VARCHAR(64) NOT NULL,
    unit VARCHAR(16) NOT NULL,
    name VARCHAR(255) NOT NULL,
    version VARCHAR(128),
    type VARCHAR(64),
    PRIMARY KEY (id),
    FOREIGN KEY(codebase) REFERENCES codebases (name) ON DELETE CASCADE
);
CREATE INDEX ix_codebase_units_name ON codebase_units (name);
CREATE INDEX ix_codebase_units_codebase ON codebase_units (codebase);

CREATE TABLE sites (
    domain VARCHAR(253) NOT NULL,
    codebase VARCHAR(64) NOT NULL,
    server VARCHAR(64) NOT NULL,
    status VARCHAR(16) NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (domain),
    FOREIGN KEY(codebase) REFERENCES codebases (name)
);
CREATE INDEX ix_sites_codebase ON sites (codebase);

CREATE TABLE backups (
    id VARCHAR(64) NOT NULL,
    site VARCHAR(253) NOT NULL,
    store VARCHAR(64) NOT NULL,
    created VARCHAR(40) NOT NULL,
    state VARCHAR(16) NOT NULL,
    size INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_backups_site_created ON backups (site, created);

CREATE TABLE schedules (
    site VARCHAR(253) NOT NULL,
    every_seconds INTEGER NOT NULL,
    keep TEXT NOT NULL,
    last_run VARCHAR(40),
    PRIMARY KEY (site)
);

CREATE TABLE tasks (
    id VARCHAR(40) NOT NULL,
    operation VARCHAR(64) NOT NULL,
    target VARCHAR(253) NOT NULL,
    status VARCHAR(20) NOT NULL,
    created VARCHAR(40) NOT NULL,
    started VARCHAR(40),
    finished VARCHAR(40),
    error TEXT,
    runner_pid INTEGER,
    on_crash VARCHAR(16) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tasks_status ON tasks (status);
CREATE INDEX ix_tasks_target ON tasks (target);

CREATE TABLE task_steps (
    task_id VARCHAR(40) NOT NULL,
    idx INTEGER NOT NULL,
    kind VARCHAR(64) NOT NULL,
    description TEXT NOT NULL,
    data TEXT NOT NULL,
    state VARCHAR(16) NOT NULL,
    started VARCHAR(40),
    finished VARCHAR(40),
    error TEXT,
    PRIMARY KEY (task_id, idx),
    FOREIGN KEY(task_id) REFERENCES tasks (id) ON DELETE CASCADE
);

CREATE TABLE task_log (
    id INTEGER NOT NULL,
    task_id VARCHAR(40) NOT NULL,
    time VARCHAR(40) NOT NULL,
    level VARCHAR(10) NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(task_id) REFERENCES tasks (id) ON DELETE CASCADE
);
CREATE INDEX ix_task_log_task ON task_log (task_id);

CREATE TABLE settings (
    "key" VARCHAR(128) NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY ("key")
);
