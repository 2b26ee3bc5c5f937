using AssetLedger.Host.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace AssetLedger.Host.Web.Access;

/// <summary>Who may use an endpoint or a page handler, in the four kinds the product knows.</summary>
public enum AccessKind
{
    /// <summary>Anyone, signed in or not: declared on purpose (the sign-in page, the health check, the public pages).</summary>
    Anonymous,

    /// <summary>Any signed-in user; what the answer holds is filtered by their grants (their organizations, their home page).</summary>
    SignedIn,

    /// <summary>Administrators only (users and grants).</summary>
    Administrator,

    /// <summary>A user whose grants allow the action on the organization the request names.</summary>
    Organization,
}

/// <summary>Where a request names the organization it acts on.</summary>
public enum OrgSource
{
    /// <summary>The query string's value of <see cref="AccessNeed.Name"/> (<c>?org=33010101</c>).</summary>
    Query,

    /// <summary>The route's value of <see cref="AccessNeed.Name"/> (<c>/books/{org}/…</c>).</summary>
    Route,

    /// <summary>A posted form's field <see cref="AccessNeed.Name"/> (pages only).</summary>
    Form,

    /// <summary>The JSON body's property <see cref="AccessNeed.Name"/>, read from the bound request (<see cref="IForOrganization"/>).</summary>
    Body,

    /// <summary>The organization of the voucher whose id is the route's value of <see cref="AccessNeed.Name"/>; missing or unreadable is 404.</summary>
    Voucher,

    /// <summary>The organization of the alert whose id is the route's value of <see cref="AccessNeed.Name"/>; missing or unreadable is 404.</summary>
    Alert,
}

/// <summary>
/// What an endpoint or a page handler needs, declared beside it (<see cref="AccessAttribute"/> and its kinds) and
/// enforced in one place (<see cref="AccessGate"/>). A request whose endpoint or handler declares nothing is refused.
/// </summary>
public sealed record AccessNeed(AccessKind Kind, AccessScope.Action Action = AccessScope.Action.Read, OrgSource Source = OrgSource.Query, string Name = "org",
    bool Optional = false, string? Reason = null)
{
    /// <summary>For the organization a resource (a voucher, an alert) belongs to, rather than one the request names.</summary>
    public bool IsResource => Kind == AccessKind.Organization && Source is OrgSource.Voucher or OrgSource.Alert;

    public override string ToString() => Kind switch
    {
        AccessKind.Anonymous => $"anonymous ({Reason})",
        AccessKind.SignedIn => "signed in",
        AccessKind.Administrator => "administrator",
        _ => $"{Action.ToString().ToLowerInvariant()} on the {Source.ToString().ToLowerInvariant()}'s {Name}{(Optional ? " (optional)" : string.Empty)}",
    };
}

/// <summary>A request body that names the organization it acts on (the <see cref="OrgSource.Body"/> source).</summary>
public interface IForOrganization
{
    string? OrganizationCode { get; }
}

/// <summary>A declaration of what an endpoint or page handler needs; on a page model class it stands for every handler that declares nothing itself.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public abstract class AccessAttribute : Attribute
{
    public abstract AccessNeed Need { get; }
}

/// <summary>Open to anyone, on purpose: the reason says why.</summary>
/// <remarks>It is also ASP.NET Core's <see cref="IAllowAnonymous"/>: everything else needs a signed-in user (the fallback policy).</remarks>
public sealed class PublicAttribute(string reason) : AccessAttribute, IAllowAnonymous
{
    public override AccessNeed Need { get; } = new(AccessKind.Anonymous, Reason: reason);
}

/// <summary>Any signed-in user; the handler shows only what their grants reach.</summary>
public sealed class SignedInAttribute : AccessAttribute
{
    public override AccessNeed Need { get; } = new(AccessKind.SignedIn);
}

/// <summary>Administrators only.</summary>
public sealed class AdministratorAttribute : AccessAttribute
{
    public override AccessNeed Need { get; } = new(AccessKind.Administrator);
}

/// <summary>The action on the organization the request names (or the resource's organization).</summary>
public sealed class RequiresAttribute(AccessScope.Action action, OrgSource source, string name = "org") : AccessAttribute
{
    /// <summary>Without the organization the handler shows a choice of the user's own (a picker): signed in is enough.</summary>
    public bool Optional { get; init; }

    public override AccessNeed Need => new(AccessKind.Organization, action, source, name, Optional);
}
