using System.Net;
using System.Text;
using AssetLedger.Core.Persistence;
using AssetLedger.Host.Accounts;
using AssetLedger.Rules.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AssetLedger.Host.Tests.Web;

/// <summary>
/// The fault-and-abuse suite (docs/reliability.md): the seeded <see cref="HostileCorpus"/> of 10,000 inputs replayed
/// against the running server — every POST endpoint, every GET, every import kind as CSV and .xlsx — as the
/// administrator, who may do everything, so that no refusal hides behind a 403. No input may get a 500, and a
/// rejected one (4xx) may write nothing: the rows of every table are counted before and after it. Run alone with
/// <c>dotnet test tests/AssetLedger.Host.Tests --filter Category=Abuse --logger "console;verbosity=detailed"</c>,
/// which prints <c>N inputs, N × 500, N writes on rejected input</c>.
/// </summary>
[Trait("Category", "Abuse")]
public sealed class AbuseTests(ITestOutputHelper output) : LiveServer
{
    public const int Size = 10_000;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Cli.TractorAsync("33010101");
        await Cli.OkAsync("resource", "import", Cli.WriteFile("r.csv", "code,name,type,area\nR1,东坡地,耕地,100\n"), "--org", "33010101");
        await Cli.OkAsync("contract", "import", Cli.WriteFile("c.csv", "number,counterparty,subjects,start,end,annual_amount\nC1,张三,R1,2024-03-01,2026-02-28,10000\n"), "--org", "33010101");
    }

    [Fact]
    public async Task Ten_thousand_hostile_inputs_get_no_500_and_a_rejected_one_writes_nothing()
    {
        var corpus = HostileCorpus.Build(Size);
        var rows = RowCountQuery();
        using var admin = As("admin");
        var failures = new List<string>();
        var writes = new List<string>();
        var before = Rows(rows);

        foreach (var input in corpus)
        {
            var status = await SendAsync(admin, input);
            var after = Rows(rows);
            if (status >= 500)
            {
                failures.Add($"{status} {input}");
            }
            else if (status >= 400 && after != before)
            {
                writes.Add($"{status} {input}: {after - before} rows");
            }

            before = after;
        }

        var summary = $"{corpus.Count:N0} inputs, {failures.Count} × 500, {writes.Count} writes on rejected input";
        output.WriteLine(summary);
        failures.Concat(writes).ToList().ForEach(output.WriteLine);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "abuse-summary.txt"), summary + "\n");
        corpus.Should().HaveCountGreaterThanOrEqualTo(Size);
        failures.Should().BeEmpty();
        writes.Should().BeEmpty();
    }

    private async Task<int> SendAsync(HttpClient http, HostileInput input)
    {
        using var request = new HttpRequestMessage(new HttpMethod(input.Method), new Uri(input.Path, UriKind.Relative));
        if (input.Json is not null)
        {
            request.Content = new StringContent(input.Json, Encoding.UTF8, "application/json");
        }
        else if (input.File is not null)
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(input.File), "file", input.FileName! } };
            request.Content = form;
        }

        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 500)
        {
            output.WriteLine($"{input}: {answer}");
            if (input.File is not null)
            {
                await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, $"abuse-{(int)response.StatusCode}-{input.FileName}"), input.File); // kept to replay
            }
        }

        return (int)response.StatusCode;
    }

    /// <summary>One statement that counts the rows of every table the product keeps (ledger, rules, accounts).</summary>
    private string RowCountQuery()
    {
        using var scope = Services.CreateScope();
        var tables = new DbContext[]
            {
                scope.ServiceProvider.GetRequiredService<LedgerDbContext>(), scope.ServiceProvider.GetRequiredService<RulesDbContext>(),
                scope.ServiceProvider.GetRequiredService<AccountsDbContext>(),
            }
            .SelectMany(c => c.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>())
            .Distinct(StringComparer.Ordinal).ToList();
        return "SELECT " + string.Join(" + ", tables.Select(t => $"(SELECT COUNT(*) FROM \"{t}\")"));
    }

    private long Rows(string query) => Convert.ToInt64(Cli.Database.Scalar(query), System.Globalization.CultureInfo.InvariantCulture);
}
