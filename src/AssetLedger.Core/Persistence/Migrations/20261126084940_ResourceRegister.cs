using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetLedger.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ResourceRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "resources",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    east = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    south = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    west = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    north = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    area_ten_thousandths = table.Column<long>(type: "INTEGER", nullable: false),
                    certificate = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    mode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "TEXT", maxLength: 100, nullable: true),
                    registered_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resources", x => x.id);
                    table.ForeignKey(
                        name: "fk_resources_books_book_id",
                        column: x => x.book_id,
                        principalTable: "books",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resource_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    resource_id = table.Column<long>(type: "INTEGER", nullable: false),
                    book_id = table.Column<int>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    before = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    after = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resource_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_resource_events_resources_resource_id",
                        column: x => x.resource_id,
                        principalTable: "resources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_resource_events_book_id_resource_id",
                table: "resource_events",
                columns: new[] { "book_id", "resource_id" });

            migrationBuilder.CreateIndex(
                name: "ix_resources_book_id_code",
                table: "resources",
                columns: new[] { "book_id", "code" },
                unique: true);

            ImmutableTables.Create(migrationBuilder, ImmutableTables.ResourceTables);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ImmutableTables.Drop(migrationBuilder, ImmutableTables.ResourceTables);

            migrationBuilder.DropTable(
                name: "resource_events");

            migrationBuilder.DropTable(
                name: "resources");
        }
    }
}
