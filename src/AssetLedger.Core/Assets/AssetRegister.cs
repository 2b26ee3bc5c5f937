using System.Globalization;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Assets;

/// <param name="CostShort">How much less the standing cards cost than account 151 holds, after the import (zero when they agree): assets in the books still to be registered.</param>
/// <param name="DepreciationShort">Likewise for the cards' accumulated depreciation and account 152.</param>
public sealed record AssetImportResult(int Registered, int AlreadyRegistered, Money CostShort, Money DepreciationShort);

/// <summary>A card with what is derived from its events and depreciation.</summary>
public sealed record AssetView(FixedAsset Asset, AssetState State);

/// <summary>
/// The fixed-asset register of a book: cards brought in by import, status changes and usage as events, disposal
/// through 154 固定资产清理 with its voucher. Every write is one transaction with its audit entry.
/// </summary>
public sealed class AssetRegister(
    LedgerDbContext db, BookDirectory books, VoucherPosting posting, AuditLog audit, Actor actor, TimeProvider time, ImportLimits limits)
{
    /// <summary>Below this unit value (元) an item is not a fixed asset (domain §4).</summary>
    public const long MinimumUnitValueFen = 500_00;

    public static readonly IReadOnlyList<CsvColumn> Columns =
    [
        new("code", true, "编号", "资产编号"),
        new("name", true, "名称", "资产名称"),
        new("category", true, "类别"),
        new("acquired", true, "开始使用日期", "开始使用时间", "购置日期"),
        new("cost", true, "原值"),
        new("life_months", true, "使用年限(月)", "使用月数"),
        new("residual_rate", true, "净残值率", "残值率"),
        new("method", true, "折旧方法"),
        new("use", true, "用途", "费用归属"),
        new("accumulated", true, "已提折旧", "累计折旧"),
        new("months_depreciated", false, "已提月数"),
        new("total_units", false, "总工作量"),
        new("units_depreciated", false, "已完成工作量"),
        new("quantity", false, "数量"),
        new("specification", false, "规格", "规格型号"),
        new("location", false, "存放地点"),
        new("custodian", false, "管护责任人", "保管人"),
        new("origin", false, "来源", "增加方式"),
        new("voucher", false, "凭证号"),
    ];

    /// <summary><c>asset import FILE --org CODE</c>: all or nothing; the same card again changes nothing.</summary>
    public async Task<Outcome<AssetImportResult>> ImportAsync(string orgCode, Stream csv, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<AssetImportResult>.Failure(book.Errors);
        }

        var bookId = book.Value.Book.Id;
        var today = LedgerClock.Today(time);
        var plan = await new RegisterImport<ImportedCard, FixedAsset>(
            Columns,
            (row, ct) => ParseRowAsync(row, bookId, today, ct),
            c => c.Card.Code,
            async (codes, ct) => await db.FixedAssets.AsNoTracking().Where(a => a.BookId == bookId && codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct),
            (old, c) => SameCard(old, c.Card),
            (code, lines) => new LedgerError("asset.code_repeated", $"asset code {code} appears on lines {string.Join(", ", lines)}"),
            (c, old, line) => new LedgerError("asset.code_taken", $"asset {c.Card.Code} is already registered as {old.Name} with other facts; cards are never changed", $"line {line}"))
            .PlanAsync(csv, limits, ct);
        if (!plan.Succeeded)
        {
            return Outcome<AssetImportResult>.Failure(plan.Errors);
        }

        var fresh = plan.Value.Fresh.Select(c => c.Card).ToList();
        var vouchers = plan.Value.Fresh.ToDictionary(c => c.Card.Code, c => c.Voucher);
        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        db.FixedAssets.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        var now = LedgerClock.UtcNow(time);
        db.AssetEvents.AddRange(fresh.Select(c => new AssetEvent
        {
            AssetId = c.Id, BookId = bookId, Date = c.Acquired, Kind = AssetEventKind.Registered, Reason = c.Origin,
            Status = AssetStatus.InUse, VoucherId = vouchers[c.Code], AtUtc = now, Actor = actor.Name,
        }));
        if (fresh.Count > 0)
        {
            audit.Record("asset.import", bookId, $"{fresh.Count} asset cards", null,
                new { cards = fresh.Count, cost = Money.FromFen(fresh.Sum(c => c.Cost)).ToPlainString(), codes = fresh.Select(c => c.Code).ToList() });
        }

        await db.SaveChangesAsync(ct);
        var (costShort, depreciationShort) = await ShortOfTheBooksAsync(bookId, ct);
        if (fresh.Count > 0 && (costShort < 0 || depreciationShort < 0))
        {
            await tx.RollbackAsync(ct);
            return new LedgerError("asset.not_in_books", costShort < 0
                ? $"the cards would cost {Money.FromFen(-costShort)} more than account 151 固定资产 holds; a card without a voucher (column voucher) is an asset already in the opening balances — import those first, or give each new card the voucher that books it"
                : $"the cards' accumulated depreciation would be {Money.FromFen(-depreciationShort)} more than account 152 累计折旧 holds; import the opening balances first, or correct the cards' accumulated depreciation");
        }

        await tx.CommitAsync(ct);
        return Outcome<AssetImportResult>.Success(new AssetImportResult(fresh.Count, plan.Value.Unchanged, Money.FromFen(costShort), Money.FromFen(depreciationShort)));
    }

    /// <summary>
    /// What accounts 151 and 152 hold beyond the standing cards' cost and accumulated depreciation (what <c>verify</c>
    /// reconciles): positive while assets in the books are still to be registered, negative when cards have no books behind them.
    /// </summary>
    private async Task<(long Cost, long Depreciation)> ShortOfTheBooksAsync(int bookId, CancellationToken ct)
    {
        var net = await (from b in db.Balances.AsNoTracking()
                         join a in db.Accounts.AsNoTracking() on b.AccountId equals a.Id
                         where b.BookId == bookId && (a.Code.StartsWith("151") || a.Code.StartsWith("152"))
                         group b by a.Code.Substring(0, 3) into g
                         select new { Account = g.Key, Net = g.Sum(b => b.Debit - b.Credit) }).ToDictionaryAsync(x => x.Account, x => x.Net, ct);
        var standing = (await StatesAsync(bookId, null, ct)).Where(v => v.State.Disposed is null).ToList();
        return (net.GetValueOrDefault("151") - standing.Sum(v => v.Asset.Cost), -net.GetValueOrDefault("152") - standing.Sum(v => v.State.Accumulated));
    }

    /// <summary>出租, 出借, 发包, 闲置, 自营: a status change is an event, without a voucher.</summary>
    public async Task<Outcome<AssetView>> ChangeStatusAsync(
        string orgCode, string assetCode, AssetStatus status, DateOnly date, string? counterparty, string reason, CancellationToken ct = default)
    {
        var found = await FindAsync(orgCode, assetCode, ct);
        if (!found.Succeeded)
        {
            return Outcome<AssetView>.Failure(found.Errors);
        }

        var (bookId, asset) = found.Value;
        if (TextRules.Check("reason", reason, 200) is { } reasonError)
        {
            return reasonError;
        }

        if (TextRules.Check("counterparty", counterparty, 100, required: status is AssetStatus.Leased or AssetStatus.Lent or AssetStatus.Contracted) is { } cpError)
        {
            return cpError;
        }

        var view = await ViewAsync(bookId, asset, ct);
        if (view.State.Disposed is not null)
        {
            return new LedgerError("asset.disposed", $"asset {asset.Code} was disposed of on {view.State.Disposed:yyyy-MM-dd}");
        }

        if (date < asset.Acquired || date > LedgerClock.Today(time))
        {
            return new LedgerError("asset.date_invalid", $"{date:yyyy-MM-dd} must lie between the asset's start of use ({asset.Acquired:yyyy-MM-dd}) and today");
        }

        db.AssetEvents.Add(new AssetEvent
        {
            AssetId = asset.Id, BookId = bookId, Date = date, Kind = AssetEventKind.StatusChanged, Reason = reason.Trim(), Status = status,
            Counterparty = counterparty?.Trim(), AtUtc = LedgerClock.UtcNow(time), Actor = actor.Name,
        });
        audit.Record("asset.status", bookId, $"asset {asset.Code}", new { status = view.State.Status.ToString() }, new { status = status.ToString(), counterparty, date }, reason);
        await db.SaveChangesAsync(ct);
        return Outcome<AssetView>.Success(await ViewAsync(bookId, asset, ct));
    }

    /// <summary>The work a units-method asset did in a month, which that month's depreciation follows.</summary>
    public async Task<Outcome<long>> RecordUsageAsync(string orgCode, string assetCode, AccountingPeriod period, long units, CancellationToken ct = default)
    {
        var found = await FindAsync(orgCode, assetCode, ct);
        if (!found.Succeeded)
        {
            return Outcome<long>.Failure(found.Errors);
        }

        var (bookId, asset) = found.Value;
        if (asset.Method != DepreciationMethod.Units)
        {
            return new LedgerError("asset.not_units", $"asset {asset.Code} is depreciated by 年限平均法; usage applies to 工作量法 assets");
        }

        if (units <= 0)
        {
            return new LedgerError("asset.units_invalid", $"units must be positive, not {units}");
        }

        db.AssetEvents.Add(new AssetEvent
        {
            AssetId = asset.Id, BookId = bookId, Date = period.LastDay, Kind = AssetEventKind.Usage, Reason = "工作量", Units = units,
            AtUtc = LedgerClock.UtcNow(time), Actor = actor.Name,
        });
        audit.Record("asset.usage", bookId, $"asset {asset.Code}", null, new { period = period.ToString(), units });
        await db.SaveChangesAsync(ct);
        return Outcome<long>.Success(units);
    }

    /// <summary>
    /// 出售, 报废, 毁损, 盘亏, 对外投资: one voucher takes the asset off the books through 154 固定资产清理 — cost out of
    /// 151, accumulated depreciation out of 152, proceeds in, and the net gain to 504 or loss to 515.
    /// </summary>
    public async Task<Outcome<(AssetView View, PostedVoucher Voucher)>> DisposeAsync(
        string orgCode, string assetCode, DateOnly date, string reason, Money proceeds, string proceedsAccount = "102", CancellationToken ct = default)
    {
        var found = await FindAsync(orgCode, assetCode, ct);
        if (!found.Succeeded)
        {
            return Outcome<(AssetView, PostedVoucher)>.Failure(found.Errors);
        }

        var (bookId, asset) = found.Value;
        if (TextRules.Check("reason", reason, 50) is { } reasonError)
        {
            return reasonError;
        }

        if (proceeds.IsNegative)
        {
            return new LedgerError("asset.proceeds_negative", "proceeds cannot be negative");
        }

        var view = await ViewAsync(bookId, asset, ct);
        if (view.State.Disposed is not null)
        {
            return new LedgerError("asset.disposed", $"asset {asset.Code} was already disposed of on {view.State.Disposed:yyyy-MM-dd}");
        }

        if (date < asset.Acquired)
        {
            return new LedgerError("asset.date_invalid", $"{date:yyyy-MM-dd} is before the asset's start of use ({asset.Acquired:yyyy-MM-dd})");
        }

        // An asset removed in a month is still depreciated that month: that month's run comes first.
        var period = AccountingPeriod.Of(date);
        var before = (await StatesAsync(bookId, period, ct)).Single(s => s.State.Asset.Id == asset.Id);
        var units = await UnitsAsync(bookId, period, ct);
        if (DepreciationCalculator.For(before.State, period, units.GetValueOrDefault(asset.Id)).Amount > 0
            && !await DepreciationRuns.EffectiveFor(db, bookId, period).AnyAsync(ct))
        {
            return new LedgerError("asset.depreciation_first",
                $"asset {asset.Code} is still depreciated in {period}: run `depreciation run --period {period}` before disposing of it");
        }

        var chart = await books.LoadChartAsync(bookId, ct);
        var s = view.State;
        var what = $"{reason.Trim()}{asset.Name}（{asset.Code}）";
        var lines = new List<VoucherLineDraft>();
        void Line(string account, string summary, long debit, long credit)
        {
            if (debit != 0 || credit != 0)
            {
                lines.Add(new VoucherLineDraft(account, summary, Money.FromFen(debit), Money.FromFen(credit)));
            }
        }

        Line("152", $"{what}转销累计折旧", s.Accumulated, 0);
        Line("154", $"{what}转入清理", s.BookValue, 0);
        Line("151", what, 0, asset.Cost);
        Line(proceedsAccount, $"{what}收入", proceeds.Fen, 0);
        Line("154", $"{what}收入", 0, proceeds.Fen);
        var net = s.BookValue - proceeds.Fen;
        Line(net > 0 ? "515" : "154", net > 0 ? $"{what}净损失" : $"{what}净收益", Math.Abs(net), 0);
        Line(net > 0 ? "154" : "504", net > 0 ? $"{what}净损失" : $"{what}净收益", 0, Math.Abs(net));

        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        var draft = new VoucherDraft($"asset-dispose:{asset.Id}", date, lines);
        var result = await posting.PostAsync(chart, draft, ct);
        if (!result.Succeeded)
        {
            await tx.RollbackAsync(ct);
            return Outcome<(AssetView, PostedVoucher)>.Failure(result.Errors);
        }

        var voucher = result.Value.Vouchers[0];
        db.AssetEvents.Add(new AssetEvent
        {
            AssetId = asset.Id, BookId = bookId, Date = date, Kind = AssetEventKind.Disposed, Reason = reason.Trim(), Amount = proceeds.Fen,
            BookValue = s.BookValue, VoucherId = voucher.Id, AtUtc = LedgerClock.UtcNow(time), Actor = actor.Name,
        });
        audit.Record("asset.dispose", bookId, $"asset {asset.Code}", new { cost = asset.Cost, accumulated = s.Accumulated },
            new { voucher = voucher.DisplayNumber, proceeds = proceeds.ToPlainString(), bookValue = Money.FromFen(s.BookValue).ToPlainString() }, reason);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<(AssetView, PostedVoucher)>.Success((await ViewAsync(bookId, asset, ct), voucher));
    }

    /// <summary>The book's asset events (registration, status changes, usage, disposal), newest first, each with its asset.</summary>
    public async Task<IReadOnlyList<(AssetEvent Event, FixedAsset Asset)>> EventsAsync(int bookId, CancellationToken ct = default) =>
        (await db.AssetEvents.AsNoTracking().Where(e => e.BookId == bookId)
            .Join(db.FixedAssets.AsNoTracking(), e => e.AssetId, a => a.Id, (e, a) => new { e, a })
            .OrderByDescending(x => x.e.Date).ThenByDescending(x => x.e.Id).ToListAsync(ct)).Select(x => (x.e, x.a)).ToList();

    public async Task<Outcome<IReadOnlyList<AssetView>>> ListAsync(string orgCode, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<IReadOnlyList<AssetView>>.Failure(book.Errors);
        }

        return Outcome<IReadOnlyList<AssetView>>.Success(await StatesAsync(book.Value.Book.Id, null, ct));
    }

    /// <summary>
    /// Every card of a book with its state before <paramref name="before"/> (or now): depreciation taken in effective
    /// runs, the status of its latest status change, its disposal.
    /// </summary>
    internal async Task<IReadOnlyList<AssetView>> StatesAsync(int bookId, AccountingPeriod? before, CancellationToken ct)
    {
        var limit = before?.Key ?? int.MaxValue;
        var cards = await db.FixedAssets.AsNoTracking().Where(a => a.BookId == bookId).OrderBy(a => a.Code).ToListAsync(ct);
        var taken = await (from e in db.DepreciationEntries
                           join r in DepreciationRuns.Effective(db, bookId) on e.RunId equals r.Id
                           where e.Period < limit
                           group e by e.AssetId into g
                           select new { AssetId = g.Key, Amount = g.Sum(e => e.Amount), Usage = g.Sum(e => e.Usage) })
            .ToDictionaryAsync(x => x.AssetId, ct);
        var cutoff = before?.FirstDay ?? DateOnly.MaxValue;
        var events = await db.AssetEvents.AsNoTracking()
            .Where(e => e.BookId == bookId && (e.Kind == AssetEventKind.StatusChanged || e.Kind == AssetEventKind.Disposed) && e.Date < cutoff)
            .OrderBy(e => e.Date).ThenBy(e => e.Id).ToListAsync(ct);
        var byAsset = events.ToLookup(e => e.AssetId);
        return cards.Select(a =>
        {
            var t = taken.GetValueOrDefault(a.Id);
            var status = byAsset[a.Id].LastOrDefault(e => e.Kind == AssetEventKind.StatusChanged)?.Status ?? AssetStatus.InUse;
            var disposed = byAsset[a.Id].FirstOrDefault(e => e.Kind == AssetEventKind.Disposed)?.Date;
            return new AssetView(a, new AssetState(a, a.OpeningAccumulated + (t?.Amount ?? 0), a.OpeningUsage + (t?.Usage ?? 0), status, disposed));
        }).ToList();
    }

    /// <summary>Units of work recorded for each units-method asset in the month.</summary>
    internal async Task<Dictionary<long, long>> UnitsAsync(int bookId, AccountingPeriod period, CancellationToken ct) =>
        await db.AssetEvents.AsNoTracking()
            .Where(e => e.BookId == bookId && e.Kind == AssetEventKind.Usage && e.Date >= period.FirstDay && e.Date <= period.LastDay)
            .GroupBy(e => e.AssetId).Select(g => new { g.Key, Units = g.Sum(e => e.Units) })
            .ToDictionaryAsync(x => x.Key, x => x.Units, ct);

    private async Task<AssetView> ViewAsync(int bookId, FixedAsset asset, CancellationToken ct) =>
        (await StatesAsync(bookId, null, ct)).Single(v => v.Asset.Id == asset.Id);

    private async Task<Outcome<(int BookId, FixedAsset Asset)>> FindAsync(string orgCode, string assetCode, CancellationToken ct)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<(int, FixedAsset)>.Failure(book.Errors);
        }

        var bookId = book.Value.Book.Id;
        var asset = await db.FixedAssets.AsNoTracking().SingleOrDefaultAsync(a => a.BookId == bookId && a.Code == assetCode, ct);
        return asset is null
            ? new LedgerError("asset.unknown", $"this book has no asset {assetCode} (see `asset list`)")
            : Outcome<(int, FixedAsset)>.Success((bookId, asset));
    }


    /// <summary>A row of the asset file: the card, and the voucher that booked the increase (购入, 自建 …, e.g. 2024-03/记-0001) when the row names one.</summary>
    private sealed record ImportedCard(FixedAsset Card, long? Voucher);

    private async Task<Outcome<ImportedCard>> ParseRowAsync(CsvRow row, int bookId, DateOnly today, CancellationToken ct)
    {
        var parsed = ParseCard(row, bookId, today);
        var errors = parsed.Errors.ToList();
        long? voucherId = null;
        if (row.Get("voucher") is { Length: > 0 } number)
        {
            var voucher = await db.FindVoucherAsync(bookId, number, ct);
            errors.AddRange(voucher.Errors.Select(e => e.At(row.At("voucher"))));
            voucherId = voucher.Succeeded ? voucher.Value.Id : null;
        }

        return errors.Count > 0 ? Outcome<ImportedCard>.Failure(errors) : Outcome<ImportedCard>.Success(new ImportedCard(parsed.Value, voucherId));
    }
    private static bool SameCard(FixedAsset a, FixedAsset b) =>
        a.Name == b.Name && a.Category == b.Category && a.Acquired == b.Acquired && a.Cost == b.Cost && a.LifeMonths == b.LifeMonths
        && a.ResidualRateBasisPoints == b.ResidualRateBasisPoints && a.Method == b.Method && a.Use == b.Use
        && a.OpeningAccumulated == b.OpeningAccumulated && a.OpeningUsage == b.OpeningUsage && a.TotalUnits == b.TotalUnits
        && a.Quantity == b.Quantity;

    private Outcome<FixedAsset> ParseCard(CsvRow row, int bookId, DateOnly today)
    {
        var errors = new List<LedgerError>();
        string At(string column) => row.At(column);
        string? Text(string column, int max, bool required)
        {
            var value = row.Get(column);
            if (TextRules.Check(column, value, max, required) is { } e)
            {
                errors.Add(e.At(At(column)));
            }

            return value.Length == 0 ? null : value;
        }

        long? Integer(string column, bool required, long min, long max)
        {
            var value = row.Get(column);
            if (value.Length == 0)
            {
                if (required)
                {
                    errors.Add(new LedgerError("text.required", $"{column} is required", At(column)));
                }

                return null;
            }

            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            {
                errors.Add(new LedgerError("asset.number_invalid", $"'{value}' is not a whole number from {min} to {max}", At(column)));
                return null;
            }

            return n;
        }

        var code = Text("code", 32, true);
        var name = Text("name", 100, true);
        var category = Text("category", 50, true);
        var acquired = CsvTable.ParseDate(row.Get("acquired"));
        errors.AddRange(acquired.Errors.Select(e => e.At(At("acquired"))));
        if (acquired.Succeeded && acquired.Value > today)
        {
            errors.Add(new LedgerError("asset.date_invalid", $"{acquired.Value:yyyy-MM-dd} is in the future", At("acquired")));
        }

        var cost = Money.Parse(row.Get("cost"));
        errors.AddRange(cost.Errors.Select(e => e.At(At("cost"))));
        var life = Integer("life_months", true, 13, 1200);
        var rate = ParseRate(row.Get("residual_rate"));
        errors.AddRange(rate.Errors.Select(e => e.At(At("residual_rate"))));
        var method = row.Get("method") switch
        {
            "" or "straight_line" or "年限平均法" or "平均年限法" => DepreciationMethod.StraightLine,
            "units" or "工作量法" => DepreciationMethod.Units,
            var m => Invalid<DepreciationMethod>(m, "method", "straight_line (年限平均法) or units (工作量法)"),
        };
        var use = row.Get("use") switch
        {
            "production" or "生产" => AssetUse.Production,
            "management" or "管理" => AssetUse.Management,
            "public" or "公益" => AssetUse.Public,
            var u => Invalid<AssetUse>(u, "use", "production (生产, 401), management (管理, 513) or public (公益, 514)"),
        };
        var accumulated = CsvTable.ParseAmount(row.Get("accumulated"));
        errors.AddRange(accumulated.Errors.Select(e => e.At(At("accumulated"))));
        var quantity = Integer("quantity", false, 1, 1_000_000) ?? 1;
        var totalUnits = Integer("total_units", method == DepreciationMethod.Units, 1, long.MaxValue / 2) ?? 0;
        var usageColumn = method == DepreciationMethod.Units ? "units_depreciated" : "months_depreciated";
        var usage = Integer(usageColumn, false, 0, long.MaxValue / 2);
        var specification = Text("specification", 100, false);
        var location = Text("location", 100, false);
        var custodian = Text("custodian", 50, false);
        var origin = Text("origin", 20, false);

        if (errors.Count > 0)
        {
            return Outcome<FixedAsset>.Failure(errors);
        }

        var costFen = cost.Value.Fen;
        var depreciable = costFen - FixedAsset.ResidualOf(costFen, rate.Value);
        var opening = accumulated.Value.Fen;
        if (costFen / quantity < MinimumUnitValueFen)
        {
            errors.Add(new LedgerError("asset.below_threshold",
                $"a unit value of {Money.FromFen(costFen / quantity)} 元 is below 500 元: not a fixed asset (book it as 库存物资 or an expense)", At("cost")));
        }

        if (opening < 0 || opening > depreciable)
        {
            errors.Add(new LedgerError("asset.accumulated_invalid",
                $"accumulated depreciation {Money.FromFen(opening)} must lie between 0 and cost less residual ({Money.FromFen(depreciable)})", At("accumulated")));
        }

        // Left out, the usage already depreciated is what the straight-line (or units) rate gives for the amount taken.
        var capacity = method == DepreciationMethod.Units ? totalUnits : life!.Value;
        var openingUsage = usage
            ?? (opening == 0 ? 0 : (long)decimal.Round(opening * (decimal)capacity / Math.Max(depreciable, 1), 0, MidpointRounding.AwayFromZero));
        if (openingUsage > capacity || (openingUsage == capacity && opening != depreciable) || (openingUsage == 0 && opening > 0))
        {
            errors.Add(new LedgerError("asset.usage_invalid",
                $"{usageColumn} {openingUsage} does not fit accumulated depreciation {Money.FromFen(opening)} over {capacity}", At(usageColumn)));
        }

        return errors.Count > 0 ? Outcome<FixedAsset>.Failure(errors) : Outcome<FixedAsset>.Success(new FixedAsset
        {
            BookId = bookId, Code = code!, Name = name!, Category = category!, Acquired = acquired.Value, Cost = costFen,
            LifeMonths = (int)life!.Value, ResidualRateBasisPoints = rate.Value, Method = method, Use = use, TotalUnits = totalUnits,
            OpeningAccumulated = opening, OpeningUsage = openingUsage, Quantity = (int)quantity, Specification = specification,
            Location = location, Custodian = custodian, Origin = origin ?? (opening == 0 ? "购入" : "期初登记"),
            RegisteredAtUtc = LedgerClock.UtcNow(time),
        });

        T Invalid<T>(string value, string column, string expected) where T : struct
        {
            errors.Add(new LedgerError("asset.value_invalid", $"'{value}' is not one of: {expected}", At(column)));
            return default;
        }
    }

    /// <summary>A residual rate as <c>5%</c>, <c>5.5%</c> or <c>0.05</c>, in basis points (500).</summary>
    public static Outcome<int> ParseRate(string text)
    {
        var s = text.Trim();
        var percent = s.EndsWith('%');
        if (decimal.TryParse(percent ? s[..^1] : s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            var bp = value * (percent ? 100m : 10000m);
            if (bp == decimal.Truncate(bp) && bp is >= 0 and < 10000)
            {
                return Outcome<int>.Success((int)bp);
            }
        }

        return new LedgerError("asset.rate_invalid", $"'{s}' is not a residual rate: write it as 5% or 0.05 (below 100%)");
    }
}
