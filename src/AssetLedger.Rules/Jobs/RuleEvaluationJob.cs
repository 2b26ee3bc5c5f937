using AssetLedger.Rules.Engine;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AssetLedger.Rules.Jobs;

/// <summary>
/// The scheduled rule evaluations: a thin Quartz job around <see cref="RuleEngine.RunAsync"/>, scheduled twice (see
/// <see cref="JobSchedule"/>) — the frequent run of the new-entry rules over what is past the watermarks, and the
/// daily checks of the calendar rules (contracts, arrears, idle balances, the depreciation proposal) as of the day
/// in China time. Which one is in the job's data (<see cref="EvaluationKey"/>). Neither runs twice at once; a failed
/// run logs and leaves the watermarks where the last committed run put them, and Quartz does not refire it at once:
/// the next firing catches up with nothing missed and nothing doubled.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RuleEvaluationJob(RuleEngine engine, ILogger<RuleEvaluationJob> log) : IJob
{
    public const string EvaluationKey = "evaluation";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var evaluation = Enum.TryParse<Evaluation>(context.MergedJobDataMap.GetString(EvaluationKey), out var e) ? e : Evaluation.NewEntries;
        try
        {
            var result = await engine.RunAsync(evaluation: evaluation, ct: cancellationToken);
            if (!result.Succeeded)
            {
                var errors = string.Join("; ", result.Errors);
                log.LogError("Rule evaluation ({Evaluation}) refused: {Errors}", evaluation, errors);
                return;
            }

            if (log.IsEnabled(LogLevel.Information))
            {
                var r = result.Value;
                log.LogInformation("Rule evaluation ({Evaluation}): {Raised} new alerts, {Resolved} resolved; read {Vouchers} vouchers and {Events} events in {Books} books",
                    evaluation, r.Raised.Count, r.Resolved, r.VouchersRead, r.AssetEventsRead, r.Books);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // No tight loop: the job waits for its next firing; the watermarks were not moved.
            log.LogError(ex, "Rule evaluation ({Evaluation}) failed; the next run starts from the last committed watermark", evaluation);
            throw new JobExecutionException(ex) { RefireImmediately = false };
        }
    }
}
