import type { Migration } from '../migrate.js';

/**
 * Version 70 (issue 13 §6): the user's own chart annotations (a date and a short text), kept in the data
 * folder with the rest of the user's work and drawn on every time chart with the sourced events.
 * Self-contained SQL: this file never imports repository code (design.md §8).
 */
export const m0070Annotations: Migration = {
  version: 70,
  name: 'annotations',
  up(db) {
    db.exec(`
      CREATE TABLE annotations (
        id          INTEGER PRIMARY KEY,
        date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        text        TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 200),
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX annotations_by_date ON annotations (date);
    `);
  },
};
