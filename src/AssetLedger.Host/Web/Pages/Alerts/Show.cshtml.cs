using System.Text.Json;
using System.Text.Json.Nodes;
using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Rules.Alerts;
using Microsoft.AspNetCore.Mvc;

namespace AssetLedger.Host.Web.Pages.Alerts;

/// <summary>
/// One alert (the mails link here): its explanation, the vouchers its evidence names (drill down), the parameters in
/// force, its handling history, and — for the township's supervisor — 确认, 办结 or 排除 with a comment.
/// </summary>
public sealed class ShowModel(AccessScope scope, AlertService alerts) : LedgerPageModel
{
    public AlertDetail Detail { get; private set; } = null!;

    public Organization Organization { get; private set; } = null!;

    public bool MayHandle { get; private set; }

    /// <summary>The vouchers the evidence names: by id where it has one, else by number.</summary>
    public IReadOnlyList<(string Text, string Href)> Vouchers { get; private set; } = [];

    /// <summary>The register entries the evidence names (an asset, a resource, a contract), linked to the book's 台账 and its events.</summary>
    public IReadOnlyList<(string Text, string Href)> RegisterEntries { get; private set; } = [];

    public string Evidence { get; private set; } = string.Empty;

    [Requires(AccessScope.Action.Read, OrgSource.Alert, "id")]
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    [Requires(AccessScope.Action.Supervise, OrgSource.Alert, "id")]
    public async Task<IActionResult> OnPostAsync(long id, string? action, string? comment, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var moved = await alerts.ActAsync(id, action, comment ?? string.Empty, ct);
        if (moved.Succeeded)
        {
            return Redirect($"/alerts/{id}");
        }

        Refuse(moved.Errors);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var found = await alerts.FindAsync(id, ct);
        if (found is null)
        {
            return NotFound();
        }

        Detail = found;
        Organization = this.GrantedOrganization();
        MayHandle = await scope.AllowsAsync(User, AccessScope.Action.Supervise, Organization.Id, ct);
        var evidence = JsonNode.Parse(found.Alert.Evidence);
        Evidence = evidence?.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) }) ?? string.Empty;
        Vouchers = VouchersIn(evidence).Distinct().ToList();
        RegisterEntries = evidence is JsonObject o
            ? new[] { ("asset", "资产"), ("resource", "资源"), ("contract", "合同") }
                .Where(k => o[k.Item1] is JsonValue)
                .Select(k => ($"{k.Item2} {o[k.Item1]}", $"/books/{Organization.Code}/registers#{k.Item1}s")).ToList()
            : [];
        return null;
    }

    /// <summary>Every <c>voucherId</c> in the evidence, and every <c>voucher</c> number that comes without one.</summary>
    private IEnumerable<(string Text, string Href)> VouchersIn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var number = o["voucher"] is JsonValue n && n.TryGetValue<string>(out var text) ? text : null;
                if (o["voucherId"] is JsonValue idValue && idValue.TryGetValue<long>(out var voucherId))
                {
                    yield return (number ?? $"#{voucherId}", $"/vouchers/{voucherId}");
                }
                else if (number is not null)
                {
                    yield return (number, $"/vouchers?handler=ByNumber&org={Organization.Code}&number={Uri.EscapeDataString(number)}");
                }

                foreach (var child in o.Where(p => p.Key is not ("voucher" or "voucherId")).SelectMany(p => VouchersIn(p.Value)))
                {
                    yield return child;
                }

                break;
            case JsonArray a:
                foreach (var child in a.SelectMany(VouchersIn))
                {
                    yield return child;
                }

                break;
        }
    }
}
