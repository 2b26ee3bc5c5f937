using AssetLedger.Core.Assets;
using AssetLedger.Core.Common;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.OpeningBalances;
using AssetLedger.Core.Resources;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Budgets;

namespace AssetLedger.Host.Imports;

/// <summary>What an import did: the API's JSON, and a sentence for the page.</summary>
public sealed record ImportOutcome(object Json, string Summary);

/// <summary>
/// The one way the API and the pages run an import by its name — the same services as the command line's verbs, all
/// or nothing, every bad cell named by sheet or line and column, the same file again changing nothing.
/// </summary>
public static class ImportRunner
{
    public static readonly IReadOnlyList<(string Kind, string Name, bool NeedsYear)> Kinds =
    [
        ("vouchers", "凭证", false), ("opening", "期初余额", true), ("assets", "固定资产卡片", false),
        ("resources", "资源", false), ("contracts", "合同", false), ("budgets", "年度预算", true),
    ];

    public static async Task<Outcome<ImportOutcome>> RunAsync(IServiceProvider services, string kind, string org, int? year, Stream file, CancellationToken ct)
    {
        if (Kinds.FirstOrDefault(k => k.Kind == kind) is not { Kind: not null } known)
        {
            return new LedgerError("import.unknown", $"'{kind}' is not an import: vouchers, opening, assets, resources, contracts or budgets");
        }

        if (known.NeedsYear && year is null)
        {
            return new LedgerError("import.year_missing", $"a {kind} import needs the year (YYYY)", "year");
        }

        return kind switch
        {
            "vouchers" => (await services.GetRequiredService<VoucherImport>().ImportAsync(org, file, ct))
                .Map(r => new ImportOutcome(new { posted = r.Posted, alreadyPosted = r.AlreadyPosted }, $"记账 {r.Posted} 张凭证；{r.AlreadyPosted} 张此前已记账，未重复")),
            "opening" => (await services.GetRequiredService<OpeningBalanceImport>().ImportAsync(org, year!.Value, file, ct))
                .Map(r => new ImportOutcome(new { lines = r.Lines, alreadyImported = r.AlreadyImported }, r.AlreadyImported ? "这些期初余额此前已导入，未作改动" : $"导入期初余额 {r.Lines} 行")),
            "assets" => (await services.GetRequiredService<AssetRegister>().ImportAsync(org, file, ct))
                .Map(r => new ImportOutcome(new { registered = r.Registered, alreadyRegistered = r.AlreadyRegistered, costShort = r.CostShort.Yuan, depreciationShort = r.DepreciationShort.Yuan },
                    $"登记资产卡片 {r.Registered} 张；{r.AlreadyRegistered} 张此前已登记"
                    + (r.CostShort.IsPositive || r.DepreciationShort.IsPositive ? $"。账上尚有原值 {r.CostShort}、累计折旧 {r.DepreciationShort} 未登记卡片，核对前须补登" : string.Empty))),
            "resources" => (await services.GetRequiredService<ResourceRegister>().ImportAsync(org, file, ct))
                .Map(r => new ImportOutcome(new { registered = r.Registered, alreadyRegistered = r.AlreadyRegistered }, $"登记资源 {r.Registered} 项；{r.AlreadyRegistered} 项此前已登记")),
            "contracts" => (await services.GetRequiredService<ContractRegister>().ImportAsync(org, file, ct))
                .Map(r => new ImportOutcome(new { registered = r.Registered, alreadyRegistered = r.AlreadyRegistered, installments = r.Installments },
                    $"登记合同 {r.Registered} 份，生成应收 {r.Installments} 期；{r.AlreadyRegistered} 份此前已登记")),
            _ => (await services.GetRequiredService<BudgetService>().ImportAsync(org, year!.Value, file, ct))
                .Map(r => new ImportOutcome(new { imported = r.Imported, alreadyImported = r.AlreadyImported }, $"导入预算 {r.Imported} 行；{r.AlreadyImported} 行此前已导入")),
        };
    }
}
