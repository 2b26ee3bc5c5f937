using AssetLedger.Core.Organizations;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.Notifications;

/// <summary>Alerts as people read them — the mails, the 预警台账 workbook: with their organization, rule name and link.</summary>
public sealed class AlertRows(RulesDbContext rules, BookDirectory books, MailSettings settings)
{
    public async Task<Dictionary<long, AlertRow>> ForAsync(IReadOnlyList<long> alertIds, CancellationToken ct = default)
    {
        var alerts = new List<Alert>();
        foreach (var chunk in alertIds.Chunk(500))
        {
            alerts.AddRange(await rules.Alerts.AsNoTracking().Where(a => chunk.Contains(a.Id)).ToListAsync(ct));
        }

        return await ForAsync(alerts, ct);
    }

    public async Task<Dictionary<long, AlertRow>> ForAsync(IEnumerable<Alert> alerts, CancellationToken ct = default)
    {
        var orgs = await books.OrganizationsAsync(ct);
        var orgOfBook = await books.BookOrganizationsAsync(ct);
        var ruleNames = RuleCatalog.All.ToDictionary(r => r.Definition.Id, r => r.Definition.Name);
        var baseUrl = settings.PublicUrl.TrimEnd('/');
        return alerts.ToDictionary(a => a.Id, a =>
        {
            var org = orgs[orgOfBook[a.BookId]];
            return new AlertRow(a, org.Code, org.Name, ruleNames.GetValueOrDefault(a.RuleId, a.RuleId), $"{baseUrl}/alerts/{a.Id}");
        });
    }
}
