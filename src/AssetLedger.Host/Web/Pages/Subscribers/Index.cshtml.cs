using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Rules.Notifications;
using Microsoft.AspNetCore.Mvc;

namespace AssetLedger.Host.Web.Pages.Subscribers;

/// <summary>预警邮件订阅: the addresses that receive the alerts of the user's organizations; a supervisor adds or changes them.</summary>
public sealed class IndexModel(AccessScope scope, SubscriberService subscribers) : LedgerPageModel
{
    public IReadOnlyList<SubscriberView> Subscribers { get; private set; } = [];

    /// <summary>The organizations whose subscriptions the user may change (those they supervise).</summary>
    public IReadOnlyList<Organization> Supervised { get; private set; } = [];

    [SignedIn] // the subscriptions of the user's own organizations
    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    [Requires(AccessScope.Action.Supervise, OrgSource.Form, "scopeCode")]
    public async Task<IActionResult> OnPostAsync(string? email, string? scopeCode, string? name, List<string>? rules, string? minSeverity, CancellationToken ct)
    {
        var added = await subscribers.AddAsync(email ?? string.Empty, scopeCode!, string.IsNullOrWhiteSpace(name) ? null : name, rules is { Count: > 0 } ? rules : null,
            string.IsNullOrEmpty(minSeverity) ? null : minSeverity, ct);
        Report(added.Map(s => $"{s.Email} 将收到 {scopeCode} 的预警邮件"));

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var readable = await scope.ReadableAsync(User, ct);
        var codes = readable.Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
        Subscribers = (await subscribers.ListAsync(ct)).Where(s => codes.Contains(s.ScopeCode)).ToList();
        var supervised = new List<Organization>();
        foreach (var o in readable)
        {
            if (await scope.AllowsAsync(User, AccessScope.Action.Supervise, o.Id, ct))
            {
                supervised.Add(o);
            }
        }

        Supervised = supervised;
    }
}
