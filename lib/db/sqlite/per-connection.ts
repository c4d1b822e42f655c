import type Database from "better-sqlite3";

/**
 * What `build` makes for a connection (its prepared statements, its transaction functions),
 * made once per connection: better-sqlite3 statements belong to the connection that prepared
 * them, and the write thread has a connection of its own.
 */
export function perConnection<T>(build: (db: Database.Database) => T): (db: Database.Database) => T {
  const made = new WeakMap<Database.Database, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) {
      value = build(db);
      made.set(db, value);
    }
    return value;
  };
}

const byText = perConnection(() => new Map<string, Database.Statement>());

/** The statement for `sql` on `db`, prepared the first time this connection runs that text. */
export function preparedStatement(db: Database.Database, sql: string): Database.Statement {
  const statements = byText(db);
  let s = statements.get(sql);
  if (!s) statements.set(sql, (s = db.prepare(sql)));
  return s;
}
