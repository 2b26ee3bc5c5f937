using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AssetLedger.Core.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the Host.</summary>
internal sealed class DesignTimeLedgerDbContextFactory : IDesignTimeDbContextFactory<LedgerDbContext>
{
    public LedgerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LedgerDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
