using AssetLedger.Core.Accounts;
using AssetLedger.Core.Assets;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Balances;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.OpeningBalances;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Resources;
using AssetLedger.Core.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Persistence;

/// <summary>
/// The ledger's database. Table and column names are snake_case and unquoted-safe, so the few hand-written
/// statements of the bulk posting path (<see cref="Vouchers.VoucherWriter"/>) read the same on SQLite and
/// PostgreSQL. Money columns are INTEGER 分; enums are stored as their English names. This type carries the SQLite
/// migrations; <see cref="PostgreSql.PostgreSqlLedgerDbContext"/>, the same model, carries PostgreSQL's.
/// </summary>
public class LedgerDbContext : DbContext
{
    public LedgerDbContext(DbContextOptions<LedgerDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own context type, whose migrations are its own.</summary>
    protected LedgerDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Book> Books => Set<Book>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Counterparty> Counterparties => Set<Counterparty>();

    public DbSet<Voucher> Vouchers => Set<Voucher>();

    public DbSet<Posting> Postings => Set<Posting>();

    public DbSet<AccountBalance> Balances => Set<AccountBalance>();

    public DbSet<OpeningBalanceSet> OpeningBalanceSets => Set<OpeningBalanceSet>();

    public DbSet<OpeningBalanceLine> OpeningBalanceLines => Set<OpeningBalanceLine>();

    public DbSet<PeriodState> PeriodStates => Set<PeriodState>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<FixedAsset> FixedAssets => Set<FixedAsset>();

    public DbSet<AssetEvent> AssetEvents => Set<AssetEvent>();

    public DbSet<DepreciationRun> DepreciationRuns => Set<DepreciationRun>();

    public DbSet<DepreciationEntry> DepreciationEntries => Set<DepreciationEntry>();

    public DbSet<Resource> Resources => Set<Resource>();

    public DbSet<ResourceEvent> ResourceEvents => Set<ResourceEvent>();

    public DbSet<Contract> Contracts => Set<Contract>();

    public DbSet<Installment> Installments => Set<Installment>();

    public DbSet<InstallmentReceipt> InstallmentReceipts => Set<InstallmentReceipt>();

    public DbSet<ContractEvent> ContractEvents => Set<ContractEvent>();

    public DbSet<InstallmentCancellation> InstallmentCancellations => Set<InstallmentCancellation>();

    /// <summary>
    /// Every index is declared above on purpose. EF's default of indexing each foreign key would put indexes on the
    /// posting log that only a parent's deletion could use, and parents of posted data are never deleted.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Conventions.Remove<Microsoft.EntityFrameworkCore.Metadata.Conventions.ForeignKeyIndexConvention>();
        UtcDateTimes.Apply(configurationBuilder);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Organization>(e =>
        {
            e.ToTable("organizations");
            e.HasIndex(o => o.Code).IsUnique();
            e.Property(o => o.Code).HasMaxLength(32);
            e.Property(o => o.Name).HasMaxLength(100);
            e.Property(o => o.Level).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Organization>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Book>(e =>
        {
            e.ToTable("books");
            e.HasIndex(b => b.OrganizationId).IsUnique();
            e.Property(b => b.ChartStandard).HasMaxLength(8);
            e.HasOne<Organization>().WithMany().HasForeignKey(b => b.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Account>(e =>
        {
            e.ToTable("accounts");
            e.HasIndex(a => new { a.BookId, a.Code }).IsUnique();
            e.Property(a => a.Code).HasMaxLength(16);
            e.Property(a => a.Name).HasMaxLength(100);
            e.Property(a => a.ParentCode).HasMaxLength(16);
            e.Property(a => a.Category).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.NormalSide).HasConversion<string>().HasMaxLength(8);
            e.HasOne<Book>().WithMany().HasForeignKey(a => a.BookId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Counterparty>(e =>
        {
            e.ToTable("counterparties");
            e.HasIndex(c => new { c.BookId, c.Name }).IsUnique();
            e.Property(c => c.Name).HasMaxLength(100);
            e.HasOne<Book>().WithMany().HasForeignKey(c => c.BookId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Voucher>(e =>
        {
            e.ToTable("vouchers");
            e.HasIndex(v => new { v.BookId, v.IdempotencyKey }).IsUnique();
            e.HasIndex(v => new { v.BookId, v.Period, v.Number }).IsUnique();
            e.Property(v => v.Id).ValueGeneratedNever();
            // Partial indexes: ordinary vouchers (nearly all) pay nothing for these rare rows.
            e.HasIndex(v => v.ReversesVoucherId).IsUnique().HasFilter("reverses_voucher_id IS NOT NULL");
            e.HasIndex(v => v.Kind).HasFilter("kind = 'YearEndClose'");
            e.Property(v => v.IdempotencyKey).HasMaxLength(100);
            e.Property(v => v.Resolution).HasMaxLength(100);
            e.Property(v => v.Preparer).HasMaxLength(100);
            e.Property(v => v.Kind).HasConversion<string>().HasMaxLength(16);
            e.Ignore(v => v.DisplayNumber);
            e.HasOne<Book>().WithMany().HasForeignKey(v => v.BookId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Voucher>().WithMany().HasForeignKey(v => v.ReversesVoucherId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Posting>(e =>
        {
            // The append-only log of lines: ids are assigned by the posting path (a voucher's lines are consecutive),
            // and there is deliberately no secondary index — every read goes through a voucher's id range.
            e.ToTable("postings");
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.Summary).HasMaxLength(200);
            e.HasOne<Voucher>().WithMany().HasForeignKey(p => p.VoucherId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Counterparty>().WithMany().HasForeignKey(p => p.CounterpartyId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<AccountBalance>(e =>
        {
            e.ToTable("account_balances");
            e.HasKey(b => new { b.BookId, b.AccountId, b.CounterpartyKey, b.Period });
            e.HasIndex(b => new { b.BookId, b.Period });
        });

        modelBuilder.Entity<OpeningBalanceSet>(e =>
        {
            e.ToTable("opening_balance_sets");
            e.HasIndex(s => s.BookId).IsUnique();
            e.Property(s => s.ContentHash).HasMaxLength(64);
            e.Property(s => s.ImportedBy).HasMaxLength(100);
            e.HasOne<Book>().WithMany().HasForeignKey(s => s.BookId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.SetId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<OpeningBalanceLine>(e =>
        {
            e.ToTable("opening_balance_lines");
            e.HasIndex(l => l.SetId);
            e.HasOne<Account>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Counterparty>().WithMany().HasForeignKey(l => l.CounterpartyId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<PeriodState>(e =>
        {
            e.ToTable("period_states");
            e.HasKey(p => new { p.BookId, p.Period });
            e.Property(p => p.ChangedBy).HasMaxLength(100);
        });

        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.HasIndex(a => new { a.BookId, a.AtUtc });
            e.Property(a => a.Actor).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(50);
            e.Property(a => a.Subject).HasMaxLength(200);
        });

        modelBuilder.Entity<FixedAsset>(e =>
        {
            e.ToTable("fixed_assets");
            e.HasIndex(a => new { a.BookId, a.Code }).IsUnique();
            e.Property(a => a.Code).HasMaxLength(32);
            e.Property(a => a.Name).HasMaxLength(100);
            e.Property(a => a.Category).HasMaxLength(50);
            e.Property(a => a.Specification).HasMaxLength(100);
            e.Property(a => a.Location).HasMaxLength(100);
            e.Property(a => a.Custodian).HasMaxLength(50);
            e.Property(a => a.Origin).HasMaxLength(20);
            e.Property(a => a.Method).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.Use).HasConversion<string>().HasMaxLength(16);
            e.Ignore(a => a.Residual);
            e.Ignore(a => a.Depreciable);
            e.Ignore(a => a.IsBuilding);
            e.HasOne<Book>().WithMany().HasForeignKey(a => a.BookId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<AssetEvent>(e =>
        {
            // Rules read "what changed since id X" through the primary key; the register reads a book's events.
            e.ToTable("asset_events");
            e.HasIndex(x => new { x.BookId, x.AssetId });
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(200);
            e.Property(x => x.Counterparty).HasMaxLength(100);
            e.Property(x => x.Actor).HasMaxLength(100);
            e.HasOne<FixedAsset>().WithMany().HasForeignKey(x => x.AssetId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Voucher>().WithMany().HasForeignKey(x => x.VoucherId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<DepreciationRun>(e =>
        {
            e.ToTable("depreciation_runs");
            e.HasIndex(r => new { r.BookId, r.Period, r.Sequence }).IsUnique();
            e.HasOne<Voucher>().WithMany().HasForeignKey(r => r.VoucherId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<DepreciationEntry>(e =>
        {
            e.ToTable("depreciation_entries");
            e.HasIndex(x => new { x.RunId, x.AssetId }).IsUnique();
            e.HasOne<DepreciationRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<FixedAsset>().WithMany().HasForeignKey(x => x.AssetId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Resource>(e =>
        {
            e.ToTable("resources");
            e.HasIndex(r => new { r.BookId, r.Code }).IsUnique();
            e.Property(r => r.Code).HasMaxLength(32);
            e.Property(r => r.Name).HasMaxLength(100);
            e.Property(r => r.Type).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Mode).HasConversion<string>().HasMaxLength(20);
            foreach (var text in new[] { nameof(Resource.Location), nameof(Resource.East), nameof(Resource.South), nameof(Resource.West), nameof(Resource.North), nameof(Resource.Operator) })
            {
                e.Property(text).HasMaxLength(100);
            }

            e.Property(r => r.Certificate).HasMaxLength(50);
            e.Ignore(r => r.Area);
            e.HasOne<Book>().WithMany().HasForeignKey(r => r.BookId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ResourceEvent>(e =>
        {
            e.ToTable("resource_events");
            e.HasIndex(x => new { x.BookId, x.ResourceId });
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Before).HasMaxLength(100);
            e.Property(x => x.After).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(200);
            e.Property(x => x.Actor).HasMaxLength(100);
            e.HasOne<Resource>().WithMany().HasForeignKey(x => x.ResourceId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Contract>(e =>
        {
            e.ToTable("contracts");
            e.HasIndex(c => new { c.BookId, c.Number }).IsUnique();
            e.Property(c => c.Number).HasMaxLength(50);
            e.Property(c => c.Counterparty).HasMaxLength(100);
            e.Property(c => c.Subjects).HasMaxLength(500);
            e.Property(c => c.Resolution).HasMaxLength(100);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Payment).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Book>().WithMany().HasForeignKey(c => c.BookId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Installment>(e =>
        {
            e.ToTable("installments");
            e.HasIndex(i => new { i.ContractId, i.Sequence }).IsUnique();
            e.HasOne<Contract>().WithMany().HasForeignKey(i => i.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ContractEvent>().WithMany().HasForeignKey(i => i.EventId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ContractEvent>(e =>
        {
            e.ToTable("contract_events");
            e.HasIndex(x => x.ContractId);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(200);
            e.Property(x => x.Actor).HasMaxLength(100);
            e.HasOne<Contract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<InstallmentCancellation>(e =>
        {
            e.ToTable("installment_cancellations");
            e.HasIndex(x => x.InstallmentId).IsUnique();
            e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ContractEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<InstallmentReceipt>(e =>
        {
            e.ToTable("installment_receipts");
            e.HasIndex(r => r.InstallmentId);
            e.HasOne<Installment>().WithMany().HasForeignKey(r => r.InstallmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Voucher>().WithMany().HasForeignKey(r => r.VoucherId).OnDelete(DeleteBehavior.Restrict);
        });

        SnakeCaseNames.Apply(modelBuilder);
    }
}
