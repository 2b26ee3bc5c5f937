using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetLedger.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AssetRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "depreciation_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    period = table.Column<int>(type: "INTEGER", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    voucher_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_depreciation_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_depreciation_runs_vouchers_voucher_id",
                        column: x => x.voucher_id,
                        principalTable: "vouchers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fixed_assets",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    specification = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    location = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    custodian = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    acquired = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    cost = table.Column<long>(type: "INTEGER", nullable: false),
                    life_months = table.Column<int>(type: "INTEGER", nullable: false),
                    residual_rate_basis_points = table.Column<int>(type: "INTEGER", nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    total_units = table.Column<long>(type: "INTEGER", nullable: false),
                    use = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    opening_accumulated = table.Column<long>(type: "INTEGER", nullable: false),
                    opening_usage = table.Column<long>(type: "INTEGER", nullable: false),
                    origin = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    registered_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fixed_assets", x => x.id);
                    table.ForeignKey(
                        name: "fk_fixed_assets_books_book_id",
                        column: x => x.book_id,
                        principalTable: "books",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "asset_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    asset_id = table.Column<long>(type: "INTEGER", nullable: false),
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    counterparty = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    units = table.Column<long>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    book_value = table.Column<long>(type: "INTEGER", nullable: false),
                    voucher_id = table.Column<long>(type: "INTEGER", nullable: true),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asset_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_asset_events_fixed_assets_asset_id",
                        column: x => x.asset_id,
                        principalTable: "fixed_assets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_asset_events_vouchers_voucher_id",
                        column: x => x.voucher_id,
                        principalTable: "vouchers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "depreciation_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    asset_id = table.Column<long>(type: "INTEGER", nullable: false),
                    period = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    usage = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_depreciation_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_depreciation_entries_depreciation_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "depreciation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_depreciation_entries_fixed_assets_asset_id",
                        column: x => x.asset_id,
                        principalTable: "fixed_assets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_asset_events_book_id_asset_id",
                table: "asset_events",
                columns: new[] { "book_id", "asset_id" });

            migrationBuilder.CreateIndex(
                name: "ix_depreciation_entries_run_id_asset_id",
                table: "depreciation_entries",
                columns: new[] { "run_id", "asset_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_depreciation_runs_book_id_period_sequence",
                table: "depreciation_runs",
                columns: new[] { "book_id", "period", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fixed_assets_book_id_code",
                table: "fixed_assets",
                columns: new[] { "book_id", "code" },
                unique: true);

            ImmutableTables.Create(migrationBuilder, ImmutableTables.AssetTables);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ImmutableTables.Drop(migrationBuilder, ImmutableTables.AssetTables);

            migrationBuilder.DropTable(
                name: "asset_events");

            migrationBuilder.DropTable(
                name: "depreciation_entries");

            migrationBuilder.DropTable(
                name: "depreciation_runs");

            migrationBuilder.DropTable(
                name: "fixed_assets");
        }
    }
}
