import type { Migration } from '../migrate.js';

/** Version 20: saved scenarios (re-computable bit for bit) and Workspace layouts. */
export const m0020ScenariosLayouts: Migration = {
  version: 20,
  name: 'scenarios-layouts',
  up(db) {
    db.exec(`
      CREATE TABLE scenarios (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE,
        inputs        TEXT NOT NULL,
        anchor        TEXT NOT NULL,
        curve_label   TEXT NOT NULL,
        data_as_of    TEXT NOT NULL,
        model_version INTEGER NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      ) STRICT;

      CREATE TABLE layouts (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        panels     TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
