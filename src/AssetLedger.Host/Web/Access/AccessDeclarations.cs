using System.Reflection;
using AssetLedger.Core.Organizations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AssetLedger.Host.Web.Access;

/// <summary>
/// Where a declaration is found: on a minimal endpoint, its metadata (the endpoint's own before its group's); on a
/// page, the handler method's attribute, else the page model's. The filters and the test that enumerates the running
/// app's endpoints and pages read declarations through these, so what is tested is what is enforced.
/// </summary>
public static class AccessDeclarations
{
    /// <summary>The declaration of a minimal endpoint, or null when it has none.</summary>
    public static AccessNeed? Of(Endpoint endpoint) => endpoint.Metadata.GetOrderedMetadata<AccessAttribute>() is { Count: > 0 } declared ? declared[^1].Need : null;

    /// <summary>The declaration of a page handler (null: the page has no handler for the request), or null when neither it nor its page declares one.</summary>
    public static AccessNeed? Of(MethodInfo? handler, Type pageModel) =>
        (handler?.GetCustomAttribute<AccessAttribute>() ?? pageModel.GetCustomAttribute<AccessAttribute>())?.Need;

    /// <summary>Whether an endpoint is enforced by <see cref="ApiAccessFilter"/> (it was mapped on the group that carries the filter).</summary>
    public static bool IsEnforced(Endpoint endpoint) => endpoint.Metadata.GetMetadata<EnforcedByAccessFilter>() is not null;

    /// <summary>The organization the gate let the request act on, when its declaration names one.</summary>
    public static Organization? GrantedOrganization(this HttpContext context) => context.Features.Get<AccessGranted>()?.Organization;

    /// <summary>The page's granted organization (<see cref="GrantedOrganization(HttpContext)"/>); a page that declares one always has it.</summary>
    public static Organization GrantedOrganization(this PageModel page) =>
        page.HttpContext.GrantedOrganization() ?? throw new InvalidOperationException($"{page.GetType().Name} declares no organization");

    /// <summary>Declares the endpoint open to anyone, on purpose.</summary>
    public static TBuilder Public<TBuilder>(this TBuilder builder, string reason) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicAttribute(reason));

    /// <summary>Declares the endpoint for any signed-in user (its answer filtered by their grants).</summary>
    public static TBuilder ForSignedIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SignedInAttribute());

    /// <summary>Declares the endpoint for administrators only.</summary>
    public static TBuilder ForAdministrator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AdministratorAttribute());

    /// <summary>Declares the action the endpoint needs on the organization the request names at <paramref name="source"/>.</summary>
    public static TBuilder Requires<TBuilder>(this TBuilder builder, Accounts.AccessScope.Action action, OrgSource source, string name = "org")
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresAttribute(action, source, name));

    internal sealed record AccessGranted(Organization? Organization);

    /// <summary>The marker of the group whose endpoints <see cref="ApiAccessFilter"/> guards.</summary>
    internal sealed class EnforcedByAccessFilter;
}
