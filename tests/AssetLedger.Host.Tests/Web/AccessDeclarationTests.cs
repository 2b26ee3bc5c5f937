using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AssetLedger.Host.Tests.Web;

/// <summary>
/// Every endpoint and page handler of the running app declares who may use it, and the role × scope matrix is
/// generated from those declarations: each one is called by each role, in its scope, in another county's and for an
/// organization that does not exist, and answers as its declaration says.
/// </summary>
public sealed partial class AccessDeclarationTests : LiveServer
{
    private const string InScope = "33010101";
    private const string OtherCounty = "33020101";
    private const string Nowhere = "99999999";

    private static readonly string?[] Roles = [null, "acct-a", "acct-b", "super", "audit", "admin"];

    private readonly Dictionary<(OrgSource, string), string> resourceIds = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Cli.PayAsync(OtherCounty, "2024-03-05", 60_000); // a voucher and (once the rules run) an alert in the other county
        await Cli.OkAsync("rules", "run");
        using var admin = As("admin");
        foreach (var org in new[] { InScope, OtherCounty })
        {
            resourceIds[(OrgSource.Alert, org)] = (await admin.GetFromJsonAsync<JsonElement>($"/api/alerts?org={org}"))[0].GetProperty("id").ToString();
            using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Server };
            noRedirect.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
            var found = await noRedirect.GetAsync(new Uri($"/vouchers?handler=ByNumber&org={org}&number={Uri.EscapeDataString("2024-03/记-0001")}", UriKind.Relative));
            resourceIds[(OrgSource.Voucher, org)] = found.Headers.Location!.OriginalString.Split('/')[^1];
        }
    }

    [Fact]
    public async Task Every_endpoint_and_page_handler_of_the_running_app_declares_who_may_use_it()
    {
        var probes = await EnumerateAsync();
        var undeclared = probes.Where(p => p.Need is null).Select(p => p.ToString()).ToList();
        var unenforced = probes.Where(p => p.Need is not null && !p.Enforced).Select(p => p.ToString()).ToList();

        probes.Should().HaveCountGreaterThan(60, "the API's endpoints and the pages' handlers are all enumerated");
        probes.Select(p => p.ToString()).Should().Contain(["POST /api/vouchers", "GET /books/{org}/periods", "POST /books/{org}/periods?handler=Close", "GET /signin"]);
        undeclared.Should().BeEmpty("an endpoint or handler without a declaration would be open to any signed-in user");
        unenforced.Should().BeEmpty("a minimal endpoint mapped outside the guarded group would not be checked");
    }

    [Fact]
    public async Task Every_declared_endpoint_and_page_answers_each_role_in_and_out_of_scope_as_its_declaration_says()
    {
        var probes = await EnumerateAsync();
        var clients = new Dictionary<string, HttpClient>();
        var tokens = new Dictionary<string, string>();
        foreach (var role in Roles)
        {
            var key = role ?? "anonymous";
            var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
            clients[key] = new HttpClient(handler) { BaseAddress = Server };
            clients[key].DefaultRequestHeaders.Authorization = As(role).DefaultRequestHeaders.Authorization;
            if (role is not null)
            {
                // A page's form carries the anti-forgery token of the user who posts it.
                tokens[key] = (await clients[key].GetFromJsonAsync<JsonElement>("/account/antiforgery")).GetProperty("token").GetString()!;
            }
        }

        var wrong = new List<string>();
        var calls = 0;
        foreach (var probe in probes.Where(p => p.Need is not null))
        {
            foreach (var role in Roles)
            {
                foreach (var org in probe.Need!.Kind == AccessKind.Organization ? new[] { InScope, OtherCounty, Nowhere } : [InScope])
                {
                    if (probe.Need.IsResource && org == Nowhere)
                    {
                        continue;
                    }

                    var key = role ?? "anonymous";
                    using var request = probe.Request(org, resourceIds, tokens.GetValueOrDefault(key));
                    using var response = await clients[key].SendAsync(request);
                    calls++;
                    var status = (int)response.StatusCode;
                    var expected = Expect(probe, role, org);
                    // The gate lets everyone through a public declaration: a 401 there is the endpoint's own (a wrong password).
                    var answered = status switch
                    {
                        not 500 when probe.Need.Kind == AccessKind.Anonymous => Verdict.Passed,
                        302 when response.Headers.Location?.OriginalString.Contains("/signin", StringComparison.Ordinal) == true => Verdict.SignIn,
                        401 => Verdict.SignIn,
                        403 => Verdict.Forbidden,
                        404 when expected is Verdict.NotFound || probe.Need.IsResource => Verdict.NotFound,
                        500 => Verdict.Broken,
                        _ => Verdict.Passed,
                    };
                    if (answered != expected)
                    {
                        wrong.Add($"{probe} as {key} on {org}: expected {expected}, answered {status}");
                    }
                }
            }
        }

        calls.Should().BeGreaterThan(600);
        wrong.Should().BeEmpty(string.Join(Environment.NewLine, wrong));
    }

    private enum Verdict
    {
        Passed,
        SignIn,
        Forbidden,
        NotFound,
        Broken,
    }

    /// <summary>What each role may do, stated here rather than computed by the product: the matrix's answer key.</summary>
    private static Verdict Expect(Probe probe, string? role, string org)
    {
        var need = probe.Need!;
        if (need.Kind == AccessKind.Anonymous)
        {
            return Verdict.Passed;
        }

        if (role is null)
        {
            return Verdict.SignIn;
        }

        if (need.Kind == AccessKind.SignedIn)
        {
            return Verdict.Passed;
        }

        if (need.Kind == AccessKind.Administrator)
        {
            return role == "admin" ? Verdict.Passed : Verdict.Forbidden;
        }

        if (org == Nowhere)
        {
            return Verdict.NotFound;
        }

        bool May(AccessScope.Action action) => role == "admin" || org == InScope && (role, action) switch
        {
            ("acct-a", AccessScope.Action.Read or AccessScope.Action.Post) => true,
            ("super", AccessScope.Action.Read or AccessScope.Action.Supervise) => true,
            ("audit", AccessScope.Action.Read) => true,
            _ => false,
        };

        if (need.IsResource && !May(AccessScope.Action.Read))
        {
            return Verdict.NotFound; // a voucher or alert outside the user's reach is answered as missing
        }

        return May(need.Action) ? Verdict.Passed : Verdict.Forbidden;
    }

    /// <summary>Every minimal endpoint and every page handler of the running app, with its declaration (null: none).</summary>
    private async Task<List<Probe>> EnumerateAsync()
    {
        var probes = new List<Probe>();
        var loader = Services.GetRequiredService<PageLoader>();
        foreach (var endpoint in Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                {
                    probes.Add(new Probe(handler.HttpMethod.ToUpperInvariant(), template, handler.Name, IsPage: true,
                        AccessDeclarations.Of(handler.MethodInfo, compiled.HandlerTypeInfo), Enforced: true));
                }

                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                probes.Add(new Probe(method, template, null, IsPage: false, AccessDeclarations.Of(endpoint), AccessDeclarations.IsEnforced(endpoint))
                {
                    TakesFile = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true,
                });
            }
        }

        return probes;
    }

    private sealed partial record Probe(string Method, string Template, string? Handler, bool IsPage, AccessNeed? Need, bool Enforced)
    {
        /// <summary>An upload (multipart form with a file), such as the imports.</summary>
        public bool TakesFile { get; init; }

        public override string ToString() => $"{Method} {Template}{(Handler is null ? string.Empty : $"?handler={Handler}")}";

        /// <summary>The call, with the organization (or the resource of that organization) where the declaration says it goes.</summary>
        public HttpRequestMessage Request(string org, Dictionary<(OrgSource, string), string> resources, string? antiforgery)
        {
            var need = Need!;
            var organization = need.Kind == AccessKind.Organization ? org : InScope;
            var path = RouteValue().Replace(Template, m => Uri.EscapeDataString(m.Groups[1].Value switch
            {
                var name when name == need.Name && need.IsResource => resources[(need.Source, organization)],
                var name when name == need.Name => organization,
                "id" => resources[(OrgSource.Voucher, InScope)],
                "org" => organization,
                "kind" => Template.Contains("imports", StringComparison.Ordinal) ? "vouchers" : "trial-balance",
                "action" => "ack",
                "code" when Template.StartsWith("/status", StringComparison.Ordinal) => "404",
                "code" => "F1",
                "number" => "C1",
                var other => other,
            }));
            var query = new List<string> { "period=2024-03" };
            if (Handler is not null)
            {
                query.Add($"handler={Handler}");
            }

            if (need.Source == OrgSource.Query && need.Kind == AccessKind.Organization)
            {
                query.Add($"{need.Name}={organization}");
            }

            var request = new HttpRequestMessage(new HttpMethod(Method), new Uri($"{path}?{string.Join('&', query)}", UriKind.Relative));
            if (Method == "POST")
            {
                var field = need.Source is OrgSource.Body or OrgSource.Form && need.Kind == AccessKind.Organization ? need.Name : "unused";
                request.Content = (IsPage, TakesFile) switch
                {
                    (_, true) => new MultipartFormDataContent { { new ByteArrayContent("key,date\n"u8.ToArray()), "file", "empty.csv" } },
                    (true, _) => new FormUrlEncodedContent([new(field, organization)]),
                    _ => new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { [field] = organization }), Encoding.UTF8, "application/json"),
                };
                if (IsPage && antiforgery is not null)
                {
                    request.Headers.Add("X-CSRF-TOKEN", antiforgery);
                }
            }

            return request;
        }

        [GeneratedRegex(@"\{(\w+)(?::[^}?]*)?\??\}")]
        private static partial Regex RouteValue();
    }
}
