using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetLedger.Rules.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    rule_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    subject_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    window = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    parameters = table.Column<string>(type: "TEXT", nullable: false),
                    evidence = table.Column<string>(type: "TEXT", nullable: false),
                    explanation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    raised_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "budgets",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    account_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    months = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    imported_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budgets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rule_settings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    rule_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    organization_id = table.Column<int>(type: "INTEGER", nullable: false),
                    parameter = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rule_watermarks",
                columns: table => new
                {
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    last_voucher_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_asset_event_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_resource_event_id = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_watermarks", x => x.book_id);
                });

            migrationBuilder.CreateTable(
                name: "alert_transitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    alert_id = table.Column<long>(type: "INTEGER", nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    to = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_transitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_alert_transitions_alerts_alert_id",
                        column: x => x.alert_id,
                        principalTable: "alerts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "budget_adjustments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    budget_id = table.Column<long>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budget_adjustments", x => x.id);
                    table.ForeignKey(
                        name: "fk_budget_adjustments_budgets_budget_id",
                        column: x => x.budget_id,
                        principalTable: "budgets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alert_transitions_alert_id",
                table: "alert_transitions",
                column: "alert_id");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_book_id_rule_id_subject_key_window",
                table: "alerts",
                columns: new[] { "book_id", "rule_id", "subject_key", "window" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_alerts_state_book_id",
                table: "alerts",
                columns: new[] { "state", "book_id" });

            migrationBuilder.CreateIndex(
                name: "ix_budget_adjustments_budget_id",
                table: "budget_adjustments",
                column: "budget_id");

            migrationBuilder.CreateIndex(
                name: "ix_budgets_book_id_year_account_code",
                table: "budgets",
                columns: new[] { "book_id", "year", "account_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rule_settings_rule_id_organization_id_parameter",
                table: "rule_settings",
                columns: new[] { "rule_id", "organization_id", "parameter" });
            AssetLedger.Core.Persistence.ImmutableTables.Create(migrationBuilder, ["alert_transitions", "rule_settings", "budgets", "budget_adjustments"]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            AssetLedger.Core.Persistence.ImmutableTables.Drop(migrationBuilder, ["alert_transitions", "rule_settings", "budgets", "budget_adjustments"]);
            migrationBuilder.DropTable(
                name: "alert_transitions");

            migrationBuilder.DropTable(
                name: "budget_adjustments");

            migrationBuilder.DropTable(
                name: "rule_settings");

            migrationBuilder.DropTable(
                name: "rule_watermarks");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "budgets");
        }
    }
}
