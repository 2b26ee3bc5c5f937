using Microsoft.EntityFrameworkCore.Migrations;

namespace AssetLedger.Core.Persistence;

/// <summary>
/// Posted data is append-only in the database itself, not only in code: triggers refuse UPDATE and DELETE on
/// vouchers, postings, opening balances and the audit log, whoever connects.
/// </summary>
public static class ImmutableTables
{
    public static readonly IReadOnlyList<string> Tables =
        ["vouchers", "postings", "opening_balance_sets", "opening_balance_lines", "audit_log"];

    /// <summary>The contract register's tables, made append-only by the migration that creates them.</summary>
    public static readonly IReadOnlyList<string> ContractTables =
        ["contracts", "installments", "installment_receipts", "contract_events", "installment_cancellations"];

    /// <summary>The resource register's tables, made append-only by the migration that creates them.</summary>
    public static readonly IReadOnlyList<string> ResourceTables = ["resources", "resource_events"];

    /// <summary>The tables of the asset register, made append-only by the migration that creates them.</summary>
    public static readonly IReadOnlyList<string> AssetTables =
        ["fixed_assets", "asset_events", "depreciation_runs", "depreciation_entries"];

    public static void Create(MigrationBuilder migrationBuilder) => Create(migrationBuilder, Tables);

    public static void Create(MigrationBuilder migrationBuilder, IReadOnlyList<string> tables)
    {
        foreach (var table in tables)
        {
            var message = $"{table} is append-only: posted data is never changed or deleted; correct it with a new entry";
            switch (migrationBuilder.ActiveProvider)
            {
                case "Microsoft.EntityFrameworkCore.Sqlite":
                    migrationBuilder.Sql($"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END;");
                    migrationBuilder.Sql($"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END;");
                    break;
                case "Npgsql.EntityFrameworkCore.PostgreSQL":
                    migrationBuilder.Sql($"""
                        CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION '{message}'; END $$;
                        CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
                        FOR EACH ROW EXECUTE FUNCTION {table}_append_only();
                        """);
                    break;
                default:
                    throw new NotSupportedException($"No append-only triggers for provider {migrationBuilder.ActiveProvider}.");
            }
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder) => Drop(migrationBuilder, Tables);

    public static void Drop(MigrationBuilder migrationBuilder, IReadOnlyList<string> tables)
    {
        foreach (var table in tables)
        {
            if (migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_no_update;");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_no_delete;");
            }
            else
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_append_only ON {table}; DROP FUNCTION IF EXISTS {table}_append_only();");
            }
        }
    }
}
