using AssetLedger.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AssetLedger.Host.Accounts;

/// <summary>A person who signs in: ASP.NET Core Identity's user (hashed password, lockout) and a display name.</summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
}

/// <summary>What a user may do, and where: a role over an organization and everything under it.</summary>
public enum AccessRole
{
    /// <summary>管理员: administers users and settings, everywhere.</summary>
    Admin = 1,

    /// <summary>会计/报账员: keeps one book (a village or group).</summary>
    Accountant = 2,

    /// <summary>监管员: a township's supervisor.</summary>
    Supervisor = 3,

    /// <summary>审计员: reads a county or township, changes nothing.</summary>
    Auditor = 4,
}

/// <summary>The roles' Chinese names, as the pages show them.</summary>
public static class RoleNames
{
    public static string Chinese(AccessRole role) => role switch
    {
        AccessRole.Admin => "管理员",
        AccessRole.Accountant => "会计/报账员",
        AccessRole.Supervisor => "监管员",
        _ => "审计员",
    };
}

/// <summary>
/// One step of a user's access, append-only: a role over an organization (none for an administrator) granted, or —
/// with <see cref="Revoked"/> — taken back. What stands is the latest step per user, role and organization, so the
/// table is also the history of who was given what, by whom and when.
/// </summary>
public sealed class AccessGrant
{
    public long Id { get; set; }

    public required string UserId { get; init; }

    public AccessRole Role { get; init; }

    public int? OrganizationId { get; init; }

    /// <summary>True for a revocation of the role over the organization; false for a grant.</summary>
    public bool Revoked { get; init; }

    /// <summary>When the step was taken (the grant or the revocation).</summary>
    public DateTime GrantedAtUtc { get; init; }

    public required string GrantedBy { get; init; }

    /// <summary>Why a grant was revoked (required then); null for a grant.</summary>
    public string? Reason { get; init; }

    /// <summary>The grants that stand: the latest step per role and organization, when it is not a revocation.</summary>
    public static IReadOnlyList<AccessGrant> InForce(IEnumerable<AccessGrant> steps) =>
        steps.GroupBy(g => (g.UserId, g.Role, g.OrganizationId)).Select(g => g.MaxBy(s => s.Id)!).Where(g => !g.Revoked).OrderBy(g => g.Id).ToList();
}

/// <summary>
/// A personal API token for machines: only its SHA-256 hash is kept; the token itself is shown once, when issued.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }

    public required string UserId { get; init; }

    public required string Label { get; init; }

    /// <summary>SHA-256 of the token, hex.</summary>
    public required string Hash { get; init; }

    public DateTime IssuedAtUtc { get; init; }

    /// <summary>When the token was revoked; a revoked token authenticates nobody.</summary>
    public DateTime? RevokedAtUtc { get; set; }
}

/// <summary>
/// Identity's tables and the grants, in the product's database with a migrations history of their own — the ledger
/// and the rules never depend on who signs in.
/// </summary>
public class AccountsDbContext : IdentityDbContext<AppUser>
{
    public const string HistoryTable = "__accounts_migrations_history";

    public AccountsDbContext(DbContextOptions<AccountsDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own context type, whose migrations are its own.</summary>
    protected AccountsDbContext(DbContextOptions options)
        : base(options)
    {
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => UtcDateTimes.Apply(configurationBuilder);

    public DbSet<AccessGrant> Grants => Set<AccessGrant>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(100);
        builder.Entity<AccessGrant>(e =>
        {
            e.ToTable("access_grants");
            e.HasIndex(g => new { g.UserId, g.Role, g.OrganizationId });
            e.Property(g => g.Role).HasConversion<string>().HasMaxLength(16);
            e.Property(g => g.GrantedBy).HasMaxLength(100);
            e.Property(g => g.Reason).HasMaxLength(200);
            e.HasOne<AppUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.HasIndex(t => t.Hash).IsUnique();
            e.Property(t => t.Label).HasMaxLength(100);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    /// <summary>The accounts' context on <paramref name="database"/>: the provider's own context type, registered as <see cref="AccountsDbContext"/>.</summary>
    public static IServiceCollection AddAccountsDbContext(IServiceCollection services, DatabaseSettings database) => database.Provider switch
    {
        DatabaseProvider.PostgreSql => services.AddDbContext<AccountsDbContext, PostgreSqlAccountsDbContext>(o => UsePostgreSql(o, database.ConnectionString)),
        _ => services.AddDbContext<AccountsDbContext>(o => UseSqlite(o, database.ConnectionString)),
    };

    public static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o.MigrationsHistoryTable(HistoryTable));

    public static DbContextOptionsBuilder UsePostgreSql(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(HistoryTable));

    public static async Task MigrateAsync(AccountsDbContext db, CancellationToken ct = default)
    {
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await db.Database.MigrateAsync(ct);
        }
    }
}

/// <summary>
/// The accounts' model on PostgreSQL, a type of its own only so that EF Core keeps PostgreSQL's migrations
/// (PostgreSql/Migrations) apart from SQLite's; registered as <see cref="AccountsDbContext"/>.
/// </summary>
public sealed class PostgreSqlAccountsDbContext(DbContextOptions<PostgreSqlAccountsDbContext> options) : AccountsDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add … --context AccountsDbContext</c> build the model without starting the Host.</summary>
internal sealed class DesignTimeAccountsDbContextFactory : IDesignTimeDbContextFactory<AccountsDbContext>
{
    public AccountsDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<AccountsDbContext>)AccountsDbContext.UseSqlite(new DbContextOptionsBuilder<AccountsDbContext>(), LedgerDatabase.SqliteConnectionString("design-time.db")).Options);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgreSqlAccountsDbContext</c> build the model without a server.</summary>
internal sealed class DesignTimePostgreSqlAccountsDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlAccountsDbContext>
{
    public PostgreSqlAccountsDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgreSqlAccountsDbContext>)AccountsDbContext.UsePostgreSql(new DbContextOptionsBuilder<PostgreSqlAccountsDbContext>(), "Host=localhost").Options);
}
