using Microsoft.AspNetCore.HttpOverrides;

namespace AssetLedger.Host.Web.Security;

/// <summary>
/// What every response says to the browser about itself: scripts and styles only from this server and never inline
/// script (<c>Content-Security-Policy</c>), no framing by another site (<c>frame-ancestors</c>, and
/// <c>X-Frame-Options</c> for older browsers), no guessing of content types, no full address sent to other sites;
/// HSTS when the request came over HTTPS. Behind a TLS proxy, <c>App:ForwardedHeaders</c> trusts its
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> (from <c>App:KnownProxies</c>, by default the loopback
/// addresses), so that the request is known to be HTTPS and the sign-in cookie is sent as Secure.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from here (the pages' own files and the chart library beside them); styles from here, and inline
    /// styles for the chart library, which writes its own; images from here or data: (the charts' exports); forms post here only.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ForwardedHeadersSetting = "App:ForwardedHeaders";

    public const string KnownProxiesSetting = "App:KnownProxies";

    /// <summary>The forwarded-headers options from configuration, or why they are wrong; null when they are off.</summary>
    public static (ForwardedHeadersOptions? Options, string? Problem) ForwardedFrom(IConfiguration configuration)
    {
        if (!configuration.GetValue(ForwardedHeadersSetting, false))
        {
            return (null, null);
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        if (configuration[KnownProxiesSetting] is { Length: > 0 } proxies)
        {
            options.KnownProxies.Clear();
            foreach (var text in proxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!System.Net.IPAddress.TryParse(text, out var address))
                {
                    return (null, $"{KnownProxiesSetting} '{text}' is not an IP address (give the proxies' addresses, separated by commas)");
                }

                options.KnownProxies.Add(address);
            }
        }

        return (options, null);
    }

    /// <summary>Adds the headers to every response, pages, API and files alike.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
