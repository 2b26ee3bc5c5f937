using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Persistence;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace AssetLedger.Rules.Notifications;

/// <summary>A subscriber as listed: the scope's code and name beside the row.</summary>
public sealed record SubscriberView(Subscriber Subscriber, string ScopeCode, string ScopeName);

/// <summary><c>subscriber add</c> and <c>subscriber list</c>.</summary>
public sealed class SubscriberService(RulesDbContext rules, BookDirectory books, Actor actor, TimeProvider time)
{
    public async Task<Outcome<Subscriber>> AddAsync(
        string email, string scopeCode, string? name, IReadOnlyList<string>? ruleIds, string? minSeverity, CancellationToken ct = default)
    {
        var errors = new List<LedgerError>();
        if (!IsAddress(email))
        {
            errors.Add(new LedgerError("subscriber.email_invalid", $"'{email}' is not an e-mail address (name@example.com)"));
        }

        if (TextRules.Check("name", name, 100, required: false) is { } nameError)
        {
            errors.Add(nameError);
        }

        var unknown = (ruleIds ?? []).Where(id => RuleCatalog.All.All(r => r.Definition.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(new LedgerError("rule.unknown", $"no rule has id {string.Join(", ", unknown)} (see `rules list`)"));
        }

        var severity = Severity.Info;
        if (minSeverity is not null && !SeverityNames.TryParse(minSeverity, out severity))
        {
            errors.Add(new LedgerError("subscriber.severity_invalid", $"the minimum severity '{minSeverity}' is not one of {SeverityNames.Choices}"));
        }

        var scope = await books.FindOrganizationAsync(scopeCode, ct);
        if (!scope.Succeeded)
        {
            errors.AddRange(scope.Errors);
        }

        if (errors.Count > 0)
        {
            return Outcome<Subscriber>.Failure(errors);
        }

        var address = email.Trim().ToLowerInvariant();
        var rulesText = ruleIds is { Count: > 0 } ? string.Join(',', ruleIds.Distinct()) : null;
        var subscriber = await rules.Subscribers.SingleOrDefaultAsync(s => s.Email == address && s.OrganizationId == scope.Value.Id, ct);
        if (subscriber is null)
        {
            subscriber = new Subscriber { Email = address, OrganizationId = scope.Value.Id, Actor = actor.Name };
            rules.Subscribers.Add(subscriber);
        }

        subscriber.Name = name;
        subscriber.Rules = rulesText;
        subscriber.MinSeverity = severity;
        subscriber.Actor = actor.Name;
        subscriber.UpdatedAtUtc = LedgerClock.UtcNow(time);
        await rules.SaveChangesAsync(ct);
        return Outcome<Subscriber>.Success(subscriber);
    }

    public async Task<IReadOnlyList<SubscriberView>> ListAsync(CancellationToken ct = default)
    {
        var subscribers = await rules.Subscribers.AsNoTracking().OrderBy(s => s.Email).ThenBy(s => s.OrganizationId).ToListAsync(ct);
        var orgs = await books.OrganizationsAsync(ct);
        return subscribers.Select(s => new SubscriberView(s, orgs[s.OrganizationId].Code, orgs[s.OrganizationId].Name)).ToList();
    }

    /// <summary>A single plain address, as MimeKit reads it, with a domain.</summary>
    internal static bool IsAddress(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= 254 && MailboxAddress.TryParse(text.Trim(), out var mailbox)
        && mailbox.Name is null or "" && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < mailbox.Address.Length - 1;
}

/// <summary>Severity levels as people type them: English names or the Chinese labels.</summary>
public static class SeverityNames
{
    public const string Choices = "info, warning, serious, critical (提示, 关注, 严重, 紧急)";

    public static string Chinese(Severity s) => s switch
    {
        Severity.Info => "提示",
        Severity.Warning => "关注",
        Severity.Serious => "严重",
        _ => "紧急",
    };

    public static bool TryParse(string text, out Severity severity)
    {
        foreach (var s in Enum.GetValues<Severity>())
        {
            if (string.Equals(text, s.ToString(), StringComparison.OrdinalIgnoreCase) || text == Chinese(s))
            {
                severity = s;
                return true;
            }
        }

        severity = Severity.Info;
        return false;
    }
}
