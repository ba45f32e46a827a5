/** Migrations Prisma's table records as applied; the same query on SQLite and PostgreSQL. */
export const APPLIED_MIGRATIONS_SQL = 'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';
