using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AssetLedger.Rules.Persistence.PostgreSql.Migrations
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    book_id = table.Column<int>(type: "integer", nullable: false),
                    rule_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    subject_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    window = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    parameters = table.Column<string>(type: "text", nullable: false),
                    evidence = table.Column<string>(type: "text", nullable: false),
                    explanation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    raised_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "budgets",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    book_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    account_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    months = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    imported_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budgets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outgoing_mails",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    to = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    to_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sent_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outgoing_mails", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payment_index",
                columns: table => new
                {
                    voucher_id = table.Column<long>(type: "bigint", nullable: false),
                    book_id = table.Column<int>(type: "integer", nullable: false),
                    counterparty_id = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_index", x => x.voucher_id);
                });

            migrationBuilder.CreateTable(
                name: "rule_settings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rule_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    organization_id = table.Column<int>(type: "integer", nullable: false),
                    parameter = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rule_watermarks",
                columns: table => new
                {
                    book_id = table.Column<int>(type: "integer", nullable: false),
                    last_voucher_id = table.Column<long>(type: "bigint", nullable: false),
                    last_asset_event_id = table.Column<long>(type: "bigint", nullable: false),
                    last_resource_event_id = table.Column<long>(type: "bigint", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_watermarks", x => x.book_id);
                });

            migrationBuilder.CreateTable(
                name: "subscribers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    organization_id = table.Column<int>(type: "integer", nullable: false),
                    rules = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    min_severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscribers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alert_transitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    alert_id = table.Column<long>(type: "bigint", nullable: false),
                    from = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    to = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    budget_id = table.Column<long>(type: "bigint", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    alert_id = table.Column<long>(type: "bigint", nullable: false),
                    immediate = table.Column<bool>(type: "boolean", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    mail_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_alerts_alert_id",
                        column: x => x.alert_id,
                        principalTable: "alerts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notifications_outgoing_mails_mail_id",
                        column: x => x.mail_id,
                        principalTable: "outgoing_mails",
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
                name: "ix_notifications_alert_id",
                table: "notifications",
                column: "alert_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_email_alert_id",
                table: "notifications",
                columns: new[] { "email", "alert_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_mail_id",
                table: "notifications",
                column: "mail_id");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_mails_message_id",
                table: "outgoing_mails",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_mails_state_next_attempt_at_utc",
                table: "outgoing_mails",
                columns: new[] { "state", "next_attempt_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_index_book_id_counterparty_id_date",
                table: "payment_index",
                columns: new[] { "book_id", "counterparty_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_rule_settings_rule_id_organization_id_parameter",
                table: "rule_settings",
                columns: new[] { "rule_id", "organization_id", "parameter" });

            migrationBuilder.CreateIndex(
                name: "ix_subscribers_email_organization_id",
                table: "subscribers",
                columns: new[] { "email", "organization_id" },
                unique: true);

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
                name: "notifications");

            migrationBuilder.DropTable(
                name: "payment_index");

            migrationBuilder.DropTable(
                name: "rule_settings");

            migrationBuilder.DropTable(
                name: "rule_watermarks");

            migrationBuilder.DropTable(
                name: "subscribers");

            migrationBuilder.DropTable(
                name: "budgets");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "outgoing_mails");
        }
    }
}
