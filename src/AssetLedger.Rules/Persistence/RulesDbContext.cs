using AssetLedger.Core.Persistence;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Budgets;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Notifications;
using AssetLedger.Rules.Settings;
using AssetLedger.Rules.SplitPayment;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace AssetLedger.Rules.Persistence;

/// <summary>
/// The rule engine's own tables — alerts, their transitions, rule settings, watermarks, SPLIT_PAYMENT's payment
/// index, budgets — in the same database as
/// the ledger, with a migrations history of their own, so that the ledger never depends on the rules. This type
/// carries the SQLite migrations; <see cref="PostgreSqlRulesDbContext"/>, the same model, carries PostgreSQL's.
/// </summary>
public class RulesDbContext : DbContext
{
    public const string HistoryTable = "__rules_migrations_history";

    public RulesDbContext(DbContextOptions<RulesDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own context type, whose migrations are its own.</summary>
    protected RulesDbContext(DbContextOptions options)
        : base(options)
    {
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => UtcDateTimes.Apply(configurationBuilder);

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<AlertTransition> AlertTransitions => Set<AlertTransition>();

    public DbSet<RuleSetting> RuleSettings => Set<RuleSetting>();

    public DbSet<RuleWatermark> RuleWatermarks => Set<RuleWatermark>();

    public DbSet<IndexedPayment> PaymentIndex => Set<IndexedPayment>();

    public DbSet<Subscriber> Subscribers => Set<Subscriber>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();

    public DbSet<Budget> Budgets => Set<Budget>();

    public DbSet<BudgetAdjustment> BudgetAdjustments => Set<BudgetAdjustment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Alert>(e =>
        {
            e.ToTable("alerts");
            e.HasIndex(a => new { a.BookId, a.RuleId, a.SubjectKey, a.Window }).IsUnique();
            e.HasIndex(a => new { a.State, a.BookId });
            e.Property(a => a.RuleId).HasMaxLength(32);
            e.Property(a => a.SubjectKey).HasMaxLength(100);
            e.Property(a => a.Window).HasMaxLength(20);
            e.Property(a => a.Explanation).HasMaxLength(1000);
            e.Property(a => a.Severity).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        });

        modelBuilder.Entity<AlertTransition>(e =>
        {
            e.ToTable("alert_transitions");
            e.HasIndex(t => t.AlertId);
            e.Property(t => t.From).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.To).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.Actor).HasMaxLength(100);
            e.Property(t => t.Comment).HasMaxLength(500);
            e.HasOne<Alert>().WithMany().HasForeignKey(t => t.AlertId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<RuleSetting>(e =>
        {
            e.ToTable("rule_settings");
            e.HasIndex(s => new { s.RuleId, s.OrganizationId, s.Parameter });
            e.Property(s => s.RuleId).HasMaxLength(32);
            e.Property(s => s.Parameter).HasMaxLength(32);
            e.Property(s => s.Value).HasPrecision(18, 2);
            e.Property(s => s.Reason).HasMaxLength(200);
            e.Property(s => s.Actor).HasMaxLength(100);
        });

        modelBuilder.Entity<RuleWatermark>(e =>
        {
            e.ToTable("rule_watermarks");
            e.HasKey(w => w.BookId);
            e.Property(w => w.BookId).ValueGeneratedNever();
        });

        modelBuilder.Entity<IndexedPayment>(e =>
        {
            e.ToTable("payment_index");
            e.HasKey(p => p.VoucherId);
            e.Property(p => p.VoucherId).ValueGeneratedNever();
            e.HasIndex(p => new { p.BookId, p.CounterpartyId, p.Date });
            e.Property(p => p.Number).HasMaxLength(20);
        });

        modelBuilder.Entity<Subscriber>(e =>
        {
            e.ToTable("subscribers");
            e.HasIndex(x => new { x.Email, x.OrganizationId }).IsUnique();
            e.Property(x => x.Email).HasMaxLength(254);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Rules).HasMaxLength(400);
            e.Property(x => x.MinSeverity).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Actor).HasMaxLength(100);
        });

        modelBuilder.Entity<Notification>(e =>
        {
            e.ToTable("notifications");
            e.HasIndex(x => new { x.Email, x.AlertId }).IsUnique();
            e.HasIndex(x => x.MailId);
            e.Property(x => x.Email).HasMaxLength(254);
            e.HasOne<Alert>().WithMany().HasForeignKey(x => x.AlertId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<OutgoingMail>().WithMany().HasForeignKey(x => x.MailId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<OutgoingMail>(e =>
        {
            e.ToTable("outgoing_mails");
            e.HasIndex(x => new { x.State, x.NextAttemptAtUtc });
            e.HasIndex(x => x.MessageId).IsUnique();
            e.Property(x => x.To).HasMaxLength(254);
            e.Property(x => x.ToName).HasMaxLength(100);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.MessageId).HasMaxLength(200);
            e.Property(x => x.Subject).HasMaxLength(300);
            e.Property(x => x.LastError).HasMaxLength(1000);
        });

        modelBuilder.Entity<Budget>(e =>
        {
            // One budget per book, year and account: budgets never overlap.
            e.ToTable("budgets");
            e.HasIndex(b => new { b.BookId, b.Year, b.AccountCode }).IsUnique();
            e.Property(b => b.AccountCode).HasMaxLength(16);
            e.Property(b => b.Months).HasMaxLength(400);
            e.Property(b => b.Actor).HasMaxLength(100);
        });

        modelBuilder.Entity<BudgetAdjustment>(e =>
        {
            e.ToTable("budget_adjustments");
            e.HasIndex(a => a.BudgetId);
            e.Property(a => a.Reason).HasMaxLength(200);
            e.Property(a => a.Actor).HasMaxLength(100);
            e.HasOne<Budget>().WithMany().HasForeignKey(a => a.BudgetId).OnDelete(DeleteBehavior.Restrict);
        });

        SnakeCaseNames.Apply(modelBuilder);
    }
}

/// <summary>Lets <c>dotnet ef migrations add … --project src/AssetLedger.Rules</c> build the model.</summary>
internal sealed class DesignTimeRulesDbContextFactory : IDesignTimeDbContextFactory<RulesDbContext>
{
    public RulesDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<RulesDbContext>)new DbContextOptionsBuilder<RulesDbContext>().UseRulesSqlite("Data Source=design-time.db").Options);
}

/// <summary>
/// The rules' model on PostgreSQL, a type of its own only so that EF Core keeps PostgreSQL's migrations
/// (PostgreSql/Migrations) apart from SQLite's; registered as <see cref="RulesDbContext"/>.
/// </summary>
public sealed class PostgreSqlRulesDbContext(DbContextOptions<PostgreSqlRulesDbContext> options) : RulesDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add … --context PostgreSqlRulesDbContext</c> build the model without a server.</summary>
internal sealed class DesignTimePostgreSqlRulesDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlRulesDbContext>
{
    public PostgreSqlRulesDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgreSqlRulesDbContext>)new DbContextOptionsBuilder<PostgreSqlRulesDbContext>().UseRulesPostgreSql("Host=localhost").Options);
}

public static class RulesDatabase
{
    /// <summary>The rules' context on <paramref name="database"/>: the provider's own context type, registered as <see cref="RulesDbContext"/>.</summary>
    public static IServiceCollection AddRulesDbContext(this IServiceCollection services, DatabaseSettings database) => database.Provider switch
    {
        DatabaseProvider.PostgreSql => services.AddDbContext<RulesDbContext, PostgreSqlRulesDbContext>(o => o.UseRulesPostgreSql(database.ConnectionString)),
        _ => services.AddDbContext<RulesDbContext>(o => o.UseRulesSqlite(database.ConnectionString)),
    };

    public static DbContextOptionsBuilder UseRulesPostgreSql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(RulesDbContext.HistoryTable));

    public static DbContextOptionsBuilder UseRulesSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o.MigrationsHistoryTable(RulesDbContext.HistoryTable));

    public static DbContextOptionsBuilder UseRulesSqlite(this DbContextOptionsBuilder options, System.Data.Common.DbConnection connection) =>
        options.UseSqlite(connection, o => o.MigrationsHistoryTable(RulesDbContext.HistoryTable));

    public static async Task MigrateAsync(RulesDbContext db, CancellationToken ct = default)
    {
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await db.Database.MigrateAsync(ct);
        }
    }
}
