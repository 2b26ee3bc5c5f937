using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetLedger.Host.Accounts.Migrations
{
    /// <inheritdoc />
    public partial class Revocations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_access_grants_UserId_Role_OrganizationId",
                table: "access_grants");

            migrationBuilder.AddColumn<DateTime>(
                name: "RevokedAtUtc",
                table: "api_tokens",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "access_grants",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Revoked",
                table: "access_grants",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_access_grants_UserId_Role_OrganizationId",
                table: "access_grants",
                columns: new[] { "UserId", "Role", "OrganizationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_access_grants_UserId_Role_OrganizationId",
                table: "access_grants");

            migrationBuilder.DropColumn(
                name: "RevokedAtUtc",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "access_grants");

            migrationBuilder.DropColumn(
                name: "Revoked",
                table: "access_grants");

            migrationBuilder.CreateIndex(
                name: "IX_access_grants_UserId_Role_OrganizationId",
                table: "access_grants",
                columns: new[] { "UserId", "Role", "OrganizationId" },
                unique: true);
        }
    }
}
