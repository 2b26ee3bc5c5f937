using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Persistence;
using AssetLedger.Host.Database;
using AssetLedger.Host.Notifications;
using AssetLedger.Host.Scheduling;
using AssetLedger.Host.Web.Access;
using AssetLedger.Host.Web.Api;
using AssetLedger.Host.Web.Security;
using AssetLedger.Rules.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Quartz;

namespace AssetLedger.Host.Web;

/// <summary>
/// The one-command start: <c>dotnet run --project src/AssetLedger.Host</c> with no verb serves the product on
/// http://127.0.0.1:5080 (<c>--urls</c> or <c>ASPNETCORE_URLS</c> override) with the scheduler's jobs running, on the
/// database that <c>Database:*</c> names (<see cref="DatabaseConfiguration"/>: by default the SQLite file
/// <c>Database:Path</c>, <c>ASSETLEDGER_DB</c> or <c>./data/assetledger.db</c>), created and migrated before the
/// first request. <c>GET /health</c> says whether the database answers and the scheduler runs.
/// Ctrl+C stops it; running jobs finish first.
/// </summary>
public static class WebApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Whether the arguments ask for the server rather than a command-line verb: none, or only host options.</summary>
    public static bool IsServerStart(string[] args) => args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) && args[0] is not ("--help" or "-h" or "--version" or "--db" or "--user");

    public static Outcome<WebApplication> Build(string[] args, TimeProvider time)
    {
        // appsettings.json beside the program, whatever folder it is started from (the database path is relative to that folder).
        // The application is this assembly whoever starts it (the tests run it inside their own host): its pages are found here.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args, ContentRootPath = AppContext.BaseDirectory, ApplicationName = typeof(WebApp).Assembly.GetName().Name,
        });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false); // no Server header: what runs here is nobody's business
        var (forwarded, forwardedProblem) = Security.SecurityHeaders.ForwardedFrom(builder.Configuration);
        if (forwardedProblem is not null)
        {
            return new LedgerError("config.known_proxies", forwardedProblem);
        }

        var database = DatabaseConfiguration.From(builder.Configuration);
        if (!database.Succeeded)
        {
            return Outcome<WebApplication>.Failure(database.Errors);
        }

        Directory.CreateDirectory(database.Value.DataFolder);
        var schedule = SchedulerHost.ScheduleFrom(builder);
        var mail = MailConfiguration.From(builder.Configuration, database.Value);
        if (schedule.Problem() is { } problem)
        {
            return new LedgerError("config.schedule", problem);
        }

        if (!mail.Succeeded)
        {
            return Outcome<WebApplication>.Failure(mail.Errors);
        }

        var imports = Imports.ImportConfiguration.From(builder.Configuration);
        if (!imports.Succeeded)
        {
            return Outcome<WebApplication>.Failure(imports.Errors);
        }

        builder.AddScheduling(database.Value, time, schedule, mail.Value);
        builder.Services.Replace(ServiceDescriptor.Singleton(imports.Value));

        // Requests act as the signed-in user; the scheduler's jobs (no request) as the scheduler.
        builder.Services.AddHttpContextAccessor();
        builder.Services.Replace(ServiceDescriptor.Scoped(sp =>
            sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User.Identity is { IsAuthenticated: true, Name: { } name } ? new Actor(name) : new Actor(SchedulerHost.Actor)));
        // Machines send a token; browsers carry the sign-in cookie. One policy scheme picks by the request.
        new IdentityBuilder(typeof(Accounts.AppUser), builder.Services).AddSignInManager();
        builder.Services.AddAuthentication(o => (o.DefaultScheme, o.DefaultChallengeScheme) = ("TokenOrCookie", "TokenOrCookie"))
            .AddPolicyScheme("TokenOrCookie", "API token or sign-in cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Api.TokenAuthentication.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, Api.TokenAuthentication>(Api.TokenAuthentication.SchemeName, null)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "assetledger";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure over HTTPS, also behind a proxy that forwards the scheme
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.LoginPath = "/signin";

                // Every request checks the cookie's security stamp against the user's: signing out, a lockout, a revoked
                // grant or a new password replaces the stamp, and every session of that user ends at once.
                o.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;

                // A page sends the browser to the sign-in page and back; the API answers 401 or 403.
                o.Events.OnRedirectToLogin = context =>
                {
                    if (IsMachineRequest(context.Request))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }

                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToAccessDenied = context => Task.FromResult(context.Response.StatusCode = StatusCodes.Status403Forbidden);
            });
        Security.SignInLimits.AddTo(builder.Services);

        // Chinese is written as it is, not as &#x…; entities: a third of the bytes, and pages a person can read as source.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Who may use what is declared beside every endpoint and page handler (Web/Access) and decided by one gate;
        // whatever is not declared public needs a signed-in user (the fallback policy).
        builder.Services.AddScoped<AccessGate>();
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Web/Pages").AddMvcOptions(o => o.Filters.Add<PageAccessFilter>());
        builder.Services.AddAntiforgery(o => o.HeaderName = Api.SignInEndpoints.CsrfHeader);
        builder.Services.AddAuthorization(o => o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddProblemDetails();
        // A request that cannot be bound (JSON of another shape, a value missing) is a 400 problem naming what and where, never an empty 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<RequestProblems>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new StorableStrings()));
        builder.Services.AddOpenApi();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        var app = builder.Build();

        if (forwarded is not null)
        {
            app.UseForwardedHeaders(forwarded);
        }

        app.UseSecurityHeaders();

        // The API answers problem details; a page that fails shows the Chinese status page, never a stack trace.
        app.UseWhen(c => IsMachineRequest(c.Request), api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(c => !IsMachineRequest(c.Request), pages => pages.UseExceptionHandler("/status/500").UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseStaticFiles(new StaticFileOptions
        {
            // The pages' own stylesheet and scripts (Web/Assets, copied beside the program); nothing third-party.
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Web", "Assets")),
            RequestPath = "/assets",
        });
        app.UseRouting(); // after the status pages, so that a re-executed request (/status/404) is routed again
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        var guarded = ApiAccessFilter.MapGuarded(app); // every minimal endpoint, so that none escapes its declaration
        guarded.MapGet("/health", HealthAsync).Public("monitoring asks whether the server and its database answer");
        guarded.MapApi();
        guarded.MapSignIn();
        guarded.MapOpenApi().ForSignedIn(); // /openapi/v1.json, generated from the endpoints: for those who use the API, not for anyone who asks
        app.MapRazorPages();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine($"AssetLedger is serving on {string.Join(", ", addresses)} — database {database.Value.Describe()}; mail to {mail.Value.Describe()}; Ctrl+C stops it");
        });
        return Outcome<WebApplication>.Success(app);
    }

    /// <summary>Requests from programs (the API, the JSON sign-in, the health check), answered with status codes rather than pages.</summary>
    private static bool IsMachineRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/account") || request.Path.StartsWithSegments("/health")
        || request.Path.StartsWithSegments("/openapi");

    /// <summary>Creates or migrates the database, then serves until stopped.</summary>
    public static async Task<int> RunAsync(string[] args, TimeProvider time, CancellationToken ct = default)
    {
        var app = Build(args, time);
        if (!app.Succeeded)
        {
            foreach (var e in app.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {e}");
            }

            return 2;
        }

        await using var web = app.Value;
        await MigrateAsync(web.Services, ct);
        if (web.Configuration.GetValue("Demo:LoadWhenEmpty", true))
        {
            await LoadDemoWhenEmptyAsync(web.Services, ct);
        }

        if (await PublishedPasswordProblemAsync(web, ct) is { } exposed)
        {
            await Console.Error.WriteLineAsync($"error: {exposed}");
            return 2;
        }

        await web.RunAsync(ct);
        return 0;
    }

    /// <summary>
    /// Why the server must not start: it would listen where other machines reach it while a demo person still signs in
    /// with the password the README publishes. Null when it listens on loopback only, or no one has that password.
    /// </summary>
    public static async Task<string?> PublishedPasswordProblemAsync(WebApplication web, CancellationToken ct = default)
    {
        var urls = web.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : DefaultUrl;
        var exposed = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsLoopback(u)).ToList();
        if (exposed.Count == 0)
        {
            return null;
        }

        await using var scope = web.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Accounts.AppUser>>();
        var published = new List<string>();
        foreach (var (name, _, _, _) in Demo.DemoCounty.People)
        {
            if (await users.FindByNameAsync(name) is { PasswordHash: { } hash } user
                && users.PasswordHasher.VerifyHashedPassword(user, hash, Demo.DemoCounty.DemoPassword) != PasswordVerificationResult.Failed)
            {
                published.Add(name);
            }
        }

        return published.Count == 0 ? null
            : $"the server would listen on {string.Join(", ", exposed)}, which other machines reach, while {string.Join(", ", published)} still sign in with the demo's published password; "
              + $"give each a password of their own first (dotnet run --project src/AssetLedger.Host -- user password {published[0]}, which reads it from standard input), or serve on 127.0.0.1 only";
    }

    /// <summary>Whether a listen address (<c>http://127.0.0.1:5080</c>, <c>http://*:80</c>, <c>http://[::1]:5080</c>) is reached from this machine only.</summary>
    public static bool IsLoopback(string url)
    {
        var normalized = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip);
    }

    /// <summary>A first start on an empty database loads the demo county, so there is something to look at.</summary>
    private static async Task LoadDemoWhenEmptyAsync(IServiceProvider services, CancellationToken ct)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<LedgerDbContext>().Organizations.AnyAsync(ct))
            {
                return;
            }
        }

        Console.WriteLine("The database is empty: loading the demo county (清河县, 12 villages, the year 2025) …");
        var loaded = await Demo.DemoLoader.LoadAsync(services, folder: null, ct);
        Console.WriteLine(loaded.Succeeded
            ? $"Loaded the demo county: {loaded.Value.Vouchers} vouchers, {loaded.Value.Alerts} alerts. Try: dotnet run --project src/AssetLedger.Host -- alerts list --org 330101"
            : $"The demo county did not load: {string.Join("; ", loaded.Errors)}");
        if (loaded.Succeeded)
        {
            Console.WriteLine($"Demo logins (password {Demo.DemoCounty.DemoPassword}): "
                + string.Join(", ", Demo.DemoCounty.People.Select(p => $"{p.User} ({p.Role}{(p.Scope is null ? string.Empty : " of " + p.Scope)})"))
                + "; an API token: dotnet run --project src/AssetLedger.Host -- user token wangwu --label demo");
        }
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await LedgerDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<LedgerDbContext>(), ct);
        await RulesDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<RulesDbContext>(), ct);
        await Accounts.AccountsDbContext.MigrateAsync(scope.ServiceProvider.GetRequiredService<Accounts.AccountsDbContext>(), ct);
    }

    /// <summary>200 when the database answers and the scheduler runs; 503 with what is wrong otherwise.</summary>
    private static async Task<IResult> HealthAsync(LedgerDbContext db, ISchedulerFactory schedulers, CancellationToken ct)
    {
        string database;
        try
        {
            database = await db.Database.CanConnectAsync(ct) ? "ok" : "unreachable";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            database = $"unreachable: {ex.Message}";
        }

        var scheduler = (await schedulers.GetScheduler(ct)).Status;
        var healthy = database == "ok" && scheduler == SchedulerStatus.Running;
        return Results.Json(new { status = healthy ? "ok" : "unhealthy", database, scheduler = scheduler.ToString().ToLowerInvariant() }, statusCode: healthy ? 200 : 503);
    }
}
