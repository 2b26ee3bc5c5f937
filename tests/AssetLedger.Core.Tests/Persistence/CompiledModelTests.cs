using AssetLedger.Core.Persistence;
using AssetLedger.Core.Persistence.CompiledModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AssetLedger.Core.Tests.Persistence;

public class CompiledModelTests
{
    [Fact]
    public void The_compiled_model_matches_the_model_the_code_describes()
    {
        using var db = new LedgerDbContext(new DbContextOptionsBuilder<LedgerDbContext>().UseSqlite("Data Source=:memory:").Options);
        var fromCode = db.GetService<IDesignTimeModel>().Model.ToDebugString(MetadataDebugStringOptions.ShortDefault);

        var compiled = LedgerDbContextModel.Instance.ToDebugString(MetadataDebugStringOptions.ShortDefault);

        compiled.Should().Be(fromCode,
            "the compiled model is stale: run `dotnet ef dbcontext optimize --project src/AssetLedger.Core --startup-project src/AssetLedger.Host --output-dir Persistence/CompiledModel --namespace AssetLedger.Core.Persistence.CompiledModel`");
    }
}
