namespace AssetLedger.Core.Common;

/// <summary>
/// The result of a command or a parse: a value, or the complete list of errors that kept it from happening.
/// A failed outcome guarantees that nothing was written.
/// </summary>
public sealed class Outcome<T>
{
    private readonly T? value;

    private Outcome(T? value, IReadOnlyList<LedgerError> errors)
    {
        this.value = value;
        Errors = errors;
    }

    public bool Succeeded => Errors.Count == 0;

    public IReadOnlyList<LedgerError> Errors { get; }

    public T Value => Succeeded
        ? value!
        : throw new InvalidOperationException($"Outcome failed: {string.Join("; ", Errors)}");

    public static Outcome<T> Success(T value) => new(value, []);

    public static Outcome<T> Failure(IReadOnlyList<LedgerError> errors)
    {
        Preconditions.CheckArgument(errors.Count > 0, nameof(errors), "A failure needs at least one error.");
        return new(default, errors);
    }

    public static Outcome<T> Failure(LedgerError error) => new(default, [error]);

    public static implicit operator Outcome<T>(LedgerError error) => Failure(error);

    public Outcome<TOut> Map<TOut>(Func<T, TOut> map) =>
        Succeeded ? Outcome<TOut>.Success(map(value!)) : Outcome<TOut>.Failure(Errors);
}
