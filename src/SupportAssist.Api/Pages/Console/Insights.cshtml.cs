using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportAssist.Outcomes;

namespace SupportAssist.Api.Pages.Console;

/// <summary>The outcomes suite's figures, live: rates, latency, tokens and cost per day and language, and the largest content gaps.</summary>
public sealed class InsightsModel(IOutcomeLog outcomes, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Days { get; set; } = 30;

    public OutcomeInsights Insights { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // At most 90 days: insights read every outcome of the period on each view.
        Days = Math.Clamp(Days, 1, 90);
        var since = clock.GetUtcNow().UtcDateTime.Date.AddDays(1 - Days);
        Insights = OutcomeInsights.Of(await outcomes.ReadSinceAsync(new DateTimeOffset(since, TimeSpan.Zero), cancellationToken));
    }

    public static string Percent(double? value) => value is { } v ? $"{v * 100:0.#}%" : "–";

    public static string Number(double? value, string unit = "") => value is { } v ? $"{v:0.#}{unit}" : "–";
}
