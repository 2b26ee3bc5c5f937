using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetLedger.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ContractRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contracts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    counterparty = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    subjects = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    area_ten_thousandths = table.Column<long>(type: "INTEGER", nullable: false),
                    unit_price_per_mu_year = table.Column<long>(type: "INTEGER", nullable: false),
                    annual_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    payment = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    installments_per_year = table.Column<int>(type: "INTEGER", nullable: false),
                    deposit = table.Column<long>(type: "INTEGER", nullable: false),
                    resolution = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    registered_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contracts", x => x.id);
                    table.ForeignKey(
                        name: "fk_contracts_books_book_id",
                        column: x => x.book_id,
                        principalTable: "books",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contract_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    contract_id = table.Column<long>(type: "INTEGER", nullable: false),
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    new_end = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    new_annual_amount = table.Column<long>(type: "INTEGER", nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contract_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_contract_events_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "installments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    contract_id = table.Column<long>(type: "INTEGER", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    covers_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    covers_to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    event_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_installments", x => x.id);
                    table.ForeignKey(
                        name: "fk_installments_contract_events_event_id",
                        column: x => x.event_id,
                        principalTable: "contract_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_installments_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "installment_cancellations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    installment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    event_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_installment_cancellations", x => x.id);
                    table.ForeignKey(
                        name: "fk_installment_cancellations_contract_events_event_id",
                        column: x => x.event_id,
                        principalTable: "contract_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_installment_cancellations_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "installment_receipts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    installment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    voucher_id = table.Column<long>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_installment_receipts", x => x.id);
                    table.ForeignKey(
                        name: "fk_installment_receipts_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_installment_receipts_vouchers_voucher_id",
                        column: x => x.voucher_id,
                        principalTable: "vouchers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_contract_events_contract_id",
                table: "contract_events",
                column: "contract_id");

            migrationBuilder.CreateIndex(
                name: "ix_contracts_book_id_number",
                table: "contracts",
                columns: new[] { "book_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_installment_cancellations_installment_id",
                table: "installment_cancellations",
                column: "installment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_installment_receipts_installment_id",
                table: "installment_receipts",
                column: "installment_id");

            migrationBuilder.CreateIndex(
                name: "ix_installments_contract_id_sequence",
                table: "installments",
                columns: new[] { "contract_id", "sequence" },
                unique: true);

            ImmutableTables.Create(migrationBuilder, ImmutableTables.ContractTables);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ImmutableTables.Drop(migrationBuilder, ImmutableTables.ContractTables);

            migrationBuilder.DropTable(
                name: "installment_cancellations");

            migrationBuilder.DropTable(
                name: "installment_receipts");

            migrationBuilder.DropTable(
                name: "installments");

            migrationBuilder.DropTable(
                name: "contract_events");

            migrationBuilder.DropTable(
                name: "contracts");
        }
    }
}
