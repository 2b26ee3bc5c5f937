using AssetLedger.Core.Common;

namespace AssetLedger.Core.Import;

/// <summary>
/// What one kind of register entry (a fixed-asset card, a resource, a contract, a budget line) is to the import
/// pipeline: its columns, how a row becomes an entry, its natural key, the entries already registered under those
/// keys, whether a stored one is the same, and how a repeated or a taken key is worded.
/// </summary>
/// <typeparam name="TEntry">What a row becomes.</typeparam>
/// <typeparam name="TStored">What is already registered under a key.</typeparam>
public sealed record RegisterImport<TEntry, TStored>(
    IReadOnlyList<CsvColumn> Columns,
    Func<CsvRow, CancellationToken, Task<Outcome<TEntry>>> Parse,
    Func<TEntry, string> Key,
    Func<IReadOnlyList<string>, CancellationToken, Task<Dictionary<string, TStored>>> Existing,
    Func<TStored, TEntry, bool> Same,
    Func<string, IEnumerable<int>, LedgerError> Repeated,
    Func<TEntry, TStored, int, LedgerError> Taken)
    where TEntry : class
    where TStored : class
{
    /// <summary>
    /// The one pipeline every register import runs: the file's rows (CSV or the first sheet of an .xlsx), each row's
    /// errors at its line and column, keys repeated in the file, entries registered before — the same again is kept
    /// as it is, other facts under a taken key are refused (registrations are never edited) — and, if anything was
    /// wrong, every error and nothing to write. The caller writes <see cref="ImportPlan{TEntry}.Fresh"/> in one unit
    /// of work with its audit entry.
    /// </summary>
    public async Task<Outcome<ImportPlan<TEntry>>> PlanAsync(Stream file, ImportLimits limits, CancellationToken ct)
    {
        var errors = new List<LedgerError>();
        var rows = new List<(TEntry Entry, int Line)>();
        foreach (var item in CsvTable.Read(file, Columns, limits, ct))
        {
            if (!item.Succeeded)
            {
                errors.AddRange(item.Errors);
                continue;
            }

            var parsed = await Parse(item.Value, ct);
            if (parsed.Succeeded)
            {
                rows.Add((parsed.Value, item.Value.Line));
            }
            else
            {
                errors.AddRange(parsed.Errors);
            }
        }

        foreach (var repeated in rows.GroupBy(r => Key(r.Entry), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(Repeated(repeated.Key, repeated.Select(r => r.Line)));
        }

        var existing = await Existing(rows.Select(r => Key(r.Entry)).Distinct(StringComparer.Ordinal).ToList(), ct);
        var fresh = new List<TEntry>();
        foreach (var (entry, line) in rows)
        {
            if (!existing.TryGetValue(Key(entry), out var stored))
            {
                fresh.Add(entry);
            }
            else if (!Same(stored, entry))
            {
                errors.Add(Taken(entry, stored, line));
            }
        }

        return errors.Count > 0
            ? Outcome<ImportPlan<TEntry>>.Failure(errors)
            : Outcome<ImportPlan<TEntry>>.Success(new ImportPlan<TEntry>(rows.Select(r => r.Entry).ToList(), fresh));
    }
}

/// <summary>What an import will write: every entry of the file, and those not registered before (<see cref="Fresh"/>).</summary>
public sealed record ImportPlan<TEntry>(IReadOnlyList<TEntry> All, IReadOnlyList<TEntry> Fresh)
{
    /// <summary>Entries of the file already registered with the same facts: a re-import changes nothing.</summary>
    public int Unchanged => All.Count - Fresh.Count;
}
