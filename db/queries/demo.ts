import "server-only";
import { getTableColumns, isTable, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../client";
import * as schema from "../schema";
import { organisations } from "../schema";

// Rows per statement: a few MB of JSON at most, well within both drivers' limits.
const CHUNK = 5_000;

/**
 * Multi-row inserts with one JSON parameter per chunk: a parameter per value (drizzle's
 * `values(rows)`) costs far more per row on PGlite and stops at 65,535 values a statement. Each row
 * becomes an array in the order of the columns any row sets; a column no row sets keeps its SQL
 * default, and a value a row leaves out is NULL.
 */
export async function insertRowsInBulk<T extends PgTable>(tx: DbOrTx, table: T, rows: T["$inferInsert"][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(columns).filter((key) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const names = sql.join(
    keys.map((key) => sql.identifier(columns[key]!.name)),
    sql`, `,
  );
  const values = sql.join(
    keys.map((key, i) => {
      const type = columns[key]!.getSQLType();
      return type === "jsonb" ? sql.raw(`nullif(r->${i}, 'null'::jsonb)`) : sql.raw(`(r->>${i})::${type}`);
    }),
    sql`, `,
  );
  for (let from = 0; from < rows.length; from += CHUNK) {
    const chunk = rows.slice(from, from + CHUNK).map((row) => keys.map((key) => (row as Record<string, unknown>)[key] ?? null));
    await tx.execute(sql`insert into ${table} (${names}) select ${values} from jsonb_array_elements(${JSON.stringify(chunk)}::jsonb) as r`);
  }
}

/** Fresh planner statistics for `tables`: PGlite never analyses by itself. */
export async function analyzeTables(tx: DbOrTx, tables: PgTable[]): Promise<void> {
  await tx.execute(
    sql`analyze ${sql.join(
      tables.map((table) => sql`${table}`),
      sql`, `,
    )}`,
  );
}

/** How many organisations the database holds, and how many of them are demo ones. */
export async function countOrganisationsByKind(db: DbOrTx): Promise<{ total: number; demo: number }> {
  const [row] = await db
    .select({ total: sql<number>`count(*)::int`, demo: sql<number>`(count(*) filter (where ${organisations.isDemo}))::int` })
    .from(organisations);
  return { total: row?.total ?? 0, demo: row?.demo ?? 0 };
}

/**
 * Empties a PostgreSQL database of the registry for a fresh seed, refusing (and changing nothing)
 * unless every organisation in it is a demo one. The ledger refuses deletes and truncation by
 * design, so its tables are dropped with the rest and the next open migrates from scratch.
 */
export async function dropDemoRegistry(db: DbOrTx): Promise<{ dropped: true } | { dropped: false; realOrganisations: number }> {
  return db.transaction(async (tx) => {
    // No organisation can be registered between the check and the drop.
    await tx.execute(sql`lock table ${organisations} in access exclusive mode`);
    const { total, demo } = await countOrganisationsByKind(tx);
    if (total !== demo) return { dropped: false as const, realOrganisations: total - demo };
    const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => isTable(value));
    await tx.execute(
      sql`drop table if exists ${sql.join(
        tables.map((table) => sql`${table}`),
        sql`, `,
      )} cascade`,
    );
    await tx.execute(sql`drop function if exists ledger_refuse_change()`);
    await tx.execute(sql`drop table if exists drizzle.__drizzle_migrations`);
    return { dropped: true as const };
  });
}
