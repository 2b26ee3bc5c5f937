using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace AssetLedger.Host.Web.Security;

/// <summary>
/// How often one may try to sign in (ASP.NET Core's rate limiter): from one address, <see cref="AddressAttemptsPerMinute"/>
/// a minute over the sign-in page and endpoint together (the policy <see cref="PerAddress"/>); for one account, from
/// anywhere, <see cref="AccountAttemptsPerMinute"/> a minute — so that guessing is slow from one machine or many,
/// beside the lockout after five wrong passwords. Set with <c>Security:SignInPerAddressPerMinute</c> and
/// <c>Security:SignInPerAccountPerMinute</c>. Public forms to come take the same per-address policy.
/// </summary>
public sealed class SignInLimits : IDisposable
{
    public const string PerAddress = "sign-in per address";

    private readonly PartitionedRateLimiter<string> perAccount;

    public SignInLimits(IConfiguration configuration)
    {
        AddressAttemptsPerMinute = Setting(configuration, "Security:SignInPerAddressPerMinute", 30);
        AccountAttemptsPerMinute = Setting(configuration, "Security:SignInPerAccountPerMinute", 10);
        perAccount = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(
            account.ToUpperInvariant(), _ => Window(AccountAttemptsPerMinute)));
    }

    public int AddressAttemptsPerMinute { get; }

    public int AccountAttemptsPerMinute { get; }

    /// <summary>Whether one more attempt for the account is allowed now.</summary>
    public bool TryAccount(string account)
    {
        using var lease = perAccount.AttemptAcquire(account);
        return lease.IsAcquired;
    }

    public void Dispose() => perAccount.Dispose();

    private static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    private static int Setting(IConfiguration configuration, string key, int fallback) =>
        configuration[key] is { Length: > 0 } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    /// <summary>
    /// The limiter's services: the per-address policy (the client's address, after forwarded headers), counting the
    /// attempts — the posts — not the page being shown; and the per-account limits.
    /// </summary>
    public static void AddTo(IServiceCollection services) =>
        services.AddSingleton<SignInLimits>().AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PerAddress, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => Window(context.RequestServices.GetRequiredService<SignInLimits>().AddressAttemptsPerMinute))
                : RateLimitPartition.GetNoLimiter("shown"));
        });
}
