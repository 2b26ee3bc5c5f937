using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Resources;

public sealed record ResourceImportResult(int Registered, int AlreadyRegistered);

/// <summary>A resource as it stands now: its registration with every change applied.</summary>
public sealed record ResourceView(Resource Resource, Area Area, ResourceType Type, OperatingMode Mode, string? Operator);

/// <summary>The requested changes of a resource; null fields stay as they are.</summary>
public sealed record ResourceChange(Area? Area = null, ResourceType? Type = null, OperatingMode? Mode = null, string? Operator = null)
{
    /// <summary>
    /// The change a person asked for, from text: the area in 亩, the type and mode by their Chinese names; what is
    /// null stays as it is. Each error is located at <paramref name="prefix"/> + the field (<c>--area</c>, <c>area</c>).
    /// </summary>
    public static Outcome<ResourceChange> Parse(string? area, string? type, string? mode, string? @operator, string prefix = "")
    {
        var errors = new List<LedgerError>();
        Area? newArea = null;
        if (area is not null)
        {
            var parsed = Resources.Area.Parse(area);
            errors.AddRange(parsed.Errors.Select(e => e.At(prefix + "area")));
            newArea = parsed.Succeeded ? parsed.Value : null;
        }

        ResourceType? newType = null;
        if (type is not null)
        {
            if (ResourceNames.Types.TryGetValue(type.Trim(), out var t))
            {
                newType = t;
            }
            else
            {
                errors.Add(new LedgerError("resource.type_invalid", $"'{type}' is not a resource type ({string.Join(", ", ResourceNames.Types.Keys)})", prefix + "type"));
            }
        }

        OperatingMode? newMode = null;
        if (mode is not null)
        {
            if (ResourceNames.Modes.TryGetValue(mode.Trim(), out var m))
            {
                newMode = m;
            }
            else
            {
                errors.Add(new LedgerError("resource.mode_invalid", $"'{mode}' is not an operating mode ({string.Join(", ", ResourceNames.Modes.Keys)})", prefix + "mode"));
            }
        }

        return errors.Count > 0 ? Outcome<ResourceChange>.Failure(errors) : Outcome<ResourceChange>.Success(new ResourceChange(newArea, newType, newMode, @operator));
    }
}

/// <summary>The register of collective land and waters (资源台账): import, changes as events, the current state.</summary>
public sealed class ResourceRegister(LedgerDbContext db, BookDirectory books, AuditLog audit, Actor actor, TimeProvider time, ImportLimits limits)
{
    public static readonly IReadOnlyList<CsvColumn> Columns =
    [
        new("code", true, "编号", "资源编号"),
        new("name", true, "名称", "资源名称"),
        new("type", true, "类型", "资源类型"),
        new("area", true, "面积", "面积(亩)", "面积（亩）"),
        new("location", false, "坐落"),
        new("east", false, "东至"),
        new("south", false, "南至"),
        new("west", false, "西至"),
        new("north", false, "北至"),
        new("certificate", false, "权属证号"),
        new("mode", false, "经营方式"),
        new("operator", false, "经营者", "承包方", "承租方"),
    ];

    /// <summary><c>resource import FILE --org CODE</c>: all or nothing; the same registration again changes nothing.</summary>
    public async Task<Outcome<ResourceImportResult>> ImportAsync(string orgCode, Stream csv, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<ResourceImportResult>.Failure(book.Errors);
        }

        var bookId = book.Value.Book.Id;
        var plan = await new RegisterImport<Resource, Resource>(
            Columns,
            (row, _) => Task.FromResult(ParseRow(row, bookId)),
            r => r.Code,
            async (codes, ct) => await db.Resources.AsNoTracking().Where(r => r.BookId == bookId && codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, ct),
            (old, r) => old.Name == r.Name && old.Type == r.Type && old.AreaTenThousandths == r.AreaTenThousandths && old.Mode == r.Mode && old.Operator == r.Operator
                && old.Location == r.Location && old.Certificate == r.Certificate,
            (code, lines) => new LedgerError("resource.code_repeated", $"resource code {code} appears on lines {string.Join(", ", lines)}"),
            (r, old, line) => new LedgerError("resource.code_taken",
                $"resource {r.Code} is already registered as {old.Name} with other facts; record changes with `resource change`", $"line {line}")).PlanAsync(csv, limits, ct);
        if (!plan.Succeeded)
        {
            return Outcome<ResourceImportResult>.Failure(plan.Errors);
        }

        var fresh = plan.Value.Fresh;
        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        db.Resources.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        var today = LedgerClock.Today(time);
        db.ResourceEvents.AddRange(fresh.Select(r => new ResourceEvent
        {
            ResourceId = r.Id, BookId = bookId, Date = today, Kind = ResourceEventKind.Registered, After = r.Area.ToString(),
            Reason = "登记", AtUtc = LedgerClock.UtcNow(time), Actor = actor.Name,
        }));
        if (fresh.Count > 0)
        {
            audit.Record("resource.import", bookId, $"{fresh.Count} resources", null,
                new { resources = fresh.Count, area = new Area(fresh.Sum(r => r.AreaTenThousandths)).ToString() });
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<ResourceImportResult>.Success(new ResourceImportResult(fresh.Count, plan.Value.Unchanged));
    }

    /// <summary>A row of the resource file as a registration, or what is wrong with it, each error at its column.</summary>
    private Outcome<Resource> ParseRow(CsvRow row, int bookId)
    {
        var rowErrors = new List<LedgerError>();
        string? Text(string column, int max, bool required)
        {
            var v = row.Get(column);
            if (TextRules.Check(column, v, max, required) is { } e)
            {
                rowErrors.Add(e.At(row.At(column)));
            }

            return v.Length == 0 ? null : v;
        }

        var code = Text("code", 32, true);
        var name = Text("name", 100, true);
        var area = Area.Parse(row.Get("area"));
        rowErrors.AddRange(area.Errors.Select(e => e.At(row.At("area"))));
        if (!ResourceNames.Types.TryGetValue(row.Get("type"), out var type))
        {
            rowErrors.Add(new LedgerError("resource.type_invalid",
                $"'{row.Get("type")}' is not a resource type: {string.Join(", ", ResourceNames.Types.Keys)}", row.At("type")));
        }

        var modeText = row.Get("mode");
        var mode = OperatingMode.SelfOperated;
        if (modeText.Length > 0 && !ResourceNames.Modes.TryGetValue(modeText, out mode))
        {
            rowErrors.Add(new LedgerError("resource.mode_invalid",
                $"'{modeText}' is not an operating mode: {string.Join(", ", ResourceNames.Modes.Keys)}", row.At("mode")));
        }

        var resource = new Resource
        {
            BookId = bookId, Code = code ?? string.Empty, Name = name ?? string.Empty, Type = type,
            AreaTenThousandths = area.Succeeded ? area.Value.TenThousandths : 0,
            Location = Text("location", 100, false), East = Text("east", 100, false), South = Text("south", 100, false),
            West = Text("west", 100, false), North = Text("north", 100, false), Certificate = Text("certificate", 50, false),
            Mode = mode, Operator = Text("operator", 100, false), RegisteredAtUtc = LedgerClock.UtcNow(time),
        };

        return rowErrors.Count == 0 ? Outcome<Resource>.Success(resource) : Outcome<Resource>.Failure(rowErrors);
    }

    /// <summary>Records each requested change as its own event; a change to what already holds is refused as empty.</summary>
    public async Task<Outcome<ResourceView>> ChangeAsync(
        string orgCode, string resourceCode, DateOnly date, ResourceChange change, string reason, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<ResourceView>.Failure(book.Errors);
        }

        var bookId = book.Value.Book.Id;
        if (TextRules.Check("reason", reason, 200) is { } reasonError)
        {
            return reasonError;
        }

        if (TextRules.Check("operator", change.Operator, 100, required: false) is { } operatorError)
        {
            return operatorError;
        }

        if (date > LedgerClock.Today(time))
        {
            return new LedgerError("resource.date_invalid", $"{date:yyyy-MM-dd} is in the future");
        }

        var view = (await ListAsync(bookId, ct)).SingleOrDefault(v => v.Resource.Code == resourceCode);
        if (view is null)
        {
            return new LedgerError("resource.unknown", $"this book has no resource {resourceCode} (see `resource list`)");
        }

        var events = new List<ResourceEvent>();
        void Add(ResourceEventKind kind, string? before, string? after)
        {
            if (before != after)
            {
                events.Add(new ResourceEvent
                {
                    ResourceId = view.Resource.Id, BookId = bookId, Date = date, Kind = kind, Before = before, After = after,
                    Reason = reason.Trim(), AtUtc = LedgerClock.UtcNow(time), Actor = actor.Name,
                });
            }
        }

        if (change.Area is { } area)
        {
            Add(ResourceEventKind.AreaChanged, view.Area.TenThousandths.ToString(System.Globalization.CultureInfo.InvariantCulture), area.TenThousandths.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (change.Type is { } type)
        {
            Add(ResourceEventKind.TypeChanged, view.Type.ToString(), type.ToString());
        }

        if (change.Mode is { } mode)
        {
            Add(ResourceEventKind.ModeChanged, view.Mode.ToString(), mode.ToString());
        }

        if (change.Operator is { } op)
        {
            Add(ResourceEventKind.OperatorChanged, view.Operator, op.Trim());
        }

        if (events.Count == 0)
        {
            return new LedgerError("resource.no_change", $"resource {resourceCode} already stands as requested; nothing to record");
        }

        db.ResourceEvents.AddRange(events);
        audit.Record("resource.change", bookId, $"resource {resourceCode}", events.Select(e => new { kind = e.Kind.ToString(), e.Before }).ToList(),
            events.Select(e => new { kind = e.Kind.ToString(), e.After }).ToList(), reason);
        await db.SaveChangesAsync(ct);
        return Outcome<ResourceView>.Success((await ListAsync(bookId, ct)).Single(v => v.Resource.Id == view.Resource.Id));
    }

    /// <summary>The book's resource events (registration and each change, with the value before and after), newest first.</summary>
    public async Task<IReadOnlyList<(ResourceEvent Event, Resource Resource)>> EventsAsync(int bookId, CancellationToken ct = default) =>
        (await db.ResourceEvents.AsNoTracking().Where(e => e.BookId == bookId)
            .Join(db.Resources.AsNoTracking(), e => e.ResourceId, r => r.Id, (e, r) => new { e, r })
            .OrderByDescending(x => x.e.Date).ThenByDescending(x => x.e.Id).ToListAsync(ct)).Select(x => (x.e, x.r)).ToList();

    public async Task<Outcome<IReadOnlyList<ResourceView>>> ListAsync(string orgCode, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        return book.Succeeded
            ? Outcome<IReadOnlyList<ResourceView>>.Success(await ListAsync(book.Value.Book.Id, ct))
            : Outcome<IReadOnlyList<ResourceView>>.Failure(book.Errors);
    }

    private async Task<IReadOnlyList<ResourceView>> ListAsync(int bookId, CancellationToken ct)
    {
        var resources = await db.Resources.AsNoTracking().Where(r => r.BookId == bookId).OrderBy(r => r.Code).ToListAsync(ct);
        var changes = (await db.ResourceEvents.AsNoTracking().Where(e => e.BookId == bookId && e.Kind != ResourceEventKind.Registered)
            .OrderBy(e => e.Date).ThenBy(e => e.Id).ToListAsync(ct)).ToLookup(e => e.ResourceId);
        return resources.Select(r =>
        {
            string? Last(ResourceEventKind kind) => changes[r.Id].LastOrDefault(e => e.Kind == kind)?.After;
            return new ResourceView(
                r,
                Last(ResourceEventKind.AreaChanged) is { } a ? new Area(long.Parse(a, System.Globalization.CultureInfo.InvariantCulture)) : r.Area,
                Last(ResourceEventKind.TypeChanged) is { } t ? Enum.Parse<ResourceType>(t) : r.Type,
                Last(ResourceEventKind.ModeChanged) is { } m ? Enum.Parse<OperatingMode>(m) : r.Mode,
                changes[r.Id].Any(e => e.Kind == ResourceEventKind.OperatorChanged) ? Last(ResourceEventKind.OperatorChanged) : r.Operator);
        }).ToList();
    }
}
