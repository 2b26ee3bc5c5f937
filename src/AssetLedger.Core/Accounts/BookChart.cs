using AssetLedger.Core.Common;

namespace AssetLedger.Core.Accounts;

/// <summary>
/// One book's accounts in memory, indexed by code and id, with the tree the codes form. Read once per command;
/// small (a few dozen to a few hundred accounts).
/// </summary>
public sealed class BookChart
{
    private readonly Dictionary<string, Account> byCode;
    private readonly Dictionary<int, Account> byId;
    private readonly HashSet<string> parents;

    public BookChart(int bookId, IEnumerable<Account> accounts)
    {
        BookId = bookId;
        var list = accounts.OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
        Accounts = list;
        byCode = list.ToDictionary(a => a.Code, StringComparer.Ordinal);
        byId = list.ToDictionary(a => a.Id);
        parents = list.Where(a => a.ParentCode is not null).Select(a => a.ParentCode!).ToHashSet(StringComparer.Ordinal);
    }

    public int BookId { get; }

    /// <summary>All accounts, ordered by code.</summary>
    public IReadOnlyList<Account> Accounts { get; }

    public Account? Find(string code) => byCode.GetValueOrDefault(code);

    public Account this[int id] => byId[id];

    public bool IsLeaf(Account account) => !parents.Contains(account.Code);

    /// <summary>The accounts a voucher may post to (those without detail accounts), by code: what pickers and templates offer.</summary>
    public IEnumerable<Account> Postable => Accounts.Where(IsLeaf).OrderBy(a => a.Code, StringComparer.Ordinal);

    /// <summary>The account itself and every account above it.</summary>
    public IEnumerable<Account> SelfAndAncestors(Account account)
    {
        for (var current = account; current is not null; current = current.ParentCode is null ? null : byCode[current.ParentCode])
        {
            yield return current;
        }
    }

    /// <summary>The name as printed on vouchers and ledgers: 应收款—张三.</summary>
    public string FullName(Account account) =>
        string.Join("—", SelfAndAncestors(account).Reverse().Select(a => a.Name));

    /// <summary>
    /// Finds an account by what an accountant typed: its code (<c>11201</c>), its code followed by its name
    /// (<c>11201 应收款—张三</c> or <c>11201 张三</c>), or its full or own name when that names exactly one account.
    /// A name after the code must be that account's (dashes of any width alike): <c>513 银行存款</c> is refused,
    /// since 513 is 管理费用 — one of the two was typed wrong.
    /// </summary>
    public Outcome<Account> Lookup(string text)
    {
        var s = text.Trim();
        var codeEnd = 0;
        while (codeEnd < s.Length && char.IsAsciiDigit(s[codeEnd]))
        {
            codeEnd++;
        }

        if (codeEnd > 0)
        {
            var code = s[..codeEnd];
            var name = s[codeEnd..].Trim().Trim('-', '_', ':', '：', '　').Trim();
            if (Find(code) is not { } account)
            {
                return Unknown(text);
            }

            return name.Length == 0 || SameName(name, account.Name) || SameName(name, FullName(account))
                ? Outcome<Account>.Success(account)
                : new LedgerError("account.name_mismatch", $"account {code} is {FullName(account)}, not {name}: correct the code or the name");
        }

        var matches = Accounts.Where(a => a.Name == s || FullName(a) == s).Take(2).ToList();
        return matches.Count == 1 ? Outcome<Account>.Success(matches[0]) : Unknown(text);
    }

    private static LedgerError Unknown(string text) =>
        new("account.unknown", $"account '{text}' is not in this book's chart (see the chart with `account list`)");

    private static bool SameName(string typed, string name) => string.Equals(Dashes(typed), Dashes(name), StringComparison.Ordinal);

    private static string Dashes(string text) => text.Replace('-', '—').Replace('－', '—').Replace('–', '—').Replace(" ", string.Empty, StringComparison.Ordinal);
}
