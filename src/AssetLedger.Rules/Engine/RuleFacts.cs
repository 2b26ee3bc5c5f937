namespace AssetLedger.Rules.Engine;

/// <summary>
/// What the rules see of one book in one run: the book, the day (<see cref="AsOf"/>), what is new since the last
/// watermark (or dated in a backtest's range), and the facts that the rules to run declared, each read once. A rule
/// that reads a source it did not declare is a mistake the first run shows (<see cref="Get{T}"/> throws).
/// </summary>
public sealed class RuleFacts
{
    private readonly IReadOnlyDictionary<IFactSource, object> read;

    public RuleFacts(int bookId, string orgCode, DateOnly asOf, IReadOnlyList<VoucherFact> newVouchers, IReadOnlyDictionary<IFactSource, object> read)
    {
        (BookId, OrgCode, AsOf, NewVouchers, this.read) = (bookId, orgCode, asOf, newVouchers, read);
    }

    public int BookId { get; }

    public string OrgCode { get; }

    public DateOnly AsOf { get; }

    public IReadOnlyList<VoucherFact> NewVouchers { get; }

    /// <summary>The new payments: <see cref="NewVouchers"/> that pay money out to a counterparty.</summary>
    public IEnumerable<PaymentFact> NewPayments => NewVouchers.Select(PaymentFact.Of).OfType<PaymentFact>();

    /// <summary>How many register events (asset, resource) the sources read: what a run reports as read besides vouchers.</summary>
    public int RegisterEventsRead => read.Values.OfType<IRegisterEvents>().Sum(e => e.Count);

    /// <summary>What <paramref name="source"/> read for this book.</summary>
    public T Get<T>(FactSource<T> source) where T : class =>
        read.TryGetValue(source, out var value) ? (T)value : throw new InvalidOperationException($"the fact source {source.Name} was not read: the rule must declare it in its Sources");

    /// <summary>Facts stated directly, before any source is read (a rule's pure tests add them a source at a time with <see cref="With{T}"/>).</summary>
    public static RuleFacts Of(int bookId, string orgCode, DateOnly asOf, IReadOnlyList<VoucherFact> newVouchers) =>
        new(bookId, orgCode, asOf, newVouchers, new Dictionary<IFactSource, object>());

    /// <summary>These facts with <paramref name="value"/> as what <paramref name="source"/> read.</summary>
    public RuleFacts With<T>(FactSource<T> source, T value) where T : class =>
        new(BookId, OrgCode, AsOf, NewVouchers, new Dictionary<IFactSource, object>(read) { [source] = value });
}

/// <summary>Facts that are a register's new events (counted in a run's report).</summary>
public interface IRegisterEvents
{
    int Count { get; }
}
