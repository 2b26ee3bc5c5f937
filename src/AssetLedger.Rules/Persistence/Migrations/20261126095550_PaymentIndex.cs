using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetLedger.Rules.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PaymentIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payment_index",
                columns: table => new
                {
                    voucher_id = table.Column<long>(type: "INTEGER", nullable: false),
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    counterparty_id = table.Column<int>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_index", x => x.voucher_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payment_index_book_id_counterparty_id_date",
                table: "payment_index",
                columns: new[] { "book_id", "counterparty_id", "date" });

            // The index is derived from the posting log: the next run reads every voucher again to fill it (the
            // alerts' unique keys keep that read from raising anything twice).
            migrationBuilder.Sql("UPDATE rule_watermarks SET last_voucher_id = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payment_index");
        }
    }
}
