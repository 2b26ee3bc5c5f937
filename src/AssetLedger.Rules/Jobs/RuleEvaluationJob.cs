using AssetLedger.Rules.Engine;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AssetLedger.Rules.Jobs;

/// <summary>
/// The scheduled rule evaluation: a thin Quartz job around <see cref="RuleEngine.RunAsync"/>. It never runs twice at
/// once; a failed run logs and leaves the watermarks where the last committed run put them, so the next firing
/// catches up with nothing missed and nothing doubled. Date-driven rules (contracts) evaluate on every run with the
/// day in China time; their alerts' keys make the repeats harmless.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RuleEvaluationJob(RuleEngine engine, ILogger<RuleEvaluationJob> log) : IJob
{
    public static readonly JobKey Key = new("rule-evaluation", "rules");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await engine.RunAsync(evaluation: Evaluation.NewEntries, ct: cancellationToken);
            if (!result.Succeeded)
            {
                var errors = string.Join("; ", result.Errors);
                log.LogError("Rule evaluation refused: {Errors}", errors);
                return;
            }

            if (log.IsEnabled(LogLevel.Information))
            {
                var r = result.Value;
                log.LogInformation("Rule evaluation: {Raised} new alerts, {Resolved} resolved; read {Vouchers} vouchers and {Events} events in {Books} books",
                    r.Raised.Count, r.Resolved, r.VouchersRead, r.AssetEventsRead, r.Books);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // No tight loop: the job waits for its next firing; the watermarks were not moved.
            log.LogError(ex, "Rule evaluation failed; the next run starts from the last committed watermark");
            throw new JobExecutionException(ex);
        }
    }
}
