using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetLedger.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_balances",
                columns: table => new
                {
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    account_id = table.Column<int>(type: "INTEGER", nullable: false),
                    counterparty_key = table.Column<int>(type: "INTEGER", nullable: false),
                    period = table.Column<int>(type: "INTEGER", nullable: false),
                    debit = table.Column<long>(type: "INTEGER", nullable: false),
                    credit = table.Column<long>(type: "INTEGER", nullable: false),
                    year_end_debit = table.Column<long>(type: "INTEGER", nullable: false),
                    year_end_credit = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_balances", x => new { x.book_id, x.account_id, x.counterparty_key, x.period });
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    book_id = table.Column<int>(type: "INTEGER", nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    before = table.Column<string>(type: "TEXT", nullable: true),
                    after = table.Column<string>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organizations",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    parent_id = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organizations", x => x.id);
                    table.ForeignKey(
                        name: "fk_organizations_organizations_parent_id",
                        column: x => x.parent_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "period_states",
                columns: table => new
                {
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    period = table.Column<int>(type: "INTEGER", nullable: false),
                    is_closed = table.Column<bool>(type: "INTEGER", nullable: false),
                    changed_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_period_states", x => new { x.book_id, x.period });
                });

            migrationBuilder.CreateTable(
                name: "books",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    organization_id = table.Column<int>(type: "INTEGER", nullable: false),
                    chart_standard = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_books", x => x.id);
                    table.ForeignKey(
                        name: "fk_books_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    normal_side = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    parent_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    flags = table.Column<int>(type: "INTEGER", nullable: false),
                    is_standard = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.id);
                    table.ForeignKey(
                        name: "fk_accounts_books_book_id",
                        column: x => x.book_id,
                        principalTable: "books",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "counterparties",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_counterparties", x => x.id);
                    table.ForeignKey(
                        name: "fk_counterparties_books_book_id",
                        column: x => x.book_id,
                        principalTable: "books",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "opening_balance_sets",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    imported_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opening_balance_sets", x => x.id);
                    table.ForeignKey(
                        name: "fk_opening_balance_sets_books_book_id",
                        column: x => x.book_id,
                        principalTable: "books",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "vouchers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    period = table.Column<int>(type: "INTEGER", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    attachment_count = table.Column<int>(type: "INTEGER", nullable: false),
                    resolution = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    preparer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reverses_voucher_id = table.Column<long>(type: "INTEGER", nullable: true),
                    posted_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    first_posting_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vouchers", x => x.id);
                    table.ForeignKey(
                        name: "fk_vouchers_books_book_id",
                        column: x => x.book_id,
                        principalTable: "books",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_vouchers_vouchers_reverses_voucher_id",
                        column: x => x.reverses_voucher_id,
                        principalTable: "vouchers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "opening_balance_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    set_id = table.Column<int>(type: "INTEGER", nullable: false),
                    account_id = table.Column<int>(type: "INTEGER", nullable: false),
                    counterparty_id = table.Column<int>(type: "INTEGER", nullable: true),
                    debit = table.Column<long>(type: "INTEGER", nullable: false),
                    credit = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opening_balance_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_opening_balance_lines_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_opening_balance_lines_counterparties_counterparty_id",
                        column: x => x.counterparty_id,
                        principalTable: "counterparties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_opening_balance_lines_opening_balance_sets_set_id",
                        column: x => x.set_id,
                        principalTable: "opening_balance_sets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "postings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    voucher_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line_no = table.Column<int>(type: "INTEGER", nullable: false),
                    account_id = table.Column<int>(type: "INTEGER", nullable: false),
                    counterparty_id = table.Column<int>(type: "INTEGER", nullable: true),
                    debit = table.Column<long>(type: "INTEGER", nullable: false),
                    credit = table.Column<long>(type: "INTEGER", nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_postings", x => x.id);
                    table.ForeignKey(
                        name: "fk_postings_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_postings_counterparties_counterparty_id",
                        column: x => x.counterparty_id,
                        principalTable: "counterparties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_postings_vouchers_voucher_id",
                        column: x => x.voucher_id,
                        principalTable: "vouchers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_balances_book_id_period",
                table: "account_balances",
                columns: new[] { "book_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_accounts_book_id_code",
                table: "accounts",
                columns: new[] { "book_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_book_id_at_utc",
                table: "audit_log",
                columns: new[] { "book_id", "at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_books_organization_id",
                table: "books",
                column: "organization_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_counterparties_book_id_name",
                table: "counterparties",
                columns: new[] { "book_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_opening_balance_lines_set_id",
                table: "opening_balance_lines",
                column: "set_id");

            migrationBuilder.CreateIndex(
                name: "ix_opening_balance_sets_book_id",
                table: "opening_balance_sets",
                column: "book_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_organizations_code",
                table: "organizations",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vouchers_book_id_idempotency_key",
                table: "vouchers",
                columns: new[] { "book_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vouchers_book_id_period_number",
                table: "vouchers",
                columns: new[] { "book_id", "period", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vouchers_kind",
                table: "vouchers",
                column: "kind",
                filter: "kind = 'YearEndClose'");

            migrationBuilder.CreateIndex(
                name: "ix_vouchers_reverses_voucher_id",
                table: "vouchers",
                column: "reverses_voucher_id",
                unique: true,
                filter: "reverses_voucher_id IS NOT NULL");

            ImmutableTables.Create(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ImmutableTables.Drop(migrationBuilder);

            migrationBuilder.DropTable(
                name: "account_balances");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "opening_balance_lines");

            migrationBuilder.DropTable(
                name: "period_states");

            migrationBuilder.DropTable(
                name: "postings");

            migrationBuilder.DropTable(
                name: "opening_balance_sets");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "counterparties");

            migrationBuilder.DropTable(
                name: "vouchers");

            migrationBuilder.DropTable(
                name: "books");

            migrationBuilder.DropTable(
                name: "organizations");
        }
    }
}
