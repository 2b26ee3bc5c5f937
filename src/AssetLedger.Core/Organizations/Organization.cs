namespace AssetLedger.Core.Organizations;

/// <summary>A node of the administrative tree: county → township → village → group (村民小组).</summary>
public sealed class Organization
{
    public int Id { get; set; }

    /// <summary>The organization's code as the county assigns it (often the administrative division code).</summary>
    public required string Code { get; init; }

    public required string Name { get; init; }

    public OrganizationLevel Level { get; init; }

    public int? ParentId { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    /// <summary>
    /// The organization with this id and those above it, nearest first: where a rule parameter is looked up and
    /// where a grant reaches down from. Empty for an unknown id.
    /// </summary>
    public static IReadOnlyList<int> ChainOf(IReadOnlyDictionary<int, Organization> organizations, int id)
    {
        var chain = new List<int>();
        for (var o = organizations.GetValueOrDefault(id); o is not null; o = o.ParentId is { } parent ? organizations[parent] : null)
        {
            chain.Add(o.Id);
        }

        return chain;
    }
}

public enum OrganizationLevel
{
    County = 1,
    Township = 2,
    Village = 3,
    Group = 4,
}

/// <summary>
/// A set of books (账套) kept by one collective economic organization. Villages and groups keep books; townships
/// and counties see the roll-up of the books below them.
/// </summary>
public sealed class Book
{
    public int Id { get; set; }

    public int OrganizationId { get; init; }

    /// <summary>The accounting system whose chart the book uses: "2023" (财会〔2023〕14号).</summary>
    public required string ChartStandard { get; init; }

    public DateTime CreatedAtUtc { get; init; }
}
