using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AssetLedger.Host.Web.Pages;

/// <summary>
/// What every page that reads or changes the books shows of the outcome: the sentence saying what was done, or every
/// error (shown by <c>Shared/_Errors.cshtml</c>) — a refused change answers 400 and shows the form again to correct.
/// </summary>
public abstract class LedgerPageModel : PageModel
{
    public string? Done { get; private set; }

    public IReadOnlyList<LedgerError> Errors { get; protected set; } = [];

    /// <summary>This month in China (<c>YYYY-MM</c>): what a page asking for a month shows when it is given none.</summary>
    protected static string ThisMonth(TimeProvider time) => AccountingPeriod.Of(LedgerClock.Today(time)).ToString();

    /// <summary>A change's outcome: its sentence, or its errors.</summary>
    protected void Report(Outcome<string> outcome)
    {
        if (outcome.Succeeded)
        {
            Done = outcome.Value;
        }
        else
        {
            Refuse(outcome.Errors);
        }
    }

    /// <summary>Nothing was written: the errors are shown with the form, as a 400.</summary>
    protected void Refuse(IReadOnlyList<LedgerError> errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
